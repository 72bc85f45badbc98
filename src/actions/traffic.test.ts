import { describe, expect, it } from "vitest";
import type { Pod, Service } from "../engine/cluster/types";
import { configuredProxy, curlOnce, editProxyConfig, markSlow, serviceUrl, writeFile } from "./traffic";

const pod = (name: string, namespace = "default", annotations?: Record<string, string>) => ({ metadata: { name, namespace, annotations } }) as unknown as Pod;
const svc = (name: string, namespace: string, port: number) => ({ metadata: { name, namespace }, spec: { ports: [{ port }] } }) as unknown as Service;

const CM = `apiVersion: v1
data:
  config.conf: |-
    ipvs:
      excludeCIDRs: null
      scheduler: ""
    kind: KubeProxyConfiguration
    mode: ""
    nftables:
      masqueradeAll: false
kind: ConfigMap
`;

describe("traffic commands", () => {
  it("curls a Service once from a pod, by the name that pod would use", () => {
    expect(curlOnce(pod("client"), svc("web", "default", 80))).toBe("kubectl exec client -- curl -s -m 5 http://web");
    expect(curlOnce(pod("client", "shop"), svc("db", "default", 3306))).toBe("kubectl exec client -n shop -- curl -s -m 5 http://db.default:3306");
    expect(serviceUrl(svc("my-service", "default", 8080), "default")).toBe("http://my-service:8080");
  });

  it("marks a pod slow with the response-delay annotation, and removes it", () => {
    expect(markSlow(pod("web-1"), "2s")).toBe("kubectl annotate pod web-1 podflow.dev/response-delay=2s --overwrite");
    expect(markSlow(pod("web-1"))).toBe("kubectl annotate pod web-1 podflow.dev/response-delay-");
  });

  it("edits mode and scheduler in the kube-proxy ConfigMap, leaving the rest alone", () => {
    const r = editProxyConfig(CM, "ipvs", "lc");
    expect(r.ok && r.yaml).toBe(CM.replace('mode: ""', 'mode: "ipvs"').replace('scheduler: ""', 'scheduler: "lc"'));
    const back = r.ok ? editProxyConfig(r.yaml, "iptables", "lc") : r;
    expect(back.ok && configuredProxy(back.yaml)).toEqual({ mode: "iptables", scheduler: "lc" });
    expect(editProxyConfig("kind: ConfigMap\n", "ipvs", "rr").ok).toBe(false);
  });

  it("reads the configured mode back (an empty mode is iptables)", () => {
    expect(configuredProxy(CM)).toEqual({ mode: "iptables", scheduler: "" });
  });

  it("writes a file with one quoted heredoc", () => {
    expect(writeFile("kube-proxy.yaml", "a: 1\n")).toBe("cat <<'EOF' > kube-proxy.yaml\na: 1\nEOF");
  });
});
