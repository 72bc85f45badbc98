/** The workloads layer: Deployments, their ReplicaSets, and the quiet ownership edges down to the pods. */
import type { Deployment, Pod, ReplicaSet } from "../../engine/cluster/types";
import * as L from "../layout";
import { COLLAPSE_AT, factsOf, key, sized, type GraphContext } from "./context";

export function workloadsLayer(g: GraphContext): void {
  const { snapshot, nodes, edges, keep, ui } = g;
  const deployments = snapshot.deployments.filter((d) => g.shown(d.metadata.namespace));
  const deploySlots = g.slotsFor("deployments", deployments.map(key));
  const rsIndex = indexReplicaSets(snapshot.replicaSets, snapshot.pods);
  for (const d of deployments) {
    const dk = key(d);
    const at = L.deployPosition(deploySlots.get(dk)!);
    const id = `deploy:${dk}`;
    const large = (g.podsByDeploy.get(dk) ?? 0) > COLLAPSE_AT;
    const collapsed = g.collapsedDeploy(dk);
    const dimmed = g.nsDimmed(d.metadata.namespace) || g.labelsDimmed(d.spec.template.metadata.labels);
    const selected = g.isSelected("Deployment", d);
    nodes.push(
      keep(id, [d, at.x, at.y, collapsed, large, dimmed, selected], () => ({
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
      const { x: rx, y } = L.rsPosition(at, i);
      const current = i === 0;
      const rsSelected = g.isSelected("ReplicaSet", rs);
      g.rsNodeOf.set(rk, rid);
      nodes.push(
        keep(rid, [rs, rx, y, current, dimmed, rsSelected], () => ({
          id: rid,
          type: "replicaset" as const,
          position: { x: rx, y },
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
  const selectedRs = ui.selection?.kind === "ReplicaSet" ? `rs:${ui.selection.namespace}/${ui.selection.name}` : undefined;
  for (const pod of snapshot.pods) {
    const f = factsOf(pod);
    const target = g.drawnAs.get(f.key);
    if (!target || f.rsKey === undefined) continue;
    const rid = g.rsNodeOf.get(f.rsKey);
    if (!rid) continue;
    const eid = `own:${rid}->${target}`;
    if (ownerEdgeDone.has(eid)) continue;
    ownerEdgeDone.add(eid);
    const hl = g.isSelected("Pod", pod) || rid === selectedRs;
    edges.push(keep(eid, [hl], () => ({ id: eid, type: "owner" as const, source: rid, target, data: { highlighted: hl } })));
  }
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
  for (const p of pods) {
    const f = factsOf(p);
    withPods.add(f.rsKey ?? `${p.metadata.namespace ?? ""}/${f.ref?.name ?? ""}`);
  }
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

