/**
 * The cluster as a React Flow graph: a pure function of the snapshot, the view options and the
 * previous graph. The previous graph is an input (not hidden state) for two reasons: slots, so a
 * card keeps its place while the cluster changes, and identity, so a node or edge object whose
 * inputs did not change is the very same object (React Flow and React then skip it).
 */
import type { ClusterSnapshot } from "../engine/api";
import { parseSelector } from "../engine/cluster/labels";
import type { Deployment, Labels, Pod, ReplicaSet, Service } from "../engine/cluster/types";
import { nodePodBlocks, SYSTEM_NAMESPACE } from "../store/selectors";
import type { Selection, ViewOptions } from "../ui/store";
import { indexEndpoints, type EndpointIndex, type EndpointState } from "./endpoints";
import * as L from "./layout";
import { podOwnerRef } from "../ui/podView";
import { assignSlots, type SlotMap } from "./slots";
import type { CanvasEdge, CanvasNode, EndpointEdgeData } from "./types";

/** A deployment with more pods than this is drawn as one count per node until opened. */
export const COLLAPSE_AT = 12;

export type GraphSnapshot = Pick<ClusterSnapshot, "nodes" | "pods" | "services" | "endpointSlices" | "deployments" | "replicaSets" | "ranges">;

export interface GraphUi extends ViewOptions {
  selection: Selection | null;
}

interface Memo {
  deps: readonly unknown[];
  value: CanvasNode | CanvasEdge;
}

/** What `toGraph` returns; pass it back as `prev` next time. */
export interface Graph {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** Slots by region: "frame:NODE", "system:NODE", "services", "deployments". */
  slots: ReadonlyMap<string, SlotMap>;
  memo: ReadonlyMap<string, Memo>;
  /** The label filter's parse error, if the text is not a valid selector. */
  filterError: string | undefined;
}

const UNSCHEDULED = "unscheduled";

