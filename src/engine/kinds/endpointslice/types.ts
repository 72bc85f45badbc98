/** EndpointSlice (discovery.k8s.io/v1): a Service's endpoints, in slices of at most 100. */
import type { KubeObject } from "../meta";

export interface Endpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  nodeName?: string;
  zone?: string;
  hostname?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
}

export interface EndpointPort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointSlice extends KubeObject {
  kind: "EndpointSlice";
  addressType: "IPv4" | "IPv6" | "FQDN";
  endpoints: Endpoint[];
  ports: EndpointPort[] | null;
}
