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
      <th scope="row" className="mono">
        {pod.metadata.name}
      </th>
      <td className="mono">{pod.metadata.namespace}</td>
      <td className="mono">{pod.status.podIP ?? <span className="muted">none yet</span>}</td>
      <td>
        <span className={`status ${tone}`}>{status}</span>
      </td>
      <td>
        <span className="mono">{podReady(pod)}</span> <span className="muted">{ready ? "ready" : "not ready"}</span>
      </td>
      <td>
        <LabelChips labels={pod.metadata.labels} />
      </td>
    </tr>
  );
});
