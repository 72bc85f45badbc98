/** A Service (core/v1): a stable virtual IP and name in front of the pods its selector matches. */
import type { IntOrString, KubeObject, Labels } from "../meta";

export interface ServicePort {
  name?: string;
  protocol: "TCP" | "UDP" | "SCTP";
  appProtocol?: string;
  port: number;
  targetPort: IntOrString;
  nodePort?: number;
}

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";

export interface ServiceSpec {
  type: ServiceType;
  selector?: Labels;
  ports?: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  externalIPs?: string[];
  sessionAffinity: "None" | "ClientIP";
  sessionAffinityConfig?: { clientIP: { timeoutSeconds: number } };
  ipFamilies?: ("IPv4" | "IPv6")[];
  ipFamilyPolicy?: "SingleStack" | "PreferDualStack" | "RequireDualStack";
  internalTrafficPolicy?: "Cluster" | "Local";
  externalTrafficPolicy?: "Cluster" | "Local";
  publishNotReadyAddresses?: boolean;
  healthCheckNodePort?: number;
  allocateLoadBalancerNodePorts?: boolean;
}

export interface Service extends KubeObject {
  kind: "Service";
  spec: ServiceSpec;
  status: { loadBalancer: { ingress?: { ip?: string; hostname?: string }[] } };
}
