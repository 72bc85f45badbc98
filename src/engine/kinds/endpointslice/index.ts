/**
 * EndpointSlice (discovery.k8s.io/v1), written by the EndpointSlice controller; its generation
 * counts changes to its endpoints and ports.
 * Models pkg/registry/discovery/endpointslice/strategy.go and printers.go `printEndpointSlice`.
 */
import { nameIsDNSSubdomain, validateObjectMeta } from "../../cluster/validation";
import { ALL_VERBS, defineKind } from "../kind";
import { age } from "../printing";
import { objectMeta } from "../schema";

const sliceCell = (xs: string[]) => (xs.length === 0 ? "<unset>" : xs.length > 3 ? `${xs.slice(0, 3).join(",")} + ${xs.length - 3} more...` : xs.join(","));

export const endpointSlice = defineKind({
  resource: { kind: "EndpointSlice", plural: "endpointslices", singular: "endpointslice", shortNames: [], group: "discovery.k8s.io", version: "v1", namespaced: true, verbs: ALL_VERBS },
  schema: { go: "EndpointSlice", fields: { metadata: objectMeta } },
  validate: (o) => validateObjectMeta(o.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain }),
  desiredState: (o) => [o.endpoints, o.ports],
  gc: { dependent: true },
  table: {
    headers: ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
    wideHeaders: [],
    row: (o, now) => {
      const ports = (o.ports ?? []).map((p) => (p.port ? String(p.port) : p.name || "*"));
      const addrs = o.endpoints.flatMap((e) => e.addresses);
      return [o.metadata.name, o.addressType, sliceCell(ports), sliceCell(addrs), age(o.metadata.creationTimestamp, now)];
    },
  },
});
