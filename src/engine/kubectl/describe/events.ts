// Events in describe: `searchEvents` (the field-selector query kubectl sends) and `DescribeEvents`
// (the table at the bottom).
import type { StoreReader } from "../../cluster/client";
import type { AnyObject, KEvent } from "../../cluster/types";
import { since } from "./format";
import { goSort } from "./gosort";
import { LEVEL_0, LEVEL_1, type PrefixWriter } from "./writer";

export interface EventQuery {
  /** Events are listed in this namespace; "" lists every namespace (cluster-scoped objects). */
  namespace: string;
  name: string;
  /** `involvedObject.kind`; omitted for pods (describe clears it to catch mirror-pod events). */
  kind?: string;
  uid: string;
}

/**
 * `searchEvents`: `involvedObject.name/namespace/kind/uid` as a field selector, in the order the
 * API server lists events (namespace, then name — the name carries the creation time in hex).
 */
export function searchEvents(store: StoreReader, q: EventQuery): KEvent[] {
  return store
    .list("Event", q.namespace === "" ? undefined : q.namespace)
    .filter(
      (e) =>
        e.involvedObject.name === q.name &&
        (e.involvedObject.namespace ?? "") === q.namespace &&
        (q.kind === undefined || e.involvedObject.kind === q.kind) &&
        e.involvedObject.uid === q.uid,
    );
}

/** The query `reference.GetReference` builds for an object (kind kept). */
export function eventQueryFor(o: AnyObject): EventQuery {
  return { namespace: o.metadata.namespace ?? "", name: o.metadata.name, kind: o.kind, uid: o.metadata.uid };
}

function eventTime(e: KEvent): number {
  return Date.parse(e.lastTimestamp || (e.eventTime as unknown as string) || "") || 0;
}

/**
 * `DescribeEvents`: `Events:  <none>`, or a table sorted by last-seen time (Go's unstable sort),
 * Age as `5s` or `4m (x3 over 10m)`, From = the source component (no host since kubectl 1.2x),
 * the message trimmed. v1.33 does not prefix the involved object's fieldPath (that came in v1.35).
 */
export function describeEvents(events: KEvent[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  const sorted = goSort([...events], (a, b) => eventTime(a) < eventTime(b));
  w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(LEVEL_1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const first = since(e.firstTimestamp, now);
    const interval = e.count > 1 ? `${since(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    const source = e.source?.component || e.reportingComponent || "";
    w.write(LEVEL_1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${e.message.trim()}\n`);
  }
}
