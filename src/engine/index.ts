/**
 * Podflow's engine: a simulated kubeadm cluster with kubectl, as pure TypeScript that runs the
 * same in Node tests and in the browser. This file is the one public door.
 *
 * @example
 * ```ts
 * import { createCluster } from "./engine";
 * const cluster = createCluster({ seed: 42 });
 * cluster.exec("kubectl create deployment test --image=nginx");
 * cluster.advance(5_000);                       // let the pod start
 * console.log(cluster.exec("kubectl get pods -o wide").stdout);
 * const stop = cluster.subscribe((s) => console.log(s.pods.length));
 * ```
 */
import type { Cluster, ClusterOptions } from "./api";
import { ClusterImpl } from "./cluster/cluster";
// The whole engine, terminal half included (browsers may load it later: see ./core.ts).
import "./shell-module";

export type { Cluster, ClusterOptions, ClusterSnapshot, ExecResult, RangesView, ResolvedClusterOptions } from "./api";
export type * from "./cluster/types";

/**
 * Boots a cluster the way `kubeadm init` + Calico + `kubeadm join` would, and returns it settled:
 * every system pod Running, about five minutes after boot. Same seed + same `exec` lines ⇒ the
 * same names, IPs and output, byte for byte.
 *
 * @throws Error when options are invalid (bad or overlapping CIDRs, bad worker count).
 */
export function createCluster(options?: ClusterOptions): Cluster {
  return new ClusterImpl(options);
}
