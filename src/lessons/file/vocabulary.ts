/**
 * The named checks a lesson file can use, each a function of the live cluster with its own
 * near-miss hints. They cover what the built-in lessons check: objects and their fields,
 * conditions and readiness, endpoints, commands the learner ran, connections, a node's rules,
 * kube-proxy's mode, traffic, remembered values. A lesson in code can add one of its own with
 * {@link registerCheck}; a file then uses it by name like the others.
 */
import type { ClusterSnapshot, FlowEvent } from "../../engine/api";
import type { Pod, Service } from "../../engine/cluster/types";
import { isPodReady } from "../../store/selectors";
import { closedFlows, fail, inCidr, livePods, pass, promptNode, readyEndpoints, wait } from "../checks";
import type { CheckContext, CheckResult, CommandRecord } from "../types";
import { Args, KINDS, kindOf, parsePath, parseSelector, readPath, valueText, type KindName, type Param } from "./args";

/** One entry of the vocabulary. */
export interface CheckSpec {
  name: string;
  params: readonly Param[];
  /** What passes, in a sentence (for the documentation). */
  passes: string;
  /** The near misses it explains by itself (for the documentation). */
  nearMisses: readonly string[];
  /** The check, bound to its arguments. */
  run(args: Args, ctx: CheckContext): CheckResult;
}

type Meta = { metadata: { name: string; namespace?: string; deletionTimestamp?: string; labels?: Record<string, string>; creationTimestamp?: string } };

const ns = (args: Args, ctx: CheckContext) => args.text("namespace", ctx.memory) || "default";
const nsOf = (o: Meta) => o.metadata.namespace ?? "default";
const matches = (o: Meta, labels: Record<string, string>) => Object.entries(labels).every(([k, v]) => o.metadata.labels?.[k] === v);
const live = (o: Meta) => !o.metadata.deletionTimestamp;

/** The objects of a kind in a namespace (every one of a cluster-scoped kind). */
function objectsOf(snapshot: ClusterSnapshot, kind: KindName, namespace: string): Meta[] {
  const list = snapshot[KINDS[kind].list] as unknown as readonly Meta[];
  return KINDS[kind].namespaced ? list.filter((o) => nsOf(o) === namespace) : [...list];
}

function findObject(ctx: CheckContext, kind: KindName, name: string, namespace: string): Meta | undefined {
  return objectsOf(ctx.snapshot, kind, namespace).find((o) => o.metadata.name === name);
}

/** True when a command the learner ran since the step opened names `word`. */
const mentioned = (ctx: CheckContext, word: string) => ctx.commands.some((c) => c.source !== "quiet" && new RegExp(`(^|[\\s/=])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s|$)`).test(c.line));

/** Another object of the kind the learner made in this step (named in a command), if any. */
function madeInstead(ctx: CheckContext, kind: KindName, name: string, namespace: string): Meta | undefined {
  return objectsOf(ctx.snapshot, kind, namespace)
    .filter((o) => o.metadata.name !== name && live(o) && mentioned(ctx, o.metadata.name))
    .at(-1);
}

const kindWord = (kind: KindName) => (kind === "service" ? "Service" : kind === "endpoints" ? "Endpoints" : kind === "configmap" ? "ConfigMap" : kind);
const where = (kind: KindName, namespace: string) => (KINDS[kind].namespaced && namespace !== "default" ? ` in namespace ${namespace}` : "");

const readyWithIP = (p: Pod) => isPodReady(p) && !!p.status.podIP;

/** Pods a selector or a Service's selector matches now (not being deleted). */
const podsMatching = (ctx: CheckContext, labels: Record<string, string>, namespace: string) => livePods(ctx.snapshot, labels, namespace);

function serviceOf(ctx: CheckContext, name: string, namespace: string): Service | undefined {
  return ctx.snapshot.services.find((s) => s.metadata.name === name && nsOf(s) === namespace);
}

/** A list argument: `a, b` or `a,b` (remembered lists are written `x, y`). */
const listOf = (text: string | undefined) => (text ?? "").split(",").map((s) => s.trim()).filter(Boolean);

/** `node01`, or `node of POD`: the node a pod runs on. */
function nodeArg(args: Args, name: string, ctx: CheckContext): string | undefined {
  const t = args.text(name, ctx.memory);
  if (!t) return undefined;
  const m = /^node of (\S+)$/.exec(t.trim());
  if (!m) return t.trim();
  return ctx.snapshot.pods.find((p) => p.metadata.name === m[1] && nsOf(p) === ns(args, ctx))?.spec.nodeName;
}

// ---------------------------------------------------------------------------------------------
// Objects

const NAMESPACE: Param = { name: "namespace", type: "text", doc: "the namespace (default: default)" };

const exists: CheckSpec = {
  name: "exists",
  params: [
    { name: "kind", type: "kind", required: true, doc: "pod, service, deployment, replicaset, daemonset, configmap, endpointslice, endpoints, node or namespace (kubectl's short names work)" },
    { name: "name", type: "nameOrSelector", required: true, doc: "a name, or a label selector such as `app=test`" },
    NAMESPACE,
    { name: "count", type: "number", doc: "with a selector: at least this many (default 1)" },
    { name: "exactly", type: "number", doc: "with a selector: exactly this many" },
  ],
  passes: "The object exists and is not being deleted; with a selector, at least `count` (or `exactly`) such objects.",
  nearMisses: ["The learner made one with another name in this step: \"The lesson calls the deployment `test` (you made `tset`).\""],
  run(args, ctx) {
    const kind = kindOf(args.text("kind", ctx.memory)!)!;
    const name = args.text("name", ctx.memory)!;
    const namespace = ns(args, ctx);
    if (name.includes("=")) {
      const labels = parseSelector(name);
      if (!labels) return fail();
      const n = objectsOf(ctx.snapshot, kind, namespace).filter((o) => live(o) && matches(o, labels)).length;
      const exactly = args.number("exactly", ctx.memory);
      if (exactly !== undefined) return n === exactly ? pass : fail();
      return n >= (args.number("count", ctx.memory) ?? 1) ? pass : fail();
    }
    const o = findObject(ctx, kind, name, namespace);
    if (o && live(o)) return pass;
    const other = madeInstead(ctx, kind, name, namespace);
    if (other) return fail(`The lesson calls the ${kindWord(kind)} \`${name}\` (you made \`${other.metadata.name}\`).`);
    return fail();
  },
};

