import { clone, deepEqual } from "../../util/clone";
import { rfc3339 } from "../../cluster/clock";
import { REVISION } from "../../cluster/controllers/deployment";
import { controllerRef } from "../../cluster/podutil";
import { qualifiedPlural, qualifiedSingular, type ResourceInfo } from "../../cluster/resources";
import type { AnyObject, Container, DaemonSet, Deployment, Labels, PodTemplateSpec, ReplicaSet } from "../../cluster/types";
import type { Command, Ctx } from "../command";
import { int, str } from "../flags";
import { parseOutput, printStructured } from "../output";
import { KUBECTL_DESCRIBE_TABWRITER, tabwrite } from "../printers";
import { durationFlag } from "./wait";
import { resourceTargets, type Target } from "./shared";

const CHANGE_CAUSE = "kubernetes.io/change-cause";
const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

// ---------------------------------------------------------------- shared flag sets and texts

const SELECTOR_HELP =
  "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.";

const FILE_FLAGS = [
  { name: "filename", short: "f", type: "stringSlice" as const, default: [] },
  { name: "kustomize", short: "k", type: "string" as const, default: "" },
  { name: "recursive", short: "R", type: "bool" as const, default: false },
  { name: "selector", short: "l", type: "string" as const, default: "" },
];
const PRINT_FLAGS = [
  { name: "allow-missing-template-keys", type: "bool" as const, default: true },
  { name: "output", short: "o", type: "string" as const, default: "" },
  { name: "show-managed-fields", type: "bool" as const, default: false },
  { name: "template", type: "string" as const, default: "" },
];
const COMMON_HELP: Record<string, string> = {
  filename: "Filename, directory, or URL to files identifying the resource to get from a server.",
  kustomize: "Process the kustomization directory. This flag can't be used together with -f or -R.",
  recursive: "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
  selector: SELECTOR_HELP,
  "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.",
  output: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
  "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.",
  template: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].",
  "field-manager": "Name of the manager used to track field ownership.",
};

// ---------------------------------------------------------------- resolving the objects

/** The resource builder as the rollout commands use it. */
function targets(ctx: Ctx, opts: { emptyIsError?: string } = {}): Target[] | undefined {
  return resourceTargets(ctx, ctx.parsed.args, { emptyError: opts.emptyIsError, reportNone: true });
}

/** `GroupKind.String()`: `Pod`, `ReplicaSet.apps`. */
function groupKind(r: ResourceInfo): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

/** The ReplicaSets a Deployment owns (`deploymentutil.GetAllReplicaSets`). */
export function ownedReplicaSets(ctx: Ctx, d: Deployment): ReplicaSet[] {
  return ctx.store.list("ReplicaSet", d.metadata.namespace).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
}

function revisionOf(o: { metadata: { annotations?: Record<string, string> } }): number {
  const v = Number(o.metadata.annotations?.[REVISION] ?? "0");
  return Number.isFinite(v) ? v : 0;
}

// ---------------------------------------------------------------- status

