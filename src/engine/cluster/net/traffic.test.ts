import { describe, expect, it } from "vitest";
import { ClusterImpl } from "../cluster";

function lab(options: ConstructorParameters<typeof ClusterImpl>[0] = {}) {
  const c = new ClusterImpl(options);
  const run = (line: string) => c.exec(line);
  return { c, run };
}

function webWithClient(options: ConstructorParameters<typeof ClusterImpl>[0] = {}, replicas = 3) {
  const l = lab(options);
  l.run(`kubectl create deployment web --image=nginx --replicas=${replicas}`);
  l.run("kubectl run client --image=curlimages/curl -- sleep infinity");
  l.c.advance(40_000);
  l.run("kubectl expose deployment web --port=80");
  l.c.advance(5_000);
  return l;
}

describe("the traffic generator", () => {
  it("sends requests at the rate asked and spreads them over every endpoint", () => {
    const { c } = webWithClient();
    const r = c.traffic.start({ source: { kind: "pod", name: "client" }, target: "web", rate: 50 });
    expect(r.ok).toBe(true);
    c.advance(20_000);
    const m = c.traffic.metrics();
    const t = m.targets["default/web"];
    expect(t.requests).toBeGreaterThan(850); // 50/s × 20 s, Poisson
    expect(t.requests).toBeLessThan(1150);
    expect(t.successRate).toBe(1);
    const perPod = Object.entries(m.pods).filter(([k]) => k.startsWith("default/web-"));
    expect(perPod).toHaveLength(3);
    for (const [, p] of perPod) expect(p.total / t.ok).toBeGreaterThan(0.25);
  });

  it("is deterministic with the seed", () => {
    const a = webWithClient({ seed: 7 });
    const b = webWithClient({ seed: 7 });
    for (const l of [a, b]) {
      l.c.traffic.start({ source: { kind: "pod", name: "client" }, target: "web", rate: 20 });
      l.c.advance(10_000);
    }
    expect(a.c.traffic.metrics()).toEqual(b.c.traffic.metrics());
  });

  it("fails every request once the service has no endpoints, and says why in the flow", () => {
    const { c, run } = webWithClient();
    run("kubectl delete deployment web");
    c.advance(60_000);
    c.traffic.start({ source: { kind: "pod", name: "client" }, target: "web", rate: 10, durationMs: 5_000 });
    c.advance(10_000);
    const t = c.traffic.metrics().targets["default/web"];
    expect(t.ok).toBe(0);
    expect(t.failed).toBeGreaterThan(30);
    const last = c.traffic.flows().at(-1)!;
    expect(last.outcome).toBe("refused");
    expect(last.path.kind).toBe("iptables");
  });

  it("pins a client to one pod with sessionAffinity ClientIP", () => {
    const { c, run } = webWithClient();
    run("kubectl get svc web -o yaml > web.yaml");
    const yaml = c.files.read("web.yaml")!.replace("sessionAffinity: None", "sessionAffinity: ClientIP");
    c.files.write("web.yaml", yaml);
    run("kubectl apply -f web.yaml");
    c.advance(5_000);
    c.traffic.start({ source: { kind: "pod", name: "client" }, target: "web", rate: 20, durationMs: 10_000 });
    c.advance(15_000);
    const used = Object.entries(c.traffic.metrics().pods).filter(([k, v]) => k.startsWith("default/web-") && v.total > 0);
    expect(used).toHaveLength(1);
  });

  it("refuses a bad spec with a clear error", () => {
    const { c } = webWithClient();
    expect(c.traffic.start({ source: { kind: "pod", name: "nope" }, target: "web", rate: 1 })).toEqual({ ok: false, error: 'pods "nope" not found' });
    expect(c.traffic.start({ source: { kind: "external" }, target: "web", rate: 1 })).toMatchObject({ ok: false });
    expect(c.traffic.start({ source: { kind: "pod", name: "client" }, target: "web", rate: 0 })).toMatchObject({ ok: false });
  });
});

describe("load balancing in IPVS mode", () => {
  function slowPodRun(scheduler: string) {
    const { c, run } = lab({ proxyMode: "ipvs", ipvsScheduler: scheduler, seed: 5 });
    run("kubectl create deployment web --image=nginx --replicas=3");
    run("kubectl run client --image=curlimages/curl -- sleep infinity");
    c.advance(40_000);
    run("kubectl expose deployment web --port=80");
    const pods = c.rt.store.list("Pod").filter((p) => p.metadata.name.startsWith("web-"));
    const slow = pods[0].metadata.name;
    run(`kubectl annotate pod ${slow} podflow.dev/response-delay=1s`);
    c.advance(5_000);
    c.traffic.start({ source: { kind: "pod", name: "client" }, target: "web", rate: 40, durationMs: 30_000 });
    c.advance(35_000);
    const m = c.traffic.metrics();
    const totals = pods.map((p) => m.pods[`default/${p.metadata.name}`]?.total ?? 0);
    return { c, slowShare: totals[0] / totals.reduce((a, b) => a + b, 0), totals };
  }

  it("round robin gives the slow pod its third of the connections", () => {
    const { slowShare } = slowPodRun("rr");
    expect(Math.abs(slowShare - 1 / 3)).toBeLessThan(0.02);
  });

  it("least connection sends the slow pod far fewer new connections", () => {
    const { slowShare, totals } = slowPodRun("lc");
    expect(slowShare).toBeLessThan(0.15); // rr: 0.33
    expect(totals[1] + totals[2]).toBeGreaterThan(900);
  });

  it("shows live counters in ipvsadm on the client's node", () => {
    const { c } = slowPodRun("lc");
    const node = c.rt.store.get("Pod", "default", "client")!.spec.nodeName!;
    c.exec(`ssh ${node}`);
    const out = c.exec("ipvsadm -Ln").stdout;
    expect(out).toMatch(/^TCP {2}10\.\d+\.\d+\.\d+:80 lc$/m);
    expect(out).toMatch(/ {2}-> 192\.168\.\d+\.\d+:80 +Masq {4}1 {6}0 {10}\d+ +$/m);
  });
});
