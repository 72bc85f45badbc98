import { Handle, Position, type NodeProps } from "@xyflow/react";
import { m } from "framer-motion";
import { memo } from "react";
import { act } from "../../actions/act";
import { deletePod } from "../../actions/commands";
import { DELAY_ANNOTATION, slowness } from "../../actions/traffic";
import { useMaxConnections, usePodTraffic } from "../../traffic/connections";
import { Chips } from "../../ui/Chips";
import { IpText } from "../../ui/IpText";
import { podLook } from "../../ui/podView";
import { useChangedFrom, useFirstSight } from "../fresh";
import { useLivePod } from "../graphStore";
import type { PodNode } from "../types";

/**
 * A pod, projector first: its name, its IP in large type, its status in words and colour, whether
 * a Service lists it; labels and its owner below (hidden when zoomed far out). A pod a controller
 * made to replace a deleted one says so ("new · after …"); a deleted pod stays a moment where it
 * was, fading. While traffic runs, a live bar shows its open connections. Appears, becomes ready
 * and terminates with motion; the ring beats when it joins or leaves a Service. Only real changes
 * move (fresh.ts): a card mounted again by React Flow stays still.
 */
export const PodCard = memo(function PodCard({ data }: NodeProps<PodNode>) {
  const { owner, endpointOf, dimmed, selected, gone, replaces } = data;
  // The newest object of this pod: a label or status change reaches this card alone (graphStore).
  const live = useLivePod(data.pod);
  const pod = gone ? data.pod : live;
  const ns = pod.metadata.namespace ?? "default";
  const name = pod.metadata.name;
  const look = podLook(pod);
  const terminating = look.tone === "off";
  const uid = pod.metadata.uid ?? `${ns}/${name}`;
  const fresh = useFirstSight(uid);
  const delay = slowness(pod);
  const classes = ["card", "pod", `tone-${gone ? "off" : look.tone}`, dimmed && "dimmed", selected && "selected", ns === "kube-system" && "system", gone && "gone", replaces && "replacement"];
  return (
    <m.div
      className={classes.filter(Boolean).join(" ")}
      initial={fresh ? { opacity: 0, scale: 0.8 } : false}
      animate={gone ? { opacity: 0, scale: 0.9 } : { opacity: dimmed ? 0.35 : terminating ? 0.7 : 1, scale: terminating ? 0.96 : 1 }}
      // A deleted pod fades over the seconds it is still drawn (history.ts), so the class sees it go.
      transition={gone ? { duration: 5, ease: "easeIn" } : { type: "spring", stiffness: 260, damping: 24 }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      {/* Keyed on the count: a new element, which beats if the count really changed. */}
      <Beat key={endpointOf} uid={uid} count={endpointOf} />
      <div className="card-head">
        <span className="pod-name" title={name}>
          {fitName(name)}
        </span>
        {!terminating && !gone && (
          <button type="button" className="icon-button nodrag" aria-label={`Delete pod ${name}`} title="kubectl delete pod" onClick={() => act(deletePod(ns, name))}>
            ×
          </button>
        )}
      </div>
      <IpText ip={pod.status.podIP} className="pod-ip" />
      <div className="card-line">
        {gone ? (
          <span className="status-word off">Deleted</span>
        ) : (
          <StatusWord key={look.readiness} uid={uid} tone={look.tone} text={look.readiness ? `${look.status} · ${look.readiness}` : look.status} />
        )}
      </div>
      {replaces ? (
        <p className="new-mark">
          <strong>new</strong> · after <span className="mono">{shortName(replaces.name)}</span> ({replaces.ip ?? "no IP"}) was deleted
        </p>
      ) : (
        <>
          <div className="card-line">
            <Chips labels={pod.metadata.labels} max={2} />
            {delay && !gone && (
              <span className="slow-mark" title={`Answers after ${delay} (${DELAY_ANNOTATION})`}>
                slow {delay}
              </span>
            )}
          </div>
          <div className="card-foot">
            <span className={owner ? "" : "orphan"}>{owner || "orphan (no owner)"}</span>
            <span className={endpointOf > 0 ? "ep-mark on" : "ep-mark"}>{endpointOf > 0 ? `endpoint${endpointOf > 1 ? ` ×${endpointOf}` : ""}` : "no Service"}</span>
          </div>
        </>
      )}
      {!gone && <TrafficBar podKey={`${ns}/${name}`} />}
    </m.div>
  );
});

/** A long name cut in the middle, so the end that tells two pods apart stays (a CSS ellipsis would cut it). */
function fitName(name: string, max = 24): string {
  return name.length <= max ? name : `${name.slice(0, max - 13)}…${name.slice(-12)}`;
}

/** "test-5755bcc45d-8fc6k" → "test-…-8fc6k": the part that tells two pods of a ReplicaSet apart, kept. */
function shortName(name: string): string {
  const parts = name.split("-");
  if (name.length <= 16 || parts.length < 3) return name;
  return `${parts[0]}-…-${parts[parts.length - 1]}`;
}

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
 * The pod's live traffic: a bar as long as its open connections (full length: the busiest pod),
 * with the figures in words. Its own component, subscribed to its own entry: while requests run,
 * a new reading re-renders this bar only, not the whole card (a hundred cards at a time).
 */
function TrafficBar({ podKey }: { podKey: string }) {
  const traffic = usePodTraffic(podKey);
  const max = useMaxConnections();
  if (!traffic) return null;
  const share = max > 0 ? traffic.active / max : 0;
  return (
    <div className="conns" title="Open connections · requests served · errors (traffic generators)">
      <span className="conn-bar" aria-hidden="true">
        <span style={{ transform: `scaleX(${share})` }} />
      </span>
      <span className="conn-words">
        <strong>{traffic.active}</strong> open · {traffic.total} req{traffic.errors > 0 && <span className="err"> · {traffic.errors} err</span>}
      </span>
    </div>
  );
}
