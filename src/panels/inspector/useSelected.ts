import type { ClusterSnapshot } from "../../engine/api";
import type { Deployment, Node, Pod, ReplicaSet, Service } from "../../engine/cluster/types";
import { useLab } from "../../store";
import type { Selection } from "../../ui/store";

type Named = { metadata: { namespace?: string; name: string } };

function find<T extends Named>(list: readonly T[], sel: Selection): T | undefined {
  return list.find((o) => o.metadata.name === sel.name && (o.metadata.namespace ?? "") === sel.namespace);
}

/** The selected object in the current snapshot (undefined once it is gone). */
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

/** Subscribes to the selected object only: the inspector re-renders when that object changes. */
export function useSelectedObject(sel: Selection) {
  return useLab((s) => pickSelected(s.snapshot, sel));
}
