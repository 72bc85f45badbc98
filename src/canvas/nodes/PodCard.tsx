import { Handle, Position, type NodeProps } from "@xyflow/react";
import { m } from "framer-motion";
import { memo } from "react";
import { act } from "../../panels/actions";
import { deletePod } from "../../panels/commands";
import { Chips } from "../Chips";
import { IpText } from "../IpText";
import { podLook } from "../podView";
import { usePodTraffic } from "../traffic/connections";
import type { PodNode } from "../types";

/**
 * A pod: name, IP, status in words and colour, labels as chips, its owner, how many Services
 * list it, and (when traffic runs) its live connection count. Appears, becomes ready and
 * terminates with motion; the ring beats when it joins or leaves a Service.
 */
export const PodCard = memo(function PodCard({ data }: NodeProps<PodNode>) {
  const { pod, owner, endpointOf, dimmed, selected } = data;
  const ns = pod.metadata.namespace ?? "default";
  const name = pod.metadata.name;
  const look = podLook(pod);
  const traffic = usePodTraffic(`${ns}/${name}`);
  const terminating = look.tone === "off";
  return (
    <m.div
      className={`card pod tone-${look.tone}${dimmed ? " dimmed" : ""}${selected ? " selected" : ""}${ns === "kube-system" ? " system" : ""}`}
      initial={{ opacity: 0, scale: 0.8 }}
      animate={{ opacity: dimmed ? 0.35 : terminating ? 0.6 : 1, scale: terminating ? 0.94 : 1 }}
      transition={{ type: "spring", stiffness: 260, damping: 24 }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      {/* Keyed on the count: a new element replays the beat each time endpoints change. */}
      <span key={endpointOf} className={`beat${endpointOf > 0 ? " on" : ""}`} aria-hidden="true" />
      <div className="card-head">
        <span className="pod-name" title={name}>
          {name}
        </span>
        {!terminating && (
          <button type="button" className="icon-button nodrag" aria-label={`Delete pod ${name}`} title="kubectl delete pod" onClick={() => act(deletePod(ns, name))}>
            ×
          </button>
        )}
      </div>
      <div className="card-line">
        <span key={look.readiness} className={`status-word ${look.tone}`}>
          {look.status}
          {look.readiness && ` · ${look.readiness}`}
        </span>
      </div>
      <div className="card-line">
        <IpText ip={pod.status.podIP} />
        <span className="muted">{endpointOf > 0 ? `endpoint of ${endpointOf} svc` : "no Service"}</span>
      </div>
      <Chips labels={pod.metadata.labels} max={3} />
      <div className="card-foot">
        <span className={owner ? "" : "orphan"}>{owner || "orphan (no owner)"}</span>
        {traffic && (
          <span className="conns" title="Open connections · requests served · errors (traffic generators)">
            {traffic.active} conn · {traffic.total} req{traffic.errors > 0 && <span className="err"> · {traffic.errors} err</span>}
          </span>
        )}
      </div>
    </m.div>
  );
});
