/** Service defaulting: pkg/apis/core/v1/defaults.go `SetDefaults_Service`. */
import type { Service } from "./types";

export function defaultService(svc: Service): void {
  const s = svc.spec;
  s.type ??= "ClusterIP";
  s.sessionAffinity ??= "None";
  if (s.sessionAffinity === "ClientIP") s.sessionAffinityConfig ??= { clientIP: { timeoutSeconds: 10800 } };
  for (const p of s.ports ?? []) {
    p.protocol ??= "TCP";
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
  }
  if (s.type !== "ExternalName") {
    s.internalTrafficPolicy ??= "Cluster";
    s.ipFamilies ??= ["IPv4"];
    s.ipFamilyPolicy ??= "SingleStack";
  }
  if (s.type === "NodePort" || s.type === "LoadBalancer") s.externalTrafficPolicy ??= "Cluster";
  if (s.type === "LoadBalancer") s.allocateLoadBalancerNodePorts ??= true;
  svc.status ??= { loadBalancer: {} };
}
