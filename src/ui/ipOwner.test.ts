import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import { ipOwners } from "./ipOwner";

describe("ipOwners", () => {
  const c = createCluster({ seed: 1 });
  c.exec("kubectl create deployment test --image=nginx");
  c.exec("kubectl expose deploy test --port=8080 --target-port=80 --name=my-service");
  c.advance(10_000);
  const s = c.snapshot();

  it("finds the pod behind a pod IP, with its node", () => {
    const pod = s.pods.find((p) => p.metadata.name.startsWith("test-"))!;
    expect(ipOwners(s, pod.status.podIP!)).toEqual([`Pod default/${pod.metadata.name} on ${pod.spec.nodeName}.`]);
  });

  it("says a ClusterIP belongs to a Service and who allocated it", () => {
    const svc = s.services.find((x) => x.metadata.name === "my-service")!;
    expect(ipOwners(s, svc.spec.clusterIP!)[0]).toMatch(/^ClusterIP of Service default\/my-service, allocated by the API server/);
  });

  it("lists the node first, then the host-network pods sharing its IP", () => {
    const owners = ipOwners(s, "172.30.1.2");
    expect(owners[0]).toBe("InternalIP of node controlplane.");
    expect(owners.slice(1).every((o) => o.includes("host network"))).toBe(true);
  });

  it("explains the three ranges and the Calico blocks", () => {
    expect(ipOwners(s, s.ranges.serviceCidr)[0]).toMatch(/^Service range/);
    const block = s.ranges.podBlocks[0];
    expect(ipOwners(s, block.cidr)[0]).toBe(`Calico block of node ${block.node}: ${block.used} of ${block.size} addresses in use.`);
    expect(ipOwners(s, "8.8.8.8")).toEqual([]);
  });
});