/** `DeploymentStatusViewer.Status` / `DaemonSetStatusViewer.Status`. */
export function rolloutStatus(o: Deployment | DaemonSet, revision: number): { ok: true; message: string; done: boolean } | { ok: false; error: string } {
  const name = o.metadata.name;
  const gen = o.metadata.generation ?? 0;
  if (o.kind === "DaemonSet") {
    if (o.spec.updateStrategy.type !== "RollingUpdate") return { ok: false, error: "rollout status is only available for RollingUpdate strategy type" };
    const s = o.status;
    if (gen <= (s.observedGeneration ?? 0)) {
      if ((s.updatedNumberScheduled ?? 0) < s.desiredNumberScheduled) return { ok: true, done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${s.desiredNumberScheduled} new pods have been updated...` };
      if ((s.numberAvailable ?? 0) < s.desiredNumberScheduled) return { ok: true, done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${s.desiredNumberScheduled} updated pods are available...` };
      return { ok: true, done: true, message: `daemon set "${name}" successfully rolled out` };
    }
    return { ok: true, done: false, message: "Waiting for daemon set spec update to be observed..." };
  }
  if (revision > 0) {
    const running = revisionOf(o);
    if (running !== revision) return { ok: false, error: `desired revision (${revision}) is different from the running revision (${running})` };
  }
  const s = o.status;
  if (gen <= (s.observedGeneration ?? 0)) {
    const progressing = s.conditions?.find((c) => c.type === "Progressing");
    if (progressing?.reason === "ProgressDeadlineExceeded") return { ok: false, error: `deployment "${name}" exceeded its progress deadline` };
    const updated = s.updatedReplicas ?? 0;
    if (updated < o.spec.replicas) return { ok: true, done: false, message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${o.spec.replicas} new replicas have been updated...` };
    if ((s.replicas ?? 0) > updated) return { ok: true, done: false, message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...` };
    if ((s.availableReplicas ?? 0) < updated) return { ok: true, done: false, message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...` };
    return { ok: true, done: true, message: `deployment "${name}" successfully rolled out` };
  }
  return { ok: true, done: false, message: "Waiting for deployment spec update to be observed..." };
}

const status: Command = {
  name: "status",
  short: "Show the status of the rollout",
  long: "Show the status of the rollout.\n\n By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.",
  examples: "  # Watch the rollout status of a deployment\n  kubectl rollout status deployment/nginx",
  usage: "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]",
  flags: [...FILE_FLAGS, { name: "revision", type: "int", default: 0 }, { name: "timeout", type: "duration", default: "0s" }, { name: "watch", short: "w", type: "bool", default: true }],
  flagHelp: {
    ...COMMON_HELP,
    revision: "Pin to a specific revision for showing its status. Defaults to 0 (last revision).",
    timeout: "The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).",
    watch: "Watch the status of the rollout until it's done.",
  },
  run(ctx) {
    const p = ctx.parsed;
    const timeout = durationFlag(ctx, "timeout");
    const found = targets(ctx, { emptyIsError: "required resource not specified" });
    if (!found) return;
    if (found.length === 0) return;
    if (found.length !== 1) return ctx.fail("rollout status is only supported on individual resources and resource collections are not supported yet");
    const { r, obj } = found[0];
    if (obj.kind !== "Deployment" && obj.kind !== "DaemonSet") return ctx.fail(`no status viewer has been implemented for ${groupKind(r)}`);
    const revision = int(p, "revision");
    const first = rolloutStatus(obj, revision);
    if (!first.ok) return ctx.fail(first.error);
    ctx.line(first.message);
    if (first.done || !p.flags.get("watch")) return;

    // Watch: one status line per change of the object, as kubectl prints on every event.
    let finished = false;
    let error: string | undefined;
    const stop = ctx.store.watch(obj.kind, (e) => {
      const o = e.object;
      if (finished || o.metadata.namespace !== obj.metadata.namespace || o.metadata.name !== obj.metadata.name) return;
      if (e.type === "DELETED") {
        error = "object has been deleted";
        finished = true;
        return;
      }
      const s = rolloutStatus(o as Deployment | DaemonSet, revision);
      if (!s.ok) {
        error = s.error;
        finished = true;
        return;
      }
      ctx.line(s.message);
      if (s.done) finished = true;
    });
    // Without --timeout kubectl waits for ever; the lab stops where the Deployment controller
    // would give up (progressDeadlineSeconds) and says so the way kubectl then would.
    const deadline = obj.kind === "Deployment" ? obj.spec.progressDeadlineSeconds * 1000 : 600_000;
    const limit = timeout > 0 ? timeout : deadline;
    const done = ctx.cluster.clock.advanceUntil(() => finished, limit);
    stop();
    if (error !== undefined) return ctx.fail(error);
    if (!done) return ctx.fail(timeout > 0 ? "timed out waiting for the condition" : `deployment "${obj.metadata.name}" exceeded its progress deadline`);
  },
};

// ---------------------------------------------------------------- history

/** `describe.DescribePodTemplate` through a PrefixWriter (tabs stay raw, as kubectl prints them). */
export function describePodTemplate(t: PodTemplateSpec): string {
  let s = "Pod Template:\n";
  s += multiline("  Labels", Object.entries(t.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`));
  const ann = Object.entries(t.metadata.annotations ?? {}).filter(([k]) => k !== "kubectl.kubernetes.io/last-applied-configuration");
  if (ann.length > 0) s += annotations("  Annotations", ann);
  if (t.spec.serviceAccountName) s += `  Service Account:\t${t.spec.serviceAccountName}\n`;
  if (t.spec.initContainers?.length) s += containers("Init Containers", t.spec.initContainers);
  s += containers("Containers", t.spec.containers);
  s += volumes(t.spec.volumes ?? []);
  s += multiline("  Node-Selectors", Object.entries(t.spec.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`));
  s += tolerations(t.spec.tolerations ?? []);
  if (t.spec.priorityClassName) s += `  Priority Class Name:\t${t.spec.priorityClassName}\n`;
  return s;
}

const goLess = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function multiline(title: string, items: string[]): string {
  if (items.length === 0) return `${title}:\t<none>\n`;
  return `${title}:\t${[...items].sort(goLess).join("\n\t")}\n`;
}

function annotations(title: string, entries: [string, string][]): string {
  const max = 140;
  let s = `${title}:\t`;
  entries.sort((a, b) => goLess(a[0], b[0])).forEach(([k, v], i) => {
    if (i !== 0) s += "\t";
    const value = v.replace(/\n$/, "");
    if (value.length + k.length + 2 > max || value.includes("\n")) {
      s += `${k}:\n`;
      for (const line of value.split("\n")) s += `\t  ${line.length > max - 2 ? `${line.slice(0, max - 2)}...` : line}\n`;
    } else s += `${k}: ${value}\n`;
  });
  return s;
}

function containers(label: string, cs: Container[]): string {
  let s = `  ${label}:\n`;
  for (const c of cs) {
    s += `   ${c.name}:\n    Image:\t${c.image}\n`;
    const ports = (c.ports ?? []).map((x) => `${x.containerPort}/${x.protocol ?? "TCP"}`).join(", ");
    const hostPorts = (c.ports ?? []).map((x) => `${x.hostPort ?? 0}/${x.protocol ?? "TCP"}`).join(", ");
    s += ports.includes(",") ? `    Ports:\t${ports}\n` : `    Port:\t${ports || "<none>"}\n`;
    s += hostPorts.includes(",") ? `    Host Ports:\t${hostPorts}\n` : `    Host Port:\t${hostPorts || "<none>"}\n`;
    if (c.command?.length) s += `    Command:\n${c.command.flatMap((x) => x.split("\n")).map((x) => `      ${x}\n`).join("")}`;
    if (c.args?.length) s += `    Args:\n${c.args.flatMap((x) => x.split("\n")).map((x) => `      ${x}\n`).join("")}`;
    const res = (c.resources ?? {}) as { limits?: Record<string, string>; requests?: Record<string, string> };
    for (const [title, m] of [["Limits", res.limits], ["Requests", res.requests]] as const) {
      const keys = Object.keys(m ?? {}).sort(goLess);
      if (keys.length) s += `    ${title}:\n${keys.map((k) => `      ${k}:\t${m![k]}\n`).join("")}`;
    }
    for (const [title, probe] of [["Liveness", (c as { livenessProbe?: Probe }).livenessProbe], ["Readiness", c.readinessProbe as Probe | undefined], ["Startup", (c as { startupProbe?: Probe }).startupProbe]] as const) {
      if (probe) s += `    ${title}:\t${describeProbe(probe)}\n`;
    }
    const env = c.env ?? [];
    s += `    Environment:${env.length ? "" : "\t<none>"}\n`;
    for (const e of env) (e.value ?? "").split("\n").forEach((line, i) => (s += i === 0 ? `      ${e.name}:\t${line}\n` : `      \t${line}\n`));
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => goLess(a.mountPath, b.mountPath));
    s += `    Mounts:${mounts.length ? "" : "\t<none>"}\n`;
    for (const m of mounts) s += `      ${m.mountPath} from ${m.name} (${m.readOnly ? "ro" : "rw"})\n`;
  }
  return s;
}

interface Probe {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port?: number | string; host?: string; scheme?: string };
  tcpSocket?: { port?: number | string; host?: string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

/** Go's time.Duration String() for whole seconds. */
function goSeconds(n: number): string {
  if (n === 0) return "0s";
  const h = Math.floor(n / 3600);
  const m = Math.floor((n % 3600) / 60);
  const sec = n % 60;
  return h > 0 ? `${h}h${m}m${sec}s` : m > 0 ? `${m}m${sec}s` : `${sec}s`;
}

/** `describe.DescribeProbe`. */
function describeProbe(p: Probe): string {
  const attrs = `delay=${goSeconds(p.initialDelaySeconds ?? 0)} timeout=${goSeconds(p.timeoutSeconds ?? 1)} period=${goSeconds(p.periodSeconds ?? 10)} #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const host = p.httpGet.host ?? "";
    const port = String(p.httpGet.port ?? "");
    return `http-get ${(p.httpGet.scheme ?? "HTTP").toLowerCase()}://${port ? `${host.includes(":") ? `[${host}]` : host}:${port}` : host}${p.httpGet.path ?? ""} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${p.tcpSocket.port ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function volumes(vs: Record<string, unknown>[]): string {
  if (vs.length === 0) return "  Volumes:\t<none>\n";
  let s = "  Volumes:\n";
  for (const v of vs) {
    s += `   ${String(v.name)}:\n`;
    const src = v as Record<string, Record<string, unknown> | undefined>;
    if (src.hostPath) s += `    Type:\tHostPath (bare host directory volume)\n    Path:\t${src.hostPath.path}\n    HostPathType:\t${src.hostPath.type ?? ""}\n`;
    else if (src.emptyDir) s += `    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${src.emptyDir.medium ?? ""}\n    SizeLimit:\t${src.emptyDir.sizeLimit ?? "<unset>"}\n`;
    else if (src.configMap) s += `    Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${src.configMap.name}\n    Optional:\t${src.configMap.optional ?? false}\n`;
    else if (src.secret) s += `    Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${src.secret.secretName}\n    Optional:\t${src.secret.optional ?? false}\n`;
    else if (src.persistentVolumeClaim) s += `    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${src.persistentVolumeClaim.claimName}\n    ReadOnly:\t${src.persistentVolumeClaim.readOnly ?? false}\n`;
    else s += "    <unknown>\n";
  }
  return s;
}

function tolerations(ts: { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }[]): string {
  if (ts.length === 0) return "  Tolerations:\t<none>\n";
  const sorted = [...ts].sort((a, b) => goLess(a.key ?? "", b.key ?? ""));
  return `  Tolerations:\t${sorted
    .map((t) => {
      let x = t.key ?? "";
      if (t.value) x += `=${t.value}`;
      if (t.effect) x += `:${t.effect}`;
      if (t.operator === "Exists" && !t.value) x += t.key || t.effect ? " op=Exists" : "op=Exists";
      if (t.tolerationSeconds !== undefined) x += ` for ${t.tolerationSeconds}s`;
      return x;
    })
    .join("\n\t")}\n`;
}

/** Revision → that revision's pod template (change-cause in its annotations), as the history viewer builds it. */
function historyOf(ctx: Ctx, d: Deployment): Map<number, { rs: ReplicaSet; template: PodTemplateSpec }> {
  const out = new Map<number, { rs: ReplicaSet; template: PodTemplateSpec }>();
  const current = revisionOf(d);
  for (const rs of ownedReplicaSets(ctx, d)) {
    const v = revisionOf(rs);
    const template = clone(rs.spec.template);
    // The Deployment controller copies the Deployment's annotations (change-cause among them)
    // onto its newest ReplicaSet; read it from the Deployment for the current revision.
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE] ?? (v === current ? d.metadata.annotations?.[CHANGE_CAUSE] : undefined);
    template.metadata.annotations = { ...template.metadata.annotations };
    if (cause) template.metadata.annotations[CHANGE_CAUSE] = cause;
    out.set(v, { rs, template });
  }
  return out;
}

const history: Command = {
  name: "history",
  short: "View rollout history",
  long: "View previous rollout revisions and configurations.",
  examples: "  # View the rollout history of a deployment\n  kubectl rollout history deployment/abc\n  \n  # View the details of daemonset revision 3\n  kubectl rollout history daemonset/abc --revision=3",
  usage: "kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]",
  flags: [...FILE_FLAGS, ...PRINT_FLAGS, { name: "revision", type: "int", default: 0 }],
  flagHelp: { ...COMMON_HELP, revision: "See the details, including podTemplate of the revision specified" },
  run(ctx) {
    const p = ctx.parsed;
    const revision = int(p, "revision");
    if (revision < 0) return ctx.fail(`revision must be a positive integer: ${revision}`);
    const fmt = parseOutput(str(p, "output"));
    if (!fmt.ok) return ctx.fail(fmt.error);
    const found = targets(ctx, { emptyIsError: "required resource not specified" });
    if (!found) return;
    for (const { r, obj } of found) {
      if (obj.kind !== "Deployment") {
        ctx.fail(`no history viewer has been implemented for ${JSON.stringify(groupKind(r))}`);
        continue;
      }
      const h = historyOf(ctx, obj);
      const name = `${qualifiedSingular(r)}/${obj.metadata.name}`;
      if (fmt.value.kind !== "table") {
        if (revision > 0) {
          const entry = h.get(revision);
          if (!entry) return ctx.fail("unable to find the specified revision");
          printStructured(ctx, fmt.value, [entry.rs], true);
        } else {
          printStructured(ctx, fmt.value, [...h.keys()].sort((a, b) => a - b).map((v) => h.get(v)!.rs), false);
        }
        continue;
      }
      if (revision > 0) {
        const entry = h.get(revision);
        if (!entry) {
          ctx.fail("unable to find the specified revision");
          continue;
        }
        ctx.out(`${name} with revision #${revision}\n${describePodTemplate(entry.template)}\n`);
        continue;
      }
      ctx.out(`${name} \n`);
      if (h.size === 0) {
        ctx.out("No rollout history found.\n");
        continue;
      }
      const rows = [["REVISION", "CHANGE-CAUSE"], ...[...h.keys()].sort((a, b) => a - b).map((v) => [String(v), h.get(v)!.template.metadata.annotations?.[CHANGE_CAUSE] || "<none>"])];
      ctx.out(tabwrite(rows, KUBECTL_DESCRIBE_TABWRITER) + "\n");
    }
  },
};

