import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import { createLabStore } from "./lab";
import { replayAsync, replaySync } from "./replay";
import { withoutLastExec } from "./log";
import { SCENARIOS } from "./scenarios";

const wide = (c: { exec(l: string): { stdout: string } }) => c.exec("kubectl get pods,svc,ep -o wide").stdout;

/** A lab driven the way a learner drives it: typed lines, UI actions, the clock, a quiet read. */
function playedLab() {
  const store = createLabStore(createCluster, {}, { scenarioId: "article" });
  const s = () => store.getState();
  s().enterLine("kubectl scale deployment test --replicas=3");
  for (let i = 0; i < 40; i++) s().advance(16);
  s().run("kubectl delete pod -l app=test --wait=false");
  s().cluster!.exec("kubectl get svc my-service -o yaml"); // a panel's direct read
  s().step(); // paused or not
  s().enterLine("kubectl apply -f - <<EOF");
  for (const l of ["apiVersion: v1", "kind: Pod", "metadata:", "  name: orphan", "  labels:", "    app: test", "spec:", "  containers:", "  - name: c", "    image: nginx", "EOF"]) s().enterLine(l);
  s().advance(7_000);
  return store;
}

describe("replaying a lab", () => {
  it("rebuilds the same cluster and the same terminal from the session", () => {
    const store = playedLab();
    const live = store.getState();
    const session = live.session();
    expect(session.log.filter((e) => typeof e === "number").length).toBeLessThanOrEqual(5); // advances coalesced
    const r = replaySync(createCluster, session);
    expect(r.cluster.now()).toBe(live.cluster!.now());
    expect(r.terminal.entries.map((e) => [e.kind, e.text])).toEqual(live.terminal.entries.map((e) => [e.kind, e.text]));
    expect(r.terminal.history).toEqual(live.terminal.history);
    expect(r.startTime).toBe(live.startTime);
    expect(wide(r.cluster)).toBe(wide(live.cluster!));
  });

  it("replays traffic generators started and stopped through the lab's cluster", () => {
    const store = createLabStore(createCluster, {}, { scenarioId: "article" });
    const s = () => store.getState();
    s().run("kubectl run client --image=curlimages/curl -- sleep infinity");
    s().advance(30_000);
    const started = s().cluster!.traffic.start({ source: { kind: "pod", name: "client" }, target: "my-service", rate: 20 });
    expect(started.ok).toBe(true);
    s().advance(5_000);
    if (started.ok) s().cluster!.traffic.stop(started.id);
    s().advance(3_000);
    const session = s().session();
    expect(session.log.filter((e) => typeof e === "object" && "traffic" in e)).toHaveLength(2);
    const r = replaySync(createCluster, session);
    expect(r.cluster.traffic.metrics()).toEqual(s().cluster!.traffic.metrics());
    expect(r.cluster.traffic.metrics().targets["default/my-service"].requests).toBeGreaterThan(50);
    // The terminal showed each call as a comment (never run, never in the history), and replay shows the same.
    const notes = s().terminal.entries.filter((e) => e.text.startsWith("# traffic"));
    expect(notes.map((e) => e.text)).toEqual([
      "# traffic: client → my-service:8080, 20 req/s (like: kubectl exec client -- sh -c 'while true; do curl -s -o /dev/null http://my-service:8080 & sleep 0.05; done')",
      "# traffic stopped: client → my-service:8080 (like: Ctrl+C in its loop)",
    ]);
    expect(s().terminal.history.some((h) => h.startsWith("#"))).toBe(false);
    expect(session.log.some((e) => typeof e === "string" && e.startsWith("#"))).toBe(false);
    expect(r.terminal.entries.map((e) => [e.kind, e.text])).toEqual(s().terminal.entries.map((e) => [e.kind, e.text]));
  });

  it("gives the same result in time slices, reporting progress", async () => {
    const session = playedLab().getState().session();
    let t = 0;
    const progress: number[] = [];
    const r = await replayAsync(createCluster, session, { now: () => (t += 10), sliceMs: 15, pause: () => Promise.resolve(), onProgress: (d) => progress.push(d) });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(session.log.length);
    expect(wide(r.cluster)).toBe(wide(replaySync(createCluster, session).cluster));
  });

  it("undo is the lab that never ran the last command", () => {
    const store = createLabStore(createCluster);
    store.getState().run("kubectl create deployment a --image=nginx");
    store.getState().advance(3000);
    const beforeDelete = store.getState().cluster!.now();
    store.getState().run("kubectl delete deployment a");
    store.getState().advance(1000);
    const session = store.getState().session();
    const log = withoutLastExec(session.log)!;
    expect(log).not.toContain("kubectl delete deployment a");
    const undone = replaySync(createCluster, { ...session, log });
    // The time that passed after the undone command is kept (only the command's own time goes).
    expect(undone.cluster.now()).toBe(beforeDelete + 1000);
    expect(undone.cluster.exec("kubectl get deploy").stdout).toContain("a ");
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))("sets up scenario %s without an error", (_id, scenario) => {
    const r = replaySync(createCluster, { scenario: scenario.id, options: { ...scenario.options }, log: [] });
    expect(r.terminal.entries.filter((e) => e.kind === "stderr")).toEqual([]);
    expect(r.cluster.snapshot().pods.filter((p) => p.metadata.namespace === "default").every((p) => p.status.phase === "Running")).toBe(true);
  });

  it("sets up the slow pod behind an lc Service in IPVS mode", () => {
    const r = replaySync(createCluster, { scenario: "slow-lc", options: { proxyMode: "ipvs", ipvsScheduler: "lc" }, log: [] });
    expect(r.cluster.options).toMatchObject({ proxyMode: "ipvs", ipvsScheduler: "lc" });
    const slow = r.cluster.snapshot().pods.find((p) => p.metadata.name === "web-slow");
    expect(slow?.metadata.annotations?.["podflow.dev/response-delay"]).toBe("2s");
    expect(r.cluster.exec("kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath={.items[0].endpoints[*].targetRef.name}").stdout.split(" ")).toHaveLength(3);
  });
});
