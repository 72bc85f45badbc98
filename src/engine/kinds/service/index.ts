/**
 * Service (core/v1): defaulting, validation, the ClusterIP and NodePort allocation and its release
 * (on a failed update, a type change, a delete), and the table.
 * Models pkg/registry/core/service/strategy.go and storage/storage.go (create/update/delete hooks
 * around the allocators of storage/alloc.go).
 */
import { ALL_VERBS, defineKind } from "../kind";
import { objectMeta, serviceSpec } from "../schema";
import { allocateServiceAddresses, releaseServiceAddresses } from "./allocation";
import { defaultService } from "./defaults";
import { serviceTable } from "./table";
import type { Service } from "./types";
import { validateService } from "./validation";

export const service = defineKind({
  resource: { kind: "Service", plural: "services", singular: "service", shortNames: ["svc"], group: "", version: "v1", namespaced: true, verbs: ALL_VERBS },
  schema: { go: "Service", fields: { metadata: objectMeta, spec: serviceSpec } },
  default(o) {
    o.spec ??= {} as Service["spec"];
    defaultService(o);
  },
  prepareForCreate(o) {
    o.status = { loadBalancer: {} };
  },
  validate: validateService,
  allocate: (o, old, ctx, dryRun) => allocateServiceAddresses(ctx.ipam, o, old, dryRun),
  release: (o, keep, ctx) => releaseServiceAddresses(ctx.ipam, o, keep),
  selectableFields: { "spec.type": (o) => o.spec.type },
  gc: { owner: true },
  table: serviceTable,
});
