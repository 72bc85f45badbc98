/**
 * Live narration, as a pure function: what the cluster just did, and who did it, from two
 * consecutive pictures of it. The engine's own Events say who acted (the ReplicaSet controller,
 * the scheduler, the Deployment controller, a kubelet); where Kubernetes records no Event (an
 * EndpointSlice's endpoints, a Service's ClusterIP, a kube-proxy sync, a pod's IP) the captions
 * come from comparing the two snapshots, and they name the component that really does it — the
 * API server allocates a ClusterIP, not kube-proxy.
 *
 * Cheap by construction: the snapshot keeps each kind's list (and each unchanged object) by
 * identity, so an unchanged kind costs one comparison.
 */
import type { ClusterSnapshot, ProxyStatus } from "../engine/api";
import type { Endpoint, EndpointSlice, KEvent, Labels, Pod, ReplicaSet, Service } from "../engine/cluster/types";
import { formatLabels } from "../store/selectors";
import { changedInPlace } from "../store/podDiff";
import type { Selection } from "../ui/store";

/** What a caption points at: the object the inspector shows, and what the camera brings into view. */
export interface CaptionTarget {
  selection: Selection;
  /** Canvas ids ("pod:ns/name", "svc:ns/name", "deploy:ns/name", "rs:ns/name", "frame:NODE"). */
  focus: string[];
}

export interface Caption {
  /** Virtual time it happened (ms since the epoch). */
  time: number;
  /** Who acted, the sentence's subject: "ReplicaSet test-5755bcc45d", "kubelet on node02", "API server"… */
  actor: string;
  /** What it did, read after the actor: "created pod test-5755bcc45d-x9k2q to get back to 2 replicas". */
  text: string;
  target?: CaptionTarget;
  /** A kube-proxy sync: syncs of one Service to the same endpoints merge across nodes. */
  proxy?: { service: string; nodes: string[]; ready: number; removed: boolean };
  /** How many times the same caption came in a row (a crash loop's back-offs). */
  repeat?: number;
}

/** One picture of the cluster: its snapshot and its kube-proxies' sync state. */
export interface Frame {
  snapshot: ClusterSnapshot;
  proxies: readonly ProxyStatus[];
}

/** Per node: the Services ("ns/name") that changed since its kube-proxy last synced. */
export type Pending = ReadonlyMap<string, ReadonlySet<string>>;

/** Namespaces whose objects the narration leaves out (the cluster's own plumbing). */
const SYSTEM_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease"]);
const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
/** At most this many names are listed in one caption; the rest are counted. */
const LIST_MAX = 3;

const visible = (ns: string | undefined) => !SYSTEM_NAMESPACES.has(ns ?? "default");
const keyOf = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function podTarget(ns: string, names: string[], extra: string[] = []): CaptionTarget {
  return { selection: { kind: "Pod", namespace: ns, name: names[0] }, focus: [...names.map((n) => `pod:${ns}/${n}`), ...extra] };
}

/** "a, b and c", or "a, b, c and 2 more". */
function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length > LIST_MAX) return `${items.slice(0, LIST_MAX).join(", ")} and ${items.length - LIST_MAX} more`;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A pod of a ReplicaSet by its random suffix ("…-x9k2q"), where the ReplicaSet is named already. */
function short(pod: string, owner: string): string {
  return pod.startsWith(`${owner}-`) ? `…${pod.slice(owner.length)}` : pod;
}

function controllerOf(pod: Pod): string | undefined {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
  return ref?.kind === "ReplicaSet" ? ref.name : undefined;
}

/**
 * The items of a list by "ns/name", built once per list: snapshots keep a list's identity while it
 * is unchanged, and this frame's `after` is the next frame's `before`, so each map is built once.
 */
const keyed = new WeakMap<readonly object[], ReadonlyMap<string, unknown>>();
function byKey<T extends { metadata: { namespace?: string; name: string } }>(items: readonly T[]): ReadonlyMap<string, T> {
  let m = keyed.get(items) as ReadonlyMap<string, T> | undefined;
  if (!m) {
    const built = new Map<string, T>();
    for (const i of items) built.set(keyOf(i), i);
    keyed.set(items, (m = built));
  }
  return m;
}

