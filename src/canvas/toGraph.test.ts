import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import type { Cluster } from "../engine/api";
import type { GraphUi } from "./toGraph";
import { COLLAPSE_AT, LEAVE_MS, nextEdgeExpiry, toGraph, type Graph } from "./toGraph";
import type { EndpointEdge, PodNode } from "./types";

const UI: GraphUi = { namespace: "", labelFilter: "", showSystemPods: false, expanded: [], collapsed: [], selection: null };

function lab(): Cluster {
  return createCluster({ seed: 1 });
}

function pods(g: Graph): PodNode[] {
  return g.nodes.filter((n): n is PodNode => n.type === "pod");
}

function byId(g: Graph, id: string) {
  return g.nodes.find((n) => n.id === id) ?? g.edges.find((e) => e.id === id);
}

describe("toGraph", () => {
  it("draws the three nodes as frames, workers first, and hides kube-system pods until asked", () => {
    const c = lab();
    const g = toGraph(c.snapshot(), UI);
    const frames = g.nodes.filter((n) => n.type === "frame");
    expect(frames.map((n) => n.id)).toEqual(["frame:node01", "frame:node02", "frame:controlplane"]);
    // The control plane holds no workload pod: it is drawn narrow, and last, so nothing is pushed when it widens.
    expect(frames[2].width).toBeLessThan(frames[0].width!);
    expect(frames[2].position.x).toBeGreaterThan(frames[1].position.x);
    expect(pods(g)).toEqual([]);
    const shown = toGraph(c.snapshot(), { ...UI, showSystemPods: true });
    expect(pods(shown).some((p) => p.data.pod.metadata.name.startsWith("coredns-"))).toBe(true);
  });

  it("keeps the very same node objects for pods that did not change", () => {
    const c = lab();
    c.exec("kubectl create deployment test --image=nginx --replicas=3");
    c.advance(10_000);
    const g1 = toGraph(c.snapshot(), UI);
    const [first, ...rest] = pods(g1);
    c.exec(`kubectl label pod ${first.data.pod.metadata.name} color=blue`);
    const g2 = toGraph(c.snapshot(), UI, g1);
    for (const p of rest) expect(byId(g2, p.id)).toBe(p);
    expect(byId(g2, first.id)).not.toBe(first);
    // Nothing changed at all: every object is reused.
    const g3 = toGraph(c.snapshot(), UI, g2);
    g2.nodes.forEach((n, i) => expect(g3.nodes[i]).toBe(n));
    g2.edges.forEach((e, i) => expect(g3.edges[i]).toBe(e));
  });

  it("hands back the same edge list when no edge changed, and tells React Flow every card's size", () => {
    const c = lab();
    c.exec("kubectl create deployment test --image=nginx --replicas=2");
    c.exec("kubectl expose deployment test --port=80");
    c.advance(10_000);
    const g1 = toGraph(c.snapshot(), UI);
    c.exec(`kubectl label pod ${pods(g1)[0].data.pod.metadata.name} color=blue`);
    const g2 = toGraph(c.snapshot(), UI, g1);
    expect(g2.edges).toBe(g1.edges); // a label no selector reads: React Flow need not re-index edges
    expect(g2.nodes).not.toBe(g1.nodes); // one card did change
    expect(toGraph(c.snapshot(), UI, g2).nodes).toBe(g2.nodes);
    for (const n of g2.nodes) expect(n.measured).toEqual({ width: n.width, height: n.height });
  });

  it("keeps every card in place when a pod goes, and puts the replacement in its node's frame", () => {
    const c = lab();
    c.exec("kubectl create deployment test --image=nginx --replicas=4");
    c.advance(10_000);
    const g1 = toGraph(c.snapshot(), UI);
    const victim = pods(g1)[0];
    c.exec(`kubectl delete pod ${victim.data.pod.metadata.name}`);
    c.advance(10_000);
    const g2 = toGraph(c.snapshot(), UI, g1);
    for (const p of pods(g1)) {
      if (p === victim) continue;
      expect((byId(g2, p.id) as PodNode).position).toEqual(p.position);
    }
    const fresh = pods(g2).find((p) => !byId(g1, p.id))!;
    const frame = g2.nodes.find((n) => n.id === `frame:${fresh.data.pod.spec.nodeName}`)!;
    expect(fresh.position.x).toBeGreaterThanOrEqual(frame.position.x);
    expect(fresh.position.x).toBeLessThan(frame.position.x + frame.width!);
    expect(fresh.position.y).toBeGreaterThan(frame.position.y);
  });

  it("links a Service to its ready endpoints, and draws a terminating one differently", () => {
    const c = lab();
    c.exec("kubectl create deployment test --image=nginx --replicas=2");
    c.exec("kubectl expose deploy test --port=8080 --target-port=80 --name=my-service");
    c.advance(10_000);
    const g1 = toGraph(c.snapshot(), UI);
    const eps = g1.edges.filter((e): e is EndpointEdge => e.type === "endpoint" && e.source === "svc:default/my-service");
    expect(eps.map((e) => e.data!.state)).toEqual(["ready", "ready"]);
    const name = pods(g1)[0].data.pod.metadata.name;
    c.exec(`kubectl delete pod ${name} --wait=false`);
    c.advance(20);
    const g2 = toGraph(c.snapshot(), UI, g1);
    const leaving = g2.edges.find((e) => e.id === `ep:svc:default/my-service->pod:default/${name}`) as EndpointEdge;
    expect(leaving.data!.state).toBe("terminating");
  });

  it("links Deployment → ReplicaSet → pods", () => {
    const c = lab();
    c.exec("kubectl create deployment test --image=nginx --replicas=2");
    c.advance(10_000);
    const g = toGraph(c.snapshot(), UI);
    const rs = g.nodes.find((n) => n.type === "replicaset")!;
    expect(g.edges.some((e) => e.source === "deploy:default/test" && e.target === rs.id)).toBe(true);
    expect(g.edges.filter((e) => e.source === rs.id).length).toBe(2);
  });

  it("collapses a large deployment to a count per node, and opens it on request", () => {
    const c = lab();
    c.exec(`kubectl create deployment big --image=nginx --replicas=${COLLAPSE_AT + 4}`);
    c.advance(10_000);
    const g = toGraph(c.snapshot(), UI);
    const groups = g.nodes.filter((n) => n.type === "group");
    expect(pods(g)).toEqual([]);
    expect(groups.reduce((n, x) => n + (x.data as { count: number }).count, 0)).toBe(COLLAPSE_AT + 4);
    const open = toGraph(c.snapshot(), { ...UI, expanded: ["default/big"] }, g);
    expect(pods(open).length).toBe(COLLAPSE_AT + 4);
  });

  it("dims pods the label filter does not match, without moving them", () => {
    const c = lab();
    c.exec("kubectl create deployment a --image=nginx");
    c.exec("kubectl create deployment b --image=nginx");
    c.advance(10_000);
    const g1 = toGraph(c.snapshot(), UI);
    const g2 = toGraph(c.snapshot(), { ...UI, labelFilter: "app=a" }, g1);
    for (const p of pods(g2)) {
      expect(p.data.dimmed).toBe(p.data.pod.metadata.labels?.app !== "a");
      expect(p.position).toEqual((byId(g1, p.id) as PodNode).position);
    }
    expect(toGraph(c.snapshot(), { ...UI, labelFilter: "app in (" }).filterError).toBeTruthy();
  });

  it("marks the selected pod and only rebuilds what the selection touches", () => {
    const c = lab();
    c.exec("kubectl create deployment test --image=nginx --replicas=2");
    c.advance(10_000);
    const g1 = toGraph(c.snapshot(), UI);
    const [a, b] = pods(g1);
    const g2 = toGraph(c.snapshot(), { ...UI, selection: { kind: "Pod", namespace: "default", name: a.data.pod.metadata.name } }, g1);
    expect((byId(g2, a.id) as PodNode).data.selected).toBe(true);
    expect(byId(g2, b.id)).toBe(b);
  });

  it("keeps an endpoint edge a moment after its pod left the Service, marked as leaving, then drops it", () => {
    const c = lab();
    c.exec("kubectl create deployment test --image=nginx --replicas=2");
    c.exec("kubectl expose deployment test --port=80");
    c.advance(10_000);
    const g1 = toGraph(c.snapshot(), UI);
    const [a] = pods(g1);
    const edgeId = `ep:svc:default/test->${a.id}`;
    expect(byId(g1, edgeId)).toBeDefined();
    c.exec(`kubectl label pod ${a.data.pod.metadata.name} app=other --overwrite`);
    c.advance(1_000);
    const g2 = toGraph(c.snapshot(), UI, g1);
    const leaving = byId(g2, edgeId) as EndpointEdge;
    expect(leaving.data?.leftAt).toBe(c.snapshot().time);
    expect(nextEdgeExpiry(g2)).toBe(c.snapshot().time + LEAVE_MS);
    c.advance(LEAVE_MS);
    expect(byId(toGraph(c.snapshot(), UI, g2), edgeId)).toBeUndefined();
  });
});
