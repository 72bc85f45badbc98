import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { uiStore } from "../../ui/store";
import type { GroupNode } from "../types";

/** A large deployment's pods on one node, collapsed to a count; opens on request. */
export const GroupCard = memo(function GroupCard({ data }: NodeProps<GroupNode>) {
  const { deployment, name, count, ready, nodeName, dimmed } = data;
  return (
    <div className={`card group${dimmed ? " dimmed" : ""}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="group-count">
        {count} <span>pods</span>
      </div>
      <div className="card-line">
        <strong>{name}</strong> on {nodeName}
      </div>
      <div className="card-line">
        <span className={`status-word ${ready === count ? "ok" : "warn"}`}>{ready} ready</span>
        <button type="button" className="button tiny nodrag" onClick={() => uiStore.getState().toggleDeployment(deployment, true)}>
          Show pods
        </button>
      </div>
    </div>
  );
});
