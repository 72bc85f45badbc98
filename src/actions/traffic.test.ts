import { describe, expect, it } from "vitest";
import type { Pod, Service } from "../engine/cluster/types";
// eslint-disable-next-line no-restricted-imports -- the test runs the shell's own sed on the lines it checks
import { FILTERS } from "../engine/shell/filters";
import { configuredProxy, curlOnce, markSlow, sedSet, serviceUrl, setProxyConfig, switchProxyCommands } from "./traffic";

const pod = (name: string, namespace = "default", annotations?: Record<string, string>) => ({ metadata: { name, namespace, annotations } }) as unknown as Pod;
const svc = (name: string, namespace: string, port: number) => ({ metadata: { name, namespace }, spec: { ports: [{ port }] } }) as unknown as Service;

/** config.conf as kubeadm writes it (the lines around mode and scheduler). */
const CONF = `detectLocalMode: ""
ipvs:
  excludeCIDRs: null
  scheduler: ""
kind: KubeProxyConfiguration
mode: ""
nftables:
  masqueradeAll: false`;
/** \`kubectl get cm kube-proxy -o yaml\` around it. */
const inCm = (conf: string) => `apiVersion: v1\ndata:\n  config.conf: |-\n${conf.replace(/^/gm, "    ")}\nkind: ConfigMap\n`;

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

  it("switches kube-proxy with one short line: the ConfigMap through sed into kubectl replace, then a restart", () => {
    expect(switchProxyCommands(CONF, "ipvs", "lc")).toEqual({
      ok: true,
      commands: [
        `kubectl -n kube-system get cm kube-proxy -o yaml | sed -e 's/mode: ""/mode: "ipvs"/' -e 's/scheduler: ""/scheduler: "lc"/' | kubectl replace -f -`,
        "kubectl -n kube-system rollout restart daemonset kube-proxy",
      ],
    });
    // Only the lines that change; nothing to edit is just a restart.
    expect(setProxyConfig(CONF, "ipvs", "")).toEqual({ ok: true, command: `kubectl -n kube-system get cm kube-proxy -o yaml | sed -e 's/mode: ""/mode: "ipvs"/' | kubectl replace -f -` });
    expect(switchProxyCommands(CONF, "iptables", "")).toEqual({ ok: true, commands: ["kubectl -n kube-system rollout restart daemonset kube-proxy"] });
    expect(setProxyConfig("kind: ConfigMap\n", "ipvs", "rr").ok).toBe(false);
  });

  it("names the current value, whatever it is, and GNU sed turns it into the new one", () => {
    const run = (conf: string, mode: "iptables" | "ipvs", scheduler: string) => {
      const exprs = [sedSet(conf, "mode", mode === "ipvs" ? "ipvs" : ""), sedSet(conf, "scheduler", scheduler)].filter((e): e is string => !!e);
      const r = exprs.length ? FILTERS.sed(exprs.flatMap((e) => ["-e", e]), inCm(conf)) : { stdout: inCm(conf), exitCode: 0 };
      expect(r.exitCode).toBe(0);
      return configuredProxy(r.stdout);
    };
    const ipvsLc = CONF.replace('mode: ""', 'mode: "ipvs"').replace('scheduler: ""', 'scheduler: "lc"');
    expect(sedSet(ipvsLc, "mode", "")).toBe('s/mode: "ipvs"/mode: ""/');
    expect(sedSet(ipvsLc, "scheduler", "rr")).toBe('s/scheduler: "lc"/scheduler: "rr"/');
    expect(run(CONF, "ipvs", "lc")).toEqual({ mode: "ipvs", scheduler: "lc" });
    expect(run(ipvsLc, "iptables", "lc")).toEqual({ mode: "iptables", scheduler: "lc" });
    expect(run(ipvsLc, "ipvs", "sh")).toEqual({ mode: "ipvs", scheduler: "sh" });
    // An explicit "iptables", or a value written without quotes, is matched by its key instead.
    const typed = CONF.replace('mode: ""', 'mode: "iptables"').replace('scheduler: ""', "scheduler: wrr");
    expect(sedSet(typed, "mode", "ipvs")).toBe('s/mode: "iptables"/mode: "ipvs"/');
    expect(sedSet(typed, "scheduler", "lc")).toBe('s/^\\( *scheduler:\\).*/\\1 "lc"/');
    expect(run(typed, "ipvs", "lc")).toEqual({ mode: "ipvs", scheduler: "lc" });
    expect(sedSet(typed, "mode", "")).toBe(""); // "iptables" already
  });

  it("reads the configured mode back (an empty mode is iptables)", () => {
    expect(configuredProxy(inCm(CONF))).toEqual({ mode: "iptables", scheduler: "" });
  });

});
