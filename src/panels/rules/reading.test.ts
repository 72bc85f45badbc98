import { describe, expect, it } from "vitest";
import { createCluster } from "../../engine";
import type { FlowEvent } from "../../engine/api";
import { annotate } from "./highlight";
import { readPath } from "./reading";

/** A lab with my-service (3 nginx pods, NodePort), a Service without endpoints and a curl client pod. */
function lab(proxyMode: "iptables" | "ipvs", ipvsScheduler = "lc") {
  const c = createCluster({ seed: 1, proxyMode, ipvsScheduler });
  c.exec("kubectl create deployment test --image=nginx --replicas=3");
  c.exec("kubectl expose deployment test --port=8080 --target-port=80 --name=my-service --type=NodePort");
  c.exec("kubectl create service clusterip empty --tcp=80:80");
  c.exec("kubectl run client --image=curlimages/curl -- sleep infinity");
  c.advance(30_000);
  const podName = (ip: string) => c.snapshot().pods.find((p) => p.status.podIP === ip)?.metadata.name;
  /** The reading of the last connection, as the rules viewer of its node shows it. */
  const read = () => {
    const f = c.traffic.flows().at(-1)!;
    const lines = annotate(c.nodeRules(f.node!));
    return { flow: f, lines, steps: readPath(f, lines, { podName, flows: c.traffic.flows() }) };
  };
  return { c, read };
}

const texts = (r: { steps: { text: string }[] }) => r.steps.map((s) => s.text);

