/**
 * The shell lines behind the traffic panel's actions — what a learner would type, since they are
 * echoed in the terminal (DESIGN.md principle 4). Pure string builders.
 */
import type { Pod, Service } from "../engine/cluster/types";

/** The annotation the demo images read to answer slowly (see the networking engine's apps). */
export const DELAY_ANNOTATION = "podflow.dev/response-delay";

/** IPVS schedulers kube-proxy accepts, with what each one does (for the picker). */
export const SCHEDULERS = [
  { id: "rr", what: "round robin: each backend in turn" },
  { id: "lc", what: "least connection: the backend with the fewest connections" },
  { id: "wrr", what: "weighted round robin (kube-proxy gives every backend weight 1)" },
  { id: "wlc", what: "weighted least connection" },
  { id: "sh", what: "source hashing: a client always lands on the same backend" },
  { id: "dh", what: "destination hashing" },
  { id: "sed", what: "shortest expected delay" },
  { id: "nq", what: "never queue: an idle backend first" },
] as const;

const nsFlag = (ns: string | undefined) => (ns && ns !== "default" ? ` -n ${ns}` : "");

/** How a pod in `fromNamespace` names Service `svc` (short name in its own namespace). */
export function serviceHost(svc: Service, fromNamespace: string): string {
  const ns = svc.metadata.namespace ?? "default";
  return ns === fromNamespace ? svc.metadata.name : `${svc.metadata.name}.${ns}`;
}

/** `http://web`, `http://web:8080`, `http://db.shop:3306`: the URL a pod curls for a Service. */
export function serviceUrl(svc: Service, fromNamespace: string): string {
  const port = svc.spec.ports?.[0]?.port ?? 80;
  return `http://${serviceHost(svc, fromNamespace)}${port === 80 ? "" : `:${port}`}`;
}

/** One request from a pod, printed in the terminal: `kubectl exec POD -- curl -s -m 5 http://SVC`. */
export function curlOnce(pod: Pod, svc: Service): string {
  const ns = pod.metadata.namespace ?? "default";
  return `kubectl exec ${pod.metadata.name}${nsFlag(ns)} -- curl -s -m 5 ${serviceUrl(svc, ns)}`;
}

/** Makes a pod answer after `delay` (e.g. "2s"), or — with no delay — answer at once again. */
export function markSlow(pod: Pod, delay?: string): string {
  const where = `${pod.metadata.name}${nsFlag(pod.metadata.namespace)}`;
  return delay ? `kubectl annotate pod ${where} ${DELAY_ANNOTATION}=${delay} --overwrite` : `kubectl annotate pod ${where} ${DELAY_ANNOTATION}-`;
}

/** The pod's response delay ("2s"), or undefined when it is not slow. */
export function slowness(pod: Pod): string | undefined {
  return pod.metadata.annotations?.[DELAY_ANNOTATION];
}

/** kube-proxy's mode and IPVS scheduler as the `kube-system/kube-proxy` ConfigMap text says. */
export function configuredProxy(conf: string): { mode: "iptables" | "ipvs"; scheduler: string } {
  const mode = /^\s*mode: "?([a-z]*)"?\s*$/m.exec(conf)?.[1] ?? "";
  const scheduler = /^\s*scheduler: "?([a-z]*)"?\s*$/m.exec(conf)?.[1] ?? "";
  return { mode: mode === "ipvs" ? "ipvs" : "iptables", scheduler };
}

/** Reads the kube-proxy ConfigMap (the first step a learner takes: look before you change). */
export const GET_PROXY_CONFIG = "kubectl -n kube-system get cm kube-proxy -o yaml";
/** kube-proxy reads its configuration only when it starts: the DaemonSet's pods are replaced. */
export const RESTART_PROXY = "kubectl -n kube-system rollout restart daemonset kube-proxy";
export const PROXY_ROLLOUT_STATUS = "kubectl -n kube-system rollout status daemonset kube-proxy";

/**
 * The sed expression that sets `key:` (`mode` or `scheduler`) in config.conf to `"value"`, or
 * "" when it already says so. It names the current value, as a person types it after a look at
 * `grep mode` (`s/mode: ""/mode: "ipvs"/`, MetalLB's docs do the same for strictARP); a value
 * that is not a plain quoted word is matched by the key at the start of its line instead.
 * Undefined when config.conf has no such line.
 */
export function sedSet(conf: string, key: "mode" | "scheduler", value: string): string | undefined {
  const line = new RegExp(`^[ \\t]*${key}: (.*?)[ \\t]*$`, "m").exec(conf);
  if (!line || !/^[a-z]*$/.test(value)) return undefined;
  const current = line[1];
  const unquoted = current.replace(/^"(.*)"$/, "$1");
  if (unquoted === value || (key === "mode" && value === "" && configuredProxy(conf).mode === "iptables")) return "";
  // `mode: ""` must name one line only (detectLocalMode's capital M keeps it apart).
  const literal = `${key}: ${current}`;
  const once = conf.split("\n").filter((l) => l.includes(literal)).length === 1;
  if (/^"[a-z]*"$/.test(current) && once) return `s/${literal}/${key}: "${value}"/`;
  return `s/^\\( *${key}:\\).*/\\1 "${value}"/`;
}

/**
 * The one line that edits kube-proxy's ConfigMap, as people type it: get it as YAML, sed the
 * lines, replace it from stdin. `kubectl replace` (not apply) stores no last-applied annotation,
 * so a later `get cm kube-proxy -o yaml | grep mode` prints only the real `mode:` line.
 * `conf` is config.conf's text now; iptables is kubeadm's `mode: ""`. Undefined when nothing
 * changes; an error when config.conf lacks the lines.
 */
export function setProxyConfig(conf: string, mode: "iptables" | "ipvs", scheduler: string): { ok: true; command?: string } | { ok: false; error: string } {
  const edits = [sedSet(conf, "mode", mode === "iptables" ? "" : mode), sedSet(conf, "scheduler", scheduler)];
  if (edits.some((e) => e === undefined)) return { ok: false, error: "The kube-proxy ConfigMap has no mode: / scheduler: lines to edit." };
  const exprs = edits.filter((e): e is string => !!e);
  if (exprs.length === 0) return { ok: true };
  return { ok: true, command: `${GET_PROXY_CONFIG} | sed ${exprs.map((e) => `-e '${e}'`).join(" ")} | kubectl replace -f -` };
}

/** A kube-proxy switch, every line of it: edit the ConfigMap (when it changes), restart the DaemonSet. */
export function switchProxyCommands(conf: string, mode: "iptables" | "ipvs", scheduler: string): { ok: true; commands: string[] } | { ok: false; error: string } {
  const set = setProxyConfig(conf, mode, scheduler);
  if (!set.ok) return set;
  return { ok: true, commands: [...(set.command ? [set.command] : []), RESTART_PROXY] };
}
