import { describe, expect, it } from "vitest";
import { readyPods } from "../../checks";
import { contextOf, lessonLab, typed } from "../../testing";
import { podIps as lesson } from "../files";

const step = (id: string) => lesson.steps.find((s) => s.id === id)!;

/** A lab with deployment test and the client pod, ready; returns the test pod's name and IP. */
function started() {
  const l = lessonLab([lesson]);
  l.lab.getState().run("kubectl create deployment test --image=nginx");
  l.lab.getState().run("kubectl run client --image=curlimages/curl -- sleep infinity");
  l.lab.getState().step(20_000);
  const p = readyPods(l.lab.getState().snapshot, { app: "test" })[0];
  return { l, oldPod: p.metadata.name, oldIP: p.status.podIP!, memory: { oldPod: p.metadata.name, oldIP: p.status.podIP!, oldNode: p.spec.nodeName! } };
}

/** The connections a line made (run through the lab, as typed). */
function flowsOf(l: ReturnType<typeof lessonLab>, line: string) {
  const before = l.lab.getState().cluster!.traffic.flows().length;
  typed(l, line);
  return l.lab.getState().cluster!.traffic.flows().slice(before);
}

describe("lesson 2: pod IPs don't last", () => {

  it("deploy: the client pod is needed too; pods starting is a wait", () => {
    const l = lessonLab([lesson]);
    const s = step("deploy");
    expect(s.check(contextOf(l))).toEqual({ status: "fail" });
    l.lab.getState().run("kubectl create deployment test --image=nginx");
    expect(s.check(contextOf(l))).toEqual({ status: "fail", hint: expect.stringContaining("kubectl run client") });
    l.lab.getState().run("kubectl run client --image=curlimages/curl -- sleep infinity");
    expect(s.check(contextOf(l)).status).toBe("wait");
    l.lab.getState().step(20_000);
    expect(s.check(contextOf(l))).toEqual({ status: "pass" });
  });

  it("find-ip: a listing without -o wide is a near miss", () => {
    const { l, oldPod, oldIP } = started();
    const s = step("find-ip");
    // The pod's IP is read when the step opens; the listing must show it.
    const memory = s.enter!(contextOf(l));
    expect(memory.oldIP).toBe(oldIP);
    expect(s.check(contextOf(l, { memory, commands: [typed(l, "kubectl get pods")] }))).toEqual({ status: "fail", hint: expect.stringContaining("-o wide") });
    expect(s.check(contextOf(l, { memory, commands: [typed(l, "kubectl get po -o wide")] }))).toEqual({ status: "pass" });
    expect(s.remember!(contextOf(l))).toEqual({ oldPod, oldIP, oldNode: expect.stringMatching(/^node0[12]$/) });
  });

  it("curl-pod: from the client pod; from the node or to another address are near misses", () => {
    const { l, oldIP, memory } = started();
    const s = step("curl-pod");
    typed(l, "ssh node01");
    const fromNode = flowsOf(l, `curl -s ${oldIP}`);
    typed(l, "exit");
    expect(s.check(contextOf(l, { memory, flows: fromNode }))).toEqual({ status: "fail", hint: expect.stringContaining("not from the client pod") });
    const elsewhere = flowsOf(l, "kubectl exec client -- curl -s -m 2 10.96.0.1:443");
    expect(s.check(contextOf(l, { memory, flows: elsewhere }))).toEqual({ status: "fail", hint: expect.stringContaining("somewhere else") });
    const right = flowsOf(l, `kubectl exec client -- curl -s ${oldIP}`);
    expect(s.check(contextOf(l, { memory, flows: right }))).toEqual({ status: "pass" });
  });

  it("delete: the old pod must go and a replacement with a new IP be ready", () => {
    const { l, oldPod, memory } = started();
    const s = step("delete");
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail" });
    l.lab.getState().run(`kubectl delete pod ${oldPod} --wait=false`);
    expect(s.check(contextOf(l, { memory })).status).toBe("wait");
    l.lab.getState().step(20_000);
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "pass" });
  });

  it("curl-old: curling the new pod instead is a near miss; the old address times out", () => {
    const { l, oldPod, memory } = started();
    const s = step("curl-old");
    l.lab.getState().run(`kubectl delete pod ${oldPod}`);
    l.lab.getState().step(20_000);
    const newIP = readyPods(l.lab.getState().snapshot, { app: "test" })[0].status.podIP!;
    const mem = { ...memory, newIP };
    const toNew = flowsOf(l, `kubectl exec client -- curl -s ${newIP}`);
    expect(s.check(contextOf(l, { memory: mem, flows: toNew }))).toEqual({ status: "fail", hint: expect.stringContaining("new pod's IP") });
    const toOld = flowsOf(l, `kubectl exec client -- curl -sS -m 5 ${memory.oldIP}`);
    expect(toOld.at(-1)?.outcome).toBe("timeout");
    expect(s.check(contextOf(l, { memory: mem, flows: toOld }))).toEqual({ status: "pass" });
  });

  it("check: a replaced pod is not enough without proof that its old address is silent", () => {
    const l = lessonLab([lesson]);
    l.controller.loadScenario("lesson-podip-check");
    const s = step("check");
    const pods = readyPods(l.lab.getState().snapshot, { app: "web" });
    const memory = { webIPs: pods.map((p) => p.status.podIP).join(",") };
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail" });
    l.lab.getState().run(`kubectl delete pod ${pods[0].metadata.name}`);
    l.lab.getState().step(20_000);
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining(pods[0].status.podIP!) });
    const proof = flowsOf(l, `kubectl exec client -- curl -sS -m 5 ${pods[0].status.podIP}`);
    expect(s.check(contextOf(l, { memory, flows: proof }))).toEqual({ status: "pass" });
  });
});
