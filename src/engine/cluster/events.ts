import { rfc3339 } from "./clock";
import type { AnyObject, KEvent } from "./types";
import type { Controller, Runtime } from "./runtime";
import { apiVersionOf, resourceOf } from "./resources";
import { objectKey } from "./store";

/** kube-apiserver's `--event-ttl` default (kubeadm keeps it): an Event lives 1 h after its last write. */
export const EVENT_TTL_MS = 60 * 60_000;

/** The recorder's aggregation key: one Event per (object, reason, message, source). */
function aggregationKey(ns: string, kind: string, name: string, uid: string | undefined, reason: string, message: string, component: string): string {
  return `${ns}/${kind}/${name}/${uid}/${reason}/${message}/${component}`;
}

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
  const aggKey = aggregationKey(ns, obj.kind, obj.metadata.name, obj.metadata.uid, reason, message, component);
  const existingName = rt.eventKeys.get(aggKey);
  const existing = existingName ? rt.store.get("Event", ns, existingName) : undefined;
  if (existing) {
    rt.store.put({ ...existing, count: existing.count + 1, lastTimestamp: rfc3339(rt.clock.now), metadata: { ...existing.metadata } });
    return;
  }
  const ev = createEvent(rt, obj, type, reason, message, component, host, fieldPath);
  rt.eventKeys.set(aggKey, ev.metadata.name);
}

/** Writes a new Event about `obj` (count 1, now), named `<object>.<hex of the time in ns>`. */
function createEvent(
  rt: Runtime,
  obj: AnyObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
  component: string,
  host?: string,
  fieldPath?: string,
): KEvent {
  const ns = obj.metadata.namespace ?? "default";
  const now = rfc3339(rt.clock.now);
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
  return rt.store.put(ev);
}

/** tools/events' housekeeping period: a series not seen for this long is finished. */
const SERIES_FINISH_MS = 6 * 60_000;
/** tools/events' refresh period: running series get their count written this often. */
const SERIES_REFRESH_MS = 30 * 60_000;

interface Series {
  ns: string;
  name: string;
  count: number;
  /** When it last happened (the series' lastObservedTime). */
  observed: number;
  /** The count the stored Event shows. */
  written: number;
}

/**
 * The events.k8s.io/v1 recorder (`client-go/tools/events`) that kube-scheduler records with. A
 * repeat of an Event starts a series: the second occurrence is written at once (count 2), later
 * ones are only counted in the recorder and written every 30 minutes, and when a series has not
 * recurred for 6 minutes its final count is written and it ends (a later repeat makes a new
 * Event). So a pod the scheduler retries every five minutes for a day costs a few writes, not
 * hundreds, and `kubectl describe` shows a count that lags as on a real cluster.
 */
export class EventSeriesRecorder {
  private readonly series = new Map<string, Series>();
  private ticks = 0;
  private armed = false;

  constructor(private readonly rt: Runtime) {}

  /** The series key of an Event `record` would write: pass it back to skip rebuilding it. */
  keyOf(obj: AnyObject, reason: string, message: string, component: string): string {
    return aggregationKey(obj.metadata.namespace ?? "default", obj.kind, obj.metadata.name, obj.metadata.uid, reason, message, component);
  }

  record(obj: AnyObject, type: "Normal" | "Warning", reason: string, message: string, component: string, key = this.keyOf(obj, reason, message, component)): void {
    const rt = this.rt;
    const s = this.series.get(key);
    if (s) {
      // Counted here; a series whose Event was deleted meanwhile ends at its next write.
      s.count++;
      s.observed = rt.clock.now;
      if (s.count === 2 && !this.write(s)) this.series.delete(key);
      return;
    }
    const ev = createEvent(rt, obj, type, reason, message, component);
    this.series.set(key, { ns: ev.metadata.namespace!, name: ev.metadata.name, count: 1, observed: rt.clock.now, written: 1 });
    this.arm();
  }

