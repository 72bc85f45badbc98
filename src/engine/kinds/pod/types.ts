/** A Pod (core/v1) and the pieces other kinds embed (containers, the pod template). */
import type { KubeObject, Labels } from "../meta";

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
