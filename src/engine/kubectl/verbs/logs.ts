import { K8S_VERSION } from "../../cluster/bootstrap";
import { parseSelector } from "../../cluster/labels";
import { instanceLog, logsOf, type LogLine } from "../../cluster/logs";
import { isPodReady } from "../../cluster/podutil";
import { lookupResource, qualifiedPlural } from "../../cluster/resources";
import type { Container, Pod } from "../../cluster/types";
import type { Command, Ctx } from "../command";
import { goType, podSelectorOf } from "../polymorphic";
import { bool, int, str } from "../flags";
import { WATCH_MAX_MS, WATCH_QUIET_MS } from "./get";
import { durationFlag } from "./wait";

// ---------------------------------------------------------------- picking a pod for TYPE/NAME

/**
 * `podutils.ByLogging` (logs) — and, as it happens, the same first pick as
 * `sort.Reverse(podutils.ActivePods)` (exec): assigned before unassigned, Running before Unknown
 * before Pending, ready before not ready, ready longer before ready shorter, more restarts
 * first, older before newer. Ties keep the API's (name) order, as Go's insertion sort does for
 * the small lists kubectl sorts.
 */
export function comparePodsForLogging(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec.nodeName ? 0 : 1);
  if (assigned(a) !== assigned(b) && (!a.spec.nodeName || !b.spec.nodeName)) return assigned(a) - assigned(b);
  const phase = (p: Pod) => ({ Running: 0, Unknown: 1, Pending: 2 })[p.status.phase as string] ?? 3;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? -1 : 1;
  if (isPodReady(a) && isPodReady(b)) {
    const ra = readyTime(a);
    const rb = readyTime(b);
    if (ra !== rb) return ra < rb ? -1 : 1;
  }
  const restarts = (p: Pod) => Math.max(0, ...(p.status.containerStatuses ?? []).map((c) => c.restartCount));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  if (a.metadata.creationTimestamp !== b.metadata.creationTimestamp) return a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1;
  return 0;
}

function readyTime(p: Pod): string {
  return p.status.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime ?? "";
}

export type PodTarget = { ok: true; pod: Pod; count: number } | { ok: false; notFound?: { resource: string; name: string }; error?: string };

/**
 * Resolves `POD`, `pod/NAME` or `TYPE/NAME` to one pod the way kubectl logs/exec do: a controller
 * or Service picks its first pod by {@link comparePodsForLogging}, waiting (in virtual time) up
 * to `waitMs` for one to exist.
 */
export function podForArg(ctx: Ctx, arg: string, waitMs: number, verb: "logs" | "attach"): PodTarget {
  const slash = arg.indexOf("/");
  const ns = ctx.namespace;
  if (slash < 0) {
    const pod = ctx.store.get("Pod", ns, arg);
    return pod ? { ok: true, pod, count: 1 } : { ok: false, notFound: { resource: "pods", name: arg } };
  }
  const type = arg.slice(0, slash);
  const name = arg.slice(slash + 1);
  const r = lookupResource(type);
  if (!r) return { ok: false, error: `the server doesn't have a resource type "${type}"` };
  const obj = ctx.store.get(r.kind, r.namespaced ? ns : undefined, name);
  if (!obj) return { ok: false, notFound: { resource: qualifiedPlural(r), name } };
  if (obj.kind === "Pod") return { ok: true, pod: obj, count: 1 };
  const sel = podSelectorOf(obj);
  const what = verb === "logs" ? "cannot get the logs from" : "cannot attach to";
  if (!sel.ok) return { ok: false, error: `${what} ${goType(obj.kind)}: ${sel.error}` };
  const find = () => ctx.store.list("Pod", ns).filter((p) => sel.selector.matches(p.metadata.labels));
  if (find().length === 0) ctx.cluster.clock.advanceUntil(() => find().length > 0, waitMs);
  const pods = [...find()].sort(comparePodsForLogging);
  if (pods.length === 0) return { ok: false, error: "timed out waiting for the condition" };
  return { ok: true, pod: pods[0], count: pods.length };
}

