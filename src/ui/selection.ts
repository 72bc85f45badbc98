/**
 * The selection follows the cluster: the inspector never shows an object that is gone, nor an
 * object of a cluster that was thrown away. One rule, bound once (App), instead of every button
 * that replaces the cluster clearing the selection by hand.
 */
import type { ClusterSnapshot } from "../engine/api";
import type { Deployment, Node, Pod, ReplicaSet, Service } from "../engine/cluster/types";
import type { LabStore } from "../store/lab";
import type { Selection, UiStore } from "./store";

type Named = { metadata: { namespace?: string; name: string } };

function find<T extends Named>(list: readonly T[], sel: Selection): T | undefined {
  return list.find((o) => o.metadata.name === sel.name && (o.metadata.namespace ?? "") === sel.namespace);
}

/** The selected object in `s` (undefined once it is gone). */
export function pickSelected(s: ClusterSnapshot, sel: Selection): Pod | Service | Deployment | ReplicaSet | Node | undefined {
  switch (sel.kind) {
    case "Pod":
      return find(s.pods, sel);
    case "Service":
      return find(s.services, sel);
    case "Deployment":
      return find(s.deployments, sel);
    case "ReplicaSet":
      return find(s.replicaSets, sel);
    case "Node":
      return s.nodes.find((n) => n.metadata.name === sel.name);
  }
}

/**
 * Clears `ui`'s selection when the lab's cluster is replaced (Reset, a scenario, a lesson's fresh
 * cluster, an undo's replay: the same names may come back, but they are other objects), and when
 * the selected object is no longer in the snapshot (deleted; a pod its ReplicaSet replaced has
 * another name). A terminating pod is still there, so it stays selected until it is gone.
 * Returns the unsubscribe function.
 */
export function clearStaleSelection(lab: LabStore, ui: UiStore): () => void {
  return lab.subscribe((s, prev) => {
    const sel = ui.getState().selection;
    if (!sel) return;
    if (s.cluster !== prev.cluster || (s.snapshot !== prev.snapshot && !pickSelected(s.snapshot, sel))) ui.getState().select(null);
  });
}
