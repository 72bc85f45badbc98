import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import { createLabStore } from "../store/lab";
import { memoryStorage } from "../store/testing/memoryStorage";
import { createNarrationStore, KEEP } from "./store";

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

function setup(storage = memoryStorage()) {
  const lab = createLabStore(createCluster, {}, { scenarioId: "article" });
  const { store, stop } = createNarrationStore(lab, storage);
  return { lab, store, stop, storage };
}

describe("the narration store", () => {
  it("starts empty: the cluster as it was built is not news", async () => {
    const { lab, store } = setup();
    lab.getState().step(1000);
    await settle();
    expect(store.getState().captions).toEqual([]);
  });

  it("tells a deleted pod's replacement once the clock moves, keeping the last captions", async () => {
    const { lab, store } = setup();
    const victim = lab.getState().snapshot.pods.find((p) => p.metadata.name.startsWith("test-"))!.metadata.name;
    lab.getState().run(`kubectl delete pod ${victim}`);
    for (let i = 0; i < 30; i++) {
      lab.getState().step(100);
      await settle();
    }
    const captions = store.getState().captions;
    expect(captions.length).toBeGreaterThan(0);
    expect(captions.length).toBeLessThanOrEqual(KEEP);
    expect(captions.map((c) => `${c.actor} ${c.text}`)).toContainEqual(expect.stringMatching(/^kube-proxy on .+ updated my-service's rules: 1 ready endpoint$/));
    expect(new Set(captions.map((c) => c.id)).size).toBe(captions.length);
  });

  it("forgets the captions when the cluster is replaced (Reset)", async () => {
    const { lab, store } = setup();
    lab.getState().run("kubectl scale deployment test --replicas=3");
    await settle();
    expect(store.getState().captions.length).toBeGreaterThan(0);
    lab.getState().reset();
    await settle();
    expect(store.getState().captions).toEqual([]);
  });

  it("stops following the lab when asked", async () => {
    const { lab, store, stop } = setup();
    stop();
    lab.getState().run("kubectl scale deployment test --replicas=3");
    await settle();
    expect(store.getState().captions).toEqual([]);
  });

  it("remembers that the learner hid the captions", () => {
    const { store, storage } = setup();
    expect(store.getState().hidden).toBe(false);
    store.getState().setHidden(true);
    expect(store.getState().hidden).toBe(true);
    expect(setup(storage).store.getState().hidden).toBe(true);
  });
});
