/**
 * Values a lesson file remembers between steps (`clusterIP = field(service, my-service,
 * spec.clusterIP)`), read from the live cluster when a step opens or passes.
 */
import type { Pod } from "../../engine/cluster/types";
import { closedFlows, endpointPorts, livePods, readyEndpoints } from "../checks";
import { isPodReady } from "../../store/selectors";
import type { CheckContext } from "../types";
import { serviceChains } from "./vocabulary";
import { Args, KINDS, kindOf, parsePath, parseSelector, readPath, valueText, type Param } from "./args";

export interface ValueSpec {
  name: string;
  params: readonly Param[];
  /** What it reads, for the documentation. */
  reads: string;
  read(args: Args, ctx: CheckContext): string;
}

const NAMESPACE: Param = { name: "namespace", type: "text", doc: "the namespace (default: default)" };
const ns = (args: Args, ctx: CheckContext) => args.text("namespace", ctx.memory) || "default";
const nsOf = (o: { metadata: { namespace?: string } }) => o.metadata.namespace ?? "default";

function readyPodsSorted(args: Args, ctx: CheckContext): Pod[] {
  const labels = parseSelector(args.text("selector", ctx.memory) ?? "") ?? {};
  const except = new Set((args.text("except", ctx.memory) ?? "").split(",").map((s) => s.trim()).filter(Boolean));
  const owner = args.text("owner", ctx.memory)?.trim();
  return livePods(ctx.snapshot, labels, ns(args, ctx))
    .filter((p) => isPodReady(p) && !!p.status.podIP)
    .filter((p) => !except.has(p.metadata.name) && !except.has(p.status.podIP!))
    .filter((p) => owner !== "none" || (p.metadata.ownerReferences?.length ?? 0) === 0)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

/** What `pod` and `pods` take besides the selector and the path. */
const POD_FILTERS: readonly Param[] = [
  { name: "except", type: "text", doc: "pods not to read, by name or IP (a list)" },
  { name: "owner", type: "text", doc: "`none`: only pods no controller owns (made with `kubectl run`, or released by their ReplicaSet)" },
];

const podPath = (args: Args, ctx: CheckContext) => {
  const p = parsePath(args.text("path", ctx.memory) ?? "metadata.name");
  return typeof p === "string" ? [] : p;
};

const VALUES: readonly ValueSpec[] = [
  {
    name: "field",
    params: [
      { name: "kind", type: "kind", required: true, doc: "the kind" },
      { name: "name", type: "text", required: true, doc: "the object's name" },
      { name: "path", type: "path", required: true, doc: "where the value is, like `spec.clusterIP`" },
      NAMESPACE,
    ],
    reads: "A field of one object, e.g. a Service's `spec.clusterIP` or a pod's `spec.nodeName`.",
    read(args, ctx) {
      const kind = kindOf(args.text("kind", ctx.memory)!)!;
      const name = args.text("name", ctx.memory)!;
      const namespace = ns(args, ctx);
      const list = ctx.snapshot[KINDS[kind].list] as unknown as readonly { metadata: { name: string; namespace?: string } }[];
      const o = list.find((x) => x.metadata.name === name && (!KINDS[kind].namespaced || nsOf(x) === namespace));
      const path = parsePath(args.text("path", ctx.memory)!);
      return (o && typeof path !== "string" && valueText(readPath(o, path))) || "";
    },
  },
  {
    name: "pod",
    params: [{ name: "selector", type: "selector", required: true, doc: "the pods' labels" }, { name: "path", type: "path", doc: "what to read (default `metadata.name`; `status.podIP`, `spec.nodeName`…)" }, ...POD_FILTERS, NAMESPACE],
    reads: "The first Ready pod with these labels (by name), its name or the field at `path`.",
    read(args, ctx) {
      const p = readyPodsSorted(args, ctx)[0];
      return (p && valueText(readPath(p, podPath(args, ctx)))) || "";
    },
  },
  {
    name: "pods",
    params: [{ name: "selector", type: "selector", required: true, doc: "the pods' labels" }, { name: "path", type: "path", doc: "what to read of each (default `metadata.name`)" }, ...POD_FILTERS, NAMESPACE],
    reads: "Every Ready pod with these labels, as a list `a, b, c`.",
    read(args, ctx) {
      const path = podPath(args, ctx);
      return readyPodsSorted(args, ctx)
        .map((p) => valueText(readPath(p, path)) ?? "")
        .join(", ");
    },
  },
  {
    name: "endpoints",
    params: [{ name: "service", type: "text", required: true, doc: "the Service" }, NAMESPACE],
    reads: "The Service's ready endpoints as `ip:port, ip:port`, sorted.",
    read(args, ctx) {
      const name = args.text("service", ctx.memory)!;
      const namespace = ns(args, ctx);
      const port = [...endpointPorts(ctx.snapshot, name, namespace).values()][0] ?? 80;
      return readyEndpoints(ctx.snapshot, name, namespace)
        .map((e) => `${e.ip}:${port}`)
        .sort()
        .join(", ");
    },
  },
  {
    name: "endpointCount",
    params: [{ name: "service", type: "text", required: true, doc: "the Service" }, NAMESPACE],
    reads: "How many ready endpoints the Service has, as a number.",
    read(args, ctx) {
      return String(readyEndpoints(ctx.snapshot, args.text("service", ctx.memory)!, ns(args, ctx)).length);
    },
  },
  {
    name: "lastBackend",
    params: [{ name: "service", type: "text", required: true, doc: "the Service" }, NAMESPACE],
    reads: "The pod that answered the latest successful call to the Service in this step.",
    read(args, ctx) {
      const key = `${ns(args, ctx)}/${args.text("service", ctx.memory)!}`;
      const ok = closedFlows(ctx, (f) => f.service === key && f.outcome === "ok" && !!f.backend);
      return ok.at(-1)?.backend?.name ?? "";
    },
  },
];

const registry = new Map(VALUES.map((v) => [v.name, v]));

/** `node01`, or `node of POD`. */
function nodeOf(args: Args, ctx: CheckContext): string {
  const t = (args.text("node", ctx.memory) ?? "").trim();
  const m = /^node of (\S+)$/.exec(t);
  return m ? (ctx.snapshot.pods.find((p) => p.metadata.name === m[1] && nsOf(p) === ns(args, ctx))?.spec.nodeName ?? "") : t;
}

const CHAIN_PARAMS: readonly Param[] = [
  { name: "node", type: "node", required: true, doc: "a node's name, or `node of POD`" },
  { name: "service", type: "text", required: true, doc: "the Service" },
  NAMESPACE,
];

for (const v of [
  {
    name: "serviceChain",
    params: CHAIN_PARAMS,
    reads: "The Service's KUBE-SVC-… chain in the node's iptables rules (iptables mode).",
    read: (args: Args, ctx: CheckContext) => serviceChains(ctx, nodeOf(args, ctx), ns(args, ctx), args.text("service", ctx.memory)!)?.svc ?? "",
  },
  {
    name: "endpointChains",
    params: CHAIN_PARAMS,
    reads: "The KUBE-SEP-… chains the Service's chain jumps to, as a list `a, b`.",
    read: (args: Args, ctx: CheckContext) =>
      (serviceChains(ctx, nodeOf(args, ctx), ns(args, ctx), args.text("service", ctx.memory)!)?.seps ?? []).map((s) => s.chain).join(", "),
  },
] satisfies ValueSpec[])
  registry.set(v.name, v);

/** The values every file can use (not those a built-in lesson registers in code). */
const BUILT_IN_VALUES: ReadonlySet<string> = new Set(registry.keys());
export const isBuiltInValue = (name: string) => BUILT_IN_VALUES.has(name);

/** The values a file can remember. */
export function valueVocabulary(): ReadonlyMap<string, ValueSpec> {
  return registry;
}

/**
 * Adds a value written in code (a built-in lesson's own) under `spec.name`; a lesson file then
 * remembers it by name like the others. Names are unique: registering one twice is a programming error.
 */
export function registerValue(spec: ValueSpec): void {
  if (registry.has(spec.name)) throw new Error(`a lesson value called ${spec.name} is already registered`);
  if (!/^[a-z][A-Za-z0-9]*$/.test(spec.name)) throw new Error(`a lesson value's name must be camelCase: ${spec.name}`);
  registry.set(spec.name, spec);
}