/** The objects of a list as a set, built once per list (see byKey). */
const sets = new WeakMap<readonly object[], ReadonlySet<object>>();
function objects(items: readonly object[]): ReadonlySet<object> {
  let set = sets.get(items);
  if (!set) sets.set(items, (set = new Set(items)));
  return set;
}

function sameLabels(a: Labels | undefined, b: Labels | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a![k] === b?.[k]);
}

const labelText = (l: Labels | undefined) => formatLabels(l).join(",") || "no labels";

/** "kubelet on node02" from an Event's source. */
function actorOf(e: KEvent): string {
  const c = e.source.component;
  const names: Record<string, string> = {
    "replicaset-controller": "ReplicaSet controller",
    "deployment-controller": "Deployment controller",
    "default-scheduler": "Scheduler",
    "endpointslice-controller": "EndpointSlice controller",
    "node-controller": "Node controller",
  };
  return names[c] ?? (e.source.host ? `${c} on ${e.source.host}` : c);
}

function eventTarget(e: KEvent): CaptionTarget | undefined {
  const { kind, namespace = "", name } = e.involvedObject;
  const prefix: Record<string, string> = { Pod: "pod", Service: "svc", Deployment: "deploy", ReplicaSet: "rs" };
  if (kind === "Node") return { selection: { kind, namespace: "", name }, focus: [`frame:${name}`] };
  if (kind in prefix) return { selection: { kind: kind as Selection["kind"], namespace, name }, focus: [`${prefix[kind]}:${namespace}/${name}`] };
  return undefined;
}

/** Events that are new, or counted again, since `prev` (oldest first). */
function newEvents(prev: readonly KEvent[], next: readonly KEvent[]): KEvent[] {
  if (prev === next) return [];
  const seen = new Set(prev);
  const out = next.filter((e) => !seen.has(e) && visible(e.involvedObject.namespace));
  return out.sort((a, b) => (a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0));
}

/** Ready endpoints of a Service across its slices. */
function readyEndpoints(slices: readonly EndpointSlice[], ns: string, name: string): number {
  let n = 0;
  for (const s of slices) {
    if (s.metadata.namespace !== ns || s.metadata.labels?.[SERVICE_NAME_LABEL] !== name) continue;
    for (const e of s.endpoints) if (e.conditions.ready) n++;
  }
  return n;
}

/** What each producer reads. */
interface Diff {
  prev: ClusterSnapshot;
  next: ClusterSnapshot;
  time: number;
  events: KEvent[];
  /** Pods named by a ReplicaSet's SuccessfulDelete in this diff (their deletion is already told). */
  deletedByController: Set<string>;
}

// ------------------------------------------------------------------ the API server

function services(d: Diff, changed: Set<string>): Caption[] {
  if (d.prev.services === d.next.services) return [];
  const out: Caption[] = [];
  const before = byKey(d.prev.services);
  const after = byKey(d.next.services);
  const svcTarget = (s: Service): CaptionTarget => ({ selection: { kind: "Service", namespace: s.metadata.namespace ?? "", name: s.metadata.name }, focus: [`svc:${keyOf(s)}`] });
  for (const [key, s] of after) {
    const old = before.get(key);
    if (old === s || !visible(s.metadata.namespace)) continue;
    changed.add(key);
    const name = s.metadata.name;
    if (!old || old.metadata.uid !== s.metadata.uid) {
      const nodePorts = (s.spec.ports ?? []).flatMap((p) => (p.nodePort ? [String(p.nodePort)] : []));
      const ip = s.spec.clusterIP;
      const text =
        s.spec.type === "ExternalName"
          ? `created Service ${name}: a DNS alias for ${s.spec.externalName ?? "another host"}, no ClusterIP`
          : ip === "None"
            ? `created headless Service ${name}: no ClusterIP, DNS answers with its pods' IPs`
            : `allocated ClusterIP ${ip}${nodePorts.length ? ` and NodePort ${list(nodePorts)}` : ""} to new Service ${name}`;
      out.push({ time: d.time, actor: "API server", text, target: svcTarget(s) });
      continue;
    }
    if (!sameLabels(old.spec.selector, s.spec.selector)) {
      out.push({ time: d.time, actor: "API server", text: `changed Service ${name}'s selector to ${labelText(s.spec.selector)} (was ${labelText(old.spec.selector)})`, target: svcTarget(s) });
    }
    const oldPorts = new Set((old.spec.ports ?? []).map((p) => p.nodePort));
    const added = (s.spec.ports ?? []).flatMap((p) => (p.nodePort && !oldPorts.has(p.nodePort) ? [String(p.nodePort)] : []));
    if (added.length) out.push({ time: d.time, actor: "API server", text: `allocated NodePort ${list(added)} to Service ${name} (now ${s.spec.type})`, target: svcTarget(s) });
  }
  for (const [key, s] of before) {
    if (after.get(key)?.metadata.uid === s.metadata.uid || !visible(s.metadata.namespace)) continue;
    changed.add(key);
    const ip = s.spec.clusterIP && s.spec.clusterIP !== "None" ? ` and released its ClusterIP ${s.spec.clusterIP}` : "";
    out.push({ time: d.time, actor: "API server", text: `deleted Service ${s.metadata.name}${ip}` });
  }
  return out;
}

