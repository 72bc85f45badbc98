/** A Namespace (core/v1). */
import type { KubeObject } from "../meta";

export interface Namespace extends KubeObject {
  kind: "Namespace";
  spec: { finalizers?: string[] };
  status: { phase: "Active" | "Terminating" };
}
