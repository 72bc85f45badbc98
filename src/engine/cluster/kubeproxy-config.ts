import type { ResolvedClusterOptions } from "../api";

/**
 * The `kube-system/kube-proxy` ConfigMap as kubeadm writes it (KubeProxyConfiguration). The
 * networking issue's kube-proxy reads `mode` and `ipvs.scheduler` back from here, so switching
 * mode is done the real way: edit the ConfigMap, restart kube-proxy.
 */
export function kubeProxyConfig(o: Pick<ResolvedClusterOptions, "podCidr" | "proxyMode" | "ipvsScheduler" | "nodeCidr">): Record<string, string> {
  const conf = [
    "apiVersion: kubeproxy.config.k8s.io/v1alpha1",
    "bindAddress: 0.0.0.0",
    "bindAddressHardFail: false",
    "clientConnection:",
    "  acceptContentTypes: \"\"",
    "  burst: 0",
    "  contentType: \"\"",
    "  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf",
    "  qps: 0",
    `clusterCIDR: ${o.podCidr}`,
    "configSyncPeriod: 0s",
    "conntrack:",
    "  maxPerCore: null",
    "  min: null",
    "  tcpBeLiberal: false",
    "  tcpCloseWaitTimeout: null",
    "  tcpEstablishedTimeout: null",
    "  udpStreamTimeout: 0s",
    "  udpTimeout: 0s",
    "detectLocal:",
    "  bridgeInterface: \"\"",
    "  interfaceNamePrefix: \"\"",
    "detectLocalMode: \"\"",
    "enableProfiling: false",
    "healthzBindAddress: \"\"",
    "hostnameOverride: \"\"",
    "iptables:",
    "  localhostNodePorts: null",
    "  masqueradeAll: false",
    "  masqueradeBit: null",
    "  minSyncPeriod: 0s",
    "  syncPeriod: 0s",
    "ipvs:",
    "  excludeCIDRs: null",
    "  minSyncPeriod: 0s",
    `  scheduler: "${o.ipvsScheduler}"`,
    "  strictARP: false",
    "  syncPeriod: 0s",
    "  tcpFinTimeout: 0s",
    "  tcpTimeout: 0s",
    "  udpTimeout: 0s",
    "kind: KubeProxyConfiguration",
    "logging:",
    "  flushFrequency: 0",
    "  options:",
    "    json:",
    "      infoBufferSize: \"0\"",
    "    text:",
    "      infoBufferSize: \"0\"",
    "  verbosity: 0",
    "metricsBindAddress: \"\"",
    `mode: "${o.proxyMode === "iptables" ? "" : o.proxyMode}"`,
    "nftables:",
    "  masqueradeAll: false",
    "  masqueradeBit: null",
    "  minSyncPeriod: 0s",
    "  syncPeriod: 0s",
    "nodePortAddresses: null",
    "oomScoreAdj: null",
    "portRange: \"\"",
    "showHiddenMetricsForVersion: \"\"",
    "winkernel:",
    "  enableDSR: false",
    "  forwardHealthCheckVip: false",
    "  networkName: \"\"",
    "  rootHnsEndpointName: \"\"",
    "  sourceVip: \"\"",
  ].join("\n");
  const kubeconfig = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- cluster:",
    "    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
    `    server: https://${o.nodeCidr.split("/")[0].replace(/\.\d+$/, ".2")}:6443`,
    "  name: default",
    "contexts:",
    "- context:",
    "    cluster: default",
    "    namespace: default",
    "    user: default",
    "  name: default",
    "current-context: default",
    "users:",
    "- name: default",
    "  user:",
    "    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token",
  ].join("\n");
  return { "config.conf": conf, "kubeconfig.conf": kubeconfig };
}

/** Reads `mode` back from the ConfigMap text ("" means iptables, kube-proxy's Linux default). */
export function proxyModeFrom(conf: string): "iptables" | "ipvs" | "nftables" {
  const m = /^mode: "?([a-z]*)"?$/m.exec(conf);
  const mode = m?.[1] ?? "";
  return mode === "ipvs" || mode === "nftables" ? mode : "iptables";
}