function podLabels(d: Diff, moved: PodMoves): Caption[] {
  const out: Caption[] = [];
  for (const { old, p } of moved.changed) {
    if (!old || old.metadata.uid !== p.metadata.uid || !visible(p.metadata.namespace)) continue;
    if (sameLabels(old.metadata.labels, p.metadata.labels)) continue;
    const ns = p.metadata.namespace ?? "";
    out.push({ time: d.time, actor: "API server", text: `changed pod ${p.metadata.name}'s labels to ${labelText(p.metadata.labels)} (were ${labelText(old.metadata.labels)})`, target: podTarget(ns, [p.metadata.name]) });
  }
  return out;
}

// ------------------------------------------------------------------ controllers (their Events)

function deployments(d: Diff): Caption[] {
  const out: Caption[] = [];
  const existed = new Set(d.prev.replicaSets.map(keyOf));
  for (const e of d.events) {
    if (e.reason !== "ScalingReplicaSet") continue;
    const m = /^Scaled (up|down) replica set (\S+) from (\d+) to (\d+)$/.exec(e.message);
    if (!m) continue;
    const [, dir, rs, from, to] = m;
    const ns = e.involvedObject.namespace ?? "";
    const dep = e.involvedObject.name;
    const fresh = from === "0" && !existed.has(`${ns}/${rs}`);
    const text = fresh ? `created ReplicaSet ${rs} with ${plural(Number(to), "replica")}` : `scaled ReplicaSet ${rs} ${dir} from ${from} to ${plural(Number(to), "replica")}`;
    out.push({ time: d.time, actor: `Deployment ${dep}`, text, target: { selection: { kind: "Deployment", namespace: ns, name: dep }, focus: [`deploy:${ns}/${dep}`, `rs:${ns}/${rs}`] } });
  }
  return out;
}

/** Why a ReplicaSet had to create pods: the ones it lost in this diff. */
function lostPods(d: Diff, rs: ReplicaSet): string {
  const ns = rs.metadata.namespace;
  const name = rs.metadata.name;
  const after = byKey(d.next.pods);
  const deleted: string[] = [];
  const released: string[] = [];
  for (const p of d.prev.pods) {
    if (p.metadata.namespace !== ns || controllerOf(p) !== name || p.metadata.deletionTimestamp) continue;
    const now = after.get(keyOf(p));
    if (!now || now.metadata.uid !== p.metadata.uid || now.metadata.deletionTimestamp) deleted.push(short(p.metadata.name, name));
    else if (controllerOf(now) !== name) released.push(short(p.metadata.name, name));
  }
  const parts: string[] = [];
  if (deleted.length) parts.push(`${deleted.length === 1 ? "pod" : "pods"} ${list(deleted)} ${deleted.length === 1 ? "was" : "were"} deleted`);
  if (released.length) parts.push(`${released.length === 1 ? "pod" : "pods"} ${list(released)} no longer ${released.length === 1 ? "matches" : "match"} its selector`);
  return parts.join("; ");
}

