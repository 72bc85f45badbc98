import { describe, expect, it, vi } from "vitest";
import { startClock } from "./clock";
import { createLabStore } from "./lab";
import { createFakeCluster } from "./testing/fakeCluster";

const quiet = () => vi.spyOn(console, "error").mockImplementation(() => {});

describe("the lab store", () => {
  it("starts with the cluster's snapshot and prompt", () => {
    const store = createLabStore(() => createFakeCluster());
    const s = store.getState();
    expect(s.snapshot.nodes.map((n) => n.metadata.name)).toEqual(["controlplane", "node01", "node02"]);
    expect(s.terminal.prompt).toBe("controlplane:~$ ");
    expect(s.fatal).toBeNull();
  });

  it("runs an entered line and records the command, its output and the history", () => {
    const store = createLabStore(() => createFakeCluster());
    store.getState().enterLine("kubectl create deployment web --image=nginx");
    const t = store.getState().terminal;
    expect(t.entries.map((e) => [e.kind, e.text])).toEqual([
      ["command", "kubectl create deployment web --image=nginx"],
      ["stdout", "deployment.apps/web created"],
    ]);
    expect(t.history).toEqual(["kubectl create deployment web --image=nginx"]);
    expect(store.getState().snapshot.pods.some((p) => p.metadata.name.startsWith("web-"))).toBe(true);
  });

  it("runs a UI action's command, echoes it in the terminal and hands back the engine's answer", () => {
    const store = createLabStore(() => createFakeCluster());
    const r = store.getState().run("kubectl scale deployment nope --replicas=2");
    expect(r?.exitCode).toBe(1);
    expect(r?.stderr).toContain("unknown command");
    const t = store.getState().terminal;
    expect(t.entries[0]).toMatchObject({ kind: "command", text: "kubectl scale deployment nope --replicas=2" });
    expect(t.entries[1].kind).toBe("stderr");
  });

  it("shows stderr apart from stdout", () => {
    const store = createLabStore(() => createFakeCluster());
    store.getState().enterLine("kubectl frobnicate");
    expect(store.getState().terminal.entries[1].kind).toBe("stderr");
  });

  it("collects a typed heredoc and runs it as one command", () => {
    const exec = vi.fn((_line: string) => ({ stdout: "", stderr: "", exitCode: 0, output: "" }));
    const store = createLabStore(() => ({ ...createFakeCluster(), exec }));
    const { enterLine } = store.getState();
    enterLine("kubectl apply -f - <<EOF");
    expect(store.getState().terminal.heredoc).toBeDefined();
    enterLine("kind: Pod");
    enterLine("EOF");
    expect(exec).toHaveBeenCalledTimes(1);
    expect(exec).toHaveBeenCalledWith("kubectl apply -f - <<EOF\nkind: Pod\nEOF");
    expect(store.getState().terminal.heredoc).toBeUndefined();
    expect(store.getState().terminal.history).toEqual(["kubectl apply -f - <<EOF"]);
  });

  it("runs a pasted heredoc as one exec call and hands back the unfinished line", () => {
    const exec = vi.fn((_line: string) => ({ stdout: "", stderr: "", exitCode: 0, output: "" }));
    const store = createLabStore(() => ({ ...createFakeCluster(), exec }));
    const rest = store.getState().pasteText("kubectl apply -f - <<EOF\nkind: Pod\nEOF\nkubectl get po");
    expect(exec.mock.calls).toEqual([["kubectl apply -f - <<EOF\nkind: Pod\nEOF"]]);
    expect(rest).toBe("kubectl get po");
  });

  it("turns an engine exception into a fatal error and recovers on reset", () => {
    const spy = quiet();
    const store = createLabStore(() => createFakeCluster({ throwOn: "boom" }));
    store.getState().enterLine("boom");
    expect(store.getState().fatal?.message).toMatch(/invariant/);
    expect(store.getState().paused).toBe(true);
    store.getState().reset();
    expect(store.getState().fatal).toBeNull();
    expect(store.getState().terminal.entries).toEqual([]);
    spy.mockRestore();
  });

  it("reports a cluster that cannot be created instead of throwing", () => {
    const spy = quiet();
    const store = createLabStore(() => {
      throw new Error("no cluster today");
    });
    expect(store.getState().fatal?.message).toBe("no cluster today");
    spy.mockRestore();
  });
});

describe("the clock loop", () => {
  it("advances virtual time by real time × speed, and not while paused", () => {
    vi.useFakeTimers();
    let real = 0;
    const store = createLabStore(() => createFakeCluster());
    const start = store.getState().cluster!.now();
    store.getState().setSpeed(4);
    const stop = startClock(store, () => real);
    real += 50;
    vi.advanceTimersByTime(50);
    expect(store.getState().cluster!.now() - start).toBe(200);
    store.getState().setPaused(true);
    real += 50;
    vi.advanceTimersByTime(50);
    expect(store.getState().cluster!.now() - start).toBe(200);
    stop();
    vi.useRealTimers();
  });

  it("lets a pod created by a command become Running as time passes", () => {
    const store = createLabStore(() => createFakeCluster());
    store.getState().enterLine("kubectl create deployment web --image=nginx");
    store.getState().advance(2000);
    const web = store.getState().snapshot.pods.find((p) => p.metadata.name.startsWith("web-"));
    expect(web?.status.phase).toBe("Running");
    expect(store.getState().elapsedSeconds).toBe(2);
  });
});
