/**
 * The card registry: every kind of card and edge the canvas draws, registered once. A graph layer
 * (graph/) emits nodes whose `type` is a key here; a new card is one component plus one line.
 */
import type { EdgeTypes, NodeTypes } from "@xyflow/react";
import { EndpointEdgeView, OwnerEdgeView } from "./edges/EdgeViews";
import { FrameCard } from "./nodes/FrameCard";
import { GroupCard } from "./nodes/GroupCard";
import { PodCard } from "./nodes/PodCard";
import { ServiceCard } from "./nodes/ServiceCard";
import { DeploymentCard, ReplicaSetCard } from "./nodes/WorkloadCards";
import type { CanvasEdge, CanvasNode } from "./types";

export const CARDS = {
  frame: FrameCard,
  pod: PodCard,
  group: GroupCard,
  service: ServiceCard,
  deployment: DeploymentCard,
  replicaset: ReplicaSetCard,
} satisfies Record<CanvasNode["type"], unknown> as NodeTypes;

export const EDGES = { endpoint: EndpointEdgeView, owner: OwnerEdgeView } satisfies Record<NonNullable<CanvasEdge["type"]>, unknown> as EdgeTypes;
