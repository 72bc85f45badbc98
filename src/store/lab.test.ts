import { describe, expect, it, vi } from "vitest";
import { startClock } from "./clock";
import { createCluster } from "../engine";
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

  it("refuses a UI action while the terminal is in another session, and says how to come back", () => {
    const store = createLabStore(createCluster);
    store.getState().enterLine("ssh node01");
    const r = store.getState().run("kubectl scale deployment web --replicas=2");
    expect(r?.exitCode).toBe(1);
    expect(r?.stderr).toMatch(/another session \(node01:~\$\): type exit/);
    store.getState().enterLine("exit");
    expect(store.getState().run("kubectl get nodes")?.exitCode).toBe(0);
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

describe("the action log", () => {
  it("records typed lines, UI actions and time, coalescing the clock's small steps", () => {
    const store = createLabStore(() => createFakeCluster());
    const s = () => store.getState();
    expect(s().canUndo).toBe(false);
    s().enterLine("kubectl get nodes");
    s().advance(16);
    s().advance(17);
    s().run("kubectl create deployment web --image=nginx");
    expect(s().session().log).toEqual(["kubectl get nodes", 33, "kubectl create deployment web --image=nginx"]);
    expect(s().canUndo).toBe(true);
  });

  it("steps the clock while paused, and records the step", () => {
    const store = createLabStore(() => createFakeCluster());
    const s = () => store.getState();
    const start = s().cluster!.now();
    s().setPaused(true);
    s().advance(500);
    expect(s().cluster!.now()).toBe(start);
    s().step();
    expect(s().cluster!.now()).toBe(start + 1000);
    expect(s().elapsedSeconds).toBe(1);
    expect(s().session().log).toEqual([1000]);
  });

  it("records a view's direct reads as quiet execs, since they move the clock too", () => {
    const store = createLabStore(() => createFakeCluster());
    store.getState().cluster!.exec("kubectl get nodes");
    expect(store.getState().session().log).toEqual([{ q: "kubectl get nodes" }]);
    expect(store.getState().terminal.entries).toEqual([]);
    expect(store.getState().canUndo).toBe(false);
  });

  it("echoes a line the terminal handled itself without running or recording it", () => {
    const exec = vi.fn();
    const store = createLabStore(() => ({ ...createFakeCluster(), exec }));
    store.getState().echo("vi service.yaml");
    store.getState().echo("kubectl edit svc x", { stderr: "Error from server (NotFound): services \"x\" not found\n" });
    expect(exec).not.toHaveBeenCalled();
    expect(store.getState().session().log).toEqual([]);
    expect(store.getState().terminal.entries.map((e) => e.kind)).toEqual(["command", "command", "stderr"]);
    expect(store.getState().terminal.history).toEqual(["vi service.yaml", "kubectl edit svc x"]);
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
