import { parseSelector } from "../../cluster/labels";
import { qualifiedSingular, type ResourceInfo } from "../../cluster/resources";
import type { AnyObject } from "../../cluster/types";
import { RESOURCE_HINT } from "./shared";
import type { Command, Ctx } from "../command";
import { bool, parseGoDuration, str } from "../flags";
import { parseOutput, printStructured } from "../output";
import { relaxedJsonPathExpression } from "../printers";
import { findResults, parseJsonPath, plainValue, sprintValue } from "../printers/jsonpath";
import { resolveResourceArgs } from "../resolve";
import { filterByFieldSelector } from "./shared";

// ---------------------------------------------------------------- Go durations

/** A Duration flag's value in milliseconds (the flag parser has already checked its syntax). */
export function durationFlag(ctx: Ctx, name: string): number {
  const d = parseGoDuration(str(ctx.parsed, name));
  return d.ok ? d.ms : 0;
}

// ---------------------------------------------------------------- conditions


/** What `--for` asks: checked against the object as it is now (undefined: it does not exist). */
type Condition =
  | { kind: "delete" }
  | { kind: "create" }
  | { kind: "check"; met: (o: AnyObject) => { ok: true; met: boolean } | { ok: false; error: string } };

/** `conditionFuncFor` in kubectl's wait.go. */
export function parseCondition(text: string): { ok: true; cond: Condition } | { ok: false; error: string } {
  const lower = text.toLowerCase();
  if (lower === "delete") return { ok: true, cond: { kind: "delete" } };
  if (lower === "create") return { ok: true, cond: { kind: "create" } };
  if (text.startsWith("condition=")) {
    let name = text.slice("condition=".length);
    let value = "true";
    const eq = name.indexOf("=");
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return { ok: true, cond: { kind: "check", met: (o) => ({ ok: true, met: conditionMet(o, name, value) }) } };
  }
  if (text.startsWith("jsonpath=")) {
    const split = splitJsonPath(text.slice("jsonpath=".length));
    if (!split.ok) return split;
    if (split.expr === "") return { ok: false, error: "jsonpath expression cannot be empty" };
    const relaxed = relaxedJsonPathExpression(split.expr);
    if (!relaxed.ok) return relaxed;
    const parsed = parseJsonPath(relaxed.expr);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const want = split.value;
    return {
      ok: true,
      cond: {
        kind: "check",
        met: (o) => {
          const found = findResults(parsed.parsed, o, true);
          if (!found.ok) return { ok: false, error: found.error };
          const r = found.results;
          if (r.length === 0 || r[0].length === 0) return { ok: true, met: false };
          if (r.length > 1) return { ok: false, error: "given jsonpath expression matches more than one list" };
          if (r[0].length > 1) return { ok: false, error: "given jsonpath expression matches more than one value" };
          if (want === undefined) return { ok: true, met: true };
          const v = r[0][0];
          const plain = plainValue(v);
          if (plain !== null && typeof plain === "object") return { ok: false, error: "jsonpath leads to a nested object or list which is not supported" };
          return { ok: true, met: sprintValue(v).trim() === want.trim() };
        },
      },
    };
  }
  return { ok: false, error: `unrecognized condition: ${JSON.stringify(text)}` };
}

