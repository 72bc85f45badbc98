/**
 * Namespace (core/v1): cluster-scoped, named as a DNS label, labelled with its own name, created
 * Active with the `kubernetes` finalizer, and deleted by going Terminating (the namespace
 * controller empties it). The four namespaces kubeadm makes may not be deleted.
 * Models pkg/registry/core/namespace/strategy.go, storage/storage.go (Delete) and the
 * NamespaceLifecycle admission plugin; printers.go `printNamespace`.
 */
import { rfc3339 } from "../../cluster/clock";
import { fail, forbidden, ok } from "../../cluster/errors";
import { nameIsDNSLabel, validateObjectMeta } from "../../cluster/validation";
import { clone } from "../../util/clone";
import { defineKind } from "../kind";
import { age } from "../printing";
import { objectMeta } from "../schema";

const PROTECTED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

export const namespace = defineKind({
  resource: { kind: "Namespace", plural: "namespaces", singular: "namespace", shortNames: ["ns"], group: "", version: "v1", namespaced: false, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"] },
  schema: { go: "Namespace", fields: { metadata: objectMeta } },
  default(o) {
    o.metadata.labels = { ...o.metadata.labels, "kubernetes.io/metadata.name": o.metadata.name };
  },
  prepareForCreate(o) {
    o.spec = { finalizers: ["kubernetes"] };
    o.status = { phase: "Active" };
  },
  validate: (o) => validateObjectMeta(o.metadata, { namespaced: false, nameValidator: nameIsDNSLabel }),
  selectableFields: { "status.phase": (o) => o.status.phase },
  beforeDelete(o, ctx) {
    const name = o.metadata.name;
    if (PROTECTED_NAMESPACES.includes(name)) return fail(forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`));
    if (o.metadata.deletionTimestamp) return ok(o);
    const ns = clone(o);
    ns.metadata.deletionTimestamp = rfc3339(ctx.clock.now);
    ns.status.phase = "Terminating";
    return ok(ctx.store.put(ns));
  },
  table: {
    headers: ["NAME", "STATUS", "AGE"],
    wideHeaders: [],
    row: (o, now) => [o.metadata.name, o.status.phase, age(o.metadata.creationTimestamp, now)],
  },
});
