/**
 * Node (core/v1): cluster-scoped; the kubelet registers it and keeps its status; the garbage
 * collector deletes what a removed node owned (its mirror pods).
 * Models pkg/registry/core/node/strategy.go and printers.go `printNode` (ROLES from the
 * node-role.kubernetes.io/ labels; SchedulingDisabled when cordoned).
 */
import { nameIsDNSSubdomain, validateObjectMeta } from "../../cluster/validation";
import { ALL_VERBS, defineKind } from "../kind";
import { age } from "../printing";
import { objectMeta } from "../schema";

export const node = defineKind({
  resource: { kind: "Node", plural: "nodes", singular: "node", shortNames: ["no"], group: "", version: "v1", namespaced: false, verbs: ALL_VERBS },
  schema: { go: "Node", fields: { metadata: objectMeta } },
  validate: (o) => validateObjectMeta(o.metadata, { namespaced: false, nameValidator: nameIsDNSSubdomain }),
  gc: { owner: true },
  table: {
    headers: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
    wideHeaders: ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
    row: (o, now, wide) => {
      const ready = o.status.conditions.find((c) => c.type === "Ready")?.status === "True";
      let status = ready ? "Ready" : "NotReady";
      if (o.spec.unschedulable) status += ",SchedulingDisabled";
      const roles = Object.keys(o.metadata.labels ?? {})
        .filter((k) => k.startsWith("node-role.kubernetes.io/"))
        .map((k) => k.slice("node-role.kubernetes.io/".length))
        .sort();
      const row = [o.metadata.name, status, roles.length ? roles.join(",") : "<none>", age(o.metadata.creationTimestamp, now), o.status.nodeInfo.kubeletVersion];
      if (wide) {
        const ip = o.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "<none>";
        row.push(ip, "<none>", o.status.nodeInfo.osImage, o.status.nodeInfo.kernelVersion, o.status.nodeInfo.containerRuntimeVersion);
      }
      return row;
    },
  },
});
