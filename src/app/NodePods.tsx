import { useId } from "react";
import type { PodGroup } from "../store/selectors";
import { PodRow } from "./PodRow";

/** One node's pods; its kube-system pods only when they are shown. */
export function NodePods({ group, showSystem }: { group: PodGroup; showSystem: boolean }) {
  const headingId = useId();
  const pods = showSystem ? [...group.pods, ...group.systemPods] : group.pods;
  const hidden = showSystem ? 0 : group.systemPods.length;
  const title = group.node ?? "Not scheduled yet";

  return (
    <div className="node-group" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className="mono">
        {title}
      </h3>
      {pods.length > 0 ? (
        <table className="table pods">
          <thead>
            <tr>
              <th scope="col">Pod (namespace)</th>
              <th scope="col">IP</th>
              <th scope="col">Status</th>
              <th scope="col">Ready</th>
              <th scope="col">Labels</th>
            </tr>
          </thead>
          <tbody>
            {pods.map((pod) => (
              <PodRow key={pod.metadata.uid} pod={pod} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted empty">No pods{hidden > 0 ? " outside kube-system" : ""}.</p>
      )}
      {hidden > 0 && (
        <p className="muted hidden-note">
          + {hidden} kube-system {hidden === 1 ? "pod" : "pods"} hidden
        </p>
      )}
    </div>
  );
}