function key(o: { metadata: { namespace?: string; name: string } }): string {
  return `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

/**
 * A card's size. Every card has a fixed one, and saying so twice (`width`/`height` for the DOM,
 * `measured` for React Flow) lets React Flow keep the handle bounds it measured when a node object
 * is replaced; without `measured`, each changed node is measured again through a ResizeObserver
 * and a forced layout.
 */
function sized(width: number, height: number) {
  return { width, height, measured: { width, height } };
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/** Builds the graph. Same inputs and `prev` ⇒ the same node and edge objects. */
export function toGraph(snapshot: GraphSnapshot, ui: GraphUi, prev?: Graph): Graph {
  const memo = new Map<string, Memo>();
  const slots = new Map<string, SlotMap>();
  const nodes: CanvasNode[] = [];
  const edges: CanvasEdge[] = [];

  function keep<T extends CanvasNode | CanvasEdge>(id: string, deps: readonly unknown[], make: () => T): T {
    const old = prev?.memo.get(id);
    const value = old && sameDeps(old.deps, deps) ? (old.value as T) : make();
    memo.set(id, { deps, value });
    return value;
  }
  function slotsFor(region: string, keys: readonly string[]): SlotMap {
    const s = assignSlots(prev?.slots.get(region), keys);
    slots.set(region, s);
    return s;
  }
  const isSelected = (kind: Selection["kind"], o: { metadata: { namespace?: string; name: string } }) =>
    !!ui.selection && ui.selection.kind === kind && ui.selection.name === o.metadata.name && ui.selection.namespace === (o.metadata.namespace ?? "");

  // ---- filters: dim what does not match, never move it.
  const parsed = ui.labelFilter.trim() ? parseSelector(ui.labelFilter.trim()) : undefined;
  const filterError = parsed && !parsed.ok ? parsed.error : undefined;
  const selector = parsed?.ok ? parsed.selector : undefined;
  const nsDimmed = (ns: string | undefined) => ui.namespace !== "" && (ns ?? "") !== ui.namespace;
  const labelsDimmed = (labels: Labels | undefined) => !!selector && !selector.matches(labels);
  const shown = (ns: string | undefined) => ui.showSystemPods || ns !== SYSTEM_NAMESPACE;

  // ---- ownership: pod → ReplicaSet → Deployment.
  const rsByKey = new Map<string, ReplicaSet>();
  for (const rs of snapshot.replicaSets) rsByKey.set(key(rs), rs);
  const deployOfRs = (rs: ReplicaSet) => rs.metadata.ownerReferences?.find((r) => r.kind === "Deployment")?.name;
  const podsByDeploy = new Map<string, number>();
  const deployOfPod = new Map<Pod, string>();
  for (const pod of snapshot.pods) {
    const ref = podOwnerRef(pod);
    if (ref?.kind !== "ReplicaSet") continue;
    const rs = rsByKey.get(`${pod.metadata.namespace}/${ref.name}`);
    const d = rs && deployOfRs(rs);
    if (!d) continue;
    const dk = `${pod.metadata.namespace}/${d}`;
    deployOfPod.set(pod, dk);
    podsByDeploy.set(dk, (podsByDeploy.get(dk) ?? 0) + 1);
  }
  const collapsedDeploy = (dk: string) => {
    if (ui.collapsed.includes(dk)) return true;
    return (podsByDeploy.get(dk) ?? 0) > COLLAPSE_AT && !ui.expanded.includes(dk);
  };

  const endpoints: EndpointIndex = indexEndpoints(snapshot.endpointSlices);
  const endpointCount = new Map<string, number>();
  for (const list of endpoints.values()) for (const e of list) if (e.pod) endpointCount.set(e.pod, (endpointCount.get(e.pod) ?? 0) + 1);

  // ---- where each drawn pod (or collapsed group) sits: "pod:ns/name" / "group:ns/deploy@node" → node id.
  const drawnAs = new Map<string, string>(); // pod key → flow node id
  const frameNames = [...snapshot.nodes.map((n) => n.metadata.name)];
  const podsByFrame = new Map<string, Pod[]>(frameNames.map((n) => [n, []]));
  for (const pod of snapshot.pods) {
    const frame = pod.spec.nodeName ?? UNSCHEDULED;
    let list = podsByFrame.get(frame);
    if (!list) {
      podsByFrame.set(frame, (list = []));
      frameNames.push(frame);
    }
    list.push(pod);
  }

  let frameX = 0;
  for (const frameName of frameNames) {
    const pods = podsByFrame.get(frameName) ?? [];
    if (frameName === UNSCHEDULED && pods.length === 0) continue;
    const node = snapshot.nodes.find((n) => n.metadata.name === frameName) ?? null;
    const system = pods.filter((p) => p.metadata.namespace === SYSTEM_NAMESPACE);
    const user = pods.filter((p) => p.metadata.namespace !== SYSTEM_NAMESPACE);

    // Slot keys: one per pod, or one per collapsed deployment on this node.
    const groups = new Map<string, Pod[]>();
    const userKeys: string[] = [];
    for (const pod of user) {
      const dk = deployOfPod.get(pod);
      if (dk && collapsedDeploy(dk)) {
        let g = groups.get(dk);
        if (!g) {
          groups.set(dk, (g = []));
          userKeys.push(`group:${dk}`);
        }
        g.push(pod);
      } else userKeys.push(`pod:${key(pod)}`);
    }
    const userSlots = slotsFor(`frame:${frameName}`, userKeys);
    const systemKeys = ui.showSystemPods ? system.map((p) => `pod:${key(p)}`) : [];
    const systemSlots = slotsFor(`system:${frameName}`, systemKeys);
    const systemRows = ui.showSystemPods && system.length > 0 ? L.gridHeight(Math.max(...systemSlots.values()) + 1) + L.GAP : 0;
    const top = L.FRAME_HEADER + systemRows;
    const usedSlots = userSlots.size ? Math.max(...userSlots.values()) + 1 : 1;
    const height = top + L.gridHeight(usedSlots) + L.FRAME_PAD;

    const frameId = `frame:${frameName}`;
    const blocks = node ? nodePodBlocks(snapshot, node) : [];
    const frameDim = ui.namespace !== "" && !pods.some((p) => !nsDimmed(p.metadata.namespace));
    nodes.push(
      keep(frameId, [node, frameX, height, blocks.join(), user.length, system.length, ui.showSystemPods, frameDim], () => ({
        id: frameId,
        type: "frame" as const,
        position: { x: frameX, y: L.FRAME_Y },
        ...sized(L.FRAME_W, height),
        zIndex: -1,
        selectable: false,
        draggable: false,
        ariaLabel: frameName === UNSCHEDULED ? "Pods not scheduled yet" : `Node ${frameName}`,
        domAttributes: { "aria-roledescription": "cluster node" },
        data: { node, name: frameName, blocks, podCount: user.length, systemCount: system.length, systemShown: ui.showSystemPods, dimmed: frameDim },
      })),
    );

    const placePod = (pod: Pod, slot: number, gridTop: number) => {
      const id = `pod:${key(pod)}`;
      const at = L.gridPosition(slot, gridTop);
      const x = frameX + at.x;
      const y = L.FRAME_Y + at.y;
      const ref = podOwnerRef(pod);
      const dk = deployOfPod.get(pod);
      const owner = dk ? dk.slice(dk.indexOf("/") + 1) : ref ? `${ref.kind} ${ref.name}` : "";
      const dimmed = nsDimmed(pod.metadata.namespace) || labelsDimmed(pod.metadata.labels);
      const count = endpointCount.get(key(pod)) ?? 0;
      const selected = isSelected("Pod", pod);
      drawnAs.set(key(pod), id);
      nodes.push(
        keep(id, [pod, x, y, owner, dimmed, count, selected], () => ({
          id,
          type: "pod" as const,
          position: { x, y },
          ...sized(L.POD_W, L.POD_H),
          draggable: false,
          ariaLabel: pod.metadata.name,
          domAttributes: { "aria-roledescription": "pod" },
          data: { pod, owner, endpointOf: count, dimmed, selected },
        })),
      );
    };
    if (ui.showSystemPods) for (const pod of system) placePod(pod, systemSlots.get(`pod:${key(pod)}`)!, L.FRAME_HEADER);
    for (const pod of user) {
      const dk = deployOfPod.get(pod);
      if (dk && collapsedDeploy(dk)) continue;
      placePod(pod, userSlots.get(`pod:${key(pod)}`)!, top);
    }
    for (const [dk, members] of groups) {
      const id = `group:${dk}@${frameName}`;
      const at = L.gridPosition(userSlots.get(`group:${dk}`)!, top);
      const x = frameX + at.x;
      const y = L.FRAME_Y + at.y;
      const ready = members.filter((p) => p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") && !p.metadata.deletionTimestamp).length;
      const ns = dk.slice(0, dk.indexOf("/"));
      const name = dk.slice(dk.indexOf("/") + 1);
      const dimmed = nsDimmed(ns) || members.every((p) => labelsDimmed(p.metadata.labels));
      for (const p of members) drawnAs.set(key(p), id);
      nodes.push(
        keep(id, [x, y, members.length, ready, dimmed], () => ({
          id,
          type: "group" as const,
          position: { x, y },
          ...sized(L.POD_W, L.POD_H),
          draggable: false,
          ariaLabel: `${name}: ${members.length} pods on ${frameName}`,
          domAttributes: { "aria-roledescription": "pod group" },
          data: { deployment: dk, name, nodeName: frameName, count: members.length, ready, dimmed },
        })),
      );
    }
    frameX += L.FRAME_W + L.FRAME_GAP;
  }

  // ---- Deployments and their ReplicaSets (top rows).
  const deployments = snapshot.deployments.filter((d) => shown(d.metadata.namespace));
  const deploySlots = slotsFor("deployments", deployments.map(key));
  const rsIndex = indexReplicaSets(snapshot.replicaSets, snapshot.pods);
  const rsNodeOf = new Map<string, string>(); // rs key → node id
  for (const d of deployments) {
    const dk = key(d);
    const at = L.deployPosition(deploySlots.get(dk)!);
    const x = at.x;
    const id = `deploy:${dk}`;
    const large = (podsByDeploy.get(dk) ?? 0) > COLLAPSE_AT;
    const collapsed = collapsedDeploy(dk);
    const dimmed = nsDimmed(d.metadata.namespace) || labelsDimmed(d.spec.template.metadata.labels);
    const selected = isSelected("Deployment", d);
    nodes.push(
      keep(id, [d, x, at.y, collapsed, large, dimmed, selected], () => ({
        id,
        type: "deployment" as const,
        position: at,
        ...sized(L.DEPLOY_W, L.DEPLOY_H),
        draggable: false,
        ariaLabel: `Deployment ${d.metadata.name}`,
        domAttributes: { "aria-roledescription": "deployment" },
        data: { deployment: d, collapsed, large, dimmed, selected },
      })),
    );
    const sets = replicaSetsOf(rsIndex, d).slice(0, 2);
    sets.forEach((rs, i) => {
      const rk = key(rs);
      const rid = `rs:${rk}`;
      const { y } = L.rsPosition(at, i);
      const current = i === 0;
      const rsSelected = isSelected("ReplicaSet", rs);
      rsNodeOf.set(rk, rid);
      nodes.push(
        keep(rid, [rs, x, y, current, dimmed, rsSelected], () => ({
          id: rid,
          type: "replicaset" as const,
          position: { x, y },
          ...sized(L.RS_W, L.RS_H),
          draggable: false,
          ariaLabel: `ReplicaSet ${rs.metadata.name}`,
          domAttributes: { "aria-roledescription": "replica set" },
          data: { replicaSet: rs, current, dimmed, selected: rsSelected },
        })),
      );
      const eid = `own:${id}->${rid}`;
      const hl = selected || rsSelected;
      edges.push(keep(eid, [hl], () => ({ id: eid, type: "owner" as const, source: id, target: rid, data: { highlighted: hl } })));
    });
  }
  // ReplicaSet → pod (or → the collapsed group, once per group).
  const ownerEdgeDone = new Set<string>();
  for (const pod of snapshot.pods) {
    const target = drawnAs.get(key(pod));
    const ref = podOwnerRef(pod);
    if (!target || ref?.kind !== "ReplicaSet") continue;
    const rid = rsNodeOf.get(`${pod.metadata.namespace}/${ref.name}`);
    if (!rid) continue;
    const eid = `own:${rid}->${target}`;
    if (ownerEdgeDone.has(eid)) continue;
    ownerEdgeDone.add(eid);
    const hl = isSelected("Pod", pod) || (!!ui.selection && rid === `rs:${ui.selection.namespace}/${ui.selection.name}`);
    edges.push(keep(eid, [hl], () => ({ id: eid, type: "owner" as const, source: rid, target, data: { highlighted: hl } })));
  }

  // ---- Services and their endpoints.
  const services = snapshot.services.filter((s) => shown(s.metadata.namespace));
  const serviceSlots = slotsFor("services", services.map(key));
  for (const svc of services) {
    const sk = key(svc);
    const id = `svc:${sk}`;
    const { x, y } = L.servicePosition(serviceSlots.get(sk)!);
    const list = endpoints.get(sk) ?? [];
    const ready = list.filter((e) => e.state === "ready").length;
    const notReady = list.filter((e) => e.state === "not-ready").length;
    const terminating = list.length - ready - notReady;
    const dimmed = nsDimmed(svc.metadata.namespace) || (!!selector && !selectorOverlaps(svc, snapshot.pods, selector.matches.bind(selector)));
    const selected = isSelected("Service", svc);
    nodes.push(
      keep(id, [svc, x, y, ready, notReady, terminating, dimmed, selected], () => ({
        id,
        type: "service" as const,
        position: { x, y },
        ...sized(L.SERVICE_W, L.SERVICE_H),
        draggable: false,
        ariaLabel: `Service ${svc.metadata.name}`,
        domAttributes: { "aria-roledescription": "service" },
        data: { service: svc, ready, notReady, terminating, dimmed, selected },
      })),
    );
    // One edge per drawn target; a collapsed group gets one edge carrying the count.
    const byTarget = new Map<string, { state: EndpointState; count: number; pod: string }>();
    for (const e of list) {
      const target = e.pod ? drawnAs.get(e.pod) : undefined;
      if (!target) continue;
      const cur = byTarget.get(target);
      if (!cur) byTarget.set(target, { state: e.state, count: 1, pod: e.pod });
      else byTarget.set(target, { state: rank(e.state) < rank(cur.state) ? e.state : cur.state, count: cur.count + 1, pod: cur.pod });
    }
    for (const [target, t] of byTarget) {
      const eid = `ep:${id}->${target}`;
      const hl = selected || (!!ui.selection && ui.selection.kind === "Pod" && `${ui.selection.namespace}/${ui.selection.name}` === t.pod);
      const count = target.startsWith("group:") ? t.count : undefined;
      edges.push(
        keep(eid, [t.state, count, hl], () => {
          const data: EndpointEdgeData = { state: t.state, count, highlighted: hl };
          return { id: eid, type: "endpoint" as const, source: id, target, data, zIndex: hl ? 1 : 0 };
        }),
      );
    }
  }

  // Unchanged lists keep their identity too: React Flow re-indexes every edge when the array changes.
  const sameList = <T,>(a: readonly T[], b: readonly T[] | undefined) => !!b && a.length === b.length && a.every((x, i) => x === b[i]);
  return {
    nodes: sameList(nodes, prev?.nodes) ? prev!.nodes : nodes,
    edges: sameList(edges, prev?.edges) ? prev!.edges : edges,
    slots,
    memo,
    filterError,
  };
}

/** Ready edges draw over not-ready ones when a group mixes them. */
function rank(s: EndpointState): number {
  return s === "ready" ? 0 : s === "not-ready" ? 1 : 2;
}

/** A Service passes the label filter when some pod it selects does. */
function selectorOverlaps(svc: Service, pods: readonly Pod[], matches: (l: Labels | undefined) => boolean): boolean {
  const sel = svc.spec.selector;
  if (!sel) return false;
  return pods.some(
    (p) => p.metadata.namespace === svc.metadata.namespace && Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v) && matches(p.metadata.labels),
  );
}

/** ReplicaSets by owning Deployment (namespace/uid), and the ReplicaSets that still have pods. */
export interface ReplicaSetIndex {
  byDeployment: Map<string, ReplicaSet[]>;
  withPods: Set<string>;
}

/** Indexes the ReplicaSets once per graph (not once per Deployment: 1,000 pods × 100 Deployments adds up). */
export function indexReplicaSets(all: readonly ReplicaSet[], pods: readonly Pod[]): ReplicaSetIndex {
  const byDeployment = new Map<string, ReplicaSet[]>();
  for (const rs of all) {
    for (const r of rs.metadata.ownerReferences ?? []) {
      if (r.kind !== "Deployment") continue;
      const k = `${rs.metadata.namespace ?? ""}/${r.uid}`;
      const list = byDeployment.get(k);
      if (list) list.push(rs);
      else byDeployment.set(k, [rs]);
    }
  }
  const withPods = new Set<string>();
  for (const p of pods) withPods.add(`${p.metadata.namespace ?? ""}/${podOwnerRef(p)?.name ?? ""}`);
  return { byDeployment, withPods };
}

/**
 * A Deployment's ReplicaSets worth drawing, newest first: the current one, and older ones only
 * while they still have pods (a rollout in progress).
 */
export function replicaSetsOf(index: ReplicaSetIndex, d: Deployment): ReplicaSet[] {
  const mine = [...(index.byDeployment.get(`${d.metadata.namespace ?? ""}/${d.metadata.uid}`) ?? [])];
  mine.sort((a, b) => (revision(b) - revision(a)) || b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp));
  return mine.filter((rs, i) => i === 0 || rs.spec.replicas > 0 || index.withPods.has(key(rs)));
}

function revision(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0);
}