// ---------------------------------------------------------------- undo

const SKIP_ON_ROLLBACK = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION,
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

function withoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const c = clone(t);
  if (c.metadata.labels) {
    const labels: Labels = { ...c.metadata.labels };
    delete labels["pod-template-hash"];
    c.metadata.labels = labels;
  }
  return c;
}

/** `DeploymentRollbacker.Rollback`: the result word kubectl prints, or its error. */
function rollback(ctx: Ctx, d: Deployment, toRevision: number, dryRun: string): { ok: true; result: string } | { ok: false; error: string } {
  let target: ReplicaSet | undefined;
  let latest: { v: number; rs?: ReplicaSet } = { v: -1 };
  let previous: { v: number; rs?: ReplicaSet } = { v: -1 };
  for (const rs of ownedReplicaSets(ctx, d)) {
    const v = revisionOf(rs);
    if (toRevision === 0) {
      if (latest.v < v) {
        previous = latest;
        latest = { v, rs };
      } else if (previous.v < v) previous = { v, rs };
    } else if (v === toRevision) target = rs;
  }
  if (toRevision > 0 && !target) return { ok: false, error: `unable to find specified revision ${toRevision} in history` };
  if (toRevision === 0) {
    if (!previous.rs) return { ok: false, error: `no rollout history found for deployment "${d.metadata.name}"` };
    target = previous.rs;
  }
  // A client dry run only shows the template it would restore (hash label and all).
  if (dryRun === "client") return { ok: true, result: `${describePodTemplate(target!.spec.template)} (dry run)` };
  if (d.spec.paused) return { ok: false, error: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again" };
  const template = withoutHash(target!.spec.template);
  if (deepEqual(withoutHash(d.spec.template), template)) return { ok: true, result: `skipped rollback (current template already matches revision ${toRevision})` };
  const annotations: Record<string, string> = {};
  for (const k of SKIP_ON_ROLLBACK) if (d.metadata.annotations?.[k] !== undefined) annotations[k] = d.metadata.annotations[k];
  for (const [k, v] of Object.entries(target!.metadata.annotations ?? {})) if (!SKIP_ON_ROLLBACK.has(k)) annotations[k] = v;
  const next = clone(d);
  next.spec.template = template;
  next.metadata.annotations = annotations;
  if (dryRun === "server") return { ok: true, result: "rolled back (server dry run)" };
  const r = ctx.api.update(next);
  if (!r.ok) return { ok: false, error: r.error.message };
  return { ok: true, result: "rolled back" };
}

const undo: Command = {
  name: "undo",
  short: "Undo a previous rollout",
  long: "Roll back to a previous rollout.",
  examples:
    "  # Roll back to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Roll back to daemonset revision 3\n  kubectl rollout undo daemonset/abc --to-revision=3\n  \n  # Roll back to the previous deployment with dry-run\n  kubectl rollout undo --dry-run=server deployment/abc",
  usage: "kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]",
  flags: [...FILE_FLAGS, ...PRINT_FLAGS, { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" }, { name: "to-revision", type: "int", default: 0 }],
  flagHelp: {
    ...COMMON_HELP,
    "dry-run": 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
    "to-revision": "The revision to rollback to. Default to 0 (last revision).",
  },
  run(ctx) {
    const toRevision = int(ctx.parsed, "to-revision");
    const dryRun = str(ctx.parsed, "dry-run");
    if (dryRun !== "none" && dryRun !== "client" && dryRun !== "server") return ctx.fail(`Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
    const found = targets(ctx, { emptyIsError: "required resource not specified" });
    if (!found) return;
    for (const { r, obj } of found) {
      if (obj.kind !== "Deployment") {
        ctx.fail(`no rollbacker has been implemented for ${JSON.stringify(groupKind(r))}`);
        continue;
      }
      const res = rollback(ctx, obj, toRevision, dryRun);
      if (!res.ok) {
        ctx.fail(res.error);
        continue;
      }
      ctx.line(`${qualifiedSingular(r)}/${obj.metadata.name} ${res.result}`);
    }
  },
};

// ---------------------------------------------------------------- restart, pause, resume

const MUTATING_FLAGS = [...FILE_FLAGS, ...PRINT_FLAGS, { name: "field-manager", type: "string" as const, default: "kubectl-rollout" }];

/** Runs `mutate` on every target; prints `<kind>/<name> <verb>` or kubectl's per-object error. */
function mutateEach(ctx: Ctx, verb: string, mutate: (o: Deployment | DaemonSet, r: ResourceInfo) => string | undefined, kinds: AnyObject["kind"][]): void {
  const found = targets(ctx, { emptyIsError: "required resource not specified" });
  if (!found) return;
  for (const { r, obj } of found) {
    const gr = qualifiedPlural(r);
    if (!kinds.includes(obj.kind)) {
      ctx.fail(`${gr} ${JSON.stringify(obj.metadata.name)} ${verb === "restarted" ? "restarting" : verb === "paused" ? "pausing" : "resuming"} is not supported`);
      continue;
    }
    const err = mutate(clone(obj) as Deployment | DaemonSet, r);
    if (err) {
      ctx.fail(err);
      continue;
    }
    ctx.line(`${qualifiedSingular(r)}/${obj.metadata.name} ${verb}`);
  }
}

const restart: Command = {
  name: "restart",
  short: "Restart a resource",
  long: "Restart a resource.\n\n        Resource rollout will be restarted.",
  examples:
    "  # Restart all deployments in the test-namespace namespace\n  kubectl rollout restart deployment -n test-namespace\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/nginx\n  \n  # Restart a daemon set\n  kubectl rollout restart daemonset/abc\n  \n  # Restart deployments with the app=nginx label\n  kubectl rollout restart deployment --selector=app=nginx",
  usage: "kubectl rollout restart RESOURCE [options]",
  flags: MUTATING_FLAGS,
  flagHelp: COMMON_HELP,
  run(ctx) {
    // kubectl stamps the client's clock in RFC 3339; the lab's clock is the cluster's (UTC).
    const stamp = rfc3339(ctx.now);
    mutateEach(
      ctx,
      "restarted",
      (o, r) => {
        if (o.kind === "Deployment" && o.spec.paused) return `${qualifiedPlural(r)} ${JSON.stringify(o.metadata.name)} can't restart paused deployment (run rollout resume first)`;
        if (o.spec.template.metadata.annotations?.[RESTARTED_AT] === stamp) {
          return `failed to create patch for ${o.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`;
        }
        o.spec.template.metadata.annotations = { ...o.spec.template.metadata.annotations, [RESTARTED_AT]: stamp };
        const res = ctx.api.update(o);
        return res.ok ? undefined : res.error.message;
      },
      ["Deployment", "DaemonSet"],
    );
  },
};

const pause: Command = {
  name: "pause",
  short: "Mark the provided resource as paused",
  long: 'Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.',
  examples:
    "  # Mark the nginx deployment as paused\n  # Any current state of the deployment will continue its function; new updates\n  # to the deployment will not have an effect as long as the deployment is paused\n  kubectl rollout pause deployment/nginx",
  usage: "kubectl rollout pause RESOURCE [options]",
  flags: MUTATING_FLAGS,
  flagHelp: COMMON_HELP,
  run(ctx) {
    mutateEach(
      ctx,
      "paused",
      (o, r) => {
        const d = o as Deployment;
        if (d.spec.paused) return `${qualifiedPlural(r)} ${JSON.stringify(d.metadata.name)} is already paused`;
        d.spec.paused = true;
        const res = ctx.api.update(d);
        return res.ok ? undefined : res.error.message;
      },
      ["Deployment"],
    );
  },
};

const resume: Command = {
  name: "resume",
  short: "Resume a paused resource",
  long: "Resume a paused resource.\n\n Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.",
  examples: "  # Resume an already paused deployment\n  kubectl rollout resume deployment/nginx",
  usage: "kubectl rollout resume RESOURCE [options]",
  flags: MUTATING_FLAGS,
  flagHelp: COMMON_HELP,
  run(ctx) {
    mutateEach(
      ctx,
      "resumed",
      (o, r) => {
        const d = o as Deployment;
        if (!d.spec.paused) return `${qualifiedPlural(r)} ${JSON.stringify(d.metadata.name)} is not paused`;
        delete d.spec.paused;
        const res = ctx.api.update(d);
        return res.ok ? undefined : res.error.message;
      },
      ["Deployment"],
    );
  },
};

/** `kubectl rollout`: status, history, undo, restart, pause and resume of Deployments (and DaemonSet status/restart). */
export const rollout: Command = {
  name: "rollout",
  group: "Deploy Commands:",
  short: "Manage the rollout of a resource",
  long: "Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets",
  examples:
    "  # Rollback to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Check the rollout status of a daemonset\n  kubectl rollout status daemonset/foo\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/abc\n  \n  # Restart deployments with the 'app=nginx' label\n  kubectl rollout restart deployment --selector=app=nginx",
  usage: "kubectl rollout SUBCOMMAND [options]",
  subcommands: [history, pause, restart, resume, status, undo],
};

