/**
 * The kubectl lines behind every canvas and panel action — exactly what a learner would type,
 * because they are echoed in the terminal (DESIGN.md principle 4). Pure string builders.
 */
import type { Deployment, Labels } from "../engine/cluster/types";

/** `a=1,b=2` for a label map (no quoting: label keys and values cannot hold spaces). */
export function labelList(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

/** Parses `a=1, b=2` (commas or spaces) into labels; returns an error for a malformed item. */
export function parseLabels(text: string): { ok: true; labels: Labels } | { ok: false; error: string } {
  const labels: Labels = {};
  for (const item of text.split(/[,\s]+/).filter(Boolean)) {
    const eq = item.indexOf("=");
    if (eq <= 0) return { ok: false, error: `"${item}" is not key=value` };
    labels[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return { ok: true, labels };
}

export const deletePod = (ns: string, name: string) => `kubectl delete pod ${name}${nsFlag(ns)} --wait=false`;
export const deleteObject = (kind: "deployment" | "service", ns: string, name: string) => `kubectl delete ${kind} ${name}${nsFlag(ns)}`;
export const scaleDeployment = (ns: string, name: string, replicas: number) => `kubectl scale deployment ${name}${nsFlag(ns)} --replicas=${replicas}`;

export interface CreateDeploymentInput {
  name: string;
  image: string;
  replicas: number;
  /** Pod labels; when exactly `app=NAME` (kubectl's default), the short command is used. */
  labels: Labels;
  containerPort?: number;
}

/**
 * `kubectl create deployment` when the labels are kubectl's default `app=NAME` (it has no
 * --labels flag); otherwise a manifest through `kubectl apply -f - <<EOF`, as a learner would
 * write one — apply, so later template label edits can also remove what it set.
 */
export function createDeployment(d: CreateDeploymentInput): string {
  const defaultLabels = Object.keys(d.labels).length === 0 || (Object.keys(d.labels).length === 1 && d.labels.app === d.name);
  if (defaultLabels) {
    const port = d.containerPort ? ` --port=${d.containerPort}` : "";
    return `kubectl create deployment ${d.name} --image=${d.image} --replicas=${d.replicas}${port}`;
  }
  const container: Record<string, unknown> = { name: containerName(d.image), image: d.image };
  if (d.containerPort) container.ports = [{ containerPort: d.containerPort }];
  const manifest = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: d.name, labels: d.labels },
    spec: { replicas: d.replicas, selector: { matchLabels: d.labels }, template: { metadata: { labels: d.labels }, spec: { containers: [container] } } },
  };
  return heredoc("kubectl apply -f -", manifest);
}

/** kubectl's container name for an image: the last path part without tag or digest. */
export function containerName(image: string): string {
  const last = image.split("/").pop() ?? image;
  return last.split(/[:@]/)[0].replace(/[^a-z0-9-]/g, "-");
}

export interface ExposeInput {
  kind: "deployment" | "pod";
  target: string;
  namespace: string;
  port: number;
  targetPort?: string;
  name?: string;
  type?: "ClusterIP" | "NodePort" | "LoadBalancer";
}

/** The article's `kubectl expose deploy test --port=8080 --target-port=80 --name=my-service`. */
export function expose(e: ExposeInput): string {
  const parts = [`kubectl expose ${e.kind === "deployment" ? "deploy" : "pod"} ${e.target}${nsFlag(e.namespace)} --port=${e.port}`];
  if (e.targetPort) parts.push(`--target-port=${e.targetPort}`);
  if (e.name) parts.push(`--name=${e.name}`);
  if (e.type && e.type !== "ClusterIP") parts.push(`--type=${e.type}`);
  return parts.join(" ");
}

/** A lone pod (no ReplicaSet owns it): the article's orphan. */
export function runPod(name: string, image: string, labels: Labels): string {
  const l = Object.keys(labels).length ? ` --labels=${labelList(labels)}` : "";
  return `kubectl run ${name} --image=${image}${l}`;
}

/** Adds or changes (`--overwrite`) and removes (`key-`) labels on one object. */
export function label(kind: "pod" | "deployment" | "service", ns: string, name: string, set: Labels, remove: readonly string[] = []): string {
  const pairs = [...Object.entries(set).map(([k, v]) => `${k}=${v}`), ...remove.map((k) => `${k}-`)];
  const overwrite = Object.keys(set).length > 0 ? " --overwrite" : "";
  return `kubectl label ${kind} ${name}${nsFlag(ns)} ${pairs.join(" ")}${overwrite}`;
}

/**
 * New pod-template labels for a Deployment, with `kubectl patch` (a strategic merge patch: labels
 * that are gone are set to null, everything else in the template — env, ports, resources — stays).
 * The API server then does the real thing: a new ReplicaSet rolls out, or — when the selector no
 * longer matches, or is changed — kubectl's own error comes back.
 */
export function setTemplateLabels(d: Deployment, labels: Labels, selector?: Labels): string {
  const old = d.spec.template.metadata?.labels ?? {};
  const changed: Record<string, string | null> = { ...labels };
  for (const k of Object.keys(old)) if (!(k in labels)) changed[k] = null;
  const spec: Record<string, unknown> = { template: { metadata: { labels: changed } } };
  if (selector) spec.selector = { matchLabels: selector };
  // The JSON goes inside single quotes: label keys and values cannot contain one.
  return `kubectl patch deployment ${d.metadata.name}${nsFlag(d.metadata.namespace ?? "default")} -p '${JSON.stringify({ spec })}'`;
}

/**
 * The way out of an immutable selector: the same Deployment created again with new labels (the
 * live pod template kept whole: env, ports, resources), after `kubectl delete`.
 */
export function recreateDeployment(d: Deployment, labels: Labels): string {
  const manifest = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: d.metadata.name, namespace: d.metadata.namespace, ...(d.metadata.labels ? { labels: d.metadata.labels } : {}) },
    spec: {
      replicas: d.spec.replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: d.spec.template.spec },
    },
  };
  return heredoc("kubectl apply -f -", manifest);
}

/**
 * The YAML writer, loaded after the first paint (the `yaml` library is 30 kB gzipped, and only the
 * few buttons that write a manifest need it). Until it is in, a manifest is written as JSON —
 * valid YAML too, and kubectl takes it the same — so a click never waits or fails.
 */
let toYaml: ((doc: unknown) => string) | undefined;
export const yamlReady: Promise<void> = import("yaml").then(
  (m) => {
    toYaml = (doc) => m.stringify(doc);
  },
  () => undefined,
);

function heredoc(command: string, doc: unknown): string {
  const text = toYaml ? toYaml(doc) : JSON.stringify(doc, null, 2);
  return `${command} <<EOF\n${text.trimEnd()}\nEOF`;
}

function nsFlag(ns: string): string {
  return ns && ns !== "default" ? ` -n ${ns}` : "";
}
