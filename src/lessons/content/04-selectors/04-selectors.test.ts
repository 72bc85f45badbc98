import { describe, expect, it } from "vitest";
import { readyEndpoints, readyPods } from "../../checks";
import { contextOf, lessonLab, typed } from "../../testing";
import { selectors as lesson } from "../files";

const step = (id: string) => lesson.steps.find((s) => s.id === id)!;

type Lab = ReturnType<typeof lessonLab>;

/** A lab on the lesson's starting cluster, with the lines run and time let pass; memory as step 1 keeps it. */
function started(...setup: (string | number)[]) {
  const l = lessonLab([lesson]);
  l.controller.loadScenario("lesson-selectors");
  for (const a of setup) {
    if (typeof a === "number") l.lab.getState().step(a);
    else l.lab.getState().run(a);
  }
  const memory = { ...step("no-endpoints").enter!(contextOf(l)) };
  return { l, memory, run: (line: string) => l.lab.getState().run(line), wait: (ms: number) => l.lab.getState().step(ms) };
}

/** The connections a line made (run through the lab, as typed). */
function flowsOf(l: Lab, line: string) {
  const before = l.lab.getState().cluster!.traffic.flows().length;
  typed(l, line);
  return l.lab.getState().cluster!.traffic.flows().slice(before);
}

const podName = (l: Lab, app: string) => readyPods(l.lab.getState().snapshot, { app })[0].metadata.name;