function replicaSets(d: Diff): Caption[] {
  const out: Caption[] = [];
  const groups = new Map<string, { created: string[]; deleted: string[] }>();
  for (const e of d.events) {
    if (e.involvedObject.kind !== "ReplicaSet") continue;
    const m = /^(Created|Deleted) pod: (\S+)$/.exec(e.message);
    if (!m || (e.reason !== "SuccessfulCreate" && e.reason !== "SuccessfulDelete")) continue;
    const key = `${e.involvedObject.namespace ?? ""}/${e.involvedObject.name}`;
    const g = groups.get(key) ?? { created: [], deleted: [] };
    (m[1] === "Created" ? g.created : g.deleted).push(m[2]);
    groups.set(key, g);
  }
  const before = byKey(d.prev.replicaSets);
  const after = byKey(d.next.replicaSets);
  for (const [key, g] of groups) {
    const [ns, name] = key.split("/");
    const rs = after.get(key);
    const want = rs?.spec.replicas;
    const was = before.get(key)?.spec.replicas;
    if (g.deleted.length) {
      const pods = g.deleted.length === 1 ? `pod ${g.deleted[0]}` : `${g.deleted.length} pods (${list(g.deleted.map((p) => short(p, name)))})`;
      const why = want !== undefined ? ` to get down to ${plural(want, "replica")}` : "";
      out.push({ time: d.time, actor: `ReplicaSet ${name}`, text: `deleted ${pods}${why}`, target: { selection: { kind: "ReplicaSet", namespace: ns, name }, focus: [`rs:${key}`] } });
    }
    if (g.created.length) {
      const pods = g.created.length === 1 ? `pod ${g.created[0]}` : `${g.created.length} new pods (${list(g.created.map((p) => short(p, name)))})`;
      const lost = rs ? lostPods(d, rs) : "";
      const goal = want === undefined ? "" : lost || (was !== undefined && was >= want) ? ` to get back to ${plural(want, "replica")}` : ` to reach ${plural(want, "replica")}`;
      out.push({ time: d.time, actor: `ReplicaSet ${name}`, text: `created ${pods}${goal}${lost ? ` (${lost})` : ""}`, target: podTarget(ns, g.created) });
    }
  }
  return out;
}

function scheduler(d: Diff): Caption[] {
  const placed = new Map<string, { pod: string; node: string }[]>();
  const out: Caption[] = [];
  for (const e of d.events) {
    if (e.reason !== "Scheduled") continue;
    const m = /^Successfully assigned (\S+)\/(\S+) to (\S+)$/.exec(e.message);
    if (!m) continue;
    placed.set(m[1], [...(placed.get(m[1]) ?? []), { pod: m[2], node: m[3] }]);
  }
  for (const [ns, pods] of placed) {
    const text = pods.length === 1 ? `placed pod ${pods[0].pod} on ${pods[0].node}` : `placed ${pods.length} pods: ${list(pods.map((p) => `${p.pod} on ${p.node}`))}`;
    const nodes = [...new Set(pods.map((p) => `frame:${p.node}`))];
    out.push({ time: d.time, actor: "Scheduler", text, target: podTarget(ns, pods.map((p) => p.pod), nodes) });
  }
  return out;
}

/** Warnings say what went wrong in the component's own words (a crash loop, no room to schedule). */
function warnings(d: Diff): Caption[] {
  return d.events
    .filter((e) => e.type === "Warning")
    .map((e) => ({ time: d.time, actor: actorOf(e), text: `warns about ${e.involvedObject.kind.toLowerCase()} ${e.involvedObject.name}: ${e.reason}: ${e.message}`, target: eventTarget(e) }));
}

// ------------------------------------------------------------------ pods (kubelet, Calico)

/** The pods that are new objects in this frame (with the pod of the same key before, if any), and the pods no longer listed. */
interface PodMoves {
  changed: { old: Pod | undefined; p: Pod }[];
  removed: Pod[];
}

