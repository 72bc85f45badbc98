/**
 * `kubectl describe` printers, one file per kind, each a port of its describer in kubectl v1.33
 * `pkg/describe/describe.go`. `describeObject` picks the describer; kinds without one get the
 * generic describer, as in kubectl.
 */
import type { AnyObject } from "../../cluster/types";
import { describeConfigMap } from "./configmap";
import { describeDaemonSet } from "./daemonset";
import { describeDeployment } from "./deployment";
import { describeEndpoints } from "./endpoints";
import { describeEndpointSlice } from "./endpointslice";
import type { DescribeEnv } from "./env";
import { describeGeneric } from "./generic";
import { describeNamespace } from "./namespace";
import { describeNode } from "./node";
import { describePod } from "./pod";
import { describeReplicaSet } from "./replicaset";
import { describeService } from "./service";

export type { DescribeEnv } from "./env";

/** The full `describe` text of one object (ends with a newline). */
export function describeObject(obj: AnyObject, env: DescribeEnv): string {
  switch (obj.kind) {
    case "Pod":
      return describePod(obj, env);
    case "Service":
      return describeService(obj, env);
    case "Deployment":
      return describeDeployment(obj, env);
    case "ReplicaSet":
      return describeReplicaSet(obj, env);
    case "DaemonSet":
      return describeDaemonSet(obj, env);
    case "Node":
      return describeNode(obj, env);
    case "Endpoints":
      return describeEndpoints(obj, env);
    case "EndpointSlice":
      return describeEndpointSlice(obj, env);
    case "Namespace":
      return describeNamespace(obj);
    case "ConfigMap":
      return describeConfigMap(obj, env);
    default:
      return describeGeneric(obj, env);
  }
}
