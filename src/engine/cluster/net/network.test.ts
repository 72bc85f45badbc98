import { describe, expect, it } from "vitest";
import { ClusterImpl } from "../cluster";
import { serviceChain } from "../proxy/hash";

function lab(options: ConstructorParameters<typeof ClusterImpl>[0] = {}) {
  const c = new ClusterImpl(options);
  const run = (line: string) => c.exec(line);
  const podsOf = (prefix: string) => c.rt.store.list("Pod").filter((p) => p.metadata.name.startsWith(prefix) && !p.metadata.deletionTimestamp);
  return { c, run, podsOf };
}

describe("kube-proxy on every node", () => {
  it("programs a ClusterIP service's chains on every node, a moment after its endpoints appear", () => {
    const { c, run } = lab();
    run("kubectl create deployment web --image=nginx --replicas=2");
    c.advance(30_000);
    run("kubectl expose deployment web --port=80");
    const svc = c.rt.store.get("Service", "default", "web")!;
    c.advance(5_000);
    for (const node of ["controlplane", "node01", "node02"]) {
      const rs = c.network.proxies.get(node)!.rules();
      const services = rs.nat.rules.get("KUBE-SERVICES")!;
      const rule = services.find((r) => r.destination?.cidr === `${svc.spec.clusterIP}/32`);
      expect(rule?.target).toEqual({ kind: "jump", chain: serviceChain("KUBE-SVC-", "default/web", "tcp") });
      const svcChain = rs.nat.rules.get(serviceChain("KUBE-SVC-", "default/web", "tcp"))!;
      expect(svcChain).toHaveLength(3); // masquerade rule + 2 endpoints
      expect(svcChain[1].matches).toContainEqual({ kind: "statistic", probability: 0.5 });
    }
  });

  it("rejects connections to a service without endpoints in the filter table", () => {
    const { c, run } = lab();
    run("kubectl create service clusterip empty --tcp=80:80");
    c.advance(5_000);
    const rs = c.network.proxies.get("node01")!.rules();
    const reject = rs.filter.rules.get("KUBE-SERVICES")!.find((r) => r.matches.some((m) => m.kind === "comment" && m.comment === "default/empty:80-80 has no endpoints"));
    expect(reject?.target).toEqual({ kind: "REJECT" });
  });
});

describe("connections", () => {
  it("tell the article's story: pod IP works, then the pod goes and its IP times out; the Service keeps working", () => {
    const { c, run, podsOf } = lab();
    run("kubectl create deployment test --image=nginx --replicas=2");
    run("kubectl run client --image=curlimages/curl -- sleep infinity");
    c.advance(40_000);
    run("kubectl expose deployment test --port=80");
    c.advance(5_000);
    const client = { kind: "pod" as const, namespace: "default", name: "client" };
    const [first] = podsOf("test-");
    const oldIp = first.status.podIP!;
    expect(c.network.connect(client, oldIp, 80).outcome).toBe("ok");
    run(`kubectl delete pod ${first.metadata.name}`);
    c.advance(40_000);
    expect(c.network.connect(client, oldIp, 80).outcome).toBe("timeout");
    const vip = c.rt.store.get("Service", "default", "test")!.spec.clusterIP!;
    const r = c.network.connect(client, vip, 80);
    expect(r.outcome).toBe("ok");
    expect(podsOf("test-").map((p) => p.metadata.name)).toContain(r.backend!.name);
    run("kubectl delete deployment test");
    c.advance(60_000);
    expect(c.network.connect(client, vip, 80).outcome).toBe("refused");
  });

  it("spread connections at random over the endpoints in iptables mode", () => {
    const { c, run } = lab();
    run("kubectl create deployment web --image=nginx --replicas=3");
    run("kubectl run client --image=curlimages/curl -- sleep infinity");
    c.advance(40_000);
    run("kubectl expose deployment web --port=80");
    c.advance(5_000);
    const vip = c.rt.store.get("Service", "default", "web")!.spec.clusterIP!;
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const r = c.network.connect({ kind: "pod", namespace: "default", name: "client" }, vip, 80);
      counts.set(r.backend!.name, (counts.get(r.backend!.name) ?? 0) + 1);
      c.network.close(r.id);
    }
    expect(counts.size).toBe(3);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(120); // ±12 % of the mean
  });
});

