/**
 * The terminal half of the engine: the shell, kubectl with its printers and help texts, and the
 * node and pod tools. Importing this module installs it into every cluster (see
 * cluster/extensions.ts).
 */
import { installShell } from "./cluster/extensions";
import { Shell } from "./shell/shell";
import { nodeRuleLines } from "./cluster/net/rule-lines";
import { runInPod } from "./shell/pod";

installShell({
  createShell: (cluster) => new Shell(cluster),
  nodeRuleLines,
  runInContainer: (cluster, r) => runInPod(cluster, r.namespace, r.pod, r.container, r.argv, r.interactive, r.tty === undefined ? {} : { tty: r.tty }),
});

export const SHELL_INSTALLED = true;
