/** A Node (core/v1), as the kubelet registers and heartbeats it. */
import type { KubeObject } from "../meta";

export interface Taint {
  key: string;
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

export interface NodeCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface Node extends KubeObject {
  kind: "Node";
  spec: { podCIDR?: string; podCIDRs?: string[]; taints?: Taint[]; unschedulable?: boolean };
  status: {
    addresses: { type: "InternalIP" | "Hostname"; address: string }[];
    allocatable: Record<string, string>;
    capacity: Record<string, string>;
    conditions: NodeCondition[];
    nodeInfo: {
      architecture: string;
      bootID: string;
      containerRuntimeVersion: string;
      kernelVersion: string;
      kubeProxyVersion: string;
      kubeletVersion: string;
      machineID: string;
      operatingSystem: string;
      osImage: string;
      systemUUID: string;
    };
  };
}