/**
 * What happened to the pod list. Most frames list the same pods in the same order, a few of them
 * new objects (a label, a status): those are found by walking both lists once (podDiff.ts); only
 * when pods came or went are the lists keyed.
 */
function podMoves(d: Diff): PodMoves {
  if (d.prev.pods === d.next.pods) return { changed: [], removed: [] };
  const inPlace = changedInPlace(d.prev.pods, d.next.pods);
  if (inPlace) return { changed: inPlace.map((c) => ({ old: c.before, p: c.after })), removed: [] };
  const before = byKey(d.prev.pods);
  const unchanged = objects(d.prev.pods);
  const changed: PodMoves["changed"] = [];
  for (const p of d.next.pods) if (!unchanged.has(p)) changed.push({ old: before.get(keyOf(p)), p }); // most pods: the very same object
  const kept = objects(d.next.pods);
  const after = byKey(d.next.pods);
  const removed = d.prev.pods.filter((p) => !kept.has(p) && after.get(keyOf(p))?.metadata.uid !== p.metadata.uid);
  return { changed, removed };
}

/** Pods changed between the two frames, by what happened to them (each grouped by node). */
function podChanges(d: Diff, moved: PodMoves) {
  const terminating = new Map<string, Pod[]>();
  const started = new Map<string, Pod[]>();
  const gone = new Map<string, Pod[]>();
  const add = (m: Map<string, Pod[]>, p: Pod) => m.set(p.spec.nodeName ?? "", [...(m.get(p.spec.nodeName ?? "") ?? []), p]);
  for (const { old, p } of moved.changed) {
    if (old === p || !visible(p.metadata.namespace)) continue;
    const same = old?.metadata.uid === p.metadata.uid;
    if (p.metadata.deletionTimestamp && !(same && old?.metadata.deletionTimestamp) && !d.deletedByController.has(keyOf(p))) add(terminating, p);
    if (p.status.podIP && !p.spec.hostNetwork && !(same && old?.status.podIP)) add(started, p);
  }
  for (const p of moved.removed) if (visible(p.metadata.namespace)) add(gone, p);
  return { terminating, started, gone };
}

const names = (ps: Pod[]) => ps.map((p) => p.metadata.name);

/** Pods being deleted (a learner's `kubectl delete`, a garbage collection): told before their replacements. */
function terminating(d: Diff, terminating: Map<string, Pod[]>): Caption[] {
  const out: Caption[] = [];
  for (const [node, ps] of terminating) {
    const what = ps.length === 1 ? `pod ${ps[0].metadata.name}` : `${ps.length} pods (${list(names(ps))})`;
    const text = node ? `is stopping ${what}: deleted, it is terminating` : `marked ${what} for deletion`;
    out.push({ time: d.time, actor: node ? `kubelet on ${node}` : "API server", text, target: podTarget(ps[0].metadata.namespace ?? "", names(ps)) });
  }
  return out;
}

/** Pods that got their IP (the kubelet ran the CNI plugin), and pods that are gone. */
function startedAndGone(d: Diff, started: Map<string, Pod[]>, gone: Map<string, Pod[]>): Caption[] {
  const out: Caption[] = [];
  for (const [node, ps] of started) {
    const text =
      ps.length === 1
        ? `started pod ${ps[0].metadata.name}; Calico gave it IP ${ps[0].status.podIP}`
        : `started ${ps.length} pods; Calico gave them IPs: ${list(ps.map((p) => `${p.metadata.name} ${p.status.podIP}`))}`;
    out.push({ time: d.time, actor: `kubelet on ${node}`, text, target: podTarget(ps[0].metadata.namespace ?? "", names(ps)) });
  }
  const ip = (p: Pod) => (p.status.podIP && !p.spec.hostNetwork ? p.status.podIP : "");
  for (const [node, ps] of gone) {
    const text =
      ps.length === 1
        ? `removed pod ${ps[0].metadata.name}${ip(ps[0]) ? `; Calico released its IP ${ip(ps[0])}` : ""}`
        : `removed ${ps.length} pods; Calico released their IPs: ${list(ps.map((p) => (ip(p) ? `${p.metadata.name} (${ip(p)})` : p.metadata.name)))}`;
    out.push({ time: d.time, actor: node ? `kubelet on ${node}` : "API server", text });
  }
  return out;
}

