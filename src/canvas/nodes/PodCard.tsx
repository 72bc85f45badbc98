import { Handle, Position, type NodeProps } from "@xyflow/react";
import { m } from "framer-motion";
import { memo } from "react";
import { act } from "../../actions/act";
import { deletePod } from "../../actions/commands";
import { Chips } from "../../ui/Chips";
import { useChangedFrom, useFirstSight } from "../fresh";
import { IpText } from "../../ui/IpText";
import { podLook } from "../../ui/podView";
import { usePodTraffic } from "../../traffic/connections";
import type { PodNode } from "../types";

/**
 * A pod: name, IP, status in words and colour, labels as chips, its owner, how many Services
 * list it, and (when traffic runs) its live connection count. Appears, becomes ready and
 * terminates with motion; the ring beats when it joins or leaves a Service. Only real changes
 * move (fresh.ts): a card mounted again by React Flow stays still.
 */
export const PodCard = memo(function PodCard({ data }: NodeProps<PodNode>) {
  const { pod, owner, endpointOf, dimmed, selected } = data;
  const ns = pod.metadata.namespace ?? "default";
  const name = pod.metadata.name;
  const look = podLook(pod);
  const terminating = look.tone === "off";
  const uid = pod.metadata.uid ?? `${ns}/${name}`;
  const fresh = useFirstSight(uid);
  return (
    <m.div
      className={`card pod tone-${look.tone}${dimmed ? " dimmed" : ""}${selected ? " selected" : ""}${ns === "kube-system" ? " system" : ""}`}
      initial={fresh ? { opacity: 0, scale: 0.8 } : false}
      animate={{ opacity: dimmed ? 0.35 : terminating ? 0.6 : 1, scale: terminating ? 0.94 : 1 }}
      transition={{ type: "spring", stiffness: 260, damping: 24 }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      {/* Keyed on the count: a new element, which beats if the count really changed. */}
      <Beat key={endpointOf} uid={uid} count={endpointOf} />
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
        <StatusWord key={look.readiness} uid={uid} tone={look.tone} text={look.readiness ? `${look.status} · ${look.readiness}` : look.status} />
      </div>
      <div className="card-line">
        <IpText ip={pod.status.podIP} />
        <span className="muted">{endpointOf > 0 ? `endpoint of ${endpointOf} svc` : "no Service"}</span>
      </div>
      <Chips labels={pod.metadata.labels} max={3} />
      <div className="card-foot">
        <span className={owner ? "" : "orphan"}>{owner || "orphan (no owner)"}</span>
        <TrafficLine podKey={`${ns}/${name}`} />
      </div>
    </m.div>
  );
});

/** The ring that pulses once when the pod joins or leaves a Service. */
function Beat({ uid, count }: { uid: string; count: number }) {
  const changed = useChangedFrom(`${uid}|endpoints`, count);
  return <span className={`beat${changed ? " on" : ""}`} aria-hidden="true" />;
}

/** Phase and readiness in words; settles with a small bounce when readiness changes. */
function StatusWord({ uid, tone, text }: { uid: string; tone: string; text: string }) {
  const fresh = useFirstSight(`${uid}|${text}`);
  return <span className={`status-word ${tone}${fresh ? " settle" : ""}`}>{text}</span>;
}

/**
 * The pod's live traffic figures. Its own component, subscribed to its own entry: while requests
 * run, a new reading re-renders this line only, not the whole card (a hundred cards at a time).
 */
function TrafficLine({ podKey }: { podKey: string }) {
  const traffic = usePodTraffic(podKey);
  if (!traffic) return null;
  return (
    <span className="conns" title="Open connections · requests served · errors (traffic generators)">
      {traffic.active} conn · {traffic.total} req{traffic.errors > 0 && <span className="err"> · {traffic.errors} err</span>}
    </span>
  );
}
