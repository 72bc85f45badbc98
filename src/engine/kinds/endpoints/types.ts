/** Endpoints (core/v1): the older, one-object-per-Service list of ready and not-ready addresses. */
import type { KubeObject } from "../meta";

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  hostname?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: { name?: string; port: number; protocol: string; appProtocol?: string }[];
}

export interface Endpoints extends KubeObject {
  kind: "Endpoints";
  subsets?: EndpointSubset[];
}
