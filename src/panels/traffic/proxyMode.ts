/**
 * Switching kube-proxy's mode or IPVS scheduler the way it is done on a real cluster, every step
 * through the terminal: one line that edits the ConfigMap (get it as YAML, sed the `mode:` and
 * `scheduler:` lines, `kubectl replace -f -`), then a restart of the kube-proxy DaemonSet — its
 * pods come back one node at a time, each reprogramming its node's rules in the new mode.
 */
import { runCommand } from "../../actions/act";
import { switchProxyCommands } from "../../actions/traffic";

/** Runs the steps from the ConfigMap's current text `conf`; stops at the first that fails and returns its error. */
export function switchProxyMode(conf: string, mode: "iptables" | "ipvs", scheduler: string): { ok: true } | { ok: false; error: string } {
  const steps = switchProxyCommands(conf, mode, scheduler);
  if (!steps.ok) return steps;
  for (const command of steps.commands) {
    const r = runCommand(command);
    if (!r.ok) return { ok: false, error: r.error || `${command} failed` };
  }
  return { ok: true };
}
