/** A ReplicaSet (apps/v1): keeps a number of pods matching its selector. */
import type { LabelSelector, PodTemplateSpec } from "../../cluster/types";
import type { KubeObject } from "../meta";

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