describe("the last request's path in plain words", () => {
  it("reads an iptables walk in netfilter order: PREROUTING, the Service's match, the random draw, DNAT, masquerade", () => {
    const { c, read } = lab("iptables");
    c.exec("kubectl exec client -- curl -s my-service:8080");
    const r = read();
    const f: FlowEvent = r.flow;
    const t = texts(r);
    expect(t[0]).toBe("PREROUTING: a packet from client; nat PREROUTING sends it to KUBE-SERVICES");
    expect(t[1]).toMatch(new RegExp(`^KUBE-SERVICES matched ${f.dst.ip}:8080 \\(my-service's cluster IP\\) → KUBE-SVC-[A-Z0-9]{16}$`));
    expect(t[2]).toMatch(/^KUBE-SVC-\S+: chose endpoint [123] of 3\b.*each endpoint gets 1 in 3\) → KUBE-SEP-[A-Z0-9]{16}$/);
    expect(t[3]).toBe(`${/^KUBE-SVC-\S+: chose .* → (KUBE-SEP-\S+)$/.exec(t[2])![1]}: DNAT to ${f.backend!.ip}:80 (${f.backend!.name} on ${f.backend!.node})`);
    expect(t[4]).toBe("filter FORWARD: 4 kube-proxy rules checked it; none stopped it");
    expect(t[5]).toBe(`POSTROUTING → KUBE-POSTROUTING: masquerade: no (no 0x4000 mark: RETURN): the pod sees the client's own address ${f.source.ip}`);
    // Each sentence points at the printed rule it reads, in the order of the walk.
    for (const s of r.steps) expect(r.lines[s.n!].text).toMatch(/^-A /);
  });

  it("gives a random draw's probability: 1/3, then 1/2, then the last rule", () => {
    const { c, read } = lab("iptables");
    const seen = new Map<number, string>();
    for (let i = 0; i < 30 && seen.size < 3; i++) {
      c.exec("kubectl exec client -- curl -s my-service:8080");
      const draw = texts(read()).find((x) => x.includes("chose endpoint"))!;
      seen.set(Number(/endpoint (\d) of 3/.exec(draw)![1]), draw);
    }
    expect(seen.get(1)).toContain("at random (this rule fires with probability 0.333; each endpoint gets 1 in 3)");
    expect(seen.get(2)).toContain("at random (this rule fires with probability 0.5 once the draw before it missed; each endpoint gets 1 in 3)");
    expect(seen.get(3)).toContain("the last rule: it takes what the random draws before it left");
  });

  it("reads a NodePort from outside: the node's own address, the NodePort rule, masquerade yes", () => {
    const { c, read } = lab("iptables");
    c.traffic.start({ source: { kind: "external" }, target: "my-service", rate: 5, durationMs: 1000 });
    c.advance(1500);
    const t = texts(read());
    expect(t[0]).toMatch(/^PREROUTING: a packet from outside \(203\.0\.113\.\d+\)/);
    expect(t[1]).toMatch(/^KUBE-SERVICES: 172\.30\.1\.\d+ is an address of this node → KUBE-NODEPORTS$/);
    expect(t[2]).toMatch(/^KUBE-NODEPORTS matched port 3\d{4} \(my-service's NodePort\) → KUBE-EXT-/);
    expect(t[3]).toMatch(/^KUBE-EXT-\S+: marked for masquerade \(it came in through a NodePort/);
    expect(t[4]).toMatch(/^KUBE-EXT-\S+: on to my-service's Service chain KUBE-SVC-/);
    expect(t.at(-1)).toMatch(/^POSTROUTING → KUBE-POSTROUTING: masquerade: yes \(0x4000 mark\): the pod sees this node's address 192\.168\./);
  });

  it("says where a connection to a Service without endpoints is refused", () => {
    const { c, read } = lab("iptables");
    c.exec("kubectl exec client -- curl -s -m 2 empty");
    expect(texts(read())).toEqual([
      "PREROUTING: a packet from client; nat PREROUTING sends it to KUBE-SERVICES",
      "filter KUBE-SERVICES: REJECT — “default/empty:80-80 has no endpoints”: the connection is refused",
    ]);
  });

  it("reads IPVS: the ipset lets it through, the virtual server and its scheduler choose, no masquerade", () => {
    const { c, read } = lab("ipvs", "rr");
    c.exec("kubectl exec client -- curl -s my-service:8080");
    const r = read();
    const t = texts(r);
    const vip = `${r.flow.dst.ip}:8080`;
    expect(t[1]).toBe(`KUBE-SERVICES: ${r.flow.dst.ip} is an address of this node (in IPVS mode every ClusterIP is bound to kube-ipvs0) → KUBE-NODE-PORT; no rule there matched, so back to KUBE-SERVICES`);
    expect(t[2]).toBe(`KUBE-SERVICES: ${vip} is in the ipset KUBE-CLUSTER-IP, so iptables lets it through unchanged (ACCEPT): IPVS handles it`);
    expect(t[3]).toBe(`INPUT: the address is local, so IPVS takes the packet: virtual server TCP ${vip} (my-service), scheduler rr`);
    expect(t[4]).toMatch(new RegExp(`^rr chose ${r.flow.backend!.ip.replace(/\./g, "\\.")}:80 \\(${r.flow.backend!.name}\\): round robin, the next in turn \\(real server [123] of 3\\)$`));
    expect(t[5]).toBe(`IPVS rewrote the destination to ${r.flow.backend!.ip}:80 (forwarding “Masq”, that is NAT)`);
    expect(t[6]).toMatch(/^POSTROUTING → KUBE-POSTROUTING: masquerade: no/);
    expect(r.lines[r.steps[4].n!].text).toMatch(new RegExp(`^  -> ${r.flow.backend!.ip.replace(/\./g, "\\.")}:80 `));
  });

  it("with lc, names the open connections each real server had when it chose: the slow pod's pile up", () => {
    const { c, read } = lab("ipvs", "lc");
    const slow = c.snapshot().pods.find((p) => p.metadata.name.startsWith("test-"))!.metadata.name;
    c.exec(`kubectl annotate pod ${slow} podflow.dev/response-delay=2s`);
    c.traffic.start({ source: { kind: "pod", name: "client" }, target: "my-service", rate: 20, durationMs: 3000 });
    c.advance(2500);
    const draw = texts(read()).find((x) => x.startsWith("lc chose"))!;
    expect(draw).toMatch(/^lc chose \S+ \(test-\S+\): it had the fewest open connections, 0 \(the others: /);
    expect(draw).toMatch(new RegExp(`${slow} [1-9]`)); // the slow pod still holds connections
    expect(draw).not.toContain(`(${slow})`);
  });

  it("reads nothing for a connection that met no rules", () => {
    expect(readPath(undefined, [])).toEqual([]);
    expect(readPath({ path: { kind: "direct" } } as FlowEvent, [])).toEqual([]);
  });
});
