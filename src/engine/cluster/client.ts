/**
 * What kubectl may use of the cluster: the API (reads from the store, writes through the API
 * server), the virtual clock (kubectl waits in virtual time), the lab's files (`-f`), and the exec
 * subresource. kubectl holds this interface, never the cluster class (eslint.config.js).
 */
import type { ResolvedClusterOptions } from "../api";
import type { Prng } from "../util/prng";
import type { Res } from "../util/result";
import type { VirtualFs } from "../util/vfs";
import type { ApiServer } from "./apiserver";
import type { Clock } from "./clock";
import type { ObjectStore } from "./store";

/** `POST pods/NAME/exec`: a command in one container, as kubectl exec sends it. */
export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  argv: string[];
  /** stdin attached (`-i`, or a shell session). */
  interactive: boolean;
  /** stdout is a terminal (`-t`); defaults to `interactive`. */
  tty?: boolean;
}

/** The store as a client reads it: get, list, watch. */
export type StoreReader = Pick<ObjectStore, "get" | "list" | "watch" | "revision">;

export interface KubeClient {
  /** Writes (and reads that must answer like the server: NotFound). */
  readonly api: Pick<ApiServer, "get" | "create" | "update" | "delete">;
  /** Reads and watches (an informer's view of the store). */
  readonly store: StoreReader;
  readonly clock: Pick<Clock, "now" | "advance" | "advanceUntil">;
  /** Client-side random names (`kubectl create deployment`'s container name of a digest image). */
  readonly prng: Pick<Prng, "k8sString">;
  readonly options: ResolvedClusterOptions;
  readonly files: VirtualFs;
  /** The exec subresource: the pod's kubelet runs the command through the container runtime. */
  podExec(req: ExecRequest): Res;
}
