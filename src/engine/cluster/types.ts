/**
 * Kubernetes object shapes, as the API server stores and returns them (the subset Podflow uses).
 * Field names and nesting follow the real v1 / apps/v1 / discovery.k8s.io/v1 APIs so that
 * `kubectl get -o yaml` prints what a real cluster prints. Each kind's shape lives in its folder
 * (kinds/<kind>/types.ts); this module gathers them for the rest of the engine.
 */
export type * from "../kinds/meta";
export type * from "../kinds/objects";
export type * from "../kinds/configmap/types";
export type * from "../kinds/endpoints/types";
export type * from "../kinds/event/types";
export type * from "../kinds/namespace/types";
export type * from "../kinds/node/types";
export type * from "../kinds/pod/types";
export type * from "../kinds/service/types";
export type * from "../kinds/daemonset/types";
export type * from "../kinds/deployment/types";
export type * from "../kinds/replicaset/types";
export type * from "../kinds/endpointslice/types";
