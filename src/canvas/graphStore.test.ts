import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import { createLabStore } from "../store/lab";
import { createUiStore } from "../ui/store";
import { createGraphStore } from "./graphStore";
import type { PodNode } from "./types";

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup() {
  const lab = createLabStore(createCluster, {}, { scenarioId: "article" });
  const ui = createUiStore();
  const { store, live, stop } = createGraphStore(lab, ui);
  const pod = () => lab.getState().snapshot.pods.find((p) => p.metadata.name.startsWith("test-"))!;
  return { lab, ui, store, live, stop, pod };
}

describe("the graph store", () => {
  it("leaves the graph as it is when a pod changes in nothing the graph draws, and hands the new pod to its card", async () => {
    const { lab, store, live, pod } = setup();
    await settle();
    const before = store.getState().graph;
    const name = pod().metadata.name;
    let told = 0;
    live.subscribe(`default/${name}`, () => told++);
    lab.getState().run(`kubectl label pod ${name} color=blue`);
    await settle();
    expect(store.getState().graph).toBe(before);
    expect(told).toBe(1);
    expect(live.get(`default/${name}`)?.metadata.labels?.color).toBe("blue");
    expect(live.get(`default/${name}`)).toBe(pod());
  });

  it("rebuilds the graph when the change is drawn (a label under a label filter), and then forgets its newer pods", async () => {
    const { lab, ui, store, live, pod } = setup();
    const name = pod().metadata.name;
    lab.getState().run(`kubectl label pod ${name} color=blue`);
    await settle();
    expect(live.get(`default/${name}`)).toBeDefined();
    ui.getState().setLabelFilter("color=blue");
    await settle();
    expect(live.get(`default/${name}`)).toBeUndefined();
    const card = () => store.getState().graph.nodes.find((n) => n.id === `pod:default/${name}`) as PodNode;
    expect(card().data.pod).toBe(pod());
    expect(card().data.dimmed).toBe(false);
    const before = store.getState().graph;
    lab.getState().run(`kubectl label pod ${name} color=red --overwrite`);
    await settle();
    expect(store.getState().graph).not.toBe(before);
    expect(card().data.dimmed).toBe(true);
    expect(live.get(`default/${name}`)).toBeUndefined();
  });

  it("rebuilds the graph when a pod comes or goes", async () => {
    const { lab, store } = setup();
    await settle();
    const before = store.getState().graph;
    lab.getState().run("kubectl scale deployment test --replicas=3");
    lab.getState().step(1000);
    await settle();
    expect(store.getState().graph.nodes.filter((n) => n.type === "pod").length).toBeGreaterThan(before.nodes.filter((n) => n.type === "pod").length);
  });
});
