import { describe, expect, it } from "vitest";
import type { FlowEvent } from "../../../engine/api";
import { contextOf, lessonLab, playLesson, type LessonLab } from "../../testing";
import type { Action, CheckContext, Step } from "../../types";
import { fill } from "../../runtime";
import { loadLesson } from "../files";
import { switchToIpvs } from "./checks";

const step = (id: string): Step => loadLesson.steps.find((s) => s.id === id)!;
/** A step's "show me" actions in this context. */
function actionsOf(id: string, ctx: CheckContext): readonly Action[] {
  const show = step(id).showMe;
  // Its commands name remembered values ({{slowPod}}), filled in as show me types them.
  return (typeof show === "function" ? show(ctx) : show).map((a) => (typeof a === "string" ? fill(a, ctx.memory) : a));
}
const index = (id: string) => loadLesson.steps.findIndex((s) => s.id === id);

/** A lab opened at step `id`: the steps before it were played with "show me". */
function at(id: string): LessonLab {
  const l = lessonLab([loadLesson]);
  l.runtime.open(loadLesson.id, index(id));
  return l;
}

function fresh(): LessonLab {
  const l = lessonLab([loadLesson]);
  l.controller.loadScenario("lesson-load-check");
  return l;
}

const cluster = (l: LessonLab) => l.lab.getState().cluster!;
const run = (l: LessonLab, line: string) => l.lab.getState().run(line)!;
const advance = (l: LessonLab, ms: number) => l.lab.getState().step(ms);
const lastId = (l: LessonLab) => cluster(l).traffic.flows().at(-1)?.id ?? 0;

/** Does actions as "show me" would, and returns the connections they made. */
function perform(l: LessonLab, actions: readonly Action[]): FlowEvent[] {
  const since = lastId(l);
  for (const a of actions) {
    if (typeof a === "string") run(l, a);
    else if ("wait" in a) advance(l, a.wait);
    else if ("traffic" in a) expect(cluster(l).traffic.start(a.traffic).ok).toBe(true);
  }
  return cluster(l).traffic.flows().filter((f) => f.id > since);
}

const traffic = (rate = 20, durationMs = 15_000, from = "client"): Action[] => [{ traffic: { source: { kind: "pod", name: from }, target: "web", rate, durationMs } }, { wait: durationMs + 1000 }];
const ctxWith = (l: LessonLab, flows: FlowEvent[], memory?: Record<string, string>): CheckContext => contextOf(l, { flows, ...(memory ? { memory } : {}) });

/** Requests per web pod among answered client → web flows. */
function counts(flows: FlowEvent[]): number[] {
  const m = new Map<string, number>();
  for (const f of flows) if (f.service === "default/web" && f.source.name === "client" && f.outcome === "ok" && f.backend) m.set(f.backend.name, (m.get(f.backend.name) ?? 0) + 1);
  return [...m.values()];
}

const failWith = (text: string) => ({ status: "fail", hint: expect.stringContaining(text) });

describe("lesson 8 plays through", () => {
  it("with show me", () => {
    const l = lessonLab([loadLesson]);
    playLesson(l, loadLesson, "show-me");
    expect(l.runtime.store.getState().progress.lessons[loadLesson.id]?.completed).toBe(true);
  });
  it("typed as a learner", () => {
    const l = lessonLab([loadLesson]);
    playLesson(l, loadLesson, "learner");
    const p = l.runtime.store.getState().progress.lessons[loadLesson.id];
    expect(p?.completed).toBe(true);
    expect(p?.passed).toEqual(loadLesson.steps.map((s) => s.id));
    const memory = l.runtime.store.getState().memory;
    expect(memory.randomCounts).toMatch(/^web-\S+: \d+, web-\S+: \d+, web-\S+: \d+$/);
    expect(memory.slowShare).toMatch(/^\d+ %$/);
  });
});

describe("random", () => {
  const check = step("random").check;
  it("passes after a traffic run; the spread is near a third, not exact", () => {
    const l = at("random");
    const flows = perform(l, traffic());
    expect(check(ctxWith(l, flows))).toEqual({ status: "pass" });
    const c = counts(flows);
    const total = c.reduce((a, b) => a + b, 0);
    expect(c).toHaveLength(3);
    for (const n of c) expect(Math.abs(n / total - 1 / 3)).toBeLessThan(0.12);
  });
  it("waits while too few requests have come back", () => {
    const l = at("random");
    expect(check(ctxWith(l, perform(l, traffic(5, 3000))))).toMatchObject({ status: "wait" });
  });
  it("wants the traffic from the client pod", () => {
    const l = at("random");
    run(l, "kubectl run other --image=curlimages/curl -- sleep infinity");
    advance(l, 20_000);
    expect(check(ctxWith(l, perform(l, traffic(20, 15_000, "other"))))).toEqual(failWith("from the client pod"));
  });
  it("fails with nothing sent", () => {
    expect(check(contextOf(at("random")))).toEqual({ status: "fail" });
  });
});

