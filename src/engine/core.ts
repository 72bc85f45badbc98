/**
 * The engine for browsers that want to draw first: `createCluster` here boots a cluster without
 * the terminal half (shell, kubectl, node and pod tools), which `loadShell()` brings in as a
 * separate chunk. Until it has loaded, `exec` must not be called (`isShellLoaded()` tells).
 * Node code and tests use `./index.ts`, which has everything.
 */
import type { Cluster, ClusterOptions } from "./api";
import { ClusterImpl } from "./cluster/cluster";
import { shellExtension } from "./cluster/extensions";

export type { Cluster, ClusterOptions } from "./api";

/** Boots a cluster (see `createCluster` in ./index.ts). */
export function createCluster(options?: ClusterOptions): Cluster {
  return new ClusterImpl(options);
}

let loading: Promise<void> | undefined;

/** Loads and installs the terminal half of the engine (once). */
export function loadShell(): Promise<void> {
  return (loading ??= import("./shell-module").then(() => undefined));
}

/** True once the terminal half is installed: `exec` may be called. */
export function isShellLoaded(): boolean {
  return shellExtension() !== undefined;
}