// ------------------------------------------------------------------ EndpointSlices

function endpointSlices(d: Diff, changed: Set<string>): Caption[] {
  if (d.prev.endpointSlices === d.next.endpointSlices) return [];
  const before = new Map(d.prev.endpointSlices.map((s) => [s.metadata.uid, s]));
  const out: Caption[] = [];
  for (const s of d.next.endpointSlices) {
    const old = before.get(s.metadata.uid);
    before.delete(s.metadata.uid);
    if (old === s || !visible(s.metadata.namespace)) continue;
    const ns = s.metadata.namespace ?? "";
    const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
    if (svc) changed.add(`${ns}/${svc}`);
    const was = new Map((old?.endpoints ?? []).map((e) => [e.addresses[0], e]));
    const changes = new Map<string, Endpoint[]>(); // what happened → to which endpoints
    const told = (e: Endpoint, what: string) => changes.set(what, [...(changes.get(what) ?? []), e]);
    for (const e of s.endpoints) {
      const o = was.get(e.addresses[0]);
      was.delete(e.addresses[0]);
      if (!o) told(e, e.conditions.ready ? "added, ready" : "added, not ready yet");
      else if (o.conditions.ready !== e.conditions.ready) told(e, e.conditions.ready ? "ready" : e.conditions.terminating ? "terminating, no longer ready" : "no longer ready");
    }
    for (const o of was.values()) told(o, "removed");
    const pods: string[] = [];
    const parts = [...changes].map(([what, eps]) => {
      for (const e of eps) if (e.targetRef?.kind === "Pod") pods.push(e.targetRef.name);
      const pod = eps[0].targetRef?.kind === "Pod" ? ` (${eps[0].targetRef.name})` : "";
      const is = what.startsWith("added") || what === "removed" ? "" : "is ";
      // One endpoint with its pod; several as a count and their IPs.
      if (eps.length === 1) return `${eps[0].addresses[0]}${pod} ${is}${what}`;
      return `${eps.length} endpoints ${is ? "are " : ""}${what}: ${list(eps.map((e) => e.addresses[0]))}`;
    });
    if (!parts.length) continue;
    const target: CaptionTarget | undefined = svc
      ? { selection: { kind: "Service", namespace: ns, name: svc }, focus: [`svc:${ns}/${svc}`, ...pods.map((p) => `pod:${ns}/${p}`)] }
      : undefined;
    out.push({ time: d.time, actor: "EndpointSlice controller", text: `updated ${s.metadata.name}: ${parts.join("; ")}`, target });
  }
  // Slices that went away: their Service was deleted (the API server's caption tells it), but its
  // kube-proxy rules still have to go.
  for (const s of before.values()) {
    const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
    if (svc && visible(s.metadata.namespace)) changed.add(`${s.metadata.namespace}/${svc}`);
  }
  return out;
}

// ------------------------------------------------------------------ kube-proxy

function proxies(prev: Frame, next: Frame, changed: Set<string>, pending: Pending, time: number): { captions: Caption[]; pending: Pending } {
  if (!changed.size && !pending.size) return { captions: [], pending };
  const out: Caption[] = [];
  const nextPending = new Map<string, ReadonlySet<string>>();
  const before = new Map(prev.proxies.map((p) => [p.node, p]));
  const services = byKey(next.snapshot.services);
  for (const p of next.proxies) {
    const keys = new Set([...(pending.get(p.node) ?? []), ...changed]);
    if (!keys.size) continue;
    const synced = p.running && !p.stale && p.lastSync > (before.get(p.node)?.lastSync ?? -Infinity);
    if (!synced) {
      nextPending.set(p.node, keys);
      continue;
    }
    for (const key of [...keys].sort()) {
      const [ns, name] = key.split("/");
      const removed = !services.has(key);
      const ready = removed ? 0 : readyEndpoints(next.snapshot.endpointSlices, ns, name);
      out.push({ time, actor: `kube-proxy on ${p.node}`, text: proxyText(name, ready, removed, p.mode), proxy: { service: key, nodes: [p.node], ready, removed }, target: nodeTarget([p.node], removed ? undefined : key) });
    }
  }
  return { captions: out, pending: nextPending };
}