describe("switching kube-proxy's mode", () => {
  it("takes the ConfigMap edit plus a DaemonSet restart, node by node, as on a real cluster", () => {
    const { c, run } = lab();
    run("kubectl -n kube-system get cm kube-proxy -o yaml > kp.yaml");
    c.files.write("kp.yaml", c.files.read("kp.yaml")!.replace('mode: ""', 'mode: "ipvs"').replace('scheduler: ""', 'scheduler: "lc"'));
    run("kubectl apply -f kp.yaml");
    c.advance(5_000);
    // Editing the ConfigMap alone changes nothing: kube-proxy reads it when it starts.
    expect(c.proxies().map((p) => p.mode)).toEqual(["iptables", "iptables", "iptables"]);
    expect(run("kubectl -n kube-system rollout restart daemonset kube-proxy").stdout).toBe("daemonset.apps/kube-proxy restarted\n");
    c.advance(1_000);
    expect(c.proxies().filter((p) => p.mode === "ipvs").length).toBeLessThan(3);
    c.advance(60_000);
    expect(c.proxies().map((p) => p.mode)).toEqual(["ipvs", "ipvs", "ipvs"]);
    expect(c.network.proxies.get("node02")!.scheduler).toBe("lc");
  });
});

describe("service features that change traffic", () => {
  function setup() {
    const l = lab();
    l.run("kubectl create deployment web --image=nginx --replicas=1");
    l.run("kubectl run client --image=curlimages/curl -- sleep infinity");
    l.c.advance(40_000);
    return l;
  }
  const client = { kind: "pod" as const, namespace: "default", name: "client" };

  it("internalTrafficPolicy Local: a node without a local endpoint drops ClusterIP traffic", () => {
    const { c, run, podsOf } = setup();
    run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  internalTrafficPolicy: Local
  selector:
    app: web
  ports:
  - port: 80
EOF`);
    c.advance(5_000);
    const vip = c.rt.store.get("Service", "default", "web")!.spec.clusterIP!;
    const webNode = podsOf("web-")[0].spec.nodeName;
    const clientNode = c.rt.store.get("Pod", "default", "client")!.spec.nodeName;
    expect(webNode).not.toBe(clientNode); // seed 1 places them apart
    expect(c.network.connect(client, vip, 80).outcome).toBe("timeout");
    const drop = c.network.proxies.get(clientNode!)!.rules().filter.rules.get("KUBE-SERVICES")!;
    expect(drop.find((x) => x.target.kind === "DROP")?.matches[0]).toEqual({ kind: "comment", comment: "default/web has no local endpoints" });
    // From the endpoint's own node the same ClusterIP works.
    const local = c.network.connect({ kind: "node", name: webNode! }, vip, 80);
    expect(local.outcome).toBe("ok");
  });

  it("a terminating pod that still serves keeps receiving connections when no other endpoint is ready", () => {
    const { c, run, podsOf } = setup();
    run("kubectl expose deployment web --port=80");
    c.advance(5_000);
    const vip = c.rt.store.get("Service", "default", "web")!.spec.clusterIP!;
    const [pod] = podsOf("web-");
    run("kubectl scale deployment web --replicas=0");
    // nginx stops at once; look in the short window where the endpoint is terminating but serving.
    const proxy = c.network.proxies.get(c.rt.store.get("Pod", "default", "client")!.spec.nodeName!)!;
    c.advance(200);
    const sp = proxy.ports.find((p) => p.name === "web")!;
    expect(sp.endpoints.map((e) => [e.ip, e.ready, e.serving, e.terminating])).toEqual([[pod.status.podIP, false, true, true]]);
    expect(sp.clusterEndpoints.map((e) => e.ip)).toEqual([pod.status.podIP]);
    expect(c.network.connect(client, vip, 80).outcome).toBe("ok");
    c.advance(60_000);
    expect(c.network.connect(client, vip, 80).outcome).toBe("refused");
  });

  it("publishNotReadyAddresses: a pod that is not ready is still an endpoint", () => {
    const { c, run } = setup();
    run("kubectl run slow --image=mysql --labels=app=db --env=MYSQL_ROOT_PASSWORD=x");
    run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  publishNotReadyAddresses: true
  selector:
    app: db
  ports:
  - port: 3306
EOF`);
    c.advance(3_000);
    const proxy = c.network.proxies.get("node01")!;
    const sp = proxy.ports.find((p) => p.name === "db");
    expect(sp?.clusterEndpoints.length).toBe(1);
  });

  it("a pod that reaches itself through its Service is masqueraded (hairpin)", () => {
    const { c, run, podsOf } = setup();
    run("kubectl expose deployment web --port=80");
    c.advance(5_000);
    const [pod] = podsOf("web-");
    const vip = c.rt.store.get("Service", "default", "web")!.spec.clusterIP!;
    const r = c.network.connect({ kind: "pod", namespace: "default", name: pod.metadata.name }, vip, 80);
    expect(r.outcome).toBe("ok");
    expect(r.clientIpSeen).not.toBe(pod.status.podIP);
  });

  it("users outside the cluster reach a NodePort on any node, masqueraded to that node", () => {
    const { c, run } = setup();
    run("kubectl expose deployment web --type=NodePort --port=80");
    c.advance(5_000);
    const nodePort = c.rt.store.get("Service", "default", "web")!.spec.ports![0].nodePort!;
    for (const n of c.rt.store.list("Node")) {
      const ip = n.status.addresses[0].address;
      const r = c.network.connect({ kind: "external", ip: "203.0.113.7" }, ip, nodePort);
      expect(r.outcome).toBe("ok");
      expect(r.clientIpSeen).not.toBe("203.0.113.7");
    }
  });

  it("a node or a pod reaches a NodePort at any node's address: the packet meets that node's rules", () => {
    const { c, run } = setup();
    run("kubectl expose deployment web --type=NodePort --port=80");
    c.advance(5_000);
    const nodePort = c.rt.store.get("Service", "default", "web")!.spec.ports![0].nodePort!;
    const nodes = c.rt.store.list("Node").map((n) => ({ name: n.metadata.name, ip: n.status.addresses[0].address }));
    for (const from of nodes)
      for (const to of nodes) {
        const r = c.network.connect({ kind: "node", name: from.name }, to.ip, nodePort);
        expect(r.outcome, `${from.name} → ${to.name}`).toBe("ok");
        expect(c.traffic.flows().at(-1)!.node).toBe(to.name); // translated where it arrived
      }
    expect(c.network.connect(client, nodes[1].ip, nodePort).outcome).toBe("ok");
    expect(c.network.connect({ kind: "node", name: "controlplane" }, nodes[1].ip, 31999).outcome).toBe("refused"); // nothing listens there
  });

  it("iptables mode answers a NodePort on a node's localhost (masqueraded to the node's IP); IPVS mode does not", () => {
    const { c, run } = setup();
    run("kubectl expose deployment web --type=NodePort --port=80");
    c.advance(5_000);
    const nodePort = c.rt.store.get("Service", "default", "web")!.spec.ports![0].nodePort!;
    const r = c.network.connect({ kind: "node", name: "node01" }, "127.0.0.1", nodePort);
    expect(r.outcome).toBe("ok");
    // KUBE-MARK-MASQ, then MASQUERADE: nginx never sees 127.0.0.1, but node01's address (its tunl0 one when the pod is elsewhere).
    expect(r.clientIpSeen).toBe(r.backend!.node === "node01" ? "172.30.1.3" : c.calico.tunnelAddress("node01"));
    const flow = c.traffic.flows().at(-1)!;
    expect(flow.service).toBe("default/web");
    expect(flow.path.kind === "iptables" && flow.path.steps.some((s) => s.chain === "KUBE-NODEPORTS")).toBe(true);
    // Nothing listens on other loopback ports: refused at once, not a timeout.
    expect(c.network.connect({ kind: "node", name: "node01" }, "127.0.0.1", 31999)).toMatchObject({ outcome: "refused", connectMs: 0 });
    expect(run(`curl -s -o /dev/null -w '%{http_code}' localhost:${nodePort}`).stdout).toBe("200");

    const ipvs = lab({ proxyMode: "ipvs" });
    ipvs.run("kubectl create deployment web --image=nginx --replicas=1");
    ipvs.run("kubectl expose deployment web --type=NodePort --port=80");
    ipvs.c.advance(40_000);
    const ipvsPort = ipvs.c.rt.store.get("Service", "default", "web")!.spec.ports![0].nodePort!;
    expect(ipvs.c.network.connect({ kind: "node", name: "node01" }, "172.30.1.3", ipvsPort).outcome).toBe("ok");
    expect(ipvs.c.network.connect({ kind: "node", name: "node01" }, "127.0.0.1", ipvsPort).outcome).toBe("refused");
  });
});

