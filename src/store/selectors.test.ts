import { describe, expect, it } from "vitest";
import { formatElapsed, groupPodsByNode, podStatus, servicePorts, serviceEndpoints } from "./selectors";
import { createFakeCluster } from "./testing/fakeCluster";
import type { EndpointSlice, Pod } from "../engine/cluster/types";

describe("selectors", () => {
  const snap = createFakeCluster().snapshot();

  it("groups pods by node in node order and keeps kube-system apart", () => {
    const groups = groupPodsByNode(snap.nodes, snap.pods);
    expect(groups.map((g) => g.node)).toEqual(["controlplane", "node01", "node02"]);
    expect(groups[0].pods).toEqual([]);
    expect(groups[0].systemPods.map((p) => p.metadata.name)).toContain("coredns-674b8bbfcf-2xk9p");
  });

  it("puts pods that are not scheduled yet in a last group", () => {
    const pending = { ...snap.pods[0], spec: { ...snap.pods[0].spec, nodeName: undefined } } as Pod;
    const groups = groupPodsByNode(snap.nodes, [pending]);
    expect(groups.at(-1)?.node).toBeUndefined();
  });

  it("says Terminating for a pod being deleted, like kubectl", () => {
    const pod = snap.pods[0];
    expect(podStatus(pod)).toBe("Running");
    expect(podStatus({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: "x" } })).toBe("Terminating");
  });

  it("writes a Service port as ClusterIP:port→targetPort/protocol", () => {
    expect(servicePorts(snap.services[0])).toEqual(["10.96.0.1:443→6443/TCP"]);
  });

  it("reads endpoints from the Service's EndpointSlices", () => {
    const svc = snap.services[1];
    const slice = {
      metadata: { name: "kube-dns-abc", namespace: "kube-system", labels: { "kubernetes.io/service-name": "kube-dns" } },
      ports: [{ name: "dns", port: 53, protocol: "UDP" }],
      endpoints: [
        { addresses: ["192.168.0.2"], conditions: { ready: true, serving: true, terminating: false } },
        { addresses: ["192.168.0.3"], conditions: { ready: false, serving: false, terminating: false } },
      ],
    } as unknown as EndpointSlice;
    expect(serviceEndpoints(svc, [slice], [])).toEqual([
      { address: "192.168.0.2:53", ready: true, target: undefined },
      { address: "192.168.0.3:53", ready: false, target: undefined },
    ]);
  });

  it("formats elapsed virtual time as hh:mm:ss", () => {
    expect(formatElapsed(3_725_000)).toBe("01:02:05");
  });
});