const gone: CheckSpec = {
  name: "gone",
  params: [
    { name: "kind", type: "kind", required: true, doc: "the kind" },
    { name: "name", type: "nameOrSelector", required: true, doc: "a name, or a label selector" },
    NAMESPACE,
  ],
  passes: "No such object is left, or every one is being deleted (Terminating counts as gone).",
  nearMisses: [],
  run(args, ctx) {
    const kind = kindOf(args.text("kind", ctx.memory)!)!;
    const name = args.text("name", ctx.memory)!;
    const namespace = ns(args, ctx);
    const labels = name.includes("=") ? parseSelector(name) : undefined;
    const left = objectsOf(ctx.snapshot, kind, namespace).filter((o) => live(o) && (labels ? matches(o, labels) : o.metadata.name === name));
    return left.length === 0 ? pass : fail();
  },
};

/** `pods`, `services`, `nodes` or a CIDR. */
function rangeOf(ctx: CheckContext, text: string): string {
  const r = ctx.snapshot.ranges;
  if (text === "pods") return r.podCidr;
  if (text === "services") return r.serviceCidr;
  if (text === "nodes") return r.nodeCidr;
  return text;
}

const field: CheckSpec = {
  name: "field",
  params: [
    { name: "kind", type: "kind", required: true, doc: "the kind" },
    { name: "name", type: "text", required: true, doc: "the object's name" },
    { name: "path", type: "path", required: true, doc: "where the value is, like `spec.clusterIP`, `spec.ports[0].targetPort`, `spec.ports[name=http].port` or `metadata.labels[\"app.kubernetes.io/name\"]`" },
    { name: "equals", type: "text", doc: "the value it must have" },
    { name: "not", type: "text", doc: "a value it must not have" },
    { name: "matches", type: "pattern", doc: "a pattern the value must match" },
    { name: "in", type: "text", doc: "a range the address must be in: a CIDR, or `pods`, `services`, `nodes` for the cluster's ranges" },
    NAMESPACE,
  ],
  passes: "The object exists and the value at `path` satisfies every test given (with none, it only has to be set).",
  nearMisses: ["The object is missing: \"There is no Service `my-service`.\"", "The value is wrong: \"`spec.ports[0].port` of Service `my-service` is 80, not 8080.\""],
  run(args, ctx) {
    const kind = kindOf(args.text("kind", ctx.memory)!)!;
    const name = args.text("name", ctx.memory)!;
    const namespace = ns(args, ctx);
    const o = findObject(ctx, kind, name, namespace);
    if (!o || !live(o)) return fail(`There is no ${kindWord(kind)} \`${name}\`${where(kind, namespace)}.`);
    const pathText = args.text("path", ctx.memory)!;
    const path = parsePath(pathText);
    if (typeof path === "string") return fail();
    const v = valueText(readPath(o, path));
    const label = `\`${pathText}\` of ${kindWord(kind)} \`${name}\``;
    if (v === undefined) return fail(`${label} is not set.`);
    const equals = args.text("equals", ctx.memory);
    if (equals !== undefined && v !== equals) return fail(`${label} is ${v}, not ${equals}.`);
    const not = args.text("not", ctx.memory);
    if (not !== undefined && v === not) return fail(`${label} is still ${v}.`);
    const m = args.pattern("matches", ctx.memory);
    if (m && !m.text(v)) return fail(`${label} is ${v}.`);
    const range = args.text("in", ctx.memory);
    if (range !== undefined && !inCidr(v, rangeOf(ctx, range))) return fail(`${label} is ${v}, outside ${rangeOf(ctx, range)}.`);
    return pass;
  },
};

const condition: CheckSpec = {
  name: "condition",
  params: [
    { name: "kind", type: "kind", required: true, doc: "the kind (pod, deployment, node…)" },
    { name: "name", type: "text", required: true, doc: "the object's name" },
    { name: "type", type: "text", required: true, doc: "the condition's type: `Ready`, `Available`…" },
    { name: "status", type: "text", doc: "`True` (default), `False` or `Unknown`" },
    NAMESPACE,
  ],
  passes: "The object's `status.conditions` has `type` with `status`.",
  nearMisses: ["The object is missing: \"There is no pod `client`.\"", "It exists but the condition does not hold yet: the step waits (\"Waiting for pod client to be Ready…\"), which is not counted as a wrong try."],
  run(args, ctx) {
    const kind = kindOf(args.text("kind", ctx.memory)!)!;
    const name = args.text("name", ctx.memory)!;
    const namespace = ns(args, ctx);
    const o = findObject(ctx, kind, name, namespace) as (Meta & { status?: { conditions?: { type: string; status: string }[] } }) | undefined;
    if (!o || !live(o)) return fail(`There is no ${kindWord(kind)} \`${name}\`${where(kind, namespace)}.`);
    const type = args.text("type", ctx.memory)!;
    const status = args.text("status", ctx.memory) ?? "True";
    if (o.status?.conditions?.some((c) => c.type === type && c.status === status)) return pass;
    return wait(`Waiting for ${kind} ${name} to be ${status === "True" ? type : `${type}=${status}`}…`);
  },
};

const podsReady: CheckSpec = {
  name: "podsReady",
  params: [
    { name: "selector", type: "selector", required: true, doc: "the pods' labels, like `app=test`" },
    { name: "count", type: "number", doc: "how many must be Ready (default 1)" },
    { name: "except", type: "text", doc: "pods not to count, by name or IP (a list: `a, b`), e.g. the one the learner deleted" },
    NAMESPACE,
  ],
  passes: "At least `count` pods with these labels are Running, Ready and have an IP (not counting `except`).",
  nearMisses: [
    "Pods are starting or being replaced: the step waits (\"1 of 3 pods ready…\").",
    "A Deployment with these pods asks for fewer replicas: \"Ask for 3 pods: `kubectl scale deployment test --replicas=3`.\"",
  ],
  run(args, ctx) {
    const labels = parseSelector(args.text("selector", ctx.memory)!) ?? {};
    const namespace = ns(args, ctx);
    const count = args.number("count", ctx.memory) ?? 1;
    const except = new Set(listOf(args.text("except", ctx.memory)).map((e) => e.replace(/:\d+$/, "")));
    const counted = (p: Pod) => !except.has(p.metadata.name) && !except.has(p.status.podIP ?? "");
    const all = podsMatching(ctx, labels, namespace);
    const ready = all.filter((p) => counted(p) && readyWithIP(p));
    if (ready.length >= count) return pass;
    const owner = ctx.snapshot.deployments.find((d) => nsOf(d) === namespace && live(d) && matches({ metadata: { name: "", labels: d.spec.template.metadata?.labels } }, labels));
    if (owner && owner.spec.replicas < count) return fail(`Ask for ${count} pods: \`kubectl scale deployment ${owner.metadata.name} --replicas=${count}\`.`);
    const leaving = ctx.snapshot.pods.some((p) => nsOf(p) === namespace && matches(p, labels) && !live(p));
    if (all.filter(counted).length > ready.length || leaving || (owner && owner.spec.replicas >= count)) return wait(`${ready.length} of ${count} pod${count === 1 ? "" : "s"} ready…`);
    return fail();
  },
};

