import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import { EMPTY_HISTORY, GONE_MS, NEW_MS, trackPods, type PodHistory } from "./history";
import { toGraph, type GraphUi } from "./toGraph";
import type { PodNode } from "./types";

const UI: GraphUi = { namespace: "", labelFilter: "", showSystemPods: false, expanded: [], collapsed: [], selection: null };

/** A cluster with a two-pod deployment, and a function that follows its pods like the canvas does. */
function setup() {
  const c = createCluster({ seed: 7 });
  c.exec("kubectl create deployment test --image=nginx --replicas=2");
  c.advance(10_000);
  let before = c.snapshot();
  let history: PodHistory = EMPTY_HISTORY;
  const step = (ms = 0) => {
    if (ms) c.advance(ms);
    const now = c.snapshot();
    history = trackPods(history, before.pods, now.pods, now.time);
    before = now;
    return history;
  };
  const podNames = () => c.snapshot().pods.filter((p) => p.metadata.namespace === "default").map((p) => p.metadata.name);
  return { c, step, podNames, graph: () => toGraph(c.snapshot(), UI, undefined, history) };
}

describe("pod history", () => {
  it("marks the pod a ReplicaSet creates for a deleted one as new, with the old pod's name and IP", () => {
    const { c, step, podNames, graph } = setup();
    const [victim] = podNames();
    const oldIp = c.snapshot().pods.find((p) => p.metadata.name === victim)!.status.podIP;
    c.exec(`kubectl delete pod ${victim} --wait=false`);
    step();
    step(5_000);
    const fresh = podNames().find((n) => graph().nodes.some((x) => x.id === `pod:default/${n}` && (x as PodNode).data.replaces));
    expect(fresh).toBeDefined();
    const card = graph().nodes.find((x) => x.id === `pod:default/${fresh}`) as PodNode;
    expect(card.data.replaces).toEqual({ name: victim, ip: oldIp });
    expect(fresh).not.toBe(victim); // a new name, never the old one
    // The mark lasts a while, then goes.
    step(NEW_MS);
    expect((graph().nodes.find((x) => x.id === `pod:default/${fresh}`) as PodNode).data.replaces).toBeUndefined();
  });

  it("keeps a deleted pod drawn, as gone, for a few seconds after it left the cluster", () => {
    const { c, step, graph } = setup();
    c.exec("kubectl scale deployment test --replicas=1");
    step();
    let gone: PodNode[] = [];
    for (let t = 0; t < 60_000 && gone.length === 0; t += 1_000) {
      step(1_000);
      gone = graph().nodes.filter((n): n is PodNode => n.type === "pod" && !!n.data.gone);
    }
    expect(gone).toHaveLength(1);
    expect(c.snapshot().pods.some((p) => p.metadata.name === gone[0].data.pod.metadata.name)).toBe(false);
    // A scale-down replaces nothing: no pod is marked new.
    expect(graph().nodes.some((n) => n.type === "pod" && n.data.replaces)).toBe(false);
    step(GONE_MS);
    expect(graph().nodes.some((n) => n.type === "pod" && n.data.gone)).toBe(false);
  });

  it("marks nothing when pods are only added", () => {
    const { c, step } = setup();
    c.exec("kubectl scale deployment test --replicas=4");
    step();
    const h = step(5_000);
    expect(h.replaced.size).toBe(0);
    expect(h.gone.size).toBe(0);
  });
});
