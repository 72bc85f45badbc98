import { beforeEach, describe, expect, it } from "vitest";
import { ClusterImpl } from "../cluster";
import { queryCoreDns, resolveInCluster, resolverCandidates, reverseName, searchList } from "./dns";

let cluster: ClusterImpl;
const run = (line: string) => cluster.exec(line);
const store = () => cluster.rt.store;
const svcIP = (name: string, ns = "default") => store().get("Service", ns, name)!.spec.clusterIP!;
const podIPs = (prefix: string) =>
  store()
    .list("Pod", "default")
    .filter((p) => p.metadata.name.startsWith(prefix))
    .map((p) => p.status.podIP!);

function apply(yaml: string): void {
  run(`cat > obj.yaml <<EOF\n${yaml}\nEOF`);
  const r = run("kubectl apply -f obj.yaml");
  expect(r.exitCode, r.output).toBe(0);
}

beforeEach(() => {
  cluster = new ClusterImpl();
});

describe("a pod's resolver walks resolv.conf's search list with ndots:5", () => {
  it("tries each search suffix first for a name with fewer than five dots, then the name itself", () => {
    expect(resolverCandidates("my-service", searchList("default"))).toEqual(["my-service.default.svc.cluster.local", "my-service.svc.cluster.local", "my-service.cluster.local", "my-service"]);
    // Even a fully qualified name without the trailing dot has only four dots: the suffixes go first.
    expect(resolverCandidates("a.b.svc.cluster.local", searchList("web"))[0]).toBe("a.b.svc.cluster.local.web.svc.cluster.local");
  });

  it("treats a trailing dot as absolute and five dots as 'try as-is first' (musl: only as-is)", () => {
    expect(resolverCandidates("kubernetes.default.svc.cluster.local.", searchList("default"))).toEqual(["kubernetes.default.svc.cluster.local"]);
    expect(resolverCandidates("a.b.c.d.e.f", ["x"])).toEqual(["a.b.c.d.e.f", "a.b.c.d.e.f.x"]);
    expect(resolverCandidates("a.b.c.d.e.f", ["x"], 5, "musl")).toEqual(["a.b.c.d.e.f"]);
  });
});