const serviceExposed: CheckSpec = {
  name: "serviceExposed",
  params: [
    { name: "name", type: "text", required: true, doc: "the Service's name" },
    { name: "port", type: "number", required: true, doc: "the port it listens on (its `port`)" },
    { name: "targetPort", type: "text", doc: "where that port goes on the pods (a number or a port name)" },
    { name: "selector", type: "selector", doc: "the labels it must select, like `app=test` (exactly these)" },
    { name: "type", type: "text", doc: "ClusterIP, NodePort or LoadBalancer" },
    NAMESPACE,
  ],
  passes: "Service `name` exists, has port `port` going to `targetPort`, selects exactly `selector` and is of `type` (each when given).",
  nearMisses: [
    "Made without `--name` (it took the deployment's name) or under another name: \"Without `--name`, the Service takes the deployment's name, `test`…\"",
    "It selects other pods: \"my-service should stand in front of the test pods: expose the deployment `test`.\"",
    "Wrong port: \"my-service listens on port 80; the task asks for `--port=8080`.\"",
    "Wrong target port (forgotten, so it equals the port): \"Port 8080 is right, but the target port is 8080…\"",
    "Wrong type: \"my-service is a ClusterIP Service; the task asks for a NodePort.\"",
    "Each hint ends with how to start again (`kubectl delete svc …` and the expose command).",
  ],
  run(args, ctx) {
    const m = ctx.memory;
    const name = args.text("name", m)!;
    const namespace = ns(args, ctx);
    const port = args.number("port", m)!;
    const target = args.text("targetPort", m);
    const labels = args.has("selector") ? (parseSelector(args.text("selector", m)!) ?? {}) : undefined;
    const type = args.text("type", m);
    const app = labels?.app;
    const nsFlag = namespace === "default" ? "" : ` -n ${namespace}`;
    const redo = `Delete it (\`kubectl${nsFlag} delete svc ${name}\`) and ${app ? `expose again: \`kubectl${nsFlag} expose deployment ${app} --port=${port}${target ? ` --target-port=${target}` : ""} --name=${name}${type && type !== "ClusterIP" ? ` --type=${type}` : ""}\`` : "create it again"}.`;
    const svc = serviceOf(ctx, name, namespace);
    if (!svc || !live(svc)) {
      const others = ctx.snapshot.services.filter((s) => nsOf(s) === namespace && s.metadata.name !== "kubernetes" && s.metadata.name !== name && live(s));
      const other = others.find((s) => mentioned(ctx, s.metadata.name) || (app !== undefined && s.metadata.name === app && s.spec.selector?.app === app));
      if (other && app !== undefined && other.metadata.name === app) return fail(`Without \`--name\`, the Service takes the deployment's name, \`${app}\`. The lesson calls it \`${name}\`: add \`--name=${name}\`.`);
      if (other) return fail(`The lesson calls the Service \`${name}\` (you made \`${other.metadata.name}\`): \`--name=${name}\`.`);
      return fail();
    }
    if (labels) {
      const sel = svc.spec.selector ?? {};
      const same = Object.keys(sel).length === Object.keys(labels).length && matches({ metadata: { name: "", labels: sel } }, labels);
      if (!same) return fail(app ? `${name} should stand in front of the ${app} pods: expose the deployment \`${app}\`. ${redo}` : `${name} should select ${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(",")}. ${redo}`);
    }
    const p = svc.spec.ports?.find((x) => x.port === port);
    if (!p) {
      const has = (svc.spec.ports ?? []).map((x) => x.port).join(", ");
      return fail(`${name} listens on port ${has}; the task asks for \`--port=${port}\`. ${redo}`);
    }
    if (target !== undefined && String(p.targetPort) !== target) {
      if (String(p.targetPort) === String(port)) return fail(`Port ${port} is right, but the target port is ${p.targetPort}. The pods listen on ${target}, and without \`--target-port\` the target port is the same as the port. ${redo}`);
      return fail(`Port ${port} is right, but the target port is ${p.targetPort}; the pods listen on ${target}. ${redo}`);
    }
    if (type !== undefined && svc.spec.type !== type) return fail(`${name} is a ${svc.spec.type} Service; the task asks for a ${type}. ${redo}`);
    return pass;
  },
};

/** `ip:port` of a Service's ready endpoints. */
function endpointAddresses(ctx: CheckContext, name: string, namespace: string): { ip: string; pod?: string }[] {
  return readyEndpoints(ctx.snapshot, name, namespace);
}