function proxyText(service: string, ready: number, removed: boolean, mode: string): string {
  if (removed) return `removed ${service}'s rules`;
  const what = mode === "ipvs" ? `${service}'s IPVS virtual server` : `${service}'s rules`;
  return `updated ${what}: ${ready === 0 ? "no ready endpoints" : plural(ready, "ready endpoint")}`;
}

function nodeTarget(nodes: string[], service?: string): CaptionTarget {
  return { selection: { kind: "Node", namespace: "", name: nodes[0] }, focus: [...nodes.map((n) => `frame:${n}`), ...(service ? [`svc:${service}`] : [])] };
}

// ------------------------------------------------------------------ the door

/**
 * The captions for what changed between two frames, in the order things happen (the API server,
 * controllers, the scheduler, kubelets, EndpointSlices, kube-proxy, then warnings), with the
 * Services each node's kube-proxy has yet to sync. Pass the returned `pending` into the next call.
 */
export function captionsFrom(prev: Frame, next: Frame, pending: Pending = new Map()): { captions: Caption[]; pending: Pending } {
  const p = prev.snapshot;
  const n = next.snapshot;
  const events = newEvents(p.events, n.events);
  const deletedByController = new Set<string>();
  for (const e of events) {
    const m = e.reason === "SuccessfulDelete" ? /^Deleted pod: (\S+)$/.exec(e.message) : null;
    if (m) deletedByController.add(`${e.involvedObject.namespace ?? ""}/${m[1]}`);
  }
  const d: Diff = { prev: p, next: n, time: n.time, events, deletedByController };
  const changed = new Set<string>();
  const moved = podMoves(d);
  const pods = podChanges(d, moved);
  const head = [
    ...services(d, changed),
    ...podLabels(d, moved),
    ...terminating(d, pods.terminating),
    ...deployments(d),
    ...replicaSets(d),
    ...scheduler(d),
    ...startedAndGone(d, pods.started, pods.gone),
    ...endpointSlices(d, changed),
  ];
  const proxy = proxies(prev, next, changed, pending, n.time);
  return { captions: [...head, ...proxy.captions, ...warnings(d)], pending: proxy.pending };
}

/** Syncs of the same Service to the same endpoints this close together read as one caption. */
const MERGE_WINDOW_MS = 2000;

/**
 * Adds fresh captions to the shown ones, keeping the last `keep`: a kube-proxy sync joins the
 * caption of other nodes' sync of the same Service to the same endpoints, and a caption equal to
 * the last one counts up instead of repeating.
 */
export function appendCaptions<C extends Caption>(shown: readonly C[], fresh: readonly C[], keep: number): C[] {
  const out = [...shown];
  for (const c of fresh) {
    const last = out[out.length - 1];
    if (c.proxy) {
      const i = findLastIndex(out, (o) => !!o.proxy && o.proxy.service === c.proxy!.service && o.proxy.ready === c.proxy!.ready && o.proxy.removed === c.proxy!.removed && c.time - o.time <= MERGE_WINDOW_MS);
      if (i >= 0) {
        const o = out[i];
        if (!o.proxy!.nodes.includes(c.proxy.nodes[0])) {
          const nodes = [...o.proxy!.nodes, ...c.proxy.nodes];
          out[i] = { ...o, actor: `kube-proxy on ${list(nodes)}`, proxy: { ...o.proxy!, nodes }, target: nodeTarget(nodes, c.proxy.removed ? undefined : c.proxy.service) };
        }
        continue;
      }
    }
    if (last && last.text === c.text && last.actor === c.actor) {
      out[out.length - 1] = { ...last, time: c.time, repeat: (last.repeat ?? 1) + 1 };
      continue;
    }
    out.push(c);
  }
  return out.slice(-keep);
}

function findLastIndex<T>(items: readonly T[], test: (t: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}
