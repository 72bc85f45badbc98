/** The React Flow node and edge shapes the canvas draws (built by `toGraph`). */
import type { Edge, Node as FlowNode } from "@xyflow/react";
import type { Deployment, Node, Pod, ReplicaSet, Service } from "../engine/cluster/types";
import type { EndpointState } from "./endpoints";

export type FrameData = {
  node: Node | null;
  /** "unscheduled" for the frame of pods no node has taken yet. */
  name: string;
  blocks: readonly string[];
  podCount: number;
  systemCount: number;
  systemShown: boolean;
  dimmed: boolean;
};

export type PodData = {
  /** The pod as the graph last drew it; its card draws the newest object (graphStore's `useLivePod`). */
  pod: Pod;
  /** Owner shown on the card: the Deployment, "ReplicaSet x", "DaemonSet x", or "" for an orphan. */
  owner: string;
  /** How many Services list this pod as an endpoint (any state). */
  endpointOf: number;
  dimmed: boolean;
  selected: boolean;
  /** Deleted a moment ago: drawn fading where it was, no longer in the cluster. */
  gone?: boolean;
  /** The deleted pod this one stands in for (a controller created it to get back to its count). */
  replaces?: { name: string; ip: string | undefined };
};

export type GroupData = {
  /** "ns/deployment" */
  deployment: string;
  name: string;
  nodeName: string;
  count: number;
  ready: number;
  dimmed: boolean;
};

export type ServiceData = { service: Service; ready: number; notReady: number; terminating: number; dimmed: boolean; selected: boolean };
export type DeploymentData = { deployment: Deployment; collapsed: boolean; large: boolean; dimmed: boolean; selected: boolean };
export type ReplicaSetData = { replicaSet: ReplicaSet; current: boolean; dimmed: boolean; selected: boolean };

export type FrameNode = FlowNode<FrameData, "frame">;
export type PodNode = FlowNode<PodData, "pod">;
export type GroupNode = FlowNode<GroupData, "group">;
export type ServiceNode = FlowNode<ServiceData, "service">;
export type DeploymentNode = FlowNode<DeploymentData, "deployment">;
export type ReplicaSetNode = FlowNode<ReplicaSetData, "replicaset">;
export type CanvasNode = FrameNode | PodNode | GroupNode | ServiceNode | DeploymentNode | ReplicaSetNode;

export type EndpointEdgeData = {
  state: EndpointState;
  /** More than one pod behind the edge (a collapsed group): how many, per state. */
  count?: number;
  highlighted: boolean;
  /** The endpoint left the Service a moment ago: the edge is still drawn, fading out (virtual ms when it left). */
  leftAt?: number;
};
export type OwnerEdgeData = { highlighted: boolean };

export type EndpointEdge = Edge<EndpointEdgeData, "endpoint">;
export type OwnerEdge = Edge<OwnerEdgeData, "owner">;
export type CanvasEdge = EndpointEdge | OwnerEdge;