const endpoints: CheckSpec = {
  name: "endpoints",
  params: [
    { name: "service", type: "text", required: true, doc: "the Service" },
    { name: "count", type: "number", doc: "at least this many ready endpoints (default 1)" },
    { name: "exactly", type: "number", doc: "exactly this many (`exactly: 0`: none)" },
    { name: "pod", type: "text", doc: "this pod must be one of them" },
    { name: "ip", type: "text", doc: "this address must be one of them" },
    { name: "except", type: "text", doc: "endpoints not to count, by IP or `ip:port` (a list, such as a remembered one)" },
    NAMESPACE,
  ],
  passes: "The Service's EndpointSlices list enough ready endpoints (and `pod`/`ip` among them).",
  nearMisses: [
    "Pods it selects are starting or being replaced: the step waits.",
    "No pod carries its selector: \"No pod carries app=tset, my-service's selector: it has no endpoints.\"",
  ],
  run(args, ctx) {
    const m = ctx.memory;
    const name = args.text("service", m)!;
    const namespace = ns(args, ctx);
    const svc = serviceOf(ctx, name, namespace);
    if (!svc) return fail(`There is no Service \`${name}\`${where("service", namespace)}.`);
    const except = new Set(listOf(args.text("except", m)).map((e) => e.replace(/:\d+$/, "")));
    const eps = endpointAddresses(ctx, name, namespace).filter((e) => !except.has(e.ip));
    const exactly = args.number("exactly", m);
    const count = args.number("count", m) ?? 1;
    const pod = args.text("pod", m);
    const ip = args.text("ip", m);
    const enough = exactly !== undefined ? eps.length === exactly : eps.length >= count;
    const has = (!pod || eps.some((e) => e.pod === pod)) && (!ip || eps.some((e) => e.ip === ip));
    if (enough && has) return pass;
    const selector = svc.spec.selector ?? {};
    const selected = Object.keys(selector).length > 0 ? podsMatching(ctx, selector, namespace) : [];
    const starting = selected.some((p) => !readyWithIP(p) || !endpointAddresses(ctx, name, namespace).some((e) => e.ip === p.status.podIP));
    const leaving = ctx.snapshot.pods.some((p) => nsOf(p) === namespace && Object.keys(selector).length > 0 && matches(p, selector) && !live(p));
    if (exactly !== undefined && eps.length > exactly) return leaving ? wait(`${name}'s endpoints are shutting down…`) : fail();
    if (starting || (leaving && eps.length < count)) return wait(`Waiting for ${name}'s endpoints…`);
    if (Object.keys(selector).length > 0 && selected.length === 0 && exactly === undefined) {
      return fail(`No pod carries ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(",")}, ${name}'s selector: it has no endpoints.`);
    }
    return fail();
  },
};

/** A command about Services or their endpoints (what shows a Service's endpoints). */
const SVC_LOOK = /\b(svc|services?|ep|endpoints|endpointslices?)\b/;

const lookedAtEndpoints: CheckSpec = {
  name: "lookedAtEndpoints",
  params: [
    { name: "service", type: "text", required: true, doc: "the Service" },
    { name: "except", type: "text", doc: "addresses that do not count (e.g. the endpoints remembered before a change): the output must show a new one" },
    NAMESPACE,
  ],
  passes: "Since the step opened, a command about Services or endpoints (`get ep`, `describe svc`, `get endpointslices`…) succeeded and its output shows one of the Service's ready endpoints now (one not in `except`).",
  nearMisses: ["The endpoints are not ready yet: the step waits.", "They are ready but not looked at: \"Now look at the Service again: `kubectl describe svc my-service`.\""],
  run(args, ctx) {
    const m = ctx.memory;
    const name = args.text("service", m)!;
    const namespace = ns(args, ctx);
    if (!serviceOf(ctx, name, namespace)) return fail(`There is no Service \`${name}\`${where("service", namespace)}.`);
    const except = new Set(listOf(args.text("except", m)).map((e) => e.replace(/:\d+$/, "")));
    const ips = endpointAddresses(ctx, name, namespace).map((e) => e.ip).filter((ip) => !except.has(ip));
    if (ips.length === 0) return wait(`Waiting for ${name}'s endpoints…`);
    if (ctx.commands.some((c) => c.source !== "quiet" && c.result.exitCode === 0 && SVC_LOOK.test(c.line) && ips.some((ip) => c.result.stdout.includes(ip)))) return pass;
    return fail(`Now look at the Service again: \`kubectl${namespace === "default" ? "" : ` -n ${namespace}`} describe svc ${name}\`.`);
  },
};

// ---------------------------------------------------------------------------------------------
// Commands

const ran: CheckSpec = {
  name: "ran",
  params: [
    { name: "pattern", type: "pattern", required: true, doc: "the command: plain words, found as whole words in this order (`get svc` matches `kubectl -n default get svc x`), or a `/regular expression/`" },
    { name: "exit", type: "text", doc: "its exit code: a number, or `any` (default 0: it succeeded)" },
    { name: "output", type: "pattern", doc: "text or a pattern its output (stdout) must contain" },
    { name: "error", type: "pattern", doc: "text or a pattern its error output (stderr) must contain" },
    { name: "on", type: "node", doc: "where it ran: a node's name, `node` (any node's shell) or `controlplane`" },
  ],
  passes: "Since the step opened, the learner ran a command matching `pattern` that exited with `exit` and printed `output`/`error`, in the shell of `on`.",
  nearMisses: [
    "The command ran but failed with NotFound: \"That found nothing: check the name, and the namespace (`-n …`).\"",
    "kubectl typed on a node: \"kubectl is not set up on the nodes here: type `exit` to come back to the control plane.\"",
    "It ran in another shell than `on`: \"Run it on node01 (`ssh node01`).\"",
  ],
  run(args, ctx) {
    const m = ctx.memory;
    const pattern = args.pattern("pattern", m)!;
    const exitText = args.text("exit", m) ?? "0";
    const output = args.pattern("output", m);
    const error = args.pattern("error", m);
    const on = args.text("on", m);
    const shellOk = (c: CommandRecord) => {
      if (!on) return true;
      const node = promptNode(c.prompt);
      if (on === "node") return node !== undefined;
      return node === on;
    };
    const exitOk = (c: CommandRecord) => exitText === "any" || String(c.result.exitCode) === exitText;
    const mine = ctx.commands.filter((c) => c.source !== "quiet" && pattern.line(c.line));
    if (mine.some((c) => exitOk(c) && shellOk(c) && (!output || output.text(c.result.stdout)) && (!error || error.text(c.result.stderr)))) return pass;
    const last = mine.at(-1);
    if (!last) return fail();
    if (/^\s*(kubectl|k)\s/.test(last.line) && promptNode(last.prompt) !== undefined && promptNode(last.prompt) !== "controlplane" && last.result.exitCode !== 0)
      return fail("kubectl is not set up on the nodes here: type `exit` to come back to the control plane.");
    if (on && !shellOk(last)) return fail(on === "node" ? "Run it on a node: `ssh node01` first." : `Run it on ${on} (\`ssh ${on}\`).`);
    if (exitText === "0" && last.result.exitCode !== 0 && /NotFound|not found|No resources found/.test(last.result.stderr + last.result.stdout)) return fail("That found nothing: check the name, and the namespace (`-n …`).");
    return fail();
  },
};

// ---------------------------------------------------------------------------------------------
// Connections

const tcp = (f: FlowEvent) => f.protocol === "tcp";

