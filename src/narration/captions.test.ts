import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import type { Cluster } from "../engine/api";
import { appendCaptions, captionsFrom, type Caption, type Frame, type Pending } from "./captions";

/** Follows a cluster as the narration store does: one frame per step of virtual time. */
function narrator(cluster: Cluster) {
  const frame = (): Frame => ({ snapshot: cluster.snapshot(), proxies: cluster.proxies() });
  let prev = frame();
  let pending: Pending = new Map();
  const all: Caption[] = [];
  const look = () => {
    const next = frame();
    const r = captionsFrom(prev, next, pending);
    prev = next;
    pending = r.pending;
    all.push(...r.captions);
  };
  return {
    /** Runs a line, then lets `ms` of virtual time pass in 100 ms steps, looking after each. */
    run(line: string, ms = 5000) {
      const r = cluster.exec(line);
      expect(r.exitCode, r.output).toBe(0);
      look();
      for (let t = 0; t < ms; t += 100) {
        cluster.advance(100);
        look();
      }
    },
    /** Every caption so far, as the sentence it reads: "actor text". */
    lines: () => all.map((c) => `${c.actor} ${c.text}`),
    captions: () => all,
    clear: () => void all.splice(0),
  };
}

/** The article's cluster: `test` (2 replicas) behind my-service, settled. */
function article() {
  const cluster = createCluster();
  cluster.exec("kubectl create deployment test --image=nginx --replicas=2");
  cluster.exec("kubectl expose deployment test --port=8080 --target-port=80 --name=my-service");
  cluster.advance(15_000);
  const n = narrator(cluster);
  const pods = () => cluster.snapshot().pods.filter((p) => p.metadata.namespace === "default");
  const rs = cluster.snapshot().replicaSets.find((r) => r.metadata.namespace === "default")!.metadata.name;
  return { cluster, n, pods, rs };
}

