/**
 * What the terminal shows when a traffic generator starts or stops. A generator is not a command
 * a learner could type, so the terminal shows a comment line (`# …`, as bash would echo it) with
 * the real-world loop it stands for: a shell in the client pod sending requests at the rate, each
 * in the background (`&`), so a slow pod's connections pile up as they would on a real cluster.
 * The line is shown, never run; replay rebuilds it from the logged traffic call, so a reloaded,
 * shared or undone lab shows the same terminal.
 */
import type { ClusterSnapshot, TrafficGenerator, TrafficSpec } from "../engine/api";
import type { TrafficStep } from "./log";

/** `0.2`, `0.05`, `10`: seconds between requests, as `sleep` takes them. */
function interval(rate: number): string {
  return String(Number((1 / rate).toFixed(3)));
}

/** `5 req/s`, `0.5 req/s`. */
const perSecond = (rate: number) => `${Number(rate.toFixed(2))} req/s`;

/** `30 s`, `2 min`, `1 h`. */
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

/** The Service a target names (`web`, `web.shop`, `web:8080`), as seen from `namespace`. */
function serviceOf(snapshot: ClusterSnapshot, target: string, namespace: string) {
  const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?\/?$/.exec(target.trim());
  if (!m || /^\d+\.\d+\.\d+\.\d+$/.test(m[1])) return undefined;
  const [name, ns = namespace] = m[1].split(".");
  const svc = snapshot.services.find((s) => s.metadata.name === name && (s.metadata.namespace ?? "default") === ns);
  return svc ? { svc, host: m[1], port: m[2] ? Number(m[2]) : undefined } : undefined;
}

/** Who sends and where to, in words: `client → my-service:8080`, `outside → web (NodePort 30080)`. */
export function describeTraffic(spec: TrafficSpec, snapshot: ClusterSnapshot): string {
  if (spec.source.kind === "external") {
    const t = serviceOf(snapshot, spec.target, "default");
    const nodePort = t?.svc.spec.ports?.find((p) => p.nodePort && (t.port === undefined || p.port === t.port || p.nodePort === t.port))?.nodePort;
    return `users outside → ${t?.host ?? spec.target}${nodePort ? ` (NodePort ${nodePort})` : ""}`;
  }
  return `${spec.source.name} → ${url(spec, snapshot).replace(/^http:\/\//, "")}`;
}

/** The URL the source would fetch: the target with the Service's port when it has none. */
function url(spec: TrafficSpec, snapshot: ClusterSnapshot): string {
  const ns = spec.source.kind === "pod" ? (spec.source.namespace ?? "default") : "default";
  const path = spec.path && spec.path !== "/" ? spec.path : "";
  const t = serviceOf(snapshot, spec.target, ns);
  const target = spec.target.replace(/^https?:\/\//, "").replace(/\/$/, "");
  if (!t || t.port !== undefined) return `http://${target}${path}`;
  const port = t.svc.spec.ports?.[0]?.port ?? 80;
  return `http://${t.host}${port === 80 ? "" : `:${port}`}${path}`;
}

/** The loop a person would run for `spec`: wget in a busybox image, curl elsewhere. */
function loop(spec: TrafficSpec, fetchUrl: string, image: string): string {
  const fetch = /busybox/.test(image) ? `wget -q -O /dev/null ${fetchUrl}` : `curl -s -o /dev/null ${fetchUrl}`;
  const count = spec.durationMs ? Math.max(1, Math.round((spec.rate * spec.durationMs) / 1000)) : undefined;
  const head = count ? `for i in $(seq ${count})` : "while true";
  return `${head}; do ${fetch} & sleep ${interval(spec.rate)}; done`;
}

/** The comment line for a generator that starts with `spec`. */
export function trafficStartNote(spec: TrafficSpec, snapshot: ClusterSnapshot): string {
  const what = `${describeTraffic(spec, snapshot)}, ${perSecond(spec.rate)}${spec.durationMs ? ` for ${duration(spec.durationMs)}` : ""}`;
  if (spec.source.kind === "external") {
    const t = serviceOf(snapshot, spec.target, "default");
    const nodePort = t?.svc.spec.ports?.find((p) => p.nodePort && (t.port === undefined || p.port === t.port || p.nodePort === t.port))?.nodePort;
    const node = snapshot.nodes[0]?.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "NODE-IP";
    return `# traffic: ${what} (like, from a machine outside the cluster, each node's IP in turn: ${loop(spec, `http://${node}:${nodePort ?? "NODEPORT"}`, "curl")})`;
  }
  const { name } = spec.source;
  const ns = spec.source.namespace ?? "default";
  const pod = snapshot.pods.find((p) => p.metadata.name === name && (p.metadata.namespace ?? "default") === ns);
  const image = pod?.spec.containers[0]?.image ?? "";
  const where = `${name}${ns !== "default" ? ` -n ${ns}` : ""}`;
  return `# traffic: ${what} (like: kubectl exec ${where} -- sh -c '${loop(spec, url(spec, snapshot), image)}')`;
}

/** The comment line for a generator that stops early (`generator` as it was running). */
export function trafficStopNote(generator: TrafficGenerator | undefined, snapshot: ClusterSnapshot): string {
  return generator ? `# traffic stopped: ${describeTraffic(generator.spec, snapshot)} (like: Ctrl+C in its loop)` : "# traffic stopped";
}

/**
 * The note a logged traffic call shows, or undefined (resetting the panel's counters is not
 * something the cluster would show). `running` is what ran before the call.
 */
export function trafficNote(step: TrafficStep, snapshot: ClusterSnapshot, running: readonly TrafficGenerator[]): string | undefined {
  if (step.traffic === "start") return trafficStartNote(step.spec, snapshot);
  if (step.traffic === "stop") return trafficStopNote(running.find((g) => g.id === step.id), snapshot);
  return undefined;
}
