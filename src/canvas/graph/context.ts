/**
 * The shared index every graph layer reads: the snapshot and view options, the filters, who owns
 * which pod, which pods are endpoints, where each pod is drawn, and the two helpers that give the
 * graph its stability (`keep`: the same object for the same inputs; `slotsFor`: a card keeps its
 * place). Built once per `toGraph` run; layers add nodes and edges to it in order.
 */
import { parseSelector } from "../../engine/lib";
import type { Labels, Pod, ReplicaSet } from "../../engine/cluster/types";
import { SYSTEM_NAMESPACE } from "../../store/selectors";
import { podOwnerRef } from "../../ui/podView";
import type { Selection } from "../../ui/store";
import type { PodHistory } from "../history";
import { indexEndpoints, type EndpointIndex } from "../endpoints";
import { assignSlots, type SlotMap } from "../slots";
import type { CanvasEdge, CanvasNode } from "../types";
import type { Graph, GraphSnapshot, GraphUi } from "../toGraph";

/** A deployment with more pods than this is drawn as one count per node until opened. */
export const COLLAPSE_AT = 12;

export interface Memo {
  deps: readonly unknown[];
  value: CanvasNode | CanvasEdge;
}

type Named = { metadata: { namespace?: string; name: string } };

/** "namespace/name" of an object. */
export function key(o: Named): string {
  return `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

/**
 * A card's size. Every card has a fixed one, and saying so twice (`width`/`height` for the DOM,
 * `measured` for React Flow) lets React Flow keep the handle bounds it measured when a node object
 * is replaced; without `measured`, each changed node is measured again through a ResizeObserver
 * and a forced layout.
 */
export function sized(width: number, height: number) {
  return { width, height, measured: { width, height } };
}

/** What the layers derive from a pod object alone, worked out once per object (pods are immutable). */
export interface PodFacts {
  /** "namespace/name" */
  key: string;
  /** Its card's flow id (and slot key): "pod:namespace/name". */
  id: string;
  /** Its controller (or first) owner. */
  ref: { kind: string; name: string } | undefined;
  /** "namespace/name" of its ReplicaSet, when a ReplicaSet owns it. */
  rsKey: string | undefined;
}

const facts = new WeakMap<Pod, PodFacts>();

/** The facts of `pod` (cached by object: at 1,000 pods, a rebuilt graph would otherwise build these strings anew for every pod). */
export function factsOf(pod: Pod): PodFacts {
  let f = facts.get(pod);
  if (!f) {
    const k = key(pod);
    const ref = podOwnerRef(pod);
    f = { key: k, id: `pod:${k}`, ref, rsKey: ref?.kind === "ReplicaSet" ? `${pod.metadata.namespace ?? ""}/${ref.name}` : undefined };
    facts.set(pod, f);
  }
  return f;
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

const isReady = (p: Pod) => !!p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True");
const sameRefs = (a: Pod, b: Pod) => {
  const x = a.metadata.ownerReferences ?? [];
  const y = b.metadata.ownerReferences ?? [];
  return x === y || (x.length === y.length && x.every((r, i) => r.kind === y[i].kind && r.name === y[i].name && r.uid === y[i].uid && r.controller === y[i].controller));
};
const sameLabels = (a: Labels | undefined, b: Labels | undefined) => {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => Object.hasOwn(b ?? {}, k) && a![k] === b![k]);
};

/**
 * True when a pod changed in place (`before` → `after`, the same pod) in nothing the graph layers
 * read: its frame, its owner, whether it is going, its readiness (a collapsed group counts it), and
 * its labels while a label filter is on. Then the graph stays as it is and only the pod's card
 * draws the new object (graphStore's live pods): a label or status change at 1,000 pods costs one
 * card, not a rebuilt graph and a React Flow pass over every node. Keep this in step with what the
 * layers read from a pod (graph/*.ts, history.ts).
 */
export function drawnTheSame(before: Pod, after: Pod, ui: GraphUi): boolean {
  return (
    before.spec.nodeName === after.spec.nodeName &&
    !before.metadata.deletionTimestamp === !after.metadata.deletionTimestamp &&
    isReady(before) === isReady(after) &&
    sameRefs(before, after) &&
    (!ui.labelFilter.trim() || sameLabels(before.metadata.labels, after.metadata.labels))
  );
}

export type GraphContext = ReturnType<typeof createContext>;

/** The context for one `toGraph` run over `snapshot`, reusing what it can from `prev`. */
export function createContext(snapshot: GraphSnapshot, ui: GraphUi, prev: Graph | undefined, history: PodHistory) {
  const memo = new Map<string, Memo>();
  const slots = new Map<string, SlotMap>();
  const nodes: CanvasNode[] = [];
  const edges: CanvasEdge[] = [];

  /** The object made by `make`, or last run's when its `deps` are the same (identity kept). */
  function keep<T extends CanvasNode | CanvasEdge>(id: string, deps: readonly unknown[], make: () => T): T {
    const old = prev?.memo.get(id);
    const value = old && sameDeps(old.deps, deps) ? (old.value as T) : make();
    memo.set(id, { deps, value });
    return value;
  }
  /** Slots for `keys` in a region, keeping last run's places. */
  function slotsFor(region: string, keys: readonly string[]): SlotMap {
    const s = assignSlots(prev?.slots.get(region), keys);
    slots.set(region, s);
    return s;
  }
  const isSelected = (kind: Selection["kind"], o: Named) =>
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
    const { rsKey } = factsOf(pod);
    if (rsKey === undefined) continue;
    const rs = rsByKey.get(rsKey);
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

  return {
    snapshot,
    ui,
    history,
    nodes,
    edges,
    memo,
    slots,
    keep,
    slotsFor,
    isSelected,
    filterError,
    selector,
    nsDimmed,
    labelsDimmed,
    shown,
    podsByDeploy,
    deployOfPod,
    collapsedDeploy,
    endpoints,
    endpointCount,
    /** Pod key → the flow node it is drawn as (its card, or its deployment's group on its node). Filled by the frames layer. */
    drawnAs: new Map<string, string>(),
    /** ReplicaSet key → its flow node id. Filled by the workloads layer. */
    rsNodeOf: new Map<string, string>(),
  };
}
