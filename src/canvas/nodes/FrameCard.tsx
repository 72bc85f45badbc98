import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { labStore } from "../../store";
import { uiStore } from "../../ui/store";
import { internalIP, nodeRole, nodeStatus } from "../../store/selectors";
import { IpText } from "../../ui/IpText";
import { ProxyBadge } from "../traffic/ProxyBadge";
import { FRAME_COLS, frameWidth } from "../layout";
import type { FrameNode } from "../types";

const FRAME_COLS_WIDTH = frameWidth(FRAME_COLS);

/**
 * A cluster node as a frame: its pods sit inside, at the top; its name, role, status, InternalIP
 * and Calico block are the footer (edges come into the pods from above and never cross them); the
 * kube-proxy badge is a tab on the top edge, where requests pass.
 */
export const FrameCard = memo(function FrameCard({ data, width }: NodeProps<FrameNode>) {
  const { node, name, blocks, podCount, systemCount, systemShown, dimmed } = data;
  if (!node) {
    return (
      <div className="frame unscheduled">
        <footer className="frame-head">
          <h3 className="frame-name">Not scheduled yet</h3>
          <p className="frame-sub">{podCount} pods wait for a node (no room, or no node fits)</p>
        </footer>
      </div>
    );
  }
  const status = nodeStatus(node);
  const narrow = (width ?? FRAME_COLS_WIDTH) < FRAME_COLS_WIDTH;
  return (
    <div className={`frame${dimmed ? " dimmed" : ""}${narrow ? " narrow" : ""}`}>
      <ProxyBadge node={name} />
      {podCount === 0 && !systemShown && <p className="frame-empty">No workload pods on this node.</p>}
      <footer className="frame-head">
        <div className="frame-title">
          <h3 className="frame-name">{name}</h3>
          <span className="frame-role">{nodeRole(node)}</span>
          <span className={`status-word ${status.startsWith("Ready") ? "ok" : "bad"}`}>{status}</span>
        </div>
        <dl className="frame-facts">
          <div>
            <dt>InternalIP</dt>
            <dd>
              <IpText ip={internalIP(node)} />
            </dd>
          </div>
          <div>
            <dt>Pod block</dt>
            <dd>
              {blocks.map((b) => (
                <IpText key={b} ip={b} />
              ))}
            </dd>
          </div>
        </dl>
        <div className="frame-actions">
          <button
            type="button"
            className="button tiny nodrag"
            aria-expanded={systemShown}
            aria-label={`${systemShown ? "Hide" : "Show"} kube-system (${systemCount})`}
            onClick={() => labStore.getState().setShowSystemPods(!systemShown)}
            title="kube-system pods (CoreDNS, kube-proxy, Calico…)"
          >
            {narrow ? "" : systemShown ? "Hide " : "Show "}kube-system ({systemCount})
          </button>
          <button
            type="button"
            className="button tiny nodrag"
            aria-label={`Show rules of ${name}`}
            title="This node's iptables / IPVS rules, with the last request's path"
            onClick={(e) => {
              e.stopPropagation(); // opening the rules is not selecting the node (the traffic panel stays)
              uiStore.getState().openDialog({ kind: "rules", node: name });
            }}
          >
            {narrow ? "Rules" : "Show rules"}
          </button>
          <span className="frame-count">
            {podCount} pod{podCount === 1 ? "" : "s"}
          </span>
        </div>
      </footer>
    </div>
  );
});