/** Every container name of a pod as kubectl lists them: `nginx, side, init-db (init)`. */
export function allContainerNames(pod: Pod): string {
  return [...pod.spec.containers.map((c) => c.name), ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`)].join(", ");
}

/**
 * `podcmd.FindOrDefaultContainerByName`: the named container, else the
 * `kubectl.kubernetes.io/default-container` annotation's, else the first one (announcing the
 * choice on stderr when the pod has several).
 */
export function containerFor(ctx: Ctx, pod: Pod, name: string, quiet = false): Container | undefined {
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  if (name) return all.find((c) => c.name === name);
  const annotated = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
  const byAnnotation = annotated ? pod.spec.containers.find((c) => c.name === annotated) : undefined;
  if (byAnnotation) return byAnnotation;
  const first = pod.spec.containers[0];
  if (pod.spec.containers.length + (pod.spec.initContainers?.length ?? 0) > 1 && !quiet) {
    ctx.stderr += `Defaulted container "${first.name}" out of: ${allContainerNames(pod)}\n`;
  }
  return first;
}

// ---------------------------------------------------------------- reading a container's log

/** The kubelet's answer to one log request: the lines, or its BadRequest message. */
export function readContainerLog(ctx: Ctx, pod: Pod, container: Container, previous: boolean): { ok: true; lines: LogLine[]; running: boolean } | { ok: false; error: string } {
  const podName = pod.metadata.name;
  if (!pod.spec.nodeName) return { ok: true, lines: [], running: false };
  const cs = [...(pod.status.containerStatuses ?? []), ...((pod.status as { initContainerStatuses?: typeof pod.status.containerStatuses }).initContainerStatuses ?? [])].find((s) => s.name === container.name);
  const lastTerminated = (cs?.lastState as { terminated?: { startedAt?: string; finishedAt?: string } } | undefined)?.terminated;
  let instance: { startedAt: number; finishedAt?: number } | undefined;
  if (previous) {
    if (!lastTerminated) return { ok: false, error: `previous terminated container "${container.name}" in pod "${podName}" not found` };
    instance = span(lastTerminated);
  } else if (cs?.state.running) {
    instance = { startedAt: Date.parse(cs.state.running.startedAt) };
  } else if (cs?.state.terminated) {
    instance = span(cs.state.terminated);
  } else if (lastTerminated) {
    instance = span(lastTerminated);
  } else {
    const reason = cs?.state.waiting?.reason ?? "ContainerCreating";
    if (reason === "ErrImagePull") return { ok: false, error: `container "${container.name}" in pod "${podName}" is waiting to start: image can't be pulled` };
    if (reason === "ImagePullBackOff") return { ok: false, error: `container "${container.name}" in pod "${podName}" is waiting to start: trying and failing to pull image` };
    return { ok: false, error: `container "${container.name}" in pod "${podName}" is waiting to start: ${reason}` };
  }
  const node = ctx.store.get("Node", undefined, pod.spec.nodeName);
  const lines = instanceLog(
    { pod, container, node, startedAt: instance.startedAt, proxyMode: ctx.cluster.options.proxyMode, k8sVersion: K8S_VERSION },
    logsOf(ctx.cluster).lines(pod.metadata.uid, container.name),
    ctx.now,
    instance.finishedAt,
  );
  return { ok: true, lines, running: instance.finishedAt === undefined };
}

function span(t: { startedAt?: string; finishedAt?: string }): { startedAt: number; finishedAt?: number } {
  const startedAt = t.startedAt ? Date.parse(t.startedAt) : 0;
  return { startedAt, finishedAt: t.finishedAt ? Date.parse(t.finishedAt) + 999 : startedAt };
}

