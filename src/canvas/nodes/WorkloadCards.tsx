import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { ReplicasStepper } from "../../ui/ReplicasStepper";
import { uiStore } from "../../ui/store";
import type { DeploymentNode, ReplicaSetNode } from "../types";

/** A Deployment: ready/desired, scale with − / + or a typed number, and open/collapse its pods. */
export const DeploymentCard = memo(function DeploymentCard({ data }: NodeProps<DeploymentNode>) {
  const { deployment: d, collapsed, large, dimmed, selected } = data;
  const ns = d.metadata.namespace ?? "default";
  const name = d.metadata.name;
  const desired = d.spec.replicas;
  const ready = d.status.readyReplicas ?? 0;
  return (
    <div className={`card deployment${dimmed ? " dimmed" : ""}${selected ? " selected" : ""}`}>
      <div className="card-head">
        <span className="kind-tag">deploy</span>
        <span className="svc-name" title={name}>
          {name}
        </span>
      </div>
      <div className="card-line">
        <span className={`status-word ${ready === desired ? "ok" : "warn"}`}>
          {ready}/{desired} ready
        </span>
      </div>
      <ReplicasStepper namespace={ns} name={name} replicas={desired} compact className="scale-row nodrag">
        {(large || !collapsed) && desired > 0 && (
          <button type="button" className="button tiny" onClick={() => uiStore.getState().toggleDeployment(`${ns}/${name}`, collapsed)}>
            {collapsed ? "Show pods" : "Collapse"}
          </button>
        )}
      </ReplicasStepper>
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
        <span>{current ? "current" : "old template"}</span>
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});