describe("lesson 4: selectors, not names", () => {

  it("no-endpoints: a refused call passes; too early, the wrong port and a deleted Service are near misses", () => {
    const s = step("no-endpoints");
    const { l, memory, run, wait } = started();
    expect(memory.clusterIP).toMatch(/^10\./);
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail" });

    // Called while the pods are still on their way out: it still reaches one.
    run("kubectl delete deployment test");
    const tooSoon = flowsOf(l, "kubectl exec client -- curl -s my-service:8080");
    expect(tooSoon.at(-1)?.outcome).toBe("ok");
    wait(2_000);
    expect(s.check(contextOf(l, { memory, flows: tooSoon }))).toEqual({ status: "fail", hint: expect.stringContaining("on its way out") });
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining("Now call the Service") });
    expect(s.check(contextOf(l, { memory, flows: flowsOf(l, "kubectl exec client -- curl -sS -m 2 my-service") }))).toEqual({ status: "fail", hint: expect.stringContaining("Port 80") });
    const refused = flowsOf(l, "kubectl exec client -- curl -sS my-service:8080");
    expect(refused.at(-1)?.outcome).toBe("refused");
    expect(s.check(contextOf(l, { memory, flows: refused }))).toEqual({ status: "pass" });
    expect(s.highlight!(contextOf(l, { memory }))).toEqual({ rules: expect.stringMatching(/^node0/) });

    run("kubectl delete svc my-service");
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining("You deleted the Service") });
  });

  it("no-endpoints: pods shutting down are a wait; a call in kube-proxy's stale window times out", () => {
    const s = step("no-endpoints");
    const { l, memory, run } = started();
    run("kubectl delete deployment test --wait=false");
    expect(s.check(contextOf(l, { memory })).status).toBe("wait");
    run("kubectl wait --for=delete pod -l app=test --timeout=60s");
    const stale = flowsOf(l, "kubectl exec client -- curl -sS -m 2 my-service:8080");
    expect(stale.at(-1)?.outcome).toBe("timeout");
    expect(s.check(contextOf(l, { memory, flows: stale }))).toEqual({ status: "fail", hint: expect.stringContaining("still rewriting") });
  });

  it("reject-rule: the filter table, not nat", () => {
    const s = step("reject-rule");
    const { l, memory } = started("kubectl delete deployment test", 2_000);
    const check = (line: string) => s.check(contextOf(l, { memory, commands: [typed(l, line)] }));
    expect(check("iptables-save -t nat | grep my-service")).toEqual({ status: "fail", hint: expect.stringContaining("filter table") });
    expect(check("iptables-save | grep kube-dns")).toEqual({ status: "fail", hint: expect.stringContaining("grep my-service") });
    expect(check("iptables-save -t filter | grep my-service")).toEqual({ status: "pass" });
    expect(check("iptables -L KUBE-SERVICES -n")).toEqual({ status: "pass" });

    const again = started();
    expect(s.check(contextOf(again.l, { memory: again.memory, commands: [typed(again.l, "iptables-save -t filter | grep my-service")] }))).toEqual({
      status: "fail",
      hint: expect.stringContaining("has endpoints again"),
    });
  });

  it("recreate: another name is a near miss; the new test pod must be seen among the endpoints", () => {
    const s = step("recreate");
    const { l, memory, run, wait } = started("kubectl delete deployment test", 2_000);
    run("kubectl create deployment web --image=nginx");
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining("called `web`") });
    run("kubectl create deployment test --image=nginx --replicas=0");
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining("0 replicas") });
    run("kubectl scale deployment test --replicas=1");
    expect(s.check(contextOf(l, { memory })).status).toBe("wait");
    wait(20_000);
    expect(s.check(contextOf(l, { memory, commands: [typed(l, "kubectl get pods --show-labels")] }))).toEqual({ status: "fail", hint: expect.stringContaining("get endpoints my-service") });
    expect(s.check(contextOf(l, { memory, commands: [typed(l, "kubectl get ep my-service")] }))).toEqual({ status: "pass" });
    expect(s.check(contextOf(l, { memory, commands: [typed(l, "kubectl describe svc my-service")] }))).toEqual({ status: "pass" });
  });

  it("ram: the lesson's name; its pod is not an endpoint, and the endpoints must be looked at", () => {
    const s = step("ram");
    const { l, memory, run, wait } = started();
    // The other name is told when it was typed in this step.
    const bob = typed(l, "kubectl create deployment bob --image=nginx");
    expect(s.check(contextOf(l, { memory, commands: [bob] }))).toEqual({ status: "fail", hint: expect.stringContaining("you made `bob`") });
    run("kubectl create deployment ram --image=nginx");
    expect(s.check(contextOf(l, { memory })).status).toBe("wait");
    wait(20_000);
    const ramIP = readyPods(l.lab.getState().snapshot, { app: "ram" })[0].status.podIP;
    expect(readyEndpoints(l.lab.getState().snapshot, "my-service").map((e) => e.ip)).not.toContain(ramIP);
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining("get endpoints my-service") });
    expect(s.check(contextOf(l, { memory, commands: [typed(l, "kubectl get endpoints my-service")] }))).toEqual({ status: "pass" });
    expect(s.remember!(contextOf(l)).ramIP).toBe(ramIP);
  });

  it("relabel: --overwrite and labelling the Deployment are near misses; the ReplicaSet's replacement is waited for", () => {
    const s = step("relabel");
    const { l, run, wait } = started("kubectl create deployment ram --image=nginx", 20_000);
    const ramPod = podName(l, "ram");
    const memory = { ramPod };
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail" });
    expect(s.check(contextOf(l, { memory, commands: [typed(l, `kubectl label pod ${ramPod} app=test`)] }))).toEqual({ status: "fail", hint: expect.stringContaining("--overwrite") });
    run("kubectl label deployment ram app=test --overwrite");
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining(`kubectl label pod ${ramPod} app=test --overwrite`) });

    run(`kubectl label pod ${ramPod} app=test --overwrite`);
    expect(s.check(contextOf(l, { memory })).status).toBe("wait");
    wait(20_000);
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "pass" });
    const kept = s.remember!(contextOf(l, { memory }));
    expect(kept.movedPod).toBe(ramPod);
    expect(kept.ramNew).toMatch(/^ram-/);
    expect(kept.ramNew).not.toBe(ramPod);
    // Released: the pod has no owner any more.
    const moved = l.lab.getState().snapshot.pods.find((p) => p.metadata.name === ramPod)!;
    expect(moved.metadata.ownerReferences ?? []).toEqual([]);
  });

  it("scale: scaling ram instead is a near miss; new pods starting are a wait", () => {
    const s = step("scale");
    const { l, memory, run, wait } = started("kubectl create deployment ram --image=nginx", 20_000);
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail" });
    run("kubectl scale deployment ram --replicas=3");
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining("You scaled ram") });
    run("kubectl scale deployment test --replicas=3");
    expect(s.check(contextOf(l, { memory })).status).toBe("wait");
    wait(20_000);
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "pass" });
    expect(s.remember!(contextOf(l)).endpointCount).toBe("3");
  });

  it("orphan: a bare pod without the label is a near miss", () => {
    const s = step("orphan");
    const { l, run, wait } = started();
    const memory = { movedPod: "" };
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail" });
    run("kubectl run solo --image=nginx");
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining("solo carries run=solo") });
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining("kubectl label pod solo app=test --overwrite") });
    run("kubectl label pod solo app=test");
    expect(s.check(contextOf(l, { memory })).status).toBe("wait");
    wait(20_000);
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "pass" });
    expect(s.remember!(contextOf(l, { memory })).soloPod).toBe("solo");
  });

  it("check: endpoints without touching the Service", () => {
    const s = step("check");
    const fresh = () => {
      const l = lessonLab([lesson]);
      l.controller.loadScenario("lesson-selectors-check");
      return { l, run: (line: string) => l.lab.getState().run(line), wait: (ms: number) => l.lab.getState().step(ms) };
    };

    const a = fresh();
    expect(readyEndpoints(a.l.lab.getState().snapshot, "shop")).toEqual([]);
    expect(s.check(contextOf(a.l))).toEqual({ status: "fail" });
    a.run("kubectl set selector svc shop app=store");
    a.wait(2_000);
    expect(readyEndpoints(a.l.lab.getState().snapshot, "shop").length).toBeGreaterThan(0);
    expect(s.check(contextOf(a.l))).toEqual({ status: "fail", hint: expect.stringContaining("changed shop's selector (it is now app=store)") });
    a.run("kubectl delete svc shop");
    expect(s.check(contextOf(a.l))).toEqual({ status: "fail", hint: expect.stringContaining("shop is gone") });

    const b = fresh();
    const store = podName(b.l, "store");
    expect(s.check(contextOf(b.l, { commands: [typed(b.l, `kubectl label pod ${store} app=shop`)] }))).toEqual({ status: "fail", hint: expect.stringContaining("--overwrite") });
    b.run("kubectl label deploy store app=shop --overwrite");
    expect(s.check(contextOf(b.l))).toEqual({ status: "fail", hint: expect.stringContaining("Deployment object") });
    b.run(`kubectl label pod ${store} app=shop --overwrite`);
    b.wait(1_000);
    expect(s.check(contextOf(b.l))).toEqual({ status: "pass" });

    const c = fresh();
    c.run("kubectl create deployment shop --image=nginx");
    expect(s.check(contextOf(c.l)).status).toBe("wait");
    c.wait(20_000);
    expect(s.check(contextOf(c.l))).toEqual({ status: "pass" });
  });
});