/** Flow from `from`: a pod's name, `outside`, a node's name, or `anyone`. */
function fromMatch(from: string, namespace: string): (f: FlowEvent) => boolean {
  if (from === "anyone") return () => true;
  if (from === "outside") return (f) => f.source.kind === "external";
  return (f) => (f.source.kind === "pod" && f.source.name === from && (f.source.namespace ?? "default") === namespace) || (f.source.kind === "node" && f.source.name === from);
}

function outcomeMatch(outcome: string): (f: FlowEvent) => boolean {
  if (outcome === "any") return () => true;
  return outcome === "failed" ? (f) => f.outcome !== "ok" : (f) => f.outcome === outcome;
}

const curledParams: readonly Param[] = [
  { name: "from", type: "text", required: true, doc: "who calls: a pod's name, a node's name, or `outside`" },
  { name: "service", type: "text", required: true, doc: "the Service called (by name or ClusterIP)" },
  { name: "port", type: "number", doc: "the port called (the Service's port)" },
  { name: "outcome", type: "outcome", doc: "ok (default), failed (anything but ok), refused, timeout, reset or unreachable" },
  { name: "count", type: "number", doc: "how many such calls (default 1)" },
  { name: "via", type: "text", doc: "`iptables` or `ipvs`: the rules the call went through" },
  { name: "through", type: "text", doc: "`nodePort`: the call dialled a node's IP and the Service's node port (from outside, as a user would)" },
  { name: "statusBelow", type: "number", doc: "the HTTP answer's status must be below this (`400`: no error)" },
  NAMESPACE,
];

const curled: CheckSpec = {
  name: "curled",
  params: curledParams,
  passes: "Since the step opened, `count` finished connections went from `from` to the Service (its name or ClusterIP) on `port` with `outcome`.",
  nearMisses: [
    "Another port: \"Nothing listens on port 80 of my-service's address. The Service's port is 8080…\"",
    "Called before kube-proxy wrote the rules (a timeout): \"That call left a moment too early… Try again.\"",
    "It worked, but from elsewhere: \"That worked, but not from the client pod. Run curl inside it: `kubectl exec client -- curl -s my-service:8080`.\"",
    "Straight to a pod IP behind the Service: \"That went straight to a pod's IP. Call the Service instead.\"",
    "curl on a node, where the Service's name does not resolve: \"The node does not use the cluster's DNS…\"",
    "Waiting for more calls (`count` above 1): \"40 of 200 requests so far…\"",
  ],
  run(args, ctx) {
    const m = ctx.memory;
    const from = args.text("from", m)!;
    const name = args.text("service", m)!;
    const namespace = ns(args, ctx);
    const port = args.number("port", m);
    const outcome = args.text("outcome", m) ?? "ok";
    const count = args.number("count", m) ?? 1;
    const via = args.text("via", m);
    const through = args.text("through", m);
    const statusBelow = args.number("statusBelow", m);
    const svc = serviceOf(ctx, name, namespace);
    const vip = svc?.spec.clusterIP;
    const nodePort = svc?.spec.ports?.find((p) => port === undefined || p.port === port)?.nodePort;
    const nodeIPs = new Set(ctx.snapshot.ranges.nodes.map((n) => n.ip));
    const toSvc = (f: FlowEvent) => tcp(f) && (f.service === `${namespace}/${name}` || (vip !== undefined && f.dst.ip === vip));
    const fromIt = fromMatch(from, namespace);
    const mine = closedFlows(ctx, (f) => toSvc(f) && fromIt(f));
    const dialled = (f: FlowEvent) => (through === "nodePort" ? nodePort !== undefined && f.dst.port === nodePort && nodeIPs.has(f.dst.ip) : port === undefined || f.dst.port === port);
    const answered = (f: FlowEvent) => statusBelow === undefined || (f.status !== undefined && f.status < statusBelow);
    const right = mine.filter((f) => dialled(f) && outcomeMatch(outcome)(f) && answered(f) && (!via || f.path.kind === via));
    if (right.length >= count) return pass;
    if (right.length > 0) return wait(`${right.length} of ${count} requests so far…`);
    if (through === "nodePort") {
      if (nodePort === undefined) return fail(`${name} has no node port: it is a ${svc?.spec.type ?? "missing"} Service. Expose it with \`--type=NodePort\`.`);
      const bad = mine.find((f) => dialled(f) && f.status !== undefined && !answered(f));
      if (bad) return fail(`That answered ${bad.status}: the request got through, but the application behind ${name} answered with an error.`);
      if (mine.some((f) => f.dst.port === nodePort && f.dst.ip.startsWith("127."))) return fail(`That answered, but only this machine can reach its localhost. Use a node's address and the node port: \`curl ${[...nodeIPs][0] ?? "NODE-IP"}:${nodePort}\`.`);
      if (mine.some((f) => vip !== undefined && f.dst.ip === vip)) return fail(`That went to the ClusterIP, which only answers inside the cluster. Use a node's address and the node port: \`curl ${[...nodeIPs][0] ?? "NODE-IP"}:${nodePort}\`.`);
      return fail();
    }
    const call = `${name}${port !== undefined ? `:${port}` : ""}`;
    const execCall = from === "outside" ? `curl ${call}` : `kubectl exec ${from} -- curl -s ${call}`;
    const wrong = port !== undefined ? mine.find((f) => f.dst.port !== port) : undefined;
    if (wrong) return fail(`Nothing listens on port ${wrong.dst.port} of ${name}'s address. The Service's port is ${port}: \`${call}\`.`);
    if (outcome === "ok") {
      if (mine.some((f) => f.outcome === "timeout")) return fail("That call left a moment too early: kube-proxy was still writing the rules for the new Service. Try again.");
      if (via && mine.some((f) => f.outcome === "ok")) return fail(`That call went through ${mine.find((f) => f.outcome === "ok")!.path.kind} rules; this step wants ${via}.`);
      if (closedFlows(ctx, (f) => toSvc(f) && f.outcome === "ok").length > 0) return fail(`That worked, but not from ${from === "outside" ? "outside the cluster" : `the ${from} pod`}.${from === "outside" ? "" : ` Run curl inside it: \`${execCall}\`.`}`);
      const selector = svc?.spec.selector ?? {};
      const podIPs = new Set(Object.keys(selector).length ? podsMatching(ctx, selector, namespace).map((p) => p.status.podIP) : []);
      if (closedFlows(ctx, (f) => tcp(f) && fromIt(f) && podIPs.has(f.dst.ip)).length > 0) return fail(`That went straight to a pod's IP. Call the Service instead: \`${call}\`.`);
      // curl's exit code 6: "Could not resolve host" (silent with -s).
      if (ctx.commands.some((c) => c.source !== "quiet" && /\bcurl\b/.test(c.line) && !/\bexec\b/.test(c.line) && (c.result.exitCode === 6 || /Could not resolve host/.test(c.result.stderr)))) {
        return fail(`The node does not use the cluster's DNS, so it cannot resolve \`${name}\`. Run curl inside the ${from} pod: \`${execCall}\`.`);
      }
    } else if (mine.some((f) => f.outcome === "ok")) {
      return fail("That call still reached a pod. Call again now.");
    }
    return fail();
  },
};

