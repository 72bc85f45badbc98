import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import { createSessionController } from "../store/controller";
import { createLabStore } from "../store/lab";
import { memoryStorage } from "../store/testing/memoryStorage";
import { clearStaleSelection } from "./selection";
import { createUiStore } from "./store";

/** The article's lab (a Deployment `test` of one nginx pod behind `my-service`) and a UI bound to it. */
function lab() {
  const store = createLabStore(createCluster, {}, { scenarioId: "article" });
  const controller = createSessionController(store, createCluster, { storage: memoryStorage(), href: () => "http://localhost/", replaceUrl: () => {}, pause: () => Promise.resolve() });
  const ui = createUiStore();
  const stop = clearStaleSelection(store, ui);
  const pod = () => store.getState().snapshot.pods.find((p) => p.metadata.namespace === "default")!.metadata.name;
  const selectPod = (name = pod()) => ui.getState().select({ kind: "Pod", namespace: "default", name });
  return { store, controller, ui, stop, pod, selectPod, s: () => store.getState(), selection: () => ui.getState().selection };
}

describe("the selection follows the cluster", () => {
  it("keeps a selected object while it exists, as the cluster changes around it", () => {
    const l = lab();
    l.ui.getState().select({ kind: "Service", namespace: "default", name: "my-service" });
    l.s().run("kubectl scale deployment test --replicas=3");
    l.s().step(5000);
    expect(l.selection()).toEqual({ kind: "Service", namespace: "default", name: "my-service" });
  });

  it("clears a pod that was deleted, even though its ReplicaSet made a replacement", () => {
    const l = lab();
    const name = l.pod();
    l.selectPod(name);
    l.s().enterLine(`kubectl delete pod ${name}`);
    expect(l.s().snapshot.pods.some((p) => p.metadata.name === name)).toBe(false);
    expect(l.s().snapshot.pods.some((p) => p.metadata.namespace === "default")).toBe(true);
    expect(l.selection()).toBeNull();
  });

  it("keeps a terminating pod selected until it is gone", () => {
    const l = lab();
    const name = l.pod();
    l.selectPod(name);
    l.s().enterLine(`kubectl delete pod ${name} --wait=false`);
    expect(l.s().snapshot.pods.find((p) => p.metadata.name === name)?.metadata.deletionTimestamp).toBeDefined();
    expect(l.selection()?.name).toBe(name);
    l.s().step(60_000);
    expect(l.selection()).toBeNull();
  });

  it("clears the selection when Reset throws the cluster away, though the same names come back", () => {
    const l = lab();
    l.ui.getState().select({ kind: "Deployment", namespace: "default", name: "test" });
    l.s().reset();
    expect(l.s().snapshot.deployments.some((d) => d.metadata.name === "test")).toBe(true);
    expect(l.selection()).toBeNull();
  });

  it("clears the selection when a scenario is loaded", () => {
    const l = lab();
    l.ui.getState().select({ kind: "Node", namespace: "", name: "node01" });
    expect(l.controller.loadScenario("wordpress")).toBe(true);
    expect(l.selection()).toBeNull();
  });

  it("leaves the inspector open, and stops following once unbound", () => {
    const l = lab();
    l.selectPod();
    l.s().reset();
    expect(l.ui.getState()).toMatchObject({ selection: null, inspectorOpen: true });
    l.stop();
    l.selectPod();
    l.s().reset();
    expect(l.selection()).not.toBeNull();
  });
});
