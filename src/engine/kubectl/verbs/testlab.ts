import type { ClusterImpl } from "../../cluster/cluster";
import { createCluster, type ClusterOptions } from "../../index";

/**
 * Test helpers for the verb tests: a fresh cluster driven through the shell, exactly as a
 * learner types (`cluster.exec`), and `kubectl … --help` output. Not used by the engine itself.
 */
export function lab(seed = 1, options: ClusterOptions = {}) {
  const cluster = createCluster({ seed, ...options }) as unknown as ClusterImpl;
  const run = (line: string) => {
    const r = cluster.exec(line);
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  };
  return { cluster, run };
}

let helpCluster: ClusterImpl | undefined;

/** What `<path> --help` prints, e.g. `helpText("kubectl rollout status")`. */
export function helpText(path: string): string {
  helpCluster ??= lab().cluster;
  return helpCluster.exec(`${path} --help`).stdout;
}
