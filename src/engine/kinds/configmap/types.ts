/** A ConfigMap (core/v1). */
import type { KubeObject } from "../meta";

export interface ConfigMap extends KubeObject {
  kind: "ConfigMap";
  data?: Record<string, string>;
}
