/** An Event (core/v1), as the components of this cluster record them. */
import type { KubeObject } from "../meta";

export interface ObjectReference {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface KEvent extends KubeObject {
  kind: "Event";
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: "Normal" | "Warning";
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}