describe("CoreDNS answers from the object store", () => {
  it("resolves kubernetes.default and kube-dns.kube-system to their ClusterIPs", () => {
    expect(resolveInCluster(store(), "default", "kubernetes.default")).toEqual({ kind: "answer", name: "kubernetes.default.svc.cluster.local", addresses: ["10.96.0.1"] });
    expect(resolveInCluster(store(), "default", "kubernetes")).toEqual({ kind: "answer", name: "kubernetes.default.svc.cluster.local", addresses: ["10.96.0.1"] });
    expect(resolveInCluster(store(), "default", "kube-dns.kube-system.svc.cluster.local")).toEqual({ kind: "answer", name: "kube-dns.kube-system.svc.cluster.local", addresses: ["10.96.0.10"] });
  });

  it("answers a Service's name with its ClusterIP, from its own namespace by short name only", () => {
    run("kubectl create deployment web --image=nginx --replicas=2");
    cluster.advance(5000);
    run("kubectl expose deploy web --port=80 --name=my-service");
    cluster.advance(2000);
    const ip = svcIP("my-service");
    expect(resolveInCluster(store(), "default", "my-service")).toEqual({ kind: "answer", name: "my-service.default.svc.cluster.local", addresses: [ip] });
    expect(resolveInCluster(store(), "kube-system", "my-service")).toEqual({ kind: "nxdomain", name: "my-service" });
    expect(resolveInCluster(store(), "kube-system", "my-service.default")).toEqual({ kind: "answer", name: "my-service.default.svc.cluster.local", addresses: [ip] });
  });

  it("says NXDOMAIN for a name nobody has, and the ClusterIP stays while the pods come and go", () => {
    expect(resolveInCluster(store(), "default", "nope")).toEqual({ kind: "nxdomain", name: "nope" });
    run("kubectl create deployment web --image=nginx");
    run("kubectl expose deploy web --port=80");
    cluster.advance(5000);
    const before = resolveInCluster(store(), "default", "web");
    run("kubectl delete deployment web");
    cluster.advance(10_000);
    expect(resolveInCluster(store(), "default", "web")).toEqual(before);
  });

  it("answers a headless service with the ready endpoints' pod IPs, and NXDOMAIN while there are none", () => {
    apply(`apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 3306`);
    expect(resolveInCluster(store(), "default", "db")).toEqual({ kind: "nxdomain", name: "db" });
    run("kubectl create deployment db --image=nginx --replicas=2");
    cluster.advance(10_000);
    const ips = podIPs("db-");
    const a = resolveInCluster(store(), "default", "db");
    expect(a.kind).toBe("answer");
    expect(a.kind === "answer" && [...a.addresses].sort()).toEqual([...ips].sort());
    // One endpoint by its dashed IP (endpoints without a hostname).
    const one = ips[0];
    expect(queryCoreDns(store(), `${one.replace(/\./g, "-")}.db.default.svc.cluster.local`)).toEqual({ rcode: "NOERROR", name: `${one.replace(/\./g, "-")}.db.default.svc.cluster.local`, records: [one] });
  });

  it("answers an ExternalName service with a CNAME that resolves no further (the lab has no internet)", () => {
    apply(`apiVersion: v1
kind: Service
metadata:
  name: ext
spec:
  type: ExternalName
  externalName: example.com`);
    expect(resolveInCluster(store(), "default", "ext")).toEqual({ kind: "answer", name: "ext.default.svc.cluster.local", cname: "example.com", addresses: [] });
    expect(queryCoreDns(store(), "ext.default.svc.cluster.local", "AAAA")).toEqual({ rcode: "NOERROR", name: "ext.default.svc.cluster.local", cname: "example.com", records: [] });
  });

  it("follows an ExternalName that points back into the cluster", () => {
    apply(`apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: ExternalName
  externalName: kubernetes.default.svc.cluster.local`);
    expect(resolveInCluster(store(), "default", "api")).toEqual({ kind: "answer", name: "api.default.svc.cluster.local", cname: "kubernetes.default.svc.cluster.local", addresses: ["10.96.0.1"] });
  });

  it("answers pod A records from the dashed IP in any existing namespace (pods insecure)", () => {
    expect(queryCoreDns(store(), "192-168-1-4.default.pod.cluster.local")).toEqual({ rcode: "NOERROR", name: "192-168-1-4.default.pod.cluster.local", records: ["192.168.1.4"] });
    expect(queryCoreDns(store(), "192-168-1-4.nowhere.pod.cluster.local").rcode).toBe("NXDOMAIN");
    expect(resolveInCluster(store(), "default", "10-1-2-3.default.pod")).toMatchObject({ kind: "answer", addresses: ["10.1.2.3"] });
  });

  it("gives NODATA for AAAA (the cluster is IPv4) and for a bare namespace, SERVFAIL outside the cluster zone", () => {
    expect(queryCoreDns(store(), "kubernetes.default.svc.cluster.local.", "AAAA")).toEqual({ rcode: "NOERROR", name: "kubernetes.default.svc.cluster.local", records: [] });
    expect(queryCoreDns(store(), "default.svc.cluster.local")).toEqual({ rcode: "NOERROR", name: "default.svc.cluster.local", records: [] });
    expect(queryCoreDns(store(), "nope.svc.cluster.local").rcode).toBe("NXDOMAIN");
    expect(queryCoreDns(store(), "kubernetes.default").rcode).toBe("SERVFAIL");
    expect(queryCoreDns(store(), "kubernetes.cluster.local").rcode).toBe("NXDOMAIN");
  });

  it("answers reverse lookups of ClusterIPs and endpoint addresses", () => {
    expect(reverseName("10.96.0.10")).toBe("10.0.96.10.in-addr.arpa");
    expect(queryCoreDns(store(), reverseName("10.96.0.10"), "PTR")).toEqual({ rcode: "NOERROR", name: "10.0.96.10.in-addr.arpa", records: ["kube-dns.kube-system.svc.cluster.local"] });
    expect(queryCoreDns(store(), reverseName("172.30.1.2"), "PTR")).toEqual({ rcode: "NOERROR", name: "2.1.30.172.in-addr.arpa", records: ["172-30-1-2.kubernetes.default.svc.cluster.local"] });
    expect(queryCoreDns(store(), reverseName("8.8.8.8"), "PTR").rcode).toBe("NXDOMAIN");
  });
});
