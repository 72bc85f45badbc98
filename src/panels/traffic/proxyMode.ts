/**
 * Switching kube-proxy's mode or IPVS scheduler the way it is done on a real cluster, every step
 * through the terminal: read the ConfigMap, write it back edited to a file (one heredoc), apply
 * it, and restart the kube-proxy DaemonSet — its pods then come back one node at a time, each
 * reprogramming its node's rules in the new mode.
 */
import { runCommand } from "../../actions/act";
import { APPLY_PROXY_CONFIG, editProxyConfig, GET_PROXY_CONFIG, PROXY_FILE, RESTART_PROXY, writeFile } from "../../actions/traffic";

/** Runs the four steps; stops at the first that fails and returns its error. */
export function switchProxyMode(mode: "iptables" | "ipvs", scheduler: string): { ok: true } | { ok: false; error: string } {
  const got = runCommand(GET_PROXY_CONFIG);
  if (!got.ok) return { ok: false, error: got.error };
  const edited = editProxyConfig(got.output, mode, scheduler);
  if (!edited.ok) return edited;
  for (const command of [writeFile(PROXY_FILE, edited.yaml), APPLY_PROXY_CONFIG, RESTART_PROXY]) {
    const r = runCommand(command);
    if (!r.ok) return { ok: false, error: r.error || `${command.split("\n")[0]} failed` };
  }
  return { ok: true };
}