const connected: CheckSpec = {
  name: "connected",
  params: [
    { name: "from", type: "text", required: true, doc: "who calls: a pod's name, a node's name, `outside`, or `anyone` (a near miss: it reached the address, from wherever)" },
    { name: "to", type: "text", required: true, doc: "the address called (an IP), or a pod's name (the call reached that pod); a list `a, b` (quoted, or remembered) means any of them; `anywhere`: any TCP connection (a near miss: the pod called something else)" },
    { name: "port", type: "number", doc: "the port called" },
    { name: "outcome", type: "outcome", doc: "ok (default), failed, refused, timeout, reset, unreachable, or any" },
    { name: "count", type: "number", doc: "how many such calls (default 1)" },
    NAMESPACE,
  ],
  passes: "Since the step opened, `count` finished connections went from `from` to the address `to` (or reached pod `to`) with `outcome`.",
  nearMisses: [
    "It reached the address from elsewhere: \"That worked, but not from the client pod. Run it inside: `kubectl exec client -- …`.\"",
    "From the right pod to another address: \"The request went somewhere else: call 192.168.1.5.\"",
  ],
  run(args, ctx) {
    const m = ctx.memory;
    const from = args.text("from", m)!;
    const to = args.text("to", m)!;
    const namespace = ns(args, ctx);
    const port = args.number("port", m);
    const outcome = args.text("outcome", m) ?? "ok";
    const count = args.number("count", m) ?? 1;
    // One address or pod, or a list of them (a remembered `a, b`): any of them.
    const targets = listOf(to);
    const toIt = (f: FlowEvent) => (to.trim() === "anywhere" ? tcp(f) : targets.some((t) => (/^\d+\.\d+\.\d+\.\d+$/.test(t) ? f.dst.ip === t : f.backend?.name === t))) && (port === undefined || f.dst.port === port);
    const fromIt = fromMatch(from, namespace);
    const right = closedFlows(ctx, (f) => toIt(f) && fromIt(f) && outcomeMatch(outcome)(f));
    if (right.length >= count) return pass;
    if (right.length > 0) return wait(`${right.length} of ${count} requests so far…`);
    if (closedFlows(ctx, (f) => toIt(f) && outcomeMatch(outcome)(f)).length > 0) return fail(`That worked, but not from ${from === "outside" ? "outside the cluster" : `the ${from} pod`}.${from === "outside" ? "" : ` Run it inside: \`kubectl exec ${from} -- …\`.`}`);
    if (closedFlows(ctx, (f) => fromIt(f) && !toIt(f)).length > 0) return fail(`The request went somewhere else: call ${to}.`);
    return fail();
  },
};

const requests: CheckSpec = {
  name: "requests",
  params: [
    { name: "service", type: "text", required: true, doc: "the Service the traffic goes to" },
    { name: "count", type: "number", required: true, doc: "how many answered requests" },
    { name: "from", type: "text", doc: "the pod sending (default: anyone)" },
    { name: "via", type: "text", doc: "`iptables` or `ipvs`" },
    NAMESPACE,
  ],
  passes: "Since the step opened, at least `count` requests to the Service were answered (from `from`, through `via` rules): what the traffic panel's generator makes.",
  nearMisses: ["Some but not enough yet: the step waits (\"120 of 200 requests so far…\").", "They went through the other kind of rules: \"Those requests went through iptables rules; this step wants ipvs.\""],
  run(args, ctx) {
    const m = ctx.memory;
    const name = args.text("service", m)!;
    const namespace = ns(args, ctx);
    const count = args.number("count", m)!;
    const from = args.text("from", m);
    const via = args.text("via", m);
    const answered = closedFlows(ctx, (f) => tcp(f) && f.service === `${namespace}/${name}` && f.outcome === "ok" && (!from || fromMatch(from, namespace)(f)));
    const right = answered.filter((f) => !via || f.path.kind === via);
    if (right.length >= count) return pass;
    if (via && right.length === 0 && answered.length > 0) return fail(`Those requests went through ${answered[0].path.kind} rules; this step wants ${via}.`);
    if (right.length > 0) return wait(`${right.length} of ${count} requests so far…`);
    return fail();
  },
};

const backends: CheckSpec = {
  name: "backends",
  params: [
    { name: "service", type: "text", required: true, doc: "the Service" },
    { name: "last", type: "number", required: true, doc: "how many of the latest answered requests to look at" },
    { name: "pods", type: "number", doc: "exactly this many pods answered them (`pods: 1`: session affinity pins the client)" },
    { name: "pod", type: "text", doc: "the pod whose share `max`/`min` limit (default: every pod that answered, and every ready endpoint for `min`)" },
    { name: "max", type: "number", doc: "at most this share of the requests, from 0 to 1" },
    { name: "min", type: "number", doc: "at least this share of the requests, from 0 to 1" },
    { name: "except", type: "text", doc: "pods left out of `min` and `max` when no `pod` is named (a list)" },
    { name: "from", type: "text", doc: "the pod sending (default: anyone)" },
    NAMESPACE,
  ],
  passes: "Among the latest `last` answered requests to the Service since the step opened, the pods that answered match: how many (`pods`) and each one's share (`max`, `min`).",
  nearMisses: ["Fewer requests than `last` so far: the step waits (\"120 of 200 requests so far…\").", "The spread is wrong: the hint gives the count per pod (\"web-slow answered 34 % of the last 200 requests (web-…-87x75: 66, web-slow: 68, …)\")."],
  run(args, ctx) {
    const m = ctx.memory;
    const name = args.text("service", m)!;
    const namespace = ns(args, ctx);
    const last = args.number("last", m)!;
    const from = args.text("from", m);
    const done = closedFlows(ctx, (f) => tcp(f) && f.service === `${namespace}/${name}` && f.outcome === "ok" && !!f.backend && (!from || fromMatch(from, namespace)(f)));
    if (done.length === 0) return fail();
    if (done.length < last) return wait(`${done.length} of ${last} requests so far…`);
    const counts = new Map<string, number>();
    for (const f of done.slice(-last)) counts.set(f.backend!.name, (counts.get(f.backend!.name) ?? 0) + 1);
    const table = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([p, n]) => `${p}: ${n}`).join(", ");
    const pods = args.number("pods", m);
    if (pods !== undefined && counts.size !== pods) return fail(`${counts.size} pod${counts.size === 1 ? "" : "s"} answered the last ${last} requests (${table}).`);
    const pod = args.text("pod", m);
    const except = new Set(listOf(args.text("except", m)));
    const endpointsNow = readyEndpoints(ctx.snapshot, name, namespace).map((e) => e.pod).filter((p): p is string => !!p);
    const judged = pod ? [pod] : [...new Set([...counts.keys(), ...(args.has("min") ? endpointsNow : [])])].filter((p) => !except.has(p));
    const max = args.number("max", m);
    const min = args.number("min", m);
    for (const p of judged) {
      const share = (counts.get(p) ?? 0) / last;
      if ((max !== undefined && share > max) || (min !== undefined && share < min)) return fail(`${p} answered ${Math.round(share * 100)} % of the last ${last} requests (${table}).`);
    }
    return pass;
  },
};

const counters: CheckSpec = {
  name: "counters",
  params: [
    { name: "target", type: "text", required: true, doc: "a Service (`web`, `ns/web`) or `pod NAME`" },
    { name: "requests", type: "number", doc: "at least this many requests counted" },
    { name: "successRate", type: "number", doc: "at least this share answered, from 0 to 1 (Services)" },
    { name: "errors", type: "number", doc: "at most this many errors (pods)" },
  ],
  passes: "The traffic panel's counters (since the lab started or they were reset) reach the numbers given.",
  nearMisses: ["Fewer requests than asked, but some: the step waits."],
  run(args, ctx) {
    const m = ctx.memory;
    const t = args.text("target", m)!.trim();
    const metrics = ctx.traffic();
    const min = args.number("requests", m) ?? 1;
    const pm = /^pod\s+(\S+)$/.exec(t);
    if (pm) {
      const key = pm[1].includes("/") ? pm[1] : `default/${pm[1]}`;
      const c = Object.hasOwn(metrics.pods, key) ? metrics.pods[key] : undefined;
      if (!c || c.total === 0) return fail();
      const errors = args.number("errors", m);
      if (errors !== undefined && c.errors > errors) return fail(`${pm[1]} had ${c.errors} errors.`);
      return c.total >= min ? pass : wait(`${c.total} of ${min} requests so far…`);
    }
    const key = t.includes("/") ? t : `default/${t}`;
    const c = Object.hasOwn(metrics.targets, key) ? metrics.targets[key] : undefined;
    if (!c || c.requests === 0) return fail();
    const rate = args.number("successRate", m);
    if (c.requests < min) return wait(`${c.requests} of ${min} requests so far…`);
    if (rate !== undefined && c.successRate < rate) return fail(`Only ${Math.round(c.successRate * 100)} % of the requests to ${t} were answered.`);
    return pass;
  },
};

// ---------------------------------------------------------------------------------------------
// A node's rules and kube-proxy

/**
 * A Service's chains in a node's iptables rules: its KUBE-SVC chain (the one KUBE-SERVICES jumps
 * to for its ClusterIP) and the KUBE-SEP chains that chain jumps to, with the pod IP each DNATs to.
 */
export function serviceChains(ctx: CheckContext, node: string, namespace: string, name: string): { svc: string; seps: { chain: string; ip: string }[] } | undefined {
  const lines = ctx.rules(node);
  const key = `${namespace}/${name}`;
  const comment = (text: string) => {
    const c = /--comment "([^"]*)"/.exec(text)?.[1] ?? "";
    return c === `${key} cluster IP` || (c.startsWith(`${key}:`) && c.endsWith(" cluster IP"));
  };
  const entry = lines.find((l) => l.chain === "KUBE-SERVICES" && comment(l.text) && /-j KUBE-SVC-/.test(l.text));
  const svc = entry && /-j (KUBE-SVC-\w+)/.exec(entry.text)?.[1];
  if (!svc) return undefined;
  const seps = lines
    .filter((l) => l.chain === svc)
    .map((l) => /-j (KUBE-SEP-\w+)/.exec(l.text)?.[1])
    .filter((c): c is string => !!c)
    .map((chain) => {
      const dnat = lines.find((l) => l.chain === chain && /DNAT/.test(l.text));
      return { chain, ip: /--to-destination ([\d.]+):/.exec(dnat?.text ?? "")?.[1] ?? "" };
    });
  return { svc, seps };
}

const NODE: Param = { name: "node", type: "node", required: true, doc: "a node's name, or `node of POD` (the node a pod runs on)" };

const chain: CheckSpec = {
  name: "chain",
  params: [NODE, { name: "service", type: "text", required: true, doc: "the Service" }, { name: "endpoint", type: "text", doc: "a pod's name or IP that must have its KUBE-SEP chain (DNAT to it)" }, NAMESPACE],
  passes: "In iptables mode, the node's nat table has the Service's KUBE-SVC chain (jumped to from KUBE-SERVICES), and a KUBE-SEP chain that DNATs to `endpoint` when given.",
  nearMisses: ["kube-proxy has not written them yet: the step waits (\"kube-proxy is writing the rules…\")."],
  run(args, ctx) {
    const node = nodeArg(args, "node", ctx);
    if (!node) return fail();
    const namespace = ns(args, ctx);
    const name = args.text("service", ctx.memory)!;
    const chains = serviceChains(ctx, node, namespace, name);
    if (!chains) return serviceOf(ctx, name, namespace) ? wait("kube-proxy is writing the rules…") : fail(`There is no Service \`${name}\`.`);
    const ep = args.text("endpoint", ctx.memory);
    if (!ep) return pass;
    const ip = /^\d+\.\d+\.\d+\.\d+$/.test(ep) ? ep : ctx.snapshot.pods.find((p) => p.metadata.name === ep && nsOf(p) === namespace)?.status.podIP;
    if (!ip) return fail();
    return chains.seps.some((s) => s.ip === ip) ? pass : wait("kube-proxy is writing the rules…");
  },
};

