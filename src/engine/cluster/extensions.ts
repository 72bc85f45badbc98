/**
 * The cluster's terminal side — the shell, kubectl and the node and pod tools — is installed
 * separately from the cluster itself, so a browser can draw a booted cluster before the larger
 * terminal half of the engine has loaded (`src/engine/core.ts` + `loadShell()`). In Node and in
 * tests `src/engine/index.ts` installs it up front, so nothing changes there.
 */
import type { ExecResult, RuleLine } from "../api";
import type { Res } from "../util/result";
import type { ExecRequest } from "./client";
import type { ClusterImpl } from "./cluster";

/** What the cluster needs from a shell. */
export interface ShellLike {
  exec(line: string): ExecResult;
  prompt(): string;
}

export interface ShellExtension {
  createShell(cluster: ClusterImpl): ShellLike;
  nodeRuleLines(cluster: ClusterImpl, node: string): RuleLine[];
  /** The container runtime behind the kubelet's exec: the pod tools of the shell half. */
  runInContainer(cluster: ClusterImpl, req: ExecRequest): Res;
}

let installed: ShellExtension | undefined;

/** Installs the shell half of the engine (called once by `src/engine/shell-module.ts`). */
export function installShell(ext: ShellExtension): void {
  installed = ext;
}

/** The installed shell half, if it has loaded. */
export function shellExtension(): ShellExtension | undefined {
  return installed;
}