/** Splits `{.status.phase}=Running` (the expression may itself contain `==` inside filters). */
function splitJsonPath(input: string): { ok: true; expr: string; value?: string } | { ok: false; error: string } {
  let expr: string;
  let rest: string;
  if (input.startsWith("{") && input.lastIndexOf("}") > 0) {
    const close = input.lastIndexOf("}");
    expr = input.slice(0, close + 1);
    rest = input.slice(close + 1);
  } else {
    const eq = input.indexOf("=");
    expr = eq < 0 ? input : input.slice(0, eq);
    rest = eq < 0 ? "" : input.slice(eq);
  }
  if (rest === "") return { ok: true, expr };
  if (!rest.startsWith("=")) return { ok: true, expr: input };
  const value = rest.slice(1).replace(/^['"]|['"]$/g, "");
  if (value === "") return { ok: false, error: "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3" };
  return { ok: true, expr, value };
}

/** `ConditionalWait.checkCondition`: the named status condition has the value (case-folded). */
function conditionMet(o: AnyObject, name: string, value: string): boolean {
  const status = (o as { status?: { conditions?: { type: string; status: string; observedGeneration?: number }[]; observedGeneration?: number } }).status;
  for (const c of status?.conditions ?? []) {
    if (c.type.toLowerCase() !== name.toLowerCase()) continue;
    const generation = o.metadata.generation;
    const observed = c.observedGeneration ?? status?.observedGeneration;
    if (generation !== undefined && observed !== undefined && observed < generation) return false;
    return c.status.toLowerCase() === value.toLowerCase();
  }
  return false;
}

// ---------------------------------------------------------------- the command

const WEEK_MS = 7 * 24 * 3_600_000;

export const wait: Command = {
  name: "wait",
  group: "Advanced Commands:",
  short: "Experimental: Wait for a specific condition on one or many resources",
  long: `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.`,
  examples: `  # Wait for the pod "busybox1" to contain the status condition of type "Ready"
  kubectl wait --for=condition=Ready pod/busybox1
  
  # The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
  kubectl wait --for=condition=Ready=false pod/busybox1
  
  # Wait for the pod "busybox1" to contain the status phase to be "Running"
  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1
  
  # Wait for pod "busybox1" to be Ready
  kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/busybox1
  
  # Wait for the service "loadbalancer" to have ingress
  kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer
  
  # Wait for the secret "busybox1" to be created, with a timeout of 30s
  kubectl create secret generic busybox1
  kubectl wait --for=create secret/busybox1 --timeout=30s
  
  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
  kubectl delete pod/busybox1
  kubectl wait --for=delete pod/busybox1 --timeout=60s`,
  usage: "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  flags: [
    { name: "all", type: "bool", default: false },
    { name: "all-namespaces", short: "A", type: "bool", default: false },
    { name: "allow-missing-template-keys", type: "bool", default: true },
    { name: "field-selector", type: "string", default: "" },
    { name: "filename", short: "f", type: "stringSlice", default: [] },
    { name: "for", type: "string", default: "" },
    { name: "local", type: "bool", default: false },
    { name: "output", short: "o", type: "string", default: "" },
    { name: "recursive", short: "R", type: "bool", default: true },
    { name: "selector", short: "l", type: "string", default: "" },
    { name: "show-managed-fields", type: "bool", default: false },
    { name: "template", type: "string", default: "" },
    { name: "timeout", type: "duration", default: "30s" },
  ],
  flagHelp: {
    all: "Select all resources in the namespace of the specified resource types",
    "all-namespaces": "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.",
    "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.",
    "field-selector": "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    filename: "identifying the resource.",
    for: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.",
    local: "If true, annotation will NOT contact api-server but run locally.",
    output: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
    recursive: "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
    selector: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)",
    "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.",
    template: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].",
    timeout: "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.",
  },
  run(ctx) {
    const p = ctx.parsed;
    let timeout = durationFlag(ctx, "timeout");
    if (timeout < 0) timeout = WEEK_MS;
    const fmt = parseOutput(str(p, "output"));
    if (!fmt.ok) return ctx.fail(fmt.error);
    if (p.args.length === 0) return ctx.fail(RESOURCE_HINT);
    const resolved = resolveResourceArgs(p.args);
    if (!resolved.ok) return ctx.fail(resolved.error);
    const selText = str(p, "selector");
    const all = bool(p, "all");
    const named = resolved.requests.some((r) => r.names.length > 0);
    if (named && (selText || all)) return ctx.fail(resolved.slashForm ? "selectors and the all flag cannot be used when passing resource/name arguments" : "name cannot be provided when a selector is specified");
    if (!named && !selText && !all) return ctx.fail("resource(s) were provided, but no name was specified");
    const cond = parseCondition(str(p, "for"));
    if (!cond.ok) return ctx.fail(cond.error);
    const sel = parseSelector(selText);
    if (!sel.ok) {
      ctx.stderr += `Error from server (BadRequest): ${sel.error}\n`;
      ctx.exitCode = 1;
      return;
    }
    const allNs = bool(p, "all-namespaces");

    // The resource builder's view: the objects named (or selected) when the command starts.
    const targets: { r: ResourceInfo; ns?: string; name: string; uid?: string }[] = [];
    for (const req of resolved.requests) {
      const r = req.resource;
      const ns = r.namespaced ? ctx.namespace : undefined;
      if (req.names.length > 0) {
        for (const name of req.names) {
          const o = ctx.store.get(r.kind, ns, name);
          if (!o && cond.cond.kind !== "delete" && cond.cond.kind !== "create") {
            ctx.stderr += `Error from server (NotFound): ${r.group ? `${r.plural}.${r.group}` : r.plural} "${name}" not found\n`;
            ctx.exitCode = 1;
            return;
          }
          if (!o && cond.cond.kind === "delete") continue;
          targets.push({ r, ns, name, uid: o?.metadata.uid });
        }
      } else {
        let objs: AnyObject[] = ctx.store.list(r.kind, r.namespaced && !allNs ? ctx.namespace : undefined).filter((o) => sel.selector.matches(o.metadata.labels));
        const fs = filterByFieldSelector(objs, str(p, "field-selector"));
        if (!fs.ok) return ctx.fail(fs.error);
        objs = fs.value;
        for (const o of objs) targets.push({ r, ns: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid });
      }
    }
    if (targets.length === 0) {
      if (cond.cond.kind !== "delete") ctx.fail("no matching resources found");
      return;
    }

    const deadline = ctx.now + timeout;
    for (const t of targets) {
      const current = () => {
        const o = ctx.store.get(t.r.kind, t.ns, t.name);
        return o && (cond.cond.kind !== "delete" || o.metadata.uid === t.uid) ? o : undefined;
      };
      let error: string | undefined;
      const check = (): boolean => {
        const o = current();
        switch (cond.cond.kind) {
          case "delete":
            return !o;
          case "create":
            return !!o;
          default: {
            if (!o) return false;
            const r = cond.cond.met(o);
            if (!r.ok) {
              error = r.error;
              return true;
            }
            return r.met;
          }
        }
      };
      const remaining = Math.max(0, deadline - ctx.now);
      const met = timeout === 0 ? check() : ctx.cluster.clock.advanceUntil(check, remaining);
      if (error !== undefined) return ctx.fail(error);
      const id = `${t.r.plural}/${t.name}`;
      if (!met) return ctx.fail(timeout === 0 && cond.cond.kind !== "delete" ? `condition not met for ${id}` : `timed out waiting for the condition on ${id}`);
      const shown = current() ?? ctx.store.get(t.r.kind, t.ns, t.name);
      if (fmt.value.kind === "table") ctx.line(`${qualifiedSingular(t.r)}/${t.name} condition met`);
      else if (fmt.value.kind === "name") ctx.line(`${qualifiedSingular(t.r)}/${t.name}`);
      else if (shown) printStructured(ctx, fmt.value, [shown], true);
    }
  },
};