describe("the rules viewer", () => {
  it("lists a node's rules with the rule behind each line, so a flow's path can be highlighted", () => {
    const { c, run } = lab();
    run("kubectl create deployment web --image=nginx --replicas=2");
    run("kubectl run client --image=curlimages/curl -- sleep infinity");
    c.advance(40_000);
    run("kubectl expose deployment web --port=80");
    c.advance(5_000);
    const vip = c.rt.store.get("Service", "default", "web")!.spec.clusterIP!;
    c.network.connect({ kind: "pod", namespace: "default", name: "client" }, vip, 80);
    const flow = c.traffic.flows().at(-1)!;
    expect(flow.path.kind).toBe("iptables");
    const lines = c.nodeRules(flow.node!);
    const steps = flow.path.kind === "iptables" ? flow.path.steps : [];
    const highlighted = steps.map((s) => lines.find((l) => l.table === s.table && l.chain === s.chain && l.index === s.index)?.text);
    expect(highlighted[0]).toBe('-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
    expect(highlighted.some((t) => t?.includes("default/web cluster IP") && t.includes("-j KUBE-SVC-"))).toBe(true);
    expect(highlighted.some((t) => t?.includes("-j DNAT --to-destination " + flow.backend!.ip + ":80"))).toBe(true);
  });
});
