/**
 * Kubernetes object shapes, as the API server stores and returns them (the subset Podflow uses).
 * Field names and nesting follow the real v1 / apps/v1 / discovery.k8s.io/v1 APIs so that
 * `kubectl get -o yaml` prints what a real cluster prints.
 */

import type { KubeObject, Labels } from "../kinds/meta";
import type { ConfigMap } from "../kinds/configmap/types";

import type { Namespace } from "../kinds/namespace/types";

import type { KEvent } from "../kinds/event/types";

import type { Endpoints } from "../kinds/endpoints/types";

import type { EndpointSlice } from "../kinds/endpointslice/types";

import type { Node } from "../kinds/node/types";

import type { DaemonSet } from "../kinds/daemonset/types";

import type { Deployment } from "../kinds/deployment/types";

import type { ReplicaSet } from "../kinds/replicaset/types";

import type { Service } from "../kinds/service/types";

// Each kind's shape lives in its folder (kinds/<kind>/types.ts); this module gathers them.
export type * from "../kinds/meta";
export type * from "../kinds/service/types";
export type * from "../kinds/replicaset/types";
export type * from "../kinds/deployment/types";
export type * from "../kinds/daemonset/types";
export type * from "../kinds/node/types";
export type * from "../kinds/endpointslice/types";
export type * from "../kinds/endpoints/types";
export type * from "../kinds/event/types";
export type * from "../kinds/namespace/types";
export type * from "../kinds/configmap/types";

// ---------------------------------------------------------------- core/v1

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: "TCP" | "UDP" | "SCTP";
  hostPort?: number;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { apiVersion?: string; fieldPath: string } };
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: ContainerPort[];
  env?: EnvVar[];
  resources?: Record<string, unknown>;
  imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  readinessProbe?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface Toleration {
  key?: string;
  operator?: "Exists" | "Equal";
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  restartPolicy?: "Always" | "OnFailure" | "Never";
  terminationGracePeriodSeconds?: number;
  dnsPolicy?: string;
  schedulerName?: string;
  securityContext?: Record<string, unknown>;
  nodeName?: string;
  nodeSelector?: Labels;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  serviceAccountName?: string;
  serviceAccount?: string;
  priority?: number;
  priorityClassName?: string;
  enableServiceLinks?: boolean;
  preemptionPolicy?: string;
  tolerations?: Toleration[];
  volumes?: Record<string, unknown>[];
}

export interface PodCondition {
  type: "PodReadyToStartContainers" | "Initialized" | "Ready" | "ContainersReady" | "PodScheduled";
  status: "True" | "False";
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: {
    waiting?: { reason: string; message?: string };
    running?: { startedAt: string };
    terminated?: { exitCode: number; reason: string; startedAt?: string; finishedAt?: string };
  };
  lastState: Record<string, unknown>;
}

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";

export interface PodStatus {
  phase: PodPhase;
  conditions?: PodCondition[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  qosClass?: string;
  containerStatuses?: ContainerStatus[];
}

export interface PodTemplateSpec {
  metadata: { labels?: Labels; annotations?: Record<string, string>; creationTimestamp?: null; name?: string };
  spec: PodSpec;
}

export interface Pod extends KubeObject {
  kind: "Pod";
  spec: PodSpec;
  status: PodStatus;
}

// ---------------------------------------------------------------- apps/v1

// ---------------------------------------------------------------- discovery.k8s.io/v1

// ---------------------------------------------------------------- kinds

export type AnyObject =
  | Namespace
  | Node
  | Pod
  | Service
  | Endpoints
  | ConfigMap
  | KEvent
  | ReplicaSet
  | Deployment
  | DaemonSet
  | EndpointSlice;

export type Kind = AnyObject["kind"];

export type ObjectOfKind<K extends Kind> = Extract<AnyObject, { kind: K }>;
