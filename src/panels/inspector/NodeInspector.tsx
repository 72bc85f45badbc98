import { IpText } from "../../ui/IpText";
import type { Node } from "../../engine/cluster/types";
import { useLab } from "../../store";
import { internalIP, nodePodBlocks, nodeRole, nodeStatus } from "../../store/selectors";
import { uiStore } from "../../ui/store";

/** A cluster node: role, InternalIP, its Calico blocks, its pods, and a door to its rules. */
export function NodeInspector({ node }: { node: Node }) {
  const ranges = useLab((s) => s.snapshot.ranges);
  const count = useLab((s) => s.snapshot.pods.filter((p) => p.spec.nodeName === node.metadata.name).length);
  const blocks = nodePodBlocks({ ranges }, node);
  return (
    <>
      <dl className="facts">
        <dt>Role</dt>
        <dd>{nodeRole(node)}</dd>
        <dt>Status</dt>
        <dd>{nodeStatus(node)}</dd>
        <dt>InternalIP</dt>
        <dd>
          <IpText ip={internalIP(node)} focusable />
        </dd>
        <dt>Pod blocks</dt>
        <dd>
          {blocks.map((b) => {
            const info = ranges.podBlocks.find((x) => x.cidr === b);
            return (
              <div key={b}>
                <IpText ip={b} focusable /> {info && <span className="muted">{info.used}/{info.size} used</span>}
              </div>
            );
          })}
        </dd>
        <dt>Pods</dt>
        <dd>{count}</dd>
        <dt>kubelet</dt>
        <dd>{node.status.nodeInfo.kubeletVersion}</dd>
      </dl>
      <div className="actions">
        <button type="button" className="button small" onClick={() => uiStore.getState().openDialog({ kind: "rules", node: node.metadata.name })}>
          Show rules (iptables / IPVS)
        </button>
      </div>
    </>
  );
}
