import { describe, expect, it } from "vitest";
import { readyPods, service } from "../../checks";
import { contextOf, lessonLab, playLesson, typed } from "../../testing";
import { serviceVip as lesson } from "../files";

const step = (id: string) => lesson.steps.find((s) => s.id === id)!;

type Lab = ReturnType<typeof lessonLab>;

function started(exposed = false): Lab {
  const l = lessonLab([lesson]);
  l.controller.loadScenario("lesson-vip");
  if (exposed) {
    l.lab.getState().run("kubectl expose deployment test --port=8080 --target-port=80 --name=my-service");
    l.lab.getState().step(2_000);
  }
  return l;
}

function flowsOf(l: Lab, line: string) {
  const before = l.lab.getState().cluster!.traffic.flows().length;
  typed(l, line);
  return l.lab.getState().cluster!.traffic.flows().slice(before);
}

const clusterIP = (l: Lab, name = "my-service") => service(l.lab.getState().snapshot, name)!.spec.clusterIP!;

describe("lesson 3: each step's near misses, as the file says them", () => {
  it("plays through with show me", () => {
    const l = lessonLab([lesson]);
    const results = playLesson(l, lesson, "show-me");
    expect(results).toHaveLength(lesson.steps.length);
    const state = l.runtime.store.getState();
    expect(state.progress.lessons["service-vip"]).toEqual({ passed: lesson.steps.map((s) => s.id), completed: true });
    expect(state.memory.clusterIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(state.memory.newEndpoints).not.toBe(state.memory.oldEndpoints);
  });

  it("plays through typed as a learner", () => {
    const l = lessonLab([lesson]);
    playLesson(l, lesson, "learner");
    expect(l.runtime.store.getState().progress.lessons["service-vip"]?.completed).toBe(true);
  });

  it("expose: the name, the port and the target port each have their near miss", () => {
    const s = step("expose");
    const l = started();
    const check = (line: string) => s.check(contextOf(l, { commands: [typed(l, line)] }));
    const run = (line: string) => l.lab.getState().run(line);
    expect(s.check(contextOf(l))).toEqual({ status: "fail" });
    expect(check("kubectl expose deployment test --port=8080 --target-port=80")).toEqual({ status: "fail", hint: expect.stringContaining("--name=my-service") });
    run("kubectl delete svc test");
    expect(check("kubectl expose deployment test --port=8080 --target-port=80 --name=myservice")).toEqual({ status: "fail", hint: expect.stringContaining("you made `myservice`") });
    run("kubectl delete svc myservice");
    expect(check("kubectl expose deployment test --port=80 --name=my-service")).toEqual({ status: "fail", hint: expect.stringContaining("--port=8080") });
    run("kubectl delete svc my-service");
    expect(check("kubectl expose deployment test --port=8080 --name=my-service")).toEqual({ status: "fail", hint: expect.stringContaining("target port is 8080") });
    run("kubectl delete svc my-service");
    expect(check("kubectl expose pod client --port=8080 --target-port=80 --name=my-service")).toEqual({ status: "fail", hint: expect.stringContaining("expose the deployment `test`") });
    run("kubectl delete svc my-service");
    expect(check("kubectl expose deploy test --name=my-service --target-port=80 --port=8080")).toEqual({ status: "pass" });
  });

  it("get-svc: the listing must show the ClusterIP; a missing Service says so", () => {
    const s = step("get-svc");
    const l = started(true);
    const memory = s.enter!(contextOf(l));
    expect(memory.clusterIP).toBe(clusterIP(l));
    expect(s.check(contextOf(l, { memory, commands: [typed(l, "kubectl get pods")] }))).toEqual({ status: "fail", hint: expect.stringContaining("kubectl get svc my-service") });
    expect(s.check(contextOf(l, { memory, commands: [typed(l, "k get svc")] }))).toEqual({ status: "pass" });
    expect(s.check(contextOf(l, { memory, commands: [typed(l, "kubectl -n default get services my-service -o wide")] }))).toEqual({ status: "pass" });
    l.lab.getState().run("kubectl delete svc my-service");
    expect(s.check(contextOf(l, { memory, commands: [typed(l, "kubectl get pods")] }))).toEqual({ status: "fail", hint: expect.stringContaining("my-service is gone") });
  });

  it("describe: the wrong name or the wrong object are near misses", () => {
    const s = step("describe");
    const l = started(true);
    expect(s.check(contextOf(l, { commands: [typed(l, "kubectl describe svc test")] }))).toEqual({ status: "fail", hint: expect.stringContaining("called my-service") });
    expect(s.check(contextOf(l, { commands: [typed(l, "kubectl describe deployment test")] }))).toEqual({ status: "fail", hint: expect.stringContaining("something else") });
    expect(s.check(contextOf(l, { commands: [typed(l, "kubectl describe service my-service")] }))).toEqual({ status: "pass" });
    expect(s.remember!(contextOf(l)).endpoints).toMatch(/^192\.168\.\d+\.\d+:80, 192\.168\.\d+\.\d+:80$/);
  });

  it("curl: the pods' port, a pod IP, the node and another caller are near misses", () => {
    const s = step("curl");
    const l = started(true);
    const vip = clusterIP(l);
    const check = (flows: ReturnType<typeof flowsOf>, commands = [] as ReturnType<typeof typed>[]) => s.check(contextOf(l, { flows, commands }));
    expect(check(flowsOf(l, "kubectl exec client -- curl -sS -m 2 my-service"))).toEqual({ status: "fail", hint: expect.stringContaining("port 80") });
    expect(check(flowsOf(l, `kubectl exec client -- curl -sS -m 2 ${vip}:80`))).toEqual({ status: "fail", hint: expect.stringContaining("my-service:8080") });
    const podIP = readyPods(l.lab.getState().snapshot, { app: "test" })[0].status.podIP!;
    expect(check(flowsOf(l, `kubectl exec client -- curl -s ${podIP}`))).toEqual({ status: "fail", hint: expect.stringContaining("straight to a pod's IP") });
    expect(check([], [typed(l, "curl -s my-service:8080")])).toEqual({ status: "fail", hint: expect.stringContaining("cluster's DNS") });
    expect(check(flowsOf(l, `curl -s ${vip}:8080`))).toEqual({ status: "fail", hint: expect.stringContaining("not from the client pod") });
    expect(check(flowsOf(l, "kubectl exec client -- curl -s my-service:8080"))).toEqual({ status: "pass" });
    expect(check(flowsOf(l, `kubectl exec client -- curl -s ${vip}:8080`))).toEqual({ status: "pass" });
    expect(s.remember!(contextOf(l, { flows: flowsOf(l, "kubectl exec client -- curl -s my-service:8080") })).backendPod).toMatch(/^test-/);
    const node = l.lab.getState().snapshot.pods.find((p) => p.metadata.name === "client")!.spec.nodeName;
    expect(s.highlight!(contextOf(l))).toEqual({ rules: node });
  });

  it("delete-pod: the pod must be replaced, the ClusterIP kept, and the Service looked at again", () => {
    const s = step("delete-pod");
    const l = started(true);
    const memory = { ...s.enter!(contextOf(l)) };
    expect(memory.clusterIP).toBe(clusterIP(l));
    expect(memory.oldEndpoints.split(", ")).toHaveLength(2);
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail" });
    l.lab.getState().run(`kubectl delete pod ${memory.oldPod} --wait=false`);
    expect(s.check(contextOf(l, { memory })).status).toBe("wait");
    const early = typed(l, "kubectl describe svc my-service");
    l.lab.getState().step(20_000);
    expect(s.check(contextOf(l, { memory, commands: [early] }))).toEqual({ status: "fail", hint: expect.stringContaining("look at the Service again") });
    expect(s.check(contextOf(l, { memory, commands: [early, typed(l, "kubectl get endpoints my-service")] }))).toEqual({ status: "pass" });
    expect(s.check(contextOf(l, { memory, commands: [typed(l, "kubectl describe svc my-service")] }))).toEqual({ status: "pass" });
    l.lab.getState().run("kubectl delete svc my-service");
    l.lab.getState().run("kubectl expose deployment test --port=8080 --target-port=80 --name=my-service");
    expect(s.check(contextOf(l, { memory }))).toEqual({ status: "fail", hint: expect.stringContaining("new ClusterIP") });
  });

  it("check: web-svc on 9090 → 80, called from the client pod", () => {
    const s = step("check");
    const l = lessonLab([lesson]);
    l.controller.loadScenario("lesson-vip-check");
    const run = (line: string) => l.lab.getState().run(line);
    expect(s.check(contextOf(l))).toEqual({ status: "fail" });
    run("kubectl expose deployment web --port=9090 --target-port=80");
    expect(s.check(contextOf(l))).toEqual({ status: "fail", hint: expect.stringContaining("--name=web-svc") });
    run("kubectl delete svc web");
    run("kubectl expose deployment web --port=9090 --name=web-svc");
    expect(s.check(contextOf(l))).toEqual({ status: "fail", hint: expect.stringContaining("target port is 9090") });
    run("kubectl delete svc web-svc");
    run("kubectl expose deployment web --port=9090 --target-port=80 --name=web-svc");
    expect(s.check(contextOf(l))).toEqual({ status: "fail", hint: expect.stringContaining("Now call it") });
    expect(s.check(contextOf(l, { flows: flowsOf(l, "kubectl exec client -- curl -s -m 2 web-svc:9090") }))).toEqual({ status: "fail", hint: expect.stringContaining("too early") });
    l.lab.getState().step(1_000);
    expect(s.check(contextOf(l, { flows: flowsOf(l, "kubectl exec client -- curl -s -m 2 web-svc") }))).toEqual({ status: "fail", hint: expect.stringContaining("port 80") });
    expect(s.check(contextOf(l, { flows: flowsOf(l, "kubectl exec client -- curl -s web-svc:9090") }))).toEqual({ status: "pass" });
  });
});
