/**
 * Small, pure helpers lessons write their checks with: read the snapshot (pods, Services,
 * endpoints), find a command the learner ran, find a connection they made. Every check is a plain
 * function of a {@link CheckContext}, so unit tests feed it hand-made states.
 */
import type { ClusterSnapshot, FlowEvent } from "../engine/api";
import type { Deployment, Pod, Service } from "../engine/cluster/types";
import { cidrContains, parseCidr, parseIPv4 } from "../engine/lib";
import { isPodReady } from "../store/selectors";
import type { CheckContext, CheckResult, CommandRecord } from "./types";

export const pass: CheckResult = { status: "pass" };
export const wait = (message: string): CheckResult => ({ status: "wait", message });
export const fail = (hint?: string): CheckResult => (hint === undefined ? { status: "fail" } : { status: "fail", hint });

/** True when `ip` is inside `cidr` (both dotted IPv4; false for anything malformed). */
export function inCidr(ip: string | undefined, cidr: string): boolean {
  if (!ip) return false;
  const c = parseCidr(cidr);
  const a = parseIPv4(ip);
  return c.ok && a !== null && cidrContains(c.value, a);
}

const nsOf = (o: { metadata: { namespace?: string } }) => o.metadata.namespace ?? "default";

/** Pods of namespace `ns` (default "default") that are not being deleted, optionally by label. */
export function livePods(snapshot: ClusterSnapshot, labels: Record<string, string> = {}, ns = "default"): Pod[] {
  return snapshot.pods.filter(
    (p) => nsOf(p) === ns && !p.metadata.deletionTimestamp && Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v),
  );
}

/** Running, Ready pods with an IP. */
export function readyPods(snapshot: ClusterSnapshot, labels: Record<string, string> = {}, ns = "default"): Pod[] {
  return livePods(snapshot, labels, ns).filter((p) => isPodReady(p) && !!p.status.podIP);
}

export function pod(snapshot: ClusterSnapshot, name: string, ns = "default"): Pod | undefined {
  return snapshot.pods.find((p) => p.metadata.name === name && nsOf(p) === ns);
}

export function service(snapshot: ClusterSnapshot, name: string, ns = "default"): Service | undefined {
  return snapshot.services.find((s) => s.metadata.name === name && nsOf(s) === ns);
}

export function deployment(snapshot: ClusterSnapshot, name: string, ns = "default"): Deployment | undefined {
  return snapshot.deployments.find((d) => d.metadata.name === name && nsOf(d) === ns);
}

/** The pods a Deployment's ReplicaSets own now (through the owner chain, not labels). */
export function podsOfDeployment(snapshot: ClusterSnapshot, name: string, ns = "default"): Pod[] {
  const sets = new Set(
    snapshot.replicaSets.filter((rs) => nsOf(rs) === ns && rs.metadata.ownerReferences?.some((o) => o.kind === "Deployment" && o.name === name)).map((rs) => rs.metadata.name),
  );
  return livePods(snapshot, {}, ns).filter((p) => p.metadata.ownerReferences?.some((o) => o.kind === "ReplicaSet" && sets.has(o.name)));
}

/** One ready endpoint of a Service, from its EndpointSlices (what kube-proxy reads). */
export interface ReadyEndpoint {
  ip: string;
  pod?: string;
  node?: string;
}

/** The ready endpoints of Service `name`, from its EndpointSlices. */
export function readyEndpoints(snapshot: ClusterSnapshot, name: string, ns = "default"): ReadyEndpoint[] {
  const out: ReadyEndpoint[] = [];
  for (const slice of snapshot.endpointSlices) {
    if (nsOf(slice) !== ns || slice.metadata.labels?.["kubernetes.io/service-name"] !== name) continue;
    for (const ep of slice.endpoints) {
      if (!ep.conditions.ready) continue;
      for (const ip of ep.addresses) out.push({ ip, pod: ep.targetRef?.name, node: ep.nodeName });
    }
  }
  return out;
}

/** The endpoint ports of Service `name` (name → port), from its EndpointSlices. */
export function endpointPorts(snapshot: ClusterSnapshot, name: string, ns = "default"): Map<string, number> {
  const out = new Map<string, number>();
  for (const slice of snapshot.endpointSlices) {
    if (nsOf(slice) !== ns || slice.metadata.labels?.["kubernetes.io/service-name"] !== name) continue;
    for (const p of slice.ports ?? []) out.set(p.name, p.port);
  }
  return out;
}

/** Splits a line into words the way a check needs (quotes dropped; no shell expansion). */
export function words(line: string): string[] {
  return line.match(/"[^"]*"|'[^']*'|\S+/g)?.map((w) => w.replace(/^["']|["']$/g, "")) ?? [];
}


/** The node a prompt belongs to (`node01:~$ ` → node01), if it is a node's shell. */
export function promptNode(prompt: string): string | undefined {
  const m = /^([a-z0-9-]+):[^$#]*[$#] $/.exec(prompt);
  return m ? m[1] : undefined;
}

/** The most recent command (not a panel's quiet read) whose line matches, if any. */
export function ran(ctx: CheckContext, pattern: RegExp, where: (c: CommandRecord) => boolean = () => true): CommandRecord | undefined {
  for (let i = ctx.commands.length - 1; i >= 0; i--) {
    const c = ctx.commands[i];
    if (c.source !== "quiet" && pattern.test(c.line) && where(c)) return c;
  }
  return undefined;
}

/** Like {@link ran}, but only lines that succeeded (exit code 0). */
export function ranOk(ctx: CheckContext, pattern: RegExp, where: (c: CommandRecord) => boolean = () => true): CommandRecord | undefined {
  return ran(ctx, pattern, (c) => c.result.exitCode === 0 && where(c));
}


/** Connections since the step opened that have finished and match. */
export function closedFlows(ctx: CheckContext, match: (f: FlowEvent) => boolean = () => true): FlowEvent[] {
  return ctx.flows.filter((f) => f.endTime !== undefined && match(f));
}

/** True when the flow came from pod `name` (namespace default unless given). */
export const fromPod = (name: string, ns = "default") => (f: FlowEvent) => f.source.kind === "pod" && f.source.name === name && (f.source.namespace ?? "default") === ns;

/** True when the flow dialled Service `ns/name` (by name or ClusterIP). */
export const toService = (name: string, ns = "default") => (f: FlowEvent) => f.service === `${ns}/${name}`;

