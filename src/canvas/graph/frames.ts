/**
 * The frames layer: each cluster node as a frame holding its pods (a card each, or one count per
 * collapsed deployment), kube-system pods on request, and pods no node has taken yet. Workers come
 * first and the control plane last (narrow while it holds no workload pod). A pod deleted a moment
 * ago is still drawn in its place, fading (history.ts), and a pod that stands in for it says so.
 */
import type { Pod } from "../../engine/cluster/types";
import { nodePodBlocks, SYSTEM_NAMESPACE } from "../../store/selectors";
import * as L from "../layout";
import { factsOf, key, sized, type GraphContext } from "./context";

const UNSCHEDULED = "unscheduled";

export function framesLayer(g: GraphContext): void {
  const { snapshot, ui, nodes, keep, slotsFor } = g;
  const isControlPlane = (name: string) => snapshot.nodes.find((n) => n.metadata.name === name)?.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined;
  const frameNames = snapshot.nodes.map((n) => n.metadata.name).sort((a, b) => Number(isControlPlane(a)) - Number(isControlPlane(b)));
  const podsByFrame = new Map<string, Pod[]>(frameNames.map((n) => [n, []]));
  // Pods deleted a moment ago stay where they were (unless a pod of the same name is back).
  const live = g.history.gone.size > 0 ? new Set(snapshot.pods.map(key)) : undefined;
  const ghosts = live ? [...g.history.gone.values()].map((x) => x.pod).filter((p) => !live.has(key(p)) && g.shown(p.metadata.namespace)) : [];
  const ghost = new Set(ghosts);
  for (const pod of [...snapshot.pods, ...ghosts]) {
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
    const userCount = user.filter((p) => !ghost.has(p)).length;
    const systemCount = system.filter((p) => !ghost.has(p)).length;

    // Slot keys: one per pod, or one per collapsed deployment on this node.
    const groups = new Map<string, Pod[]>();
    const userKeys: string[] = [];
    for (const pod of user) {
      const dk = g.deployOfPod.get(pod);
      if (dk && g.collapsedDeploy(dk)) {
        let grp = groups.get(dk);
        if (!grp) {
          groups.set(dk, (grp = []));
          userKeys.push(`group:${dk}`);
        }
        grp.push(pod);
      } else userKeys.push(factsOf(pod).id);
    }
    const userSlots = slotsFor(`frame:${frameName}`, userKeys);
    const systemKeys = ui.showSystemPods ? system.map((p) => factsOf(p).id) : [];
    const systemSlots = slotsFor(`system:${frameName}`, systemKeys);
    // The control plane holds no workload pods as a rule (it is tainted): a narrow frame then.
    const cols = isControlPlane(frameName) && userCount === 0 && !ui.showSystemPods ? 1 : L.FRAME_COLS;
    const systemRows = ui.showSystemPods && system.length > 0 ? L.gridHeight(Math.max(...systemSlots.values()) + 1, cols) + L.GAP : 0;
    const top = L.FRAME_PAD + systemRows;
    const usedSlots = userSlots.size ? Math.max(...userSlots.values()) + 1 : 1;
    const height = top + L.gridHeight(usedSlots, cols) + L.GAP + L.FRAME_FOOTER;
    const width = L.frameWidth(cols);

    const frameId = `frame:${frameName}`;
    const blocks = node ? nodePodBlocks(snapshot, node) : [];
    const frameDim = ui.namespace !== "" && !pods.some((p) => !g.nsDimmed(p.metadata.namespace));
    nodes.push(
      keep(frameId, [node, frameX, width, height, blocks.join(), userCount, systemCount, ui.showSystemPods, frameDim], () => ({
        id: frameId,
        type: "frame" as const,
        position: { x: frameX, y: L.FRAME_Y },
        ...sized(width, height),
        zIndex: -1,
        selectable: false,
        draggable: false,
        ariaLabel: frameName === UNSCHEDULED ? "Pods not scheduled yet" : `Node ${frameName}`,
        domAttributes: { "aria-roledescription": "cluster node" },
        data: { node, name: frameName, blocks, podCount: userCount, systemCount, systemShown: ui.showSystemPods, dimmed: frameDim },
      })),
    );

    const placePod = (pod: Pod, slot: number, gridTop: number) => {
      const { id, key: pk, ref } = factsOf(pod);
      const at = L.gridPosition(slot, gridTop, cols);
      const x = frameX + at.x;
      const y = L.FRAME_Y + at.y;
      const gone = ghost.has(pod);
      const replaces = g.history.replaced.get(pk);
      const dk = g.deployOfPod.get(pod);
      const owner = dk ? dk.slice(dk.indexOf("/") + 1) : ref ? `${ref.kind} ${ref.name}` : "";
      const dimmed = g.nsDimmed(pod.metadata.namespace) || g.labelsDimmed(pod.metadata.labels);
      const count = gone ? 0 : (g.endpointCount.get(pk) ?? 0);
      const selected = !gone && g.isSelected("Pod", pod);
      if (!gone) g.drawnAs.set(pk, id);
      nodes.push(
        keep(id, [pod, x, y, owner, dimmed, count, selected, gone, replaces], () => ({
          id,
          type: "pod" as const,
          position: { x, y },
          ...sized(L.POD_W, L.POD_H),
          draggable: false,
          ariaLabel: pod.metadata.name,
          // A deleted pod still drawn is not a pod of the cluster: it says so to screen readers too.
          domAttributes: { "aria-roledescription": gone ? "deleted pod" : "pod" },
          selectable: !gone,
          data: { pod, owner, endpointOf: count, dimmed, selected, gone, replaces: replaces ? { name: replaces.name, ip: replaces.ip } : undefined },
        })),
      );
    };
    if (ui.showSystemPods) for (const pod of system) placePod(pod, systemSlots.get(factsOf(pod).id)!, L.FRAME_PAD);
    for (const pod of user) {
      const dk = g.deployOfPod.get(pod);
      if (dk && g.collapsedDeploy(dk)) continue;
      placePod(pod, userSlots.get(factsOf(pod).id)!, top);
    }
    for (const [dk, members] of groups) {
      const id = `group:${dk}@${frameName}`;
      const at = L.gridPosition(userSlots.get(`group:${dk}`)!, top, cols);
      const x = frameX + at.x;
      const y = L.FRAME_Y + at.y;
      // (A deleted pod is never in a group: it has no ReplicaSet in the snapshot, so it keeps a card of its own.)
      const ready = members.filter((p) => p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") && !p.metadata.deletionTimestamp).length;
      const ns = dk.slice(0, dk.indexOf("/"));
      const name = dk.slice(dk.indexOf("/") + 1);
      const dimmed = g.nsDimmed(ns) || members.every((p) => g.labelsDimmed(p.metadata.labels));
      for (const p of members) g.drawnAs.set(factsOf(p).key, id);
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
    frameX += width + L.FRAME_GAP;
  }
}