  /** Writes the series' count; false when its Event is gone (the series ends). */
  private write(s: Series): boolean {
    if (s.written === s.count) return true;
    const ev = this.rt.store.get("Event", s.ns, s.name);
    if (!ev) return false;
    s.written = s.count;
    this.rt.store.put({ ...ev, count: s.count, lastTimestamp: rfc3339(s.observed), metadata: { ...ev.metadata } });
    return true;
  }

  private arm(): void {
    if (this.armed) return;
    this.armed = true;
    this.rt.clock.schedule(SERIES_FINISH_MS, () => this.tick(), true);
  }

  /** finishSeries every 6 minutes; refreshExistingEventSeries every 30. */
  private tick(): void {
    this.armed = false;
    const now = this.rt.clock.now;
    const refresh = ++this.ticks % (SERIES_REFRESH_MS / SERIES_FINISH_MS) === 0;
    for (const [key, s] of this.series) {
      if (s.observed <= now - SERIES_FINISH_MS) {
        this.write(s);
        this.series.delete(key);
      } else if (refresh && !this.write(s)) {
        this.series.delete(key);
      }
    }
    if (this.series.size > 0) this.arm();
  }
}

/** Events about one object, oldest first (what `kubectl describe` lists). */
export function eventsFor(rt: Runtime, obj: AnyObject): KEvent[] {
  const ns = obj.metadata.namespace ?? "default";
  return rt.store
    .list("Event", ns)
    .filter((e) => e.involvedObject.uid === obj.metadata.uid)
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : 0));
}

/**
 * The API server's event TTL (`--event-ttl`, 1 h): the Event registry stores every Event with an
 * etcd lease that each write renews (`pkg/registry/core/event/storage`'s TTLFunc), so an Event is
 * gone an hour after it last changed, however long the lab runs. One housekeeping timer at a
 * time, for the Event that lapses first; it does not count as pending work (the cluster is idle
 * with events still alive).
 */
export class EventExpiry implements Controller {
  readonly name = "event-ttl";
  /**
   * Event key → virtual time of its last write. A write re-inserts the key at the end, so the
   * Map's order is last-write order and its first entry is always the next to lapse.
   */
  private readonly written = new Map<string, number>();
  /** When the armed timer fires, if one is armed. */
  private armedAt: number | undefined;

  register(rt: Runtime): void {
    rt.store.watch("Event", (e) => {
      const key = objectKey(e.object);
      this.written.delete(key);
      if (e.type === "DELETED") {
        // The recorder's aggregation entry goes with it: a repeat makes a new Event.
        const ev = e.object;
        const agg = aggregationKey(ev.metadata.namespace ?? "default", ev.involvedObject.kind ?? "", ev.involvedObject.name ?? "", ev.involvedObject.uid, ev.reason ?? "", ev.message ?? "", ev.source?.component ?? "");
        if (rt.eventKeys.get(agg) === ev.metadata.name) rt.eventKeys.delete(agg);
        return;
      }
      this.written.set(key, rt.clock.now);
      this.arm(rt);
    });
  }

  /** Events still alive, for tests. */
  get size(): number {
    return this.written.size;
  }

  private arm(rt: Runtime): void {
    // An armed timer is never later than the first entry's lapse (entries only move later), and
    // looking for the first entry skips the holes deletions leave in a Map: check this first.
    if (this.armedAt !== undefined) return;
    const first = this.written.values().next();
    if (first.done) return;
    const at = first.value + EVENT_TTL_MS;
    this.armedAt = at;
    rt.clock.schedule(at - rt.clock.now, () => this.expire(rt), true);
  }

  private expire(rt: Runtime): void {
    this.armedAt = undefined;
    const lapsed: string[] = [];
    for (const [key, at] of this.written) {
      if (at + EVENT_TTL_MS > rt.clock.now) break;
      lapsed.push(key);
    }
    for (const key of lapsed) {
      this.written.delete(key);
      const slash = key.indexOf("/");
      rt.store.remove("Event", key.slice(0, slash), key.slice(slash + 1));
    }
    this.arm(rt);
  }
}
