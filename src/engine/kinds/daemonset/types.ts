/** A DaemonSet (apps/v1): one pod per eligible node. */
import type { KubeObject, LabelSelector } from "../meta";
import type { PodTemplateSpec } from "../pod/types";

export interface DaemonSet extends KubeObject {
  kind: "DaemonSet";
  spec: {
    selector: LabelSelector;
    template: PodTemplateSpec;
    updateStrategy: { type: string; rollingUpdate?: Record<string, unknown> };
    revisionHistoryLimit: number;
  };
  status: {
    currentNumberScheduled: number;
    desiredNumberScheduled: number;
    numberMisscheduled: number;
    numberReady: number;
    numberAvailable?: number;
    updatedNumberScheduled?: number;
    observedGeneration?: number;
  };
}