describe("ipvs", () => {
  const check = step("ipvs").check;
  it("passes once every node's kube-proxy restarted in IPVS rr", () => {
    const l = at("ipvs");
    perform(l, switchToIpvs(contextOf(l), "rr"));
    advance(l, 1000);
    expect(check(contextOf(l))).toEqual({ status: "pass" });
    expect(cluster(l).proxies().every((p) => p.mode === "ipvs")).toBe(true);
  });
  it("show me needs no extra wait: rollout status returns once every node runs the new kube-proxy", () => {
    const l = at("ipvs");
    const actions = switchToIpvs(contextOf(l), "rr");
    expect(actions.some((a) => typeof a === "object" && "wait" in a)).toBe(false);
    perform(l, actions);
    expect(check(contextOf(l))).toEqual({ status: "pass" });
  });
  it("edits the ConfigMap in one line, the way the Traffic panel types it", () => {
    const [look, edit, restart] = switchToIpvs(contextOf(at("ipvs")), "rr");
    expect(look).toBe('kubectl -n kube-system get cm kube-proxy -o yaml | grep -e "mode:" -e "scheduler:"');
    expect(edit).toBe(`kubectl -n kube-system get cm kube-proxy -o yaml | sed -e 's/mode: ""/mode: "ipvs"/' -e 's/scheduler: ""/scheduler: "rr"/' | kubectl replace -f -`);
    expect(restart).toBe("kubectl -n kube-system rollout restart daemonset kube-proxy");
  });
  it("asks for the ConfigMap first", () => {
    expect(check(contextOf(at("ipvs")))).toEqual(failWith("still says iptables"));
  });
  it("a ConfigMap without a restart changes nothing", () => {
    const l = at("ipvs");
    const [, edit] = switchToIpvs(contextOf(l), "rr");
    perform(l, [edit]);
    advance(l, 5000);
    expect(check(contextOf(l))).toEqual(failWith("reads it only when it starts"));
  });
  it("waits while the DaemonSet restarts", () => {
    const l = at("ipvs");
    const [, edit, restart] = switchToIpvs(contextOf(l), "rr");
    perform(l, [edit, restart]);
    expect(check(contextOf(l))).toMatchObject({ status: "wait" });
  });
  it("the wrong scheduler", () => {
    const l = at("ipvs");
    perform(l, switchToIpvs(contextOf(l), "lc"));
    expect(check(contextOf(l))).toEqual(failWith('`scheduler: "lc"`'));
  });
  it("one restarted pod is not enough", () => {
    const l = at("ipvs");
    const [, edit] = switchToIpvs(contextOf(l), "rr");
    perform(l, [edit]);
    const proxyPod = l.lab.getState().snapshot.pods.find((p) => p.metadata.name.startsWith("kube-proxy-") && p.spec.nodeName === "node01")!;
    run(l, `kubectl -n kube-system delete pod ${proxyPod.metadata.name}`);
    advance(l, 10_000);
    expect(check(contextOf(l))).toEqual(failWith("Only some nodes"));
  });
});

describe("rr", () => {
  const check = step("rr").check;
  it("passes after a run, and round robin is even to within one", () => {
    const l = at("rr");
    const flows = perform(l, traffic());
    expect(check(ctxWith(l, flows))).toEqual({ status: "pass" });
    const c = counts(flows);
    expect(c).toHaveLength(3);
    expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
  });
  it("waits for enough requests", () => {
    const l = at("rr");
    expect(check(ctxWith(l, perform(l, traffic(5, 4000))))).toMatchObject({ status: "wait" });
  });
});