describe("captionsFrom", () => {
  it("says nothing when only time moved", () => {
    const { n } = article();
    n.run("kubectl get pods", 3000);
    expect(n.lines()).toEqual([]);
  });

  it("tells a deleted pod's replacement: a new pod with a new name, created by its ReplicaSet", () => {
    const { n, pods, rs } = article();
    const [victim, other] = pods();
    n.run(`kubectl delete pod ${victim.metadata.name} --wait=false`);
    const lines = n.lines();
    const fresh = pods().find((p) => p.metadata.name !== other.metadata.name)!;
    expect(fresh.metadata.name).not.toBe(victim.metadata.name);
    const suffix = victim.metadata.name.slice(rs.length);
    expect(lines).toContain(`ReplicaSet ${rs} created pod ${fresh.metadata.name} to get back to 2 replicas (pod …${suffix} was deleted)`);
    expect(lines).toContain(`kubelet on ${victim.spec.nodeName} is stopping pod ${victim.metadata.name}: deleted, it is terminating`);
    expect(lines).toContain(`Scheduler placed pod ${fresh.metadata.name} on ${fresh.spec.nodeName}`);
    expect(lines).toContain(`kubelet on ${fresh.spec.nodeName} started pod ${fresh.metadata.name}; Calico gave it IP ${fresh.status.podIP}`);
    expect(fresh.status.podIP).not.toBe(victim.status.podIP);
    expect(lines).toContain(`kubelet on ${victim.spec.nodeName} removed pod ${victim.metadata.name}; Calico released its IP ${victim.status.podIP}`);
    // The replacement is created after the deletion is seen, and the captions keep that order.
    expect(lines.findIndex((l) => l.includes("is stopping"))).toBeLessThan(lines.findIndex((l) => l.includes("created pod")));
    const created = n.captions().find((c) => c.text.includes("created pod"))!;
    expect(created.target).toEqual({ selection: { kind: "Pod", namespace: "default", name: fresh.metadata.name }, focus: [`pod:default/${fresh.metadata.name}`] });
  });

  it("tells the EndpointSlice following the pods: terminating, added not ready, ready, removed", () => {
    const { n, pods } = article();
    const [victim] = pods();
    n.run(`kubectl delete pod ${victim.metadata.name} --wait=false`);
    const fresh = pods().find((p) => !p.metadata.deletionTimestamp && p.metadata.name !== victim.metadata.name && n.lines().some((l) => l.includes(`created pod ${p.metadata.name}`)))!;
    const slice = n.captions().filter((c) => c.actor === "EndpointSlice controller").map((c) => c.text);
    expect(slice.length).toBeGreaterThan(0);
    const old = `${victim.status.podIP} (${victim.metadata.name})`;
    const neu = `${fresh.status.podIP} (${fresh.metadata.name})`;
    expect(slice.some((t) => t.includes(`${old} is terminating, no longer ready`))).toBe(true);
    expect(slice.some((t) => t.includes(`${neu} added, not ready yet`))).toBe(true);
    expect(slice.some((t) => t.includes(`${neu} is ready`))).toBe(true);
    expect(slice.some((t) => t.includes(`${old} removed`))).toBe(true);
    expect(slice.every((t) => /^updated my-service-\w+: /.test(t))).toBe(true);
    const ready = n.captions().find((c) => c.text.includes(`${neu} is ready`))!;
    expect(ready.target?.selection).toEqual({ kind: "Service", namespace: "default", name: "my-service" });
    expect(ready.target?.focus).toEqual(["svc:default/my-service", `pod:default/${fresh.metadata.name}`]);
  });

  it("tells each kube-proxy's sync of the Service with its ready endpoints, once per node", () => {
    const { n, pods } = article();
    n.run(`kubectl delete pod ${pods()[0].metadata.name} --wait=false`);
    const proxy = n.captions().filter((c) => c.proxy);
    expect(proxy.length).toBeGreaterThan(0);
    for (const c of proxy) expect(`${c.actor} ${c.text}`).toMatch(/^kube-proxy on (controlplane|node01|node02) updated my-service's rules: (no ready endpoints|1 ready endpoint|2 ready endpoints)$/);
    // Once the new pod is ready, every node's last sync says 2 ready endpoints.
    const last = new Map(proxy.map((c) => [c.proxy!.nodes[0], c.proxy!.ready]));
    expect(Object.fromEntries(last)).toEqual({ controlplane: 2, node01: 2, node02: 2 });
    // Merged, the three nodes' syncs to the same endpoints read as one caption.
    const shown = appendCaptions([], proxy, 6);
    expect(`${shown.at(-1)?.actor} ${shown.at(-1)?.text}`).toBe("kube-proxy on controlplane, node01 and node02 updated my-service's rules: 2 ready endpoints");
    expect(shown.at(-1)?.target?.focus).toEqual(["frame:controlplane", "frame:node01", "frame:node02", "svc:default/my-service"]);
  });

  it("tells a Service's creation with the ClusterIP the API server allocated (not kube-proxy)", () => {
    const cluster = createCluster();
    cluster.exec("kubectl create deployment web --image=nginx");
    cluster.advance(10_000);
    const n = narrator(cluster);
    n.run("kubectl expose deployment web --port=80 --type=NodePort", 2000);
    const svc = cluster.snapshot().services.find((s) => s.metadata.name === "web")!;
    expect(n.lines()).toContain(`API server allocated ClusterIP ${svc.spec.clusterIP} and NodePort ${svc.spec.ports![0].nodePort} to new Service web`);
    expect(n.lines()).toContainEqual(expect.stringMatching(/^EndpointSlice controller updated web-\w+: 192\.168\.\d+\.\d+ \(web-\w+-\w+\) added, ready$/));
    expect(n.lines()).toContain("kube-proxy on node01 updated web's rules: 1 ready endpoint");
    n.clear();
    n.run("kubectl delete service web", 2000);
    expect(n.lines()).toContain(`API server deleted Service web and released its ClusterIP ${svc.spec.clusterIP}`);
    expect(n.lines()).toContain("kube-proxy on node02 removed web's rules");
  });

  it("tells scaling up and down, with the Deployment controller and the ReplicaSet controller", () => {
    const { n, rs } = article();
    n.run("kubectl scale deployment test --replicas=5", 3000);
    expect(n.lines()).toContain(`Deployment test scaled ReplicaSet ${rs} up from 2 to 5 replicas`);
    const created = n.lines().find((l) => l.includes("created 3 new pods"));
    expect(created).toMatch(new RegExp(`^ReplicaSet ${rs} created 3 new pods \\(…-\\w+, …-\\w+ and …-\\w+\\) to reach 5 replicas$`));
    expect(n.lines()).toContainEqual(expect.stringMatching(/^Scheduler placed 3 pods: /));
    n.clear();
    n.run("kubectl scale deployment test --replicas=1", 3000);
    expect(n.lines()).toContain(`Deployment test scaled ReplicaSet ${rs} down from 5 to 1 replica`);
    expect(n.lines()).toContainEqual(expect.stringMatching(new RegExp(`^ReplicaSet ${rs} deleted 4 pods \\(.+\\) to get down to 1 replica$`)));
    // The ReplicaSet's deletions are told once: no separate "is terminating" for them.
    expect(n.lines().filter((l) => l.includes("is stopping"))).toEqual([]);
    expect(n.lines()).toContainEqual(expect.stringMatching(/^EndpointSlice controller updated my-service-\w+: 4 endpoints are terminating, no longer ready: 192\.168\.\S+, 192\.168\.\S+, 192\.168\.\S+ and 1 more$/));
  });

  it("tells a relabelled pod leaving its ReplicaSet and its replacement", () => {
    const { n, pods, rs } = article();
    const victim = pods()[0].metadata.name;
    n.run(`kubectl label pod ${victim} app=debug --overwrite`, 3000);
    expect(n.lines()).toContain(`API server changed pod ${victim}'s labels to app=debug,pod-template-hash=${rs.slice("test-".length)} (were app=test,pod-template-hash=${rs.slice("test-".length)})`);
    expect(n.lines().some((l) => l.startsWith(`ReplicaSet ${rs} created pod`) && l.endsWith(`to get back to 2 replicas (pod …${victim.slice(rs.length)} no longer matches its selector)`))).toBe(true);
  });

  it("tells a Service's new selector", () => {
    const { n } = article();
    n.run(`kubectl set selector service my-service app=other`, 2000);
    expect(n.lines()).toContain("API server changed Service my-service's selector to app=other (was app=test)");
  });

  it("leaves kube-system out", () => {
    const cluster = createCluster();
    const n = narrator(cluster);
    const coredns = cluster.snapshot().pods.find((p) => p.metadata.name.startsWith("coredns"))!;
    n.run(`kubectl -n kube-system delete pod ${coredns.metadata.name} --wait=false`, 5000);
    expect(n.lines()).toEqual([]);
  });
});

describe("appendCaptions", () => {
  const c = (text: string, time = 0): Caption => ({ time, actor: "kubelet on node01", text });
  it("keeps the last ones", () => {
    expect(appendCaptions([c("a"), c("b")], [c("c"), c("d")], 3).map((x) => x.text)).toEqual(["b", "c", "d"]);
  });
  it("counts a repeated caption instead of repeating it", () => {
    const shown = appendCaptions([c("Back-off", 1)], [c("Back-off", 9)], 6);
    expect(shown).toEqual([{ ...c("Back-off", 9), repeat: 2 }]);
  });
});
