/** A ReplicaSet (apps/v1): keeps a number of pods matching its selector. */
import type { KubeObject, LabelSelector } from "../meta";
import type { PodTemplateSpec } from "../pod/types";

export interface ReplicaSet extends KubeObject {
  kind: "ReplicaSet";
  spec: { replicas: number; selector: LabelSelector; template: PodTemplateSpec; minReadySeconds?: number };
  status: {
    replicas: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
  };
}
