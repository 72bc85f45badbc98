/** The union of every stored object type, and the kind names it spans. A new kind adds its type here. */
import type { ConfigMap } from "./configmap/types";
import type { DaemonSet } from "./daemonset/types";
import type { Deployment } from "./deployment/types";
import type { Endpoints } from "./endpoints/types";
import type { EndpointSlice } from "./endpointslice/types";
import type { KEvent } from "./event/types";
import type { Namespace } from "./namespace/types";
import type { Node } from "./node/types";
import type { Pod } from "./pod/types";
import type { ReplicaSet } from "./replicaset/types";
import type { Service } from "./service/types";

export type AnyObject = Namespace | Node | Pod | Service | Endpoints | ConfigMap | KEvent | ReplicaSet | Deployment | DaemonSet | EndpointSlice;

export type Kind = AnyObject["kind"];

export type ObjectOfKind<K extends Kind> = Extract<AnyObject, { kind: K }>;