/** Go's RFC3339Nano (UTC): trailing zeros of the fraction dropped. */
export function rfc3339Nano(ms: number, salt: string): string {
  const whole = Math.floor(ms);
  const subMs = Math.round((ms - whole) * 1e6);
  // Sub-microsecond digits are not modelled: a hash keeps them stable and realistic-looking.
  const nanos = (whole % 1000) * 1e6 + subMs - (subMs % 1000) + (hashString(salt) % 1000);
  const base = new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
  const frac = String(nanos).padStart(9, "0").replace(/0+$/, "");
  return `${base}${frac ? `.${frac}` : ""}Z`;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

interface LogOptions {
  tail: number;
  sinceMs?: number;
  sinceTime?: number;
  timestamps: boolean;
  limitBytes: number;
  prefix: boolean;
}

/** Applies the PodLogOptions the kubelet honours and renders the lines. */
function render(lines: LogLine[], pod: Pod, container: string, o: LogOptions, now: number): string {
  let sel = lines;
  if (o.sinceMs !== undefined) sel = sel.filter((l) => l.time >= now - o.sinceMs!);
  if (o.sinceTime !== undefined) sel = sel.filter((l) => l.time >= o.sinceTime!);
  if (o.tail >= 0) sel = o.tail === 0 ? [] : sel.slice(-o.tail);
  let out = "";
  for (const l of sel) {
    const stamp = o.timestamps ? `${rfc3339Nano(l.time, `${pod.metadata.uid}${l.text}`)} ` : "";
    for (const part of l.text.split("\n")) out += `${o.prefix ? `[pod/${pod.metadata.name}/${container}] ` : ""}${stamp}${part}\n`;
  }
  if (o.limitBytes > 0 && out.length > o.limitBytes) out = out.slice(0, o.limitBytes);
  return out;
}

// ---------------------------------------------------------------- the command

const USAGE_ERR = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

export const logs: Command = {
  name: "logs",
  group: "Troubleshooting and Debugging Commands:",
  short: "Print the logs for a container in a pod",
  long: "Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.",
  examples: `  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx
  
  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
  kubectl logs nginx --prefix
  
  # Return snapshot logs from pod nginx, limiting output to 500 bytes
  kubectl logs nginx --limit-bytes=500
  
  # Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.
  kubectl logs nginx --pod-running-timeout=20s
  
  # Return snapshot logs from pod nginx with multi containers
  kubectl logs nginx --all-containers=true
  
  # Return snapshot logs from all pods in the deployment nginx
  kubectl logs deployment/nginx --all-pods=true
  
  # Return snapshot logs from all containers in pods defined by label app=nginx
  kubectl logs -l app=nginx --all-containers=true
  
  # Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods
  kubectl logs -l app=nginx --max-log-requests=10
  
  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1
  
  # Begin streaming the logs from pod nginx, continuing even if errors occur
  kubectl logs nginx -f --ignore-errors=true
  
  # Begin streaming the logs of the ruby container in pod web-1
  kubectl logs -f -c ruby web-1
  
  # Begin streaming the logs from all containers in pods defined by label app=nginx
  kubectl logs -f -l app=nginx --all-containers=true
  
  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx
  
  # Show all logs from pod nginx written in the last hour
  kubectl logs --since=1h nginx
  
  # Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC
  kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true
  
  # Show logs from a kubelet with an expired serving certificate
  kubectl logs --insecure-skip-tls-verify-backend nginx
  
  # Return snapshot logs from first container of a job named hello
  kubectl logs job/hello
  
  # Return snapshot logs from container nginx-1 of a deployment named nginx
  kubectl logs deployment/nginx -c nginx-1`,
  usage: "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
  flags: [
    { name: "all-containers", type: "bool", default: false },
    { name: "all-pods", type: "bool", default: false },
    { name: "container", short: "c", type: "string", default: "" },
    { name: "follow", short: "f", type: "bool", default: false },
    { name: "ignore-errors", type: "bool", default: false },
    { name: "insecure-skip-tls-verify-backend", type: "bool", default: false },
    { name: "limit-bytes", type: "int", default: 0 },
    { name: "max-log-requests", type: "int", default: 5 },
    { name: "pod-running-timeout", type: "duration", default: "20s" },
    { name: "prefix", type: "bool", default: false },
    { name: "previous", short: "p", type: "bool", default: false },
    { name: "selector", short: "l", type: "string", default: "" },
    { name: "since", type: "duration", default: "0s" },
    { name: "since-time", type: "string", default: "" },
    { name: "tail", type: "int", default: -1 },
    { name: "timestamps", type: "bool", default: false },
  ],
  flagHelp: {
    "all-containers": "Get all containers' logs in the pod(s).",
    "all-pods": "Get logs from all pod(s). Sets prefix to true.",
    container: "Print the logs of this container",
    follow: "Specify if the logs should be streamed.",
    "ignore-errors": "If watching / following pod logs, allow for any errors that occur to be non-fatal",
    "insecure-skip-tls-verify-backend": "Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.",
    "limit-bytes": "Maximum bytes of logs to return. Defaults to no limit.",
    "max-log-requests": "Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.",
    "pod-running-timeout": "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running",
    prefix: "Prefix each log line with the log source (pod name and container name)",
    previous: "If true, print the logs for the previous instance of the container in a pod if it exists.",
    selector: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
    since: "Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.",
    "since-time": "Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.",
    tail: "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.",
    timestamps: "Include timestamps on each line in the log output",
  },
  run(ctx) {
    const p = ctx.parsed;
    const podTimeout = durationFlag(ctx, "pod-running-timeout");
    const since = durationFlag(ctx, "since");
    const selText = str(p, "selector");
    let containerName = str(p, "container");
    // Complete: the argument forms.
    if (p.args.length === 0 && !selText) return ctx.usage(USAGE_ERR);
    if (p.args.length === 1 && selText) return ctx.usage("only a selector (-l) or a POD name is allowed");
    if (p.args.length > 2) return ctx.usage(USAGE_ERR);
    // Validate.
    const sinceTimeText = str(p, "since-time");
    if (sinceTimeText && since !== 0) return ctx.fail("at most one of `sinceTime` or `sinceSeconds` may be specified");
    const allContainers = bool(p, "all-containers");
    if (p.args.length === 2) {
      if (p.set.has("container")) return ctx.fail("only one of -c or an inline [CONTAINER] arg is allowed");
      containerName = p.args[1];
    }
    if (containerName && allContainers) return ctx.fail(`--all-containers=true should not be specified with container name ${containerName}`);
    if (int(p, "limit-bytes") < 0) return ctx.fail("--limit-bytes must be greater than 0");
    if (since < 0) return ctx.fail("--since must be greater than 0");
    let tail = int(p, "tail");
    if (tail < -1) return ctx.fail("--tail must be greater than or equal to -1");
    let sinceTime: number | undefined;
    if (sinceTimeText) {
      sinceTime = Date.parse(sinceTimeText);
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(sinceTimeText) || Number.isNaN(sinceTime)) {
        return ctx.fail(`parsing time ${JSON.stringify(sinceTimeText)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(sinceTimeText)} as "2006"`);
      }
    }
    if (selText && tail === -1) tail = 10;
    const opts: LogOptions = {
      tail,
      sinceMs: since > 0 ? since : undefined,
      sinceTime,
      timestamps: bool(p, "timestamps"),
      limitBytes: int(p, "limit-bytes"),
      prefix: bool(p, "prefix") || bool(p, "all-pods"),
    };

    // The pods to read.
    let pods: Pod[];
    if (selText) {
      const sel = parseSelector(selText);
      if (!sel.ok) {
        ctx.stderr += `Error from server (BadRequest): ${sel.error}\n`;
        ctx.exitCode = 1;
        return;
      }
      pods = ctx.store.list("Pod", ctx.namespace).filter((x) => sel.selector.matches(x.metadata.labels));
      if (pods.length === 0) {
        ctx.stderr += `No resources found in ${ctx.namespace} namespace.\n`;
        return;
      }
    } else {
      const arg = p.args[0];
      if (bool(p, "all-pods") && arg.includes("/") && !/^(pods?|po)\//i.test(arg)) {
        const t = podForArg(ctx, arg, podTimeout, "logs");
        if (!t.ok) return logsTargetError(ctx, t);
        const owner = ctx.store.get(lookupResource(arg.slice(0, arg.indexOf("/")))!.kind, ctx.namespace, arg.slice(arg.indexOf("/") + 1))!;
        const sel = podSelectorOf(owner);
        pods = sel.ok ? ctx.store.list("Pod", ctx.namespace).filter((x) => sel.selector.matches(x.metadata.labels)) : [t.pod];
      } else {
        const t = podForArg(ctx, arg, podTimeout, "logs");
        if (!t.ok) return logsTargetError(ctx, t);
        if (t.count > 1) ctx.stderr += `Found ${t.count} pods, using pod/${t.pod.metadata.name}\n`;
        pods = [t.pod];
      }
    }

    // One request per pod and container.
    const requests: { pod: Pod; container: Container }[] = [];
    for (const pod of pods) {
      if (allContainers) {
        for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) requests.push({ pod, container: c });
        continue;
      }
      const c = containerFor(ctx, pod, containerName);
      if (!c) return ctx.fail(`container ${containerName} is not valid for pod ${pod.metadata.name}`);
      requests.push({ pod, container: c });
    }
    const follow = bool(p, "follow");
    const max = int(p, "max-log-requests");
    if (follow && requests.length > 1 && requests.length > max) {
      return ctx.fail(`you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
    }
    const ignoreErrors = bool(p, "ignore-errors");
    const streams: { pod: Pod; container: Container; printed: number; until: number }[] = [];
    for (const r of requests) {
      const got = readContainerLog(ctx, r.pod, r.container, bool(p, "previous"));
      if (!got.ok) {
        if (ignoreErrors) {
          ctx.out(`error: ${got.error}\n`);
          continue;
        }
        ctx.stderr += `Error from server (BadRequest): ${got.error}\n`;
        ctx.exitCode = 1;
        return;
      }
      ctx.out(render(got.lines, r.pod, r.container.name, opts, ctx.now));
      if (got.running) streams.push({ pod: r.pod, container: r.container, printed: got.lines.length, until: got.lines.at(-1)?.time ?? -Infinity });
    }
    if (follow && streams.length > 0 && !bool(p, "previous")) followStreams(ctx, streams, opts);
  },
};

/**
 * `-f`: keeps printing what the containers write as virtual time passes. A real follow runs
 * until Ctrl-C; here it ends (with the `^C` a terminal would show) once the logs have been quiet
 * for a few seconds of cluster time, or as soon as every followed container has stopped.
 */
function followStreams(ctx: Ctx, streams: { pod: Pod; container: Container; printed: number; until: number }[], opts: LogOptions): void {
  const start = ctx.now;
  let lastChange = ctx.now;
  const clock = ctx.cluster.clock;
  const noTail = { ...opts, tail: -1, sinceMs: undefined, sinceTime: undefined };
  for (;;) {
    if (ctx.now - lastChange >= WATCH_QUIET_MS || ctx.now - start >= WATCH_MAX_MS) {
      ctx.out("^C\n");
      return;
    }
    clock.advance(500);
    let alive = false;
    for (const s of streams) {
      const pod = ctx.store.get("Pod", s.pod.metadata.namespace, s.pod.metadata.name);
      if (!pod || pod.metadata.uid !== s.pod.metadata.uid) continue;
      const got = readContainerLog(ctx, pod, s.container, false);
      if (!got.ok) continue;
      const fresh = got.lines.filter((l) => l.time > s.until);
      if (fresh.length > 0) {
        ctx.out(render(fresh, pod, s.container.name, noTail, ctx.now));
        s.until = fresh[fresh.length - 1].time;
        lastChange = ctx.now;
      }
      if (got.running) alive = true;
    }
    if (!alive) return;
  }
}

function logsTargetError(ctx: Ctx, t: Extract<PodTarget, { ok: false }>): void {
  if (t.notFound) return ctx.fail(`error from server (NotFound): ${t.notFound.resource} "${t.notFound.name}" not found in namespace "${ctx.namespace}"`);
  ctx.fail(t.error ?? "");
}
