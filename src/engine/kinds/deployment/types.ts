/** A Deployment (apps/v1): rolls ReplicaSets from one template to the next. */
import type { IntOrString, KubeObject, LabelSelector } from "../meta";
import type { PodTemplateSpec } from "../pod/types";

export interface DeploymentCondition {
  type: "Available" | "Progressing" | "ReplicaFailure";
  status: "True" | "False";
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface Deployment extends KubeObject {
  kind: "Deployment";
  spec: {
    replicas: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
    strategy: {
      type: "RollingUpdate" | "Recreate";
      rollingUpdate?: { maxSurge: IntOrString; maxUnavailable: IntOrString };
    };
    revisionHistoryLimit: number;
    progressDeadlineSeconds: number;
    minReadySeconds?: number;
    paused?: boolean;
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: DeploymentCondition[];
    collisionCount?: number;
  };
}
