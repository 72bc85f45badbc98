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

/**
 * The ConfigMap YAML (`kubectl get cm kube-proxy -o yaml`) with `mode:` and `ipvs.scheduler:`
 * set, as a learner would edit it; an error when the text has no such lines.
 */
export function editProxyConfig(yaml: string, mode: "iptables" | "ipvs", scheduler: string): { ok: true; yaml: string } | { ok: false; error: string } {
  const modeLine = /^(\s+)mode: .*$/m;
  const schedulerLine = /^(\s+)scheduler: .*$/m;
  if (!modeLine.test(yaml) || !schedulerLine.test(yaml)) return { ok: false, error: "The kube-proxy ConfigMap has no mode: / scheduler: lines to edit." };
  const out = yaml.replace(modeLine, `$1mode: "${mode === "iptables" ? "" : mode}"`).replace(schedulerLine, `$1scheduler: "${scheduler}"`);
  return { ok: true, yaml: out };
}

/** Writes `text` to `file` through the shell, the way a learner pastes it: one heredoc. */
export function writeFile(file: string, text: string): string {
  return `cat <<'EOF' > ${file}\n${text.replace(/\n+$/, "")}\nEOF`;
}

/** The steps of a kube-proxy mode switch: read the ConfigMap, apply the edited file, restart the DaemonSet. */
export const GET_PROXY_CONFIG = "kubectl -n kube-system get cm kube-proxy -o yaml";
export const PROXY_FILE = "kube-proxy.yaml";
export const APPLY_PROXY_CONFIG = `kubectl apply -f ${PROXY_FILE}`;
export const RESTART_PROXY = "kubectl -n kube-system rollout restart daemonset kube-proxy";
