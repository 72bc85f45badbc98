import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { Chips } from "../../ui/Chips";
import { IpText } from "../../ui/IpText";
import { useDeltaFrom } from "../fresh";
import type { ServiceNode } from "../types";

/**
 * A Service: name and type, its ClusterIP:port → targetPort in large type, the selector as chips,
 * and its ready endpoints. When the endpoints change, the count says by how much and the card says
 * that the ClusterIP stayed the same: the stable virtual IP is the point of a Service.
 */
export const ServiceCard = memo(function ServiceCard({ id, data }: NodeProps<ServiceNode>) {
  const { service, ready, notReady, terminating, dimmed, selected } = data;
  const ports = service.spec.ports ?? [];
  return (
    <div className={`card service${dimmed ? " dimmed" : ""}${selected ? " selected" : ""}`}>
      <div className="card-head">
        <span className="kind-tag">svc</span>
        <span className="svc-name">{service.metadata.name}</span>
        <TypeOrKept key={ready} id={id} ready={ready} type={service.spec.type ?? "ClusterIP"} />
      </div>
      <div className="svc-ports">
        {ports.length === 0 && <span className="muted">no ports</span>}
        {ports.slice(0, 1).map((p) => (
          <div key={`${p.port}/${p.protocol}`} className="svc-port">
            <IpText ip={service.spec.clusterIP} />
            <span className="mono port">:{p.port}</span>
            <span className="mono target" aria-label={`to target port ${p.targetPort}`}>
              → {String(p.targetPort)}
            </span>
            {p.nodePort ? <span className="muted"> node {p.nodePort}</span> : null}
          </div>
        ))}
        {ports.length > 1 && <span className="muted">+{ports.length - 1} more port{ports.length > 2 ? "s" : ""}</span>}
      </div>
      <div className="svc-selector">
        <span className="muted">selector</span>
        <Chips labels={service.spec.selector} empty="none" max={2} />
      </div>
      <div className="card-foot svc-foot">
        <ReadyCount key={ready} id={id} ready={ready} />
        {notReady > 0 && <span className="warn-text">{notReady} not ready</span>}
        {terminating > 0 && <span className="off-text">{terminating} terminating</span>}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});

/**
 * The Service's type and — right after its endpoints changed — a tab on the card's top edge
 * saying that its ClusterIP did not. Keyed on the count by its parent, like the count itself.
 */
function TypeOrKept({ id, ready, type }: { id: string; ready: number; type: string }) {
  const changed = useDeltaFrom(`${id}|kept`, ready) !== 0;
  return (
    <>
      <span className="svc-type">{type}</span>
      {changed && type !== "ExternalName" && <span className="ip-kept">ClusterIP unchanged</span>}
    </>
  );
}

/**
 * The ready-endpoint count. Keyed on the count by its parent, so each change mounts it afresh: if
 * the count really changed (not a remount), it pops and shows the difference.
 */
function ReadyCount({ id, ready }: { id: string; ready: number }) {
  const delta = useDeltaFrom(`${id}|ready`, ready);
  const changed = delta !== 0;
  return (
    <span className={`${ready > 0 ? "ok-text" : "bad-text"} ready-count${changed ? " pop" : ""}`}>
      {ready} ready endpoint{ready === 1 ? "" : "s"}
      {changed && <span className={`delta ${delta > 0 ? "up" : "down"}`}>{delta > 0 ? `+${delta}` : `−${-delta}`}</span>}
    </span>
  );
}
