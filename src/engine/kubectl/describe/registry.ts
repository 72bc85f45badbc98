/**
 * The describers, one file per kind, listed once. A kind without an entry gets the generic
 * describer (kubectl's `GenericDescriberFor`). Adding a describer: one file here, one line below.
 */
import type { Kind, ObjectOfKind } from "../../cluster/types";
import { describeConfigMap } from "./configmap";
import { describeDaemonSet } from "./daemonset";
import { describeDeployment } from "./deployment";
import { describeEndpoints } from "./endpoints";
import { describeEndpointSlice } from "./endpointslice";
import type { DescribeEnv } from "./env";
import { describeNamespace } from "./namespace";
import { describeNode } from "./node";
import { describePod } from "./pod";
import { describeReplicaSet } from "./replicaset";
import { describeService } from "./service";

export type Describer<K extends Kind> = (obj: ObjectOfKind<K>, env: DescribeEnv) => string;

/** kubectl v1.33 `pkg/describe/describe.go` `describerMap`, for the kinds Podflow serves. */
export const DESCRIBERS: { readonly [K in Kind]?: Describer<K> } = {
  ConfigMap: describeConfigMap,
  Endpoints: describeEndpoints,
  Namespace: describeNamespace,
  Node: describeNode,
  Pod: describePod,
  Service: describeService,
  DaemonSet: describeDaemonSet,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  EndpointSlice: describeEndpointSlice,
};
