import { describe, expect, it } from "vitest";
import type { Pod, Service } from "../engine/cluster/types";
import { explain, whyEndpoint } from "./why";

function pod(over: { labels?: Record<string, string>; ns?: string; ip?: string; ready?: boolean; deleting?: boolean; phase?: Pod["status"]["phase"]; ports?: { name?: string; containerPort: number }[] } = {}): Pod {
  const ready = over.ready ?? true;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "test-1",
      namespace: over.ns ?? "default",
      uid: "u1",
      resourceVersion: "1",
      creationTimestamp: "2025-01-01T00:00:00Z",
      labels: over.labels ?? { app: "test" },
      deletionTimestamp: over.deleting ? "2025-01-01T00:01:00Z" : undefined,
    },
    spec: { containers: [{ name: "nginx", image: "nginx", ports: over.ports?.map((p) => ({ ...p, protocol: "TCP" as const })) }] },
    status: {
      phase: over.phase ?? "Running",
      podIP: over.ip === undefined ? "192.168.1.5" : over.ip || undefined,
      conditions: [{ type: "Ready", status: ready ? "True" : "False", lastProbeTime: null, lastTransitionTime: "" }],
    },
  };
}

function service(selector: Record<string, string> | undefined, targetPort: number | string = 80, ns = "default"): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "my-service", namespace: ns, uid: "s1", resourceVersion: "1", creationTimestamp: "" },
    spec: { type: "ClusterIP", selector, ports: [{ port: 8080, targetPort, protocol: "TCP" }], sessionAffinity: "None" },
    status: { loadBalancer: {} },
  };
}

describe("why is / isn't this pod an endpoint", () => {
  it("says yes for a ready pod whose labels match, naming the matching keys", () => {
    const a = whyEndpoint(service({ app: "test" }), pod());
    expect(a.verdict).toBe("ready");
    expect(a.reasons).toEqual([]);
    expect(a.matched).toEqual(["app=test"]);
  });

  it("names the selector key whose value differs", () => {
    const a = whyEndpoint(service({ app: "test" }), pod({ labels: { app: "ram" } }));
    expect(a.verdict).toBe("not-endpoint");
    expect(a.reasons).toEqual([{ kind: "label-differs", key: "app", want: "test", got: "ram" }]);
    expect(explain(a.reasons[0])).toBe("The selector wants app=test, but the pod has app=ram.");
  });

  it("names the selector key the pod lacks, and only that one", () => {
    const a = whyEndpoint(service({ app: "test", tier: "web" }), pod({ labels: { app: "test" } }));
    expect(a.reasons).toEqual([{ kind: "label-missing", key: "tier", want: "web" }]);
    expect(a.matched).toEqual(["app=test"]);
  });

  it("says a pod in another namespace is never selected", () => {
    const a = whyEndpoint(service({ app: "test" }), pod({ ns: "dev" }));
    expect(a.verdict).toBe("not-endpoint");
    expect(a.reasons[0]).toEqual({ kind: "other-namespace", podNamespace: "dev", serviceNamespace: "default" });
  });

  it("says a Service without a selector picks no pod", () => {
    expect(whyEndpoint(service(undefined), pod()).reasons).toEqual([{ kind: "no-selector" }]);
  });

  it("lists a matching pod that is not ready, with ready=false", () => {
    const a = whyEndpoint(service({ app: "test" }), pod({ ready: false }));
    expect(a.verdict).toBe("not-ready");
    expect(a.reasons).toEqual([{ kind: "not-ready" }]);
  });

  it("lists a matching pod that is terminating", () => {
    const a = whyEndpoint(service({ app: "test" }), pod({ deleting: true }));
    expect(a.verdict).toBe("terminating");
    expect(a.reasons).toEqual([{ kind: "terminating" }]);
  });

  it("leaves out a matching pod with no IP yet", () => {
    const a = whyEndpoint(service({ app: "test" }), pod({ ip: "", ready: false }));
    expect(a.verdict).toBe("not-endpoint");
    expect(a.reasons.map((r) => r.kind)).toEqual(["no-ip", "not-ready"]);
  });

  it("leaves out a finished pod", () => {
    const a = whyEndpoint(service({ app: "test" }), pod({ phase: "Succeeded", ready: false }));
    expect(a.reasons[0]).toEqual({ kind: "finished", phase: "Succeeded" });
    expect(a.verdict).toBe("not-endpoint");
  });

  it("leaves out a pod that lacks the named targetPort", () => {
    const a = whyEndpoint(service({ app: "test" }, "http-metrics"), pod({ ports: [{ name: "web", containerPort: 80 }] }));
    expect(a.verdict).toBe("not-endpoint");
    expect(a.reasons).toEqual([{ kind: "named-port-missing", port: "http-metrics", servicePort: 8080 }]);
  });

  it("accepts a pod that declares the named targetPort", () => {
    const a = whyEndpoint(service({ app: "test" }, "http-metrics"), pod({ ports: [{ name: "http-metrics", containerPort: 8080 }] }));
    expect(a.verdict).toBe("ready");
  });

  it("reports every failing key, not just the first", () => {
    const a = whyEndpoint(service({ app: "test", color: "blue" }), pod({ labels: { app: "x" } }));
    expect(a.reasons.map((r) => r.kind)).toEqual(["label-differs", "label-missing"]);
  });
});
