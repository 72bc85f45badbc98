import { describe, expect, it } from "vitest";
import { contextOf, lessonLab, record, typed } from "../../testing";
import { threeRanges as lesson } from "../files";

const step = (id: string) => lesson.steps.find((s) => s.id === id)!;

describe("lesson 1: three IP ranges", () => {

  it("nodes: wants the wide listing", () => {
    const l = lessonLab([lesson]);
    expect(step("nodes").check(contextOf(l, { commands: [typed(l, "kubectl get nodes -o wide")] }))).toEqual({ status: "pass" });
    expect(step("nodes").check(contextOf(l, { commands: [typed(l, "k get no -owide")] }))).toEqual({ status: "pass" });
    expect(step("nodes").check(contextOf(l, { commands: [typed(l, "kubectl get nodes")] }))).toEqual({ status: "fail", hint: expect.stringContaining("-o wide") });
  });

  it("kubeadm-config: a missing -n kube-system gets its own hint", () => {
    const l = lessonLab([lesson]);
    const s = step("kubeadm-config");
    expect(s.check(contextOf(l, { commands: [typed(l, "kubectl -n kube-system get cm kubeadm-config -o yaml")] }))).toEqual({ status: "pass" });
    expect(s.check(contextOf(l, { commands: [typed(l, "kubectl get cm kubeadm-config -o yaml")] }))).toEqual({ status: "fail", hint: expect.stringContaining("-n kube-system") });
    expect(s.check(contextOf(l, { commands: [typed(l, "kubectl -n kube-system get cm kubeadm-config")] }))).toEqual({ status: "fail", hint: expect.stringContaining("-o yaml") });
  });

  it("apiserver-flag: the flag must be in what was printed", () => {
    const l = lessonLab([lesson]);
    const s = step("apiserver-flag");
    expect(s.check(contextOf(l, { commands: [typed(l, "kubectl -n kube-system get pod kube-apiserver-controlplane -o yaml | grep range")] }))).toEqual({ status: "pass" });
    expect(s.check(contextOf(l, { commands: [typed(l, "kubectl -n kube-system get pod kube-apiserver-controlplane")] }))).toEqual({ status: "fail", hint: expect.stringContaining("grep") });
  });

  it("pod-ips: waits for three ready pods; a wrong name or too few replicas get their hints", () => {
    const l = lessonLab([lesson]);
    const s = step("pod-ips");
    // The other name was typed in this step: the check names it.
    const wrong = typed(l, "kubectl create deployment web --image=nginx --replicas=3");
    expect(s.check(contextOf(l, { commands: [wrong] }))).toEqual({ status: "fail", hint: "The lesson calls the deployment `test` (you made `web`)." });
    l.lab.getState().run("kubectl create deployment test --image=nginx");
    expect(s.check(contextOf(l))).toEqual({ status: "fail", hint: expect.stringContaining("--replicas=3") });
    l.lab.getState().run("kubectl scale deployment test --replicas=3");
    expect(s.check(contextOf(l))).toEqual({ status: "wait", message: expect.stringContaining("of 3 pods ready") });
    l.lab.getState().step(20_000);
    expect(s.check(contextOf(l))).toEqual({ status: "pass" });
  });

  it("service-ip: the Service must be called test", () => {
    const l = lessonLab([lesson]);
    const s = step("service-ip");
    l.lab.getState().run("kubectl create deployment test --image=nginx");
    const wrong = typed(l, "kubectl expose deployment test --port=80 --name=web");
    expect(s.check(contextOf(l, { commands: [wrong] }))).toEqual({ status: "fail", hint: expect.stringContaining("The lesson calls the Service `test` (you made `web`)") });
    l.lab.getState().run("kubectl expose deployment test --port=80");
    expect(s.check(contextOf(l))).toEqual({ status: "pass" });
  });

  it("check: needs both the ranges read and the Service, on the other cluster's ranges", () => {
    const l = lessonLab([lesson]);
    l.controller.loadScenario("lesson-ranges-check");
    const s = step("check");
    const read = typed(l, "kubectl -n kube-system get cm kubeadm-config -o yaml");
    expect(read.result.stdout).toContain("serviceSubnet: 10.100.0.0/16");
    expect(s.check(contextOf(l, { commands: [read] }))).toEqual({ status: "fail", hint: expect.stringContaining("create deployment probe") });
    l.lab.getState().run("kubectl create deployment probe --image=nginx");
    l.lab.getState().run("kubectl expose deployment probe --port=80");
    expect(s.check(contextOf(l, { commands: [] }))).toEqual({ status: "fail", hint: expect.stringContaining("written down") });
    expect(s.check(contextOf(l, { commands: [read] }))).toEqual({ status: "pass" });
    expect(s.check(contextOf(l, { commands: [record("echo serviceSubnet", { stdout: "nothing" })] }))).toEqual({ status: "fail", hint: expect.stringContaining("written down") });
  });
});
