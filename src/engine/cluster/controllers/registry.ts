/**
 * The control loops of the cluster, one file each, listed once. The order is the order they
 * register their watches in, which fixes who hears of a change first: keep it when adding one
 * (append a new controller at the end), or golden transcripts may change.
 */
import type { ApiServer } from "../apiserver";
import type { PodIndex } from "../podindex";
import type { Controller } from "../runtime";
import { DaemonSetController } from "./daemonset";
import { DeploymentController } from "./deployment";
import { EndpointSliceController } from "./endpointslice";
import { EndpointsController } from "./endpoints";
import { GarbageCollector } from "./gc";
import type { Kubelet } from "./kubelet";
import { NamespaceController } from "./namespace";
import { ReplicaSetController } from "./replicaset";
import { Scheduler } from "./scheduler";
import { EventExpiry } from "../events";

/** What a controller may be built from. The kubelets are built by the cluster (they hold the CNI). */
export interface ControllerDeps {
  api: ApiServer;
  pods: PodIndex;
  kubelet: Kubelet;
}

export const CONTROLLERS: readonly ((deps: ControllerDeps) => Controller)[] = [
  ({ api }) => new Scheduler(api),
  ({ kubelet }) => kubelet,
  ({ api }) => new DeploymentController(api),
  ({ api, pods }) => new ReplicaSetController(api, pods),
  ({ api, pods }) => new DaemonSetController(api, pods),
  ({ api, pods }) => new EndpointSliceController(api, pods),
  ({ api, pods }) => new EndpointsController(api, pods),
  ({ api }) => new GarbageCollector(api),
  ({ api }) => new NamespaceController(api),
  () => new EventExpiry(),
];
