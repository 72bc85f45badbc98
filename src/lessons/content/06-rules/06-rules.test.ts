import { describe, expect, it } from "vitest";
import { GET_PROXY_CONFIG } from "../../../actions/traffic";
import { contextOf, lessonLab, type LessonLab } from "../../testing";
import type { Action, CommandRecord, Step } from "../../types";
import { rulesLesson } from "../files";
import { chainsOf } from "./checks";

/** kubeadm's `mode: ""` to IPVS in one line, as the traffic panel and the lesson's show me type it. */
const TO_IPVS = `${GET_PROXY_CONFIG} | sed -e 's/mode: ""/mode: "ipvs"/' | kubectl replace -f -`;

const step = (id: string): Step => rulesLesson.steps.find((s) => s.id === id)!;

/** A lab on scenario `id` that records every line from now on. */
function lab(id = "lesson-rules") {
  const l = lessonLab([rulesLesson]);
  l.controller.loadScenario(id);
  const commands: CommandRecord[] = [];
  l.lab.getState().onExec((r) => void commands.push({ line: r.line, prompt: r.prompt, result: r.result, source: r.source }));
  return { l, commands };
}
type Lab = ReturnType<typeof lab>;

/** Types lines into the terminal the way a learner does (heredocs pasted whole). */
function type(l: LessonLab, ...lines: string[]) {
  for (const line of lines) {
    if (line.includes("\n")) l.lab.getState().pasteText(`${line}\n`);
    else l.lab.getState().enterLine(line);
  }
}

const ctxOf = (t: Lab, memory: Record<string, string> = {}) => contextOf(t.l, { commands: [...t.commands], flows: [...t.l.lab.getState().cluster!.traffic.flows()], memory });
const hint = (text: string) => ({ status: "fail", hint: expect.stringContaining(text) });

/** What show me types for a step (its commands may name remembered values). */
const showMeOf = (id: string, ctx: ReturnType<typeof ctxOf>): readonly Action[] => {
  const s = step(id).showMe;
  return typeof s === "function" ? s(ctx) : s;
};

/** What the lesson remembers by the time the iptables steps run. */
function memoryOf(t: Lab): Record<string, string> {
  const ctx = ctxOf(t);
  const info = chainsOf(ctx, "default/my-service", "node02")!;
  const clusterIP = ctx.snapshot.services.find((s) => s.metadata.name === "my-service")!.spec.clusterIP!;
  return { clientNode: "node02", clusterIP, svcChain: info.svc, sepA: info.seps[0].chain, ipA: info.seps[0].ip, sepB: info.seps[1].chain, ipB: info.seps[1].ip };
}

/** Switches kube-proxy to IPVS the way the lesson's "show me" does, and lets the rollout finish. */
function switchToIpvs(t: Lab) {
  const actions = showMeOf("switch-ipvs", ctxOf(t));
  type(t.l, ...actions.filter((a): a is string => typeof a === "string"));
  t.l.lab.getState().step(15_000);
}

