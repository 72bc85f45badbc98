/**
 * ConfigMap (core/v1): data only, no defaulting, metadata validation, a DATA count.
 * Models pkg/registry/core/configmap/strategy.go and printers.go `printConfigMap`.
 */
import { nameIsDNSSubdomain, validateObjectMeta } from "../../cluster/validation";
import { ALL_VERBS, defineKind } from "../kind";
import { age } from "../printing";
import { objectMeta, strMap } from "../schema";

export const configMap = defineKind({
  resource: { kind: "ConfigMap", plural: "configmaps", singular: "configmap", shortNames: ["cm"], group: "", version: "v1", namespaced: true, verbs: ALL_VERBS },
  schema: { go: "ConfigMap", fields: { metadata: objectMeta, data: strMap } },
  validate: (o) => validateObjectMeta(o.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain }),
  table: {
    headers: ["NAME", "DATA", "AGE"],
    wideHeaders: [],
    row: (o, now) => [o.metadata.name, String(Object.keys(o.data ?? {}).length), age(o.metadata.creationTimestamp, now)],
  },
});