const virtualServer: CheckSpec = {
  name: "virtualServer",
  params: [NODE, { name: "service", type: "text", required: true, doc: "the Service" }, { name: "port", type: "number", doc: "the Service's port (default: its first)" }, { name: "endpoint", type: "text", doc: "a pod's name or IP that must be a real server behind it" }, NAMESPACE],
  passes: "In IPVS mode, the node's IPVS table has a virtual server for the Service's ClusterIP and port (with `endpoint` behind it when given).",
  nearMisses: ["kube-proxy has not written it yet (or is still restarting): the step waits."],
  run(args, ctx) {
    const node = nodeArg(args, "node", ctx);
    if (!node) return fail();
    const namespace = ns(args, ctx);
    const svc = serviceOf(ctx, args.text("service", ctx.memory)!, namespace);
    if (!svc?.spec.clusterIP) return fail(`There is no Service \`${args.text("service", ctx.memory)}\`.`);
    const port = args.number("port", ctx.memory) ?? svc.spec.ports?.[0]?.port;
    const lines = ctx.rules(node).map((r) => r.text);
    const at = lines.findIndex((l) => new RegExp(`^(TCP|UDP|SCTP)\\s+${svc.spec.clusterIP!.replace(/\./g, "\\.")}:${port}\\s`).test(l));
    if (at < 0) return wait("kube-proxy is writing the rules…");
    const ep = args.text("endpoint", ctx.memory);
    if (!ep) return pass;
    const ip = /^\d+\.\d+\.\d+\.\d+$/.test(ep) ? ep : ctx.snapshot.pods.find((p) => p.metadata.name === ep && nsOf(p) === namespace)?.status.podIP;
    const dests: string[] = [];
    for (let i = at + 1; i < lines.length && /^\s+->/.test(lines[i]); i++) dests.push(lines[i]);
    return ip && dests.some((d) => d.includes(` ${ip}:`)) ? pass : wait("kube-proxy is writing the rules…");
  },
};

