import { rfc3339 } from "./clock";
import type { AnyObject, KEvent } from "./types";
import type { Runtime } from "./runtime";
import { apiVersionOf, resourceOf } from "./resources";

/**
 * The event recorder (`client-go/tools/record`): one Event per (object, reason, message), counted
 * up when repeated, named `<object>.<hex of the time in ns>` like real events.
 */
export function recordEvent(
  rt: Runtime,
  obj: AnyObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
  component: string,
  host?: string,
  fieldPath?: string,
): void {
  const ns = obj.metadata.namespace ?? "default";
  const now = rfc3339(rt.clock.now);
  const aggKey = `${ns}/${obj.kind}/${obj.metadata.name}/${obj.metadata.uid}/${reason}/${message}/${component}`;
  const existingName = rt.eventKeys.get(aggKey);
  const existing = existingName ? rt.store.get("Event", ns, existingName) : undefined;
  if (existing) {
    rt.store.put({ ...existing, count: existing.count + 1, lastTimestamp: now, metadata: { ...existing.metadata } });
    return;
  }
  const nanos = BigInt(rt.clock.now) * 1000000n + BigInt(rt.eventSeq++ % 1000000);
  const name = `${obj.metadata.name}.${nanos.toString(16)}`;
  const ev: KEvent = {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: ns, uid: rt.uids.uuid(), resourceVersion: "", creationTimestamp: now },
    involvedObject: {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: apiVersionOf(resourceOf(obj.kind)),
      resourceVersion: obj.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    },
    reason,
    message,
    source: host ? { component, host } : { component },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type,
    eventTime: null,
    reportingComponent: component,
    reportingInstance: host ?? "",
  };
  rt.eventKeys.set(aggKey, name);
  rt.store.put(ev);
}

/** Events about one object, oldest first (what `kubectl describe` lists). */
export function eventsFor(rt: Runtime, obj: AnyObject): KEvent[] {
  const ns = obj.metadata.namespace ?? "default";
  return rt.store
    .list("Event", ns)
    .filter((e) => e.involvedObject.uid === obj.metadata.uid)
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : 0));
}
