import { memo } from "react";
import type { Pod } from "../engine/cluster/types";
import { isPodReady, podReady, podStatus } from "../store/selectors";
import { LabelChips } from "./LabelChips";

/** One pod; memoised because pod objects keep their identity while unchanged. */
export const PodRow = memo(function PodRow({ pod }: { pod: Pod }) {
  const status = podStatus(pod);
  const ready = isPodReady(pod);
  const tone = status === "Running" && ready ? "ok" : status === "Terminating" ? "bad" : "warn";
  return (
    <tr>
      <th scope="row">
        <span className="mono">{pod.metadata.name}</span>
        <span className="row-sub">
          <span className="sr-only">namespace </span>
          {pod.metadata.namespace}
        </span>
      </th>
      <td className="mono">{pod.status.podIP ?? <span className="muted">none yet</span>}</td>
      <td>
        <span className={`status ${tone}`}>{status}</span>
      </td>
      <td>
        <span className="mono" title={ready ? "ready" : "not ready"}>
          {podReady(pod)}
        </span>
      </td>
      <td>
        <LabelChips labels={pod.metadata.labels} />
      </td>
    </tr>
  );
});
