import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { Chips } from "../../ui/Chips";
import { IpText } from "../../ui/IpText";
import type { ServiceNode } from "../types";

/** A Service: name, type, ClusterIP:port → targetPort, selector chips and its endpoint tally. */
export const ServiceCard = memo(function ServiceCard({ data }: NodeProps<ServiceNode>) {
  const { service, ready, notReady, terminating, dimmed, selected } = data;
  const ports = service.spec.ports ?? [];
  return (
    <div className={`card service${dimmed ? " dimmed" : ""}${selected ? " selected" : ""}`}>
      <div className="card-head">
        <span className="kind-tag">svc</span>
        <span className="svc-name">{service.metadata.name}</span>
        <span className="svc-type">{service.spec.type}</span>
      </div>
      <div className="svc-ports">
        {ports.length === 0 && <span className="muted">no ports</span>}
        {ports.slice(0, 2).map((p) => (
          <div key={`${p.port}/${p.protocol}`} className="svc-port">
            <IpText ip={service.spec.clusterIP} />
            <span className="mono">:{p.port}</span>
            <span aria-label="to target port"> → </span>
            <span className="mono">{String(p.targetPort)}</span>
            {p.nodePort ? <span className="muted"> (node {p.nodePort})</span> : null}
          </div>
        ))}
      </div>
      <div className="svc-selector">
        <span className="muted">selector</span>
        <Chips labels={service.spec.selector} empty="none" max={3} />
      </div>
      <div className="card-foot">
        <span className={ready > 0 ? "ok-text" : "bad-text"}>
          {ready} ready endpoint{ready === 1 ? "" : "s"}
        </span>
        {notReady > 0 && <span className="warn-text">{notReady} not ready</span>}
        {terminating > 0 && <span className="off-text">{terminating} terminating</span>}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});