describe("lesson 6: where the rules live", () => {

  it("ends on a fresh cluster, asks for predictions, and opens the client node's rules on live requests", () => {
    expect(rulesLesson.steps.at(-1)?.fresh).toBe("lesson-rules-check");
    expect(rulesLesson.steps.filter((s) => s.predict).length).toBeGreaterThanOrEqual(3);
    const t = lab();
    expect(step("live").highlight!(ctxOf(t))).toEqual({ rules: "node02" });
  });

  it("finds my-service's chains from a node's rules", () => {
    const t = lab();
    const info = chainsOf(ctxOf(t), "default/my-service", "node01")!;
    expect(info.svc).toMatch(/^KUBE-SVC-[A-Z0-9]{16}$/);
    expect(info.seps.map((s) => s.ip).sort()).toEqual(ctxOf(t).snapshot.pods.filter((p) => p.metadata.labels?.app === "test").map((p) => p.status.podIP).sort());
  });

  it("switches the mode with one sed line into kubectl replace, and grep mode shows only the mode: line before and after", () => {
    const t = lab();
    const actions = showMeOf("switch-ipvs", ctxOf(t));
    expect(actions.slice(1, 2)).toEqual([TO_IPVS]);
    type(t.l, ...actions.filter((a): a is string => typeof a === "string").slice(0, 3));
    expect(t.commands.map((c) => c.result.stdout)).toEqual(['    mode: ""\n', "configmap/kube-proxy replaced\n", '    mode: "ipvs"\n']);
  });

  describe("kube-proxy", () => {
    const check = step("kube-proxy").check;
    it("passes on the DaemonSet or its pods", () => {
      const t = lab();
      type(t.l, "kubectl get ds -n kube-system kube-proxy");
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
      const u = lab();
      type(u.l, "kubectl -n kube-system get po -o wide -l k8s-app=kube-proxy");
      expect(check(ctxOf(u))).toEqual({ status: "pass" });
    });
    it("reminds kube-system", () => {
      const t = lab();
      type(t.l, "kubectl get ds kube-proxy");
      expect(check(ctxOf(t))).toEqual(hint("-n kube-system"));
    });
    it("remembers the client's node and the ClusterIP when it opens", () => {
      const t = lab();
      const m = step("kube-proxy").enter!(ctxOf(t));
      expect(m.clientNode).toBe("node02");
      expect(m.clusterIP).toMatch(/^10\./);
    });
  });

  describe("filter", () => {
    const check = step("filter").check;
    it("passes on iptables -L typed on the client's node", () => {
      const t = lab();
      type(t.l, "ssh node02", "iptables -L");
      expect(t.commands.at(-1)?.prompt).toBe("node02:~$ ");
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("keeps the nat table for the next step", () => {
      const t = lab();
      type(t.l, "ssh node02", "iptables -t nat -L");
      expect(check(ctxOf(t))).toEqual(hint("nat table"));
    });
    it("sends iptables to the node, not into a pod", () => {
      const t = lab();
      type(t.l, "kubectl exec client -- iptables -L");
      expect(check(ctxOf(t))).toEqual(hint("ssh {{clientNode}}"));
    });
  });

  describe("services", () => {
    const check = step("services").check;
    it("passes on the nat KUBE-SERVICES chain, and remembers the chains", () => {
      const t = lab();
      type(t.l, "ssh node02", "iptables -t nat -L KUBE-SERVICES -n");
      const ctx = ctxOf(t);
      expect(check(ctx)).toEqual({ status: "pass" });
      const m = step("services").remember!(ctx);
      expect(m.svcChain).toMatch(/^KUBE-SVC-/);
      expect(m.sepA).toMatch(/^KUBE-SEP-/);
      expect([m.ipA, m.ipB]).not.toContain("");
    });
    it("passes on iptables-save | grep too", () => {
      const t = lab();
      type(t.l, "iptables-save -t nat | grep my-service");
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("asks for -t nat after the filter table's chain", () => {
      const t = lab();
      type(t.l, "iptables -L KUBE-SERVICES -n");
      expect(check(ctxOf(t))).toEqual(hint("-t nat"));
    });
  });

  describe("svc-chain", () => {
    const check = step("svc-chain").check;
    it("passes on my-service's KUBE-SVC chain", () => {
      const t = lab();
      const m = memoryOf(t);
      type(t.l, `iptables -t nat -L ${m.svcChain} -n`);
      expect(check(ctxOf(t, m))).toEqual({ status: "pass" });
    });
    it("catches another Service's chain", () => {
      const t = lab();
      const m = memoryOf(t);
      type(t.l, "iptables -t nat -L KUBE-SVC-TCOU7JCQXEZGVUNU -n");
      expect(check(ctxOf(t, m))).toEqual(hint("another Service's chain"));
    });
    it("helps with a mistyped chain name", () => {
      const t = lab();
      const m = memoryOf(t);
      type(t.l, "iptables -L KUBE-SVC-FXIYY6OHUSNBITX -n");
      expect(check(ctxOf(t, m))).toEqual(hint("No chain by that name"));
    });
  });

  describe("sep-chain", () => {
    const check = step("sep-chain").check;
    it("passes on either KUBE-SEP chain of my-service", () => {
      const t = lab();
      const m = memoryOf(t);
      type(t.l, `iptables -t nat -L ${m.sepB} -n`);
      expect(check(ctxOf(t, m))).toEqual({ status: "pass" });
    });
    it("asks to go one chain further from the Service chain", () => {
      const t = lab();
      const m = memoryOf(t);
      type(t.l, `iptables -t nat -L ${m.svcChain} -n`);
      expect(check(ctxOf(t, m))).toEqual(hint("Service chain again"));
    });
    it("catches kube-dns's endpoint chains", () => {
      const t = lab();
      const m = memoryOf(t);
      type(t.l, "iptables -t nat -L KUBE-SEP-472TOYWMZFACA4PU -n");
      expect(check(ctxOf(t, m))).toEqual(hint("another Service"));
    });
  });

  describe("live", () => {
    const check = step("live").check;
    it("passes on a request from the client, and remembers its path", () => {
      const t = lab();
      const m = memoryOf(t);
      type(t.l, "kubectl exec client -- curl -s my-service:8080");
      const ctx = ctxOf(t, m);
      expect(check(ctx)).toEqual({ status: "pass" });
      const r = step("live").remember!(ctx);
      expect([m.sepA, m.sepB]).toContain(r.hitSep);
      expect([m.ipA, m.ipB]).toContain(r.hitIP);
    });
    it("says to exit a node's shell before kubectl", () => {
      const t = lab();
      const m = memoryOf(t);
      type(t.l, "ssh node02", "kubectl exec client -- curl -s my-service:8080");
      expect(check(ctxOf(t, m))).toEqual(hint("Type `exit`"));
    });
    it("catches the wrong port", () => {
      const t = lab();
      const m = memoryOf(t);
      type(t.l, "kubectl exec client -- curl -s -m 2 my-service");
      expect(check(ctxOf(t, m))).toEqual(hint("port 8080"));
    });
    it("catches a curl straight to a pod", () => {
      const t = lab();
      const m = memoryOf(t);
      type(t.l, `kubectl exec client -- curl -s ${m.ipA}`);
      expect(check(ctxOf(t, m))).toEqual(hint("straight to a pod IP"));
    });
  });

  describe("switch-ipvs", () => {
    const check = step("switch-ipvs").check;
    it("passes once every node runs IPVS, waiting while kube-proxy restarts", () => {
      const t = lab();
      const actions = showMeOf("switch-ipvs", ctxOf(t));
      type(t.l, ...actions.filter((a): a is string => typeof a === "string").slice(0, 4));
      expect(check(ctxOf(t)).status).toBe("wait");
      t.l.lab.getState().step(15_000);
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("says a restart alone keeps iptables", () => {
      const t = lab();
      type(t.l, "kubectl -n kube-system rollout restart ds kube-proxy");
      t.l.lab.getState().step(15_000);
      expect(check(ctxOf(t))).toEqual(hint("still says iptables"));
    });
    it("says the new ConfigMap needs a restart", () => {
      const t = lab();
      const actions = showMeOf("switch-ipvs", ctxOf(t));
      type(t.l, ...actions.filter((a): a is string => typeof a === "string").slice(0, 3));
      t.l.lab.getState().step(15_000);
      expect(check(ctxOf(t))).toEqual(hint("only when it starts"));
    });
  });

  describe("ipvs", () => {
    const check = step("ipvs").check;
    it("passes on ipvsadm and a request through IPVS", () => {
      const t = lab();
      const m = memoryOf(t);
      switchToIpvs(t);
      t.commands.length = 0;
      type(t.l, "ssh node02", "ipvsadm -Ln", "exit", "kubectl exec client -- curl -s my-service:8080");
      expect(check(ctxOf(t, m))).toEqual({ status: "pass" });
    });
    it("asks for the request after ipvsadm", () => {
      const t = lab();
      const m = memoryOf(t);
      switchToIpvs(t);
      t.commands.length = 0;
      type(t.l, "ipvsadm -Ln");
      expect(check(ctxOf(t, m))).toEqual(hint("Now a request"));
    });
    it("asks for ipvsadm after the request", () => {
      const t = lab();
      const m = memoryOf(t);
      switchToIpvs(t);
      t.commands.length = 0;
      type(t.l, "kubectl exec client -- curl -s my-service:8080");
      expect(check(ctxOf(t, m))).toEqual(hint("ipvsadm -Ln"));
    });
  });

  describe("kube-ipvs0", () => {
    const check = step("kube-ipvs0").check;
    it("passes on the dummy interface's addresses", () => {
      const t = lab();
      const m = memoryOf(t);
      switchToIpvs(t);
      type(t.l, "ssh node01", "ip addr show kube-ipvs0");
      expect(check(ctxOf(t, m))).toEqual({ status: "pass" });
    });
    it("tells a pod's interfaces from the node's", () => {
      const t = lab();
      const m = memoryOf(t);
      switchToIpvs(t);
      type(t.l, "kubectl exec client -- ip addr");
      expect(check(ctxOf(t, m))).toEqual(hint("pod's own network"));
    });
  });

  describe("check", () => {
    const check = step("check").check;
    const chains = (t: Lab) => {
      const ctx = ctxOf(t);
      const info = chainsOf(ctx, "default/web", "node02")!;
      const onNode01 = ctx.snapshot.pods.find((p) => p.metadata.labels?.app === "web" && p.spec.nodeName === "node01")!.status.podIP;
      return { svc: info.svc, mine: info.seps.find((s) => s.ip === onNode01)!.chain, other: info.seps.find((s) => s.ip !== onNode01)!.chain };
    };
    it("passes on web's KUBE-SVC chain and the node01 pod's KUBE-SEP chain, typed on node02", () => {
      const t = lab("lesson-rules-check");
      const c = chains(t);
      expect(check(ctxOf(t)).status).toBe("fail");
      type(t.l, "ssh node02", `iptables -t nat -L ${c.svc} -n`, `iptables -t nat -L ${c.mine} -n`);
      expect(check(ctxOf(t))).toEqual({ status: "pass" });
    });
    it("catches the node02 pod's chain", () => {
      const t = lab("lesson-rules-check");
      const c = chains(t);
      type(t.l, `iptables -t nat -L ${c.svc} -n`, `iptables -t nat -L ${c.other} -n`);
      expect(check(ctxOf(t))).toEqual(hint("the web pod on node02"));
    });
    it("asks for the one chain after a grep that shows them all", () => {
      const t = lab("lesson-rules-check");
      type(t.l, "iptables-save -t nat | grep default/web");
      expect(check(ctxOf(t))).toEqual(hint("several chains at once"));
    });
    it("goes on from KUBE-SERVICES", () => {
      const t = lab("lesson-rules-check");
      type(t.l, "iptables -t nat -L KUBE-SERVICES -n");
      expect(check(ctxOf(t))).toEqual(hint("Now list that chain"));
    });
    it("asks for the Service chain too", () => {
      const t = lab("lesson-rules-check");
      const c = chains(t);
      type(t.l, `iptables -t nat -L ${c.mine} -n`);
      expect(check(ctxOf(t))).toEqual(hint("web's KUBE-SVC chain too"));
    });
  });
});
