import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useFirstSight } from "../fresh";
import type { EndpointEdge, OwnerEdge } from "../types";

const STATE_TEXT = { ready: "", "not-ready": "not ready", terminating: "terminating" } as const;

/**
 * Service → endpoint pod. Ready: solid. Not ready / terminating: dashed, another colour, and a
 * word on the edge, so the difference never rests on colour alone. A new edge draws itself in
 * (the "join" beat; CSS, switched off under prefers-reduced-motion); an edge whose endpoint just
 * left stays a moment, saying "left" and fading out.
 */
export const EndpointEdgeView = memo(function EndpointEdgeView(props: EdgeProps<EndpointEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const [path, lx, ly] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const state = data?.state ?? "ready";
  const draw = useFirstSight(id);
  const leaving = data?.leftAt !== undefined;
  const words = leaving ? "left" : [data?.count ? `${data.count} pods` : "", STATE_TEXT[state]].filter(Boolean).join(", ");
  return (
    <>
      <BaseEdge id={id} path={path} className={`edge-endpoint ${leaving ? "leaving" : state}${draw ? " draw" : ""}${data?.highlighted ? " highlighted" : ""}`} />
      {words && (
        <EdgeLabelRenderer>
          <div className={`edge-label ${leaving ? "leaving" : state}`} style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly + 18}px)` }}>
            {words}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

/** Owner → owned (Deployment → ReplicaSet → Pod): thin and quiet. */
export const OwnerEdgeView = memo(function OwnerEdgeView(props: EdgeProps<OwnerEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return <BaseEdge id={id} path={path} className={`edge-owner${data?.highlighted ? " highlighted" : ""}`} />;
});