describe("lc", () => {
  const check = step("lc").check;
  const memory = (l: LessonLab) => l.runtime.store.getState().memory;
  it("passes with a slow pod and lc everywhere", () => {
    const l = at("lc");
    const ctx = contextOf(l);
    perform(l, actionsOf("lc", ctx));
    advance(l, 1000);
    expect(check(contextOf(l))).toEqual({ status: "pass" });
  });
  it("starts with the slow pod", () => {
    const l = at("lc");
    expect(check(contextOf(l))).toEqual(failWith(`kubectl annotate pod ${memory(l).slowPod}`));
  });
  it("remembers the delay the learner chose", () => {
    const l = at("lc");
    run(l, `kubectl annotate pod ${memory(l).slowPod} podflow.dev/response-delay=2s`);
    expect(step("lc").remember!(contextOf(l))).toMatchObject({ slowPod: memory(l).slowPod, slowDelay: "2s" });
  });
  it("the annotation belongs on a pod", () => {
    const l = at("lc");
    run(l, "kubectl annotate deployment web podflow.dev/response-delay=1s");
    expect(check(contextOf(l))).toEqual(failWith("annotated the deployment"));
  });
  it("a slow pod, still round robin", () => {
    const l = at("lc");
    run(l, `kubectl annotate pod ${memory(l).slowPod} podflow.dev/response-delay=1s`);
    expect(check(contextOf(l))).toEqual(failWith('`scheduler: "rr"`'));
  });
});

describe("lc-run", () => {
  const check = step("lc-run").check;
  it("passes after a run, and the slow pod gets far less than a third", () => {
    const l = at("lc-run");
    const slow = l.runtime.store.getState().memory.slowPod;
    const flows = perform(l, traffic());
    expect(check(ctxWith(l, flows))).toEqual({ status: "pass" });
    const ok = flows.filter((f) => f.source.name === "client" && f.outcome === "ok");
    const share = ok.filter((f) => f.backend?.name === slow).length / ok.length;
    expect(share).toBeLessThan(0.15);
  });
});

describe("affinity", () => {
  const check = step("affinity").check;
  const PATCH = `kubectl patch svc web -p '{"spec":{"sessionAffinity":"ClientIP"}}'`;
  it("passes when every request lands on one pod", () => {
    const l = at("affinity");
    const flows = perform(l, [PATCH, { wait: 2000 }, ...traffic(20, 8000)]);
    expect(check(ctxWith(l, flows))).toEqual({ status: "pass" });
    expect(counts(flows)).toHaveLength(1);
  });
  it("asks for the patch when requests spread", () => {
    const l = at("affinity");
    expect(check(ctxWith(l, perform(l, traffic(20, 8000))))).toEqual(failWith("patch the Service"));
  });
  it("requests sent before the patch spread", () => {
    const l = at("affinity");
    const before = perform(l, traffic(20, 8000));
    run(l, PATCH);
    expect(check(ctxWith(l, before))).toEqual(failWith("sent before the patch"));
  });
  it("one pod is no proof", () => {
    const l = at("affinity");
    run(l, PATCH);
    run(l, "kubectl scale deployment web --replicas=1");
    advance(l, 40_000);
    expect(check(ctxWith(l, perform(l, traffic(20, 8000))))).toEqual(failWith("Keep the web pods"));
  });
});

describe("check", () => {
  const check = step("check").check;
  it("passes with lc and traffic (the show me)", () => {
    const l = fresh();
    const flows = perform(l, actionsOf("check", contextOf(l)));
    expect(check(ctxWith(l, flows))).toEqual({ status: "pass" });
  });
  it("iptables mode rolls dice", () => {
    const l = fresh();
    expect(check(ctxWith(l, perform(l, traffic())))).toEqual(failWith("iptables mode picks at random"));
  });
  it("round robin deals a full third", () => {
    const l = fresh();
    perform(l, switchToIpvs(contextOf(l), "rr"));
    expect(check(ctxWith(l, perform(l, traffic())))).toEqual(failWith("Round robin"));
  });
  it("affinity is not balancing", () => {
    const l = fresh();
    run(l, `kubectl patch svc web -p '{"spec":{"sessionAffinity":"ClientIP"}}'`);
    advance(l, 2000);
    expect(check(ctxWith(l, perform(l, traffic())))).toEqual(failWith("pinned"));
  });
  it("web-slow stays in the Service", () => {
    const l = fresh();
    run(l, "kubectl delete pod web-slow");
    advance(l, 40_000);
    expect(check(ctxWith(l, perform(l, traffic())))).toEqual(failWith("must stay"));
  });
  it("waits for enough requests", () => {
    const l = fresh();
    expect(check(ctxWith(l, perform(l, traffic(5, 3000))))).toMatchObject({ status: "wait" });
  });
});