const rule: CheckSpec = {
  name: "rule",
  params: [NODE, { name: "pattern", type: "pattern", required: true, doc: "text or a pattern one line of the node's rules must match (iptables-save, or ipvsadm -Ln in IPVS mode)" }],
  passes: "A line of the node's rules matches `pattern` (e.g. the REJECT rule of a Service without endpoints).",
  nearMisses: [],
  run(args, ctx) {
    const node = nodeArg(args, "node", ctx);
    const p = args.pattern("pattern", ctx.memory)!;
    return node && ctx.rules(node).some((r) => p.text(r.text)) ? pass : fail();
  },
};

const proxyMode: CheckSpec = {
  name: "proxyMode",
  params: [{ name: "mode", type: "text", required: true, doc: "`iptables` or `ipvs`" }, { name: "scheduler", type: "text", doc: "the IPVS scheduler: rr, lc, sh…" }],
  passes: "kube-proxy runs on every node, in `mode` (with `scheduler`), with its rules up to date.",
  nearMisses: [
    "kube-proxy is restarting: the step waits.",
    "The ConfigMap says the mode but kube-proxy was not restarted: \"kube-proxy reads its ConfigMap only when it starts: `kubectl -n kube-system rollout restart daemonset kube-proxy`.\"",
  ],
  run(args, ctx) {
    const mode = args.text("mode", ctx.memory)!;
    const scheduler = args.text("scheduler", ctx.memory);
    const ps = ctx.proxies();
    const right = (p: (typeof ps)[number]) => p.mode === mode && (!scheduler || (p.scheduler || "rr") === scheduler);
    if (ps.length > 0 && ps.every((p) => right(p) && p.running && !p.stale)) return pass;
    if (ps.some((p) => !p.running || p.stale) || (ps.some(right) && !ps.every(right))) return wait("kube-proxy is restarting, one node at a time…");
    const cm = ctx.snapshot.configMaps.find((c) => c.metadata.name === "kube-proxy" && c.metadata.namespace === "kube-system");
    const conf = cm?.data?.["config.conf"] ?? "";
    const says = new RegExp(`^mode:\\s*"?${mode}"?\\s*$`, "m").test(conf) && (!scheduler || new RegExp(`scheduler:\\s*"?${scheduler}"?`).test(conf));
    if (says) return fail("kube-proxy reads its ConfigMap only when it starts: `kubectl -n kube-system rollout restart daemonset kube-proxy`.");
    return fail();
  },
};

// ---------------------------------------------------------------------------------------------
// Memory

const remembered: CheckSpec = {
  name: "remembered",
  params: [{ name: "name", type: "text", required: true, doc: "the remembered value's name" }, { name: "equals", type: "text", doc: "the value it must have" }, { name: "not", type: "text", doc: "a value it must not have" }],
  passes: "An earlier step remembered a non-empty value under `name` (equal to `equals`, different from `not`).",
  nearMisses: [],
  run(args, ctx) {
    const name = args.text("name", ctx.memory)!;
    const v = Object.hasOwn(ctx.memory, name) ? ctx.memory[name] : "";
    if (!v) return fail();
    const eq = args.text("equals", ctx.memory);
    const not = args.text("not", ctx.memory);
    return (eq === undefined || v === eq) && (not === undefined || v !== not) ? pass : fail();
  },
};

const BUILT_IN: readonly CheckSpec[] = [exists, gone, field, condition, podsReady, serviceExposed, endpoints, lookedAtEndpoints, ran, curled, connected, requests, backends, counters, chain, virtualServer, rule, proxyMode, remembered];

const registry = new Map<string, CheckSpec>(BUILT_IN.map((c) => [c.name, c]));

/** The vocabulary: every check a lesson file can name. */
export function vocabulary(): ReadonlyMap<string, CheckSpec> {
  return registry;
}

/**
 * Adds a check written in code (a built-in lesson's own) under `spec.name`; a lesson file then
 * uses it by name. Names are unique: registering one twice is a programming error.
 */
export function registerCheck(spec: CheckSpec): void {
  if (registry.has(spec.name)) throw new Error(`a lesson check called ${spec.name} is already registered`);
  if (!/^[a-z][A-Za-z0-9]*$/.test(spec.name)) throw new Error(`a lesson check's name must be camelCase: ${spec.name}`);
  registry.set(spec.name, spec);
}
