/**
 * Event (core/v1): what components record about objects; printed with the time since it was last
 * seen and how often (`3m (x4 over 10m)`). Its table has no NAME column.
 * Models pkg/registry/core/event/strategy.go and printers.go `printEvent`.
 */
import { nameIsDNSSubdomain, validateObjectMeta } from "../../cluster/validation";
import { ALL_VERBS, defineKind } from "../kind";
import { age } from "../printing";
import { objectMeta } from "../schema";

export const event = defineKind({
  resource: { kind: "Event", plural: "events", singular: "event", shortNames: ["ev"], group: "", version: "v1", namespaced: true, verbs: ALL_VERBS },
  schema: { go: "Event", fields: { metadata: objectMeta } },
  validate: (o) => validateObjectMeta(o.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain }),
  // Models pkg/registry/core/event/strategy.go ToSelectableFields (the fields Podflow reads).
  selectableFields: {
    "involvedObject.name": (o) => o.involvedObject.name,
    "involvedObject.kind": (o) => o.involvedObject.kind,
    type: (o) => o.type,
    reason: (o) => o.reason,
  },
  table: {
    headers: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
    wideHeaders: [],
    nameColumn: -1,
    row: (o, now) => {
      const obj = `${o.involvedObject.kind.toLowerCase()}/${o.involvedObject.name}`;
      const seen = age(o.lastTimestamp, now);
      return [o.count > 1 ? `${seen} (x${o.count} over ${age(o.firstTimestamp, now)})` : seen, o.type, o.reason, obj, o.message];
    },
  },
});
