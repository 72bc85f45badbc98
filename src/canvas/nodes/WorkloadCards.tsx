import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo, useState } from "react";
import { act } from "../../panels/actions";
import { scaleDeployment } from "../../panels/commands";
import { uiStore } from "../../ui/store";
import type { DeploymentNode, ReplicaSetNode } from "../types";

/** A Deployment: ready/desired, scale with − / + or a typed number, and open/collapse its pods. */
export const DeploymentCard = memo(function DeploymentCard({ data }: NodeProps<DeploymentNode>) {
  const { deployment: d, collapsed, large, dimmed, selected } = data;
  const ns = d.metadata.namespace ?? "default";
  const name = d.metadata.name;
  const desired = d.spec.replicas;
  const ready = d.status.readyReplicas ?? 0;
  const [typed, setTyped] = useState<string | null>(null);
  const scale = (n: number) => {
    if (Number.isInteger(n) && n >= 0) act(scaleDeployment(ns, name, n));
  };
  return (
    <div className={`card deployment${dimmed ? " dimmed" : ""}${selected ? " selected" : ""}`}>
      <div className="card-head">
        <span className="kind-tag">deploy</span>
        <span className="svc-name">{name}</span>
        <span className={`status-word ${ready === desired ? "ok" : "warn"}`}>
          {ready}/{desired} ready
        </span>
      </div>
      <div className="scale-row nodrag" role="group" aria-label={`Scale ${name}`}>
        <button type="button" className="icon-button" aria-label={`Scale ${name} down`} disabled={desired === 0} onClick={() => scale(desired - 1)}>
          −
        </button>
        <input
          className="replicas"
          type="number"
          min={0}
          aria-label={`Replicas of ${name}`}
          value={typed ?? String(desired)}
          onChange={(e) => setTyped(e.target.value)}
          onBlur={() => setTyped(null)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && typed !== null) {
              scale(Number(typed));
              setTyped(null);
            }
            if (e.key === "Escape") setTyped(null);
          }}
        />
        <button type="button" className="icon-button" aria-label={`Scale ${name} up`} onClick={() => scale(desired + 1)}>
          +
        </button>
        {(large || !collapsed) && desired > 0 && (
          <button type="button" className="button tiny" onClick={() => uiStore.getState().toggleDeployment(`${ns}/${name}`, collapsed)}>
            {collapsed ? "Show pods" : "Collapse"}
          </button>
        )}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});

/** A ReplicaSet: the current one, or an older one still draining during a rollout. */
export const ReplicaSetCard = memo(function ReplicaSetCard({ data }: NodeProps<ReplicaSetNode>) {
  const { replicaSet: rs, current, dimmed, selected } = data;
  return (
    <div className={`card replicaset${current ? "" : " old"}${dimmed ? " dimmed" : ""}${selected ? " selected" : ""}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="card-head">
        <span className="kind-tag">rs</span>
        <span className="rs-name">{rs.metadata.name}</span>
      </div>
      <div className="card-foot">
        <span>
          {rs.status.readyReplicas ?? 0}/{rs.spec.replicas} ready
        </span>
        <span>{current ? "current template" : "old template"}</span>
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});
