import { describe, expect, it, vi } from "vitest";
import { createCluster } from "../engine";
import { toSaved } from "./codec";
import { createSessionController } from "./controller";
import { createLabStore } from "./lab";
import { pack, toBase64Url } from "./share";
import { STORAGE_KEY, type KeyValueStorage } from "./storage";
import { memoryStorage } from "./testing/memoryStorage";

/** A page: a deferred store (as index.ts makes it when something will be restored) and its controller. */
function page(opts: { href?: string; storage?: KeyValueStorage; deferred?: boolean; factory?: typeof createCluster } = {}) {
  let href = opts.href ?? "https://example.org/podflow/";
  const storage = opts.storage ?? memoryStorage();
  const factory = opts.factory ?? createCluster;
  const store = createLabStore(factory, {}, { deferred: opts.deferred ?? true });
  const controller = createSessionController(store, factory, { storage, href: () => href, replaceUrl: (u) => (href = u), pause: () => Promise.resolve() });
  return { store, controller, storage, href: () => href, s: () => store.getState() };
}

const pods = (p: ReturnType<typeof page>) => p.s().cluster!.exec("kubectl get pods -o wide").stdout;

describe("the session", () => {
  it("starts the default lab when nothing is saved", async () => {
    const p = page();
    await p.controller.start();
    expect(p.s().cluster).not.toBeNull();
    expect(p.s().restoring).toBeNull();
    expect(p.s().scenarioId).toBe("empty");
    expect(p.s().notice).toBeNull();
  });

  it("survives a reload: the saved lab is replayed", async () => {
    const first = page({ deferred: false });
    first.s().run("kubectl create deployment web --image=nginx --replicas=2");
    first.s().advance(4000);
    expect(first.controller.save()).toBe(true);
    const second = page({ storage: first.storage });
    await second.controller.start();
    expect(pods(second)).toBe(pods(first));
    expect(second.s().terminal.history).toEqual(["kubectl create deployment web --image=nginx --replicas=2"]);
    expect(second.s().canUndo).toBe(true);
  });

  it("restores a shared link, strips it from the address bar and sets the learner's own lab aside", async () => {
    const author = page({ deferred: false });
    author.controller.loadScenario("article");
    author.s().run("kubectl scale deployment test --replicas=2");
    author.s().advance(5000);
    const url = await author.controller.shareUrl();
    expect(url).toMatch(/^https:\/\/example\.org\/podflow\/#s=z\./);

    const own = memoryStorage();
    const mine = page({ storage: own, deferred: false });
    mine.s().run("kubectl create deployment mine --image=nginx");
    mine.controller.save();
    const reader = page({ href: url, storage: own });
    await reader.controller.start();
    expect(pods(reader)).toBe(pods(author));
    expect(reader.href()).toBe("https://example.org/podflow/");
    expect(reader.s().notice).toMatchObject({ tone: "info", title: "You are looking at a shared lab.", action: { label: "Back to my lab" } });

    reader.s().notice!.action!.run();
    await reader.controller.idle();
    expect(reader.s().cluster!.exec("kubectl get deploy").stdout).toContain("mine");
    expect(reader.s().notice).toBeNull();
  });

  it.each([
    ["garbage", "#s=z.not-a-lab"],
    ["a cut-off link", "#s=j.eyJ2IjoxLCJzY2VuYXJ"],
  ])("reports %s in a shared link and opens the learner's own lab", async (_what, hash) => {
    const storage = memoryStorage();
    const mine = page({ storage, deferred: false });
    mine.s().run("kubectl create deployment mine --image=nginx");
    mine.controller.save();
    const p = page({ href: `https://example.org/podflow/${hash}`, storage });
    await p.controller.start();
    expect(p.s().notice).toMatchObject({ tone: "error", title: "This shared link can't be opened.", detail: expect.stringMatching(/damaged/) });
    expect(p.s().cluster!.exec("kubectl get deploy").stdout).toContain("mine");
    expect(p.href()).toBe("https://example.org/podflow/");
  });

  it("explains a link that is valid JSON but not a valid lab", async () => {
    const packed = await pack({ ...toSaved({ scenario: "empty", options: {}, log: [] }), log: [-1] });
    const p = page({ href: `https://example.org/#s=${packed}` });
    await p.controller.start();
    expect(p.s().notice?.detail).toMatch(/not a valid lab: step 1 of the action log is not a valid amount of time/);
    expect(p.s().cluster).not.toBeNull();
  });

  it("starts fresh with a message when the saved lab is corrupt, and only says so once", async () => {
    const storage = memoryStorage({ [STORAGE_KEY]: "{not json" });
    const p = page({ storage });
    await p.controller.start();
    expect(p.s().notice).toMatchObject({ tone: "error", title: "Your saved lab could not be restored.", detail: expect.stringMatching(/damaged.*fresh lab/) });
    expect(p.s().cluster).not.toBeNull();
    const again = page({ storage });
    await again.controller.start();
    expect(again.s().notice).toBeNull();
  });

  it("starts fresh with a message when the lab was saved by an older version", async () => {
    const p = page({ storage: memoryStorage({ "podflow:lab:v0": JSON.stringify({ commands: ["kubectl get pods"] }) }) });
    await p.controller.start();
    expect(p.s().notice?.detail).toMatch(/older version of Podflow/);
    expect(p.storage.getItem("podflow:lab:v0")).toBeNull();
  });

  it("starts fresh with a message when replaying the saved lab breaks the engine", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const saved = toSaved({ scenario: "empty", options: { seed: 666 }, log: [] });
    // An engine whose invariant breaks for this one lab (a bug the replay must survive).
    const factory: typeof createCluster = (o) => {
      if (o?.seed === 666) throw new Error("invariant broken");
      return createCluster(o);
    };
    const p = page({ storage: memoryStorage({ [STORAGE_KEY]: JSON.stringify(saved) }), factory });
    await p.controller.start();
    expect(p.s().notice?.title).toBe("Your saved lab could not be replayed.");
    expect(p.s().cluster).not.toBeNull();
    spy.mockRestore();
  });

  it("refuses a saved lab whose cluster options the engine cannot use, saying why", async () => {
    const saved = toSaved({ scenario: "empty", options: { serviceCidr: "10.0.0.0/8", podCidr: "10.0.0.0/16" }, log: [] });
    const p = page({ storage: memoryStorage({ [STORAGE_KEY]: JSON.stringify(saved) }) });
    await p.controller.start();
    expect(p.s().notice?.title).toBe("Your saved lab could not be restored.");
    expect(p.s().notice?.detail).toMatch(/service-cluster-ip-range is too large/);
    expect(p.s().cluster).not.toBeNull();
  });

  it("opens a scenario from a deep link", async () => {
    const p = page({ href: "https://example.org/podflow/#scenario=wordpress" });
    await p.controller.start();
    expect(p.s().scenarioId).toBe("wordpress");
    expect(p.href()).toBe("https://example.org/podflow/");
    expect(p.s().terminal.entries[0].text).toBe("# Scenario: MySQL + WordPress");
  });

  it("undoes the last command, keeping what came before", async () => {
    const p = page({ deferred: false });
    expect(p.controller.undo()).toBe(false);
    p.s().run("kubectl create deployment a --image=nginx");
    p.s().advance(2000);
    p.s().run("kubectl create deployment b --image=nginx");
    p.s().advance(2000);
    expect(p.controller.undo()).toBe(true);
    await p.controller.idle();
    const deploys = p.s().cluster!.exec("kubectl get deploy -o name").stdout;
    expect(deploys).toBe("deployment.apps/a\n");
    expect(p.s().terminal.entries.some((e) => e.text.includes("create deployment b"))).toBe(false);
  });

  it("brings a reset lab back: the lab as it was before Reset is replayed and saved", async () => {
    const p = page({ deferred: false });
    p.s().run("kubectl create deployment kept --image=nginx --replicas=2");
    p.s().advance(5000);
    const before = p.s().session();
    const pods = p.s().cluster!.exec("kubectl get pods -o wide").stdout;
    p.s().reset();
    expect(p.s().cluster!.exec("kubectl get deploy -o name").stdout).toBe("");
    expect(await p.controller.restore(before)).toBe(true);
    expect(p.s().cluster!.exec("kubectl get pods -o wide").stdout).toBe(pods);
    expect(p.s().terminal.history).toEqual(["kubectl create deployment kept --image=nginx --replicas=2"]);
    expect(p.storage.getItem(STORAGE_KEY)).toContain("deployment kept");
  });

  it("keeps the clock and commands waiting while a lab is being restored", () => {
    const p = page();
    expect(p.s().restoring).not.toBeNull();
    p.s().enterLine("kubectl get pods");
    p.s().advance(1000);
    expect(p.s().terminal.entries).toEqual([]);
  });

  it("refuses to save a lab too long to load again, and says so", () => {
    const p = page({ deferred: false });
    for (let i = 0; i < 30; i++) p.s().run(`echo ${"x".repeat(19_990)}`);
    expect(p.controller.save()).toBe(false);
    expect(p.s().notice?.title).toBe("This lab is too long to save.");
  });

  it("rejects an uncompressed link holding a bad scenario", async () => {
    const json = new TextEncoder().encode(JSON.stringify({ v: 1, scenario: "../../etc", options: {}, log: [] }));
    const p = page({ href: `https://example.org/#s=j.${toBase64Url(json)}` });
    await p.controller.start();
    expect(p.s().notice?.detail).toMatch(/scenario/);
  });
});
