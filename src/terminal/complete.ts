/**
 * Tab completion at the prompt, from what the terminal already knows: shell commands, kubectl
 * verbs and resource types, and object names from the latest snapshot (in the namespace given
 * with -n, else default). No engine call: completing must not move the cluster's clock.
 */
import type { ClusterSnapshot } from "../engine/api";

const SHELL = ["kubectl", "k", "ssh", "exit", "sleep", "clear", "history", "help", "kubeadm", "cat", "ls", "rm", "echo", "grep", "vi", "vim", "nano", "iptables-save", "iptables", "ipvsadm", "ip", "hostname", "date"];
const VERBS = ["annotate", "api-resources", "apply", "cluster-info", "config", "create", "delete", "describe", "edit", "exec", "expose", "get", "label", "logs", "rollout", "run", "scale", "set", "version", "wait"];
const TYPES = ["pods", "services", "deployments", "replicasets", "daemonsets", "endpoints", "endpointslices", "nodes", "namespaces", "configmaps", "events", "all"];
const BY_VERB: Record<string, string[]> = {
  scale: ["deployment", "replicaset"],
  expose: ["deployment", "pod", "replicaset", "service"],
  rollout: ["history", "pause", "restart", "resume", "status", "undo"],
  create: ["configmap", "deployment", "namespace", "service"],
  set: ["env", "image"],
  config: ["current-context", "get-contexts", "view"],
};
const CREATE_SERVICE = ["clusterip", "externalname", "loadbalancer", "nodeport"];

type Names = (s: ClusterSnapshot, ns: string) => string[];
const inNs = (list: readonly { metadata: { name: string; namespace?: string } }[], ns: string) => list.filter((o) => (o.metadata.namespace ?? "") === ns).map((o) => o.metadata.name);

/** Object names per resource type, singular, plural and short names alike. */
const NAMES: [string[], Names][] = [
  [["po", "pod", "pods"], (s, ns) => inNs(s.pods, ns)],
  [["svc", "service", "services"], (s, ns) => inNs(s.services, ns)],
  [["deploy", "deployment", "deployments"], (s, ns) => inNs(s.deployments, ns)],
  [["rs", "replicaset", "replicasets"], (s, ns) => inNs(s.replicaSets, ns)],
  [["ds", "daemonset", "daemonsets"], (s, ns) => inNs(s.daemonSets, ns)],
  [["ep", "endpoints"], (s, ns) => inNs(s.endpoints, ns)],
  [["endpointslice", "endpointslices"], (s, ns) => inNs(s.endpointSlices, ns)],
  [["cm", "configmap", "configmaps"], (s, ns) => inNs(s.configMaps, ns)],
  [["no", "node", "nodes"], (s) => s.nodes.map((n) => n.metadata.name)],
  [["ns", "namespace", "namespaces"], (s) => s.namespaces.map((n) => n.metadata.name)],
];

function namesOf(type: string, s: ClusterSnapshot, ns: string): string[] | undefined {
  const t = type.toLowerCase().replace(/\..*$/, "");
  return NAMES.find(([aliases]) => aliases.includes(t))?.[1](s, ns);
}

export interface Completion {
  /** The partial word being completed (the text just before the cursor). */
  word: string;
  /** Full words that complete it, sorted. */
  candidates: string[];
}

/** The namespace a kubectl line addresses (-n NS, --namespace=NS), default "default". */
function namespaceOf(words: string[]): string {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((w === "-n" || w === "--namespace") && words[i + 1]) return words[i + 1];
    const m = /^(?:-n|--namespace)=(.+)$/.exec(w);
    if (m) return m[1];
  }
  return "default";
}

function kubectlOptions(args: string[], s: ClusterSnapshot): string[] {
  const prev = args[args.length - 1];
  if (prev === "-n" || prev === "--namespace") return s.namespaces.map((n) => n.metadata.name);
  const positional = args.filter((a, i) => !a.startsWith("-") && !(i > 0 && (args[i - 1] === "-n" || args[i - 1] === "--namespace")));
  const ns = namespaceOf(args);
  const [verb, first, second] = positional;
  if (positional.length === 0) return VERBS;
  if (verb === "logs" || verb === "exec") return positional.length === 1 ? inNs(s.pods, ns) : [];
  if (verb === "create" && first === "service" && positional.length === 2) return CREATE_SERVICE;
  if ((verb === "create" && positional.length >= 2) || verb === "run") return []; // a new object's name
  if (positional.length === 1) return BY_VERB[verb] ?? TYPES;
  const type = verb === "rollout" || verb === "set" ? second : first;
  const typeAt = verb === "rollout" || verb === "set" ? 2 : 1;
  if (positional.length === typeAt) return verb === "rollout" || verb === "set" ? ["daemonset", "deployment"] : [];
  if (type && !type.includes("/") && positional.length >= typeAt + 1) return namesOf(type, s, ns) ?? [];
  return [];
}

/** Completions for the text before the cursor. */
export function complete(before: string, snapshot: ClusterSnapshot): Completion {
  const words = before.split(/\s+/);
  const word = words.pop() ?? "";
  const args = words.filter((w) => w !== "");
  let options: string[] = [];
  if (args.length === 0) options = SHELL;
  else if (args[0] === "kubectl" || args[0] === "k") {
    const slash = word.indexOf("/");
    if (slash > 0) {
      // TYPE/NAME in one word.
      const type = word.slice(0, slash);
      options = (namesOf(type, snapshot, namespaceOf(args)) ?? []).map((n) => `${type}/${n}`);
    } else options = kubectlOptions(args.slice(1), snapshot);
  } else if (args[0] === "ssh" && args.length === 1) options = snapshot.nodes.map((n) => n.metadata.name);
  const candidates = [...new Set(options.filter((o) => o.startsWith(word)))].sort();
  return { word, candidates };
}

/** The longest prefix every candidate shares. */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return "";
  let p = candidates[0];
  for (const c of candidates) while (!c.startsWith(p)) p = p.slice(0, -1);
  return p;
}
