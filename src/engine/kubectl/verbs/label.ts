import { parseSelector } from "../../cluster/labels";
import { isValidLabelValue } from "../../cluster/validation";
import { qualifiedSingular, resourceOf } from "../../cluster/resources";
import type { AnyObject } from "../../cluster/types";
import { clone } from "../../util/clone";
import type { Command, Ctx } from "../command";
import { bool, str } from "../flags";
import { resolveResourceArgs } from "../resolve";
import { parseOutput, printStructured } from "../output";

type Which = "labels" | "annotations";

/** `kubectl label` and `kubectl annotate` share their logic (`cmd/label`, `cmd/annotate`). */
function mapCommand(which: Which): Command {
  const isLabel = which === "labels";
  const noun = isLabel ? "label" : "annotation";
  return {
    name: isLabel ? "label" : "annotate",
    group: "Settings Commands:",
    short: isLabel ? "Update the labels on a resource" : "Update the annotations on a resource",
    long: isLabel
      ? "Update the labels on a resource.\n\n  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.\n  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.\n  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used."
      : "Update the annotations on one or more resources.\n\n All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.\n\n Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.",
    examples: isLabel
      ? `  # Update pod 'foo' with the label 'unhealthy' and the value 'true'
  kubectl label pods foo unhealthy=true

  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
  kubectl label --overwrite pods foo status=unhealthy

  # Update all pods in the namespace
  kubectl label pods --all status=unhealthy

  # Update pod 'foo' by removing a label named 'bar' if it exists
  # Does not require the --overwrite flag
  kubectl label pods foo bar-`
      : `  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
  # If the same annotation is set multiple times, only the last value will be applied
  kubectl annotate pods foo description='my frontend'

  # Update pod 'foo' by removing an annotation named 'description' if it exists
  # Does not require the --overwrite flag
  kubectl annotate pods foo description-`,
    usage: isLabel
      ? "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]"
      : "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
    flags: [
      { name: "overwrite", type: "bool", default: false },
      { name: "all", type: "bool", default: false },
      { name: "all-namespaces", short: "A", type: "bool", default: false },
      { name: "selector", short: "l", type: "string", default: "" },
      { name: "list", type: "bool", default: false },
      { name: "output", short: "o", type: "string", default: "" },
      { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" },
    ],
    flagHelp: { overwrite: `If true, allow ${which} to be overwritten, otherwise reject ${noun} updates that overwrite existing ${which}.`, all: `Select all resources, in the namespace of the specified resource types` },
    run(ctx) {
      run(ctx, which);
    },
  };
}

function run(ctx: Ctx, which: Which): void {
  const p = ctx.parsed;
  const isLabel = which === "labels";
  // Split arguments into resources and KEY=VAL / KEY- specs, as kubectl does.
  // cmd/label: resources first, then KEY=VAL / KEY- changes; a resource after a change is an error.
  const resArgs: string[] = [];
  const specs: string[] = [];
  for (const a of p.args) {
    if (a.includes("=") || (a.endsWith("-") && resArgs.length > 0)) specs.push(a);
    else if (specs.length > 0) return ctx.fail(`all resources must be specified before ${isLabel ? "label" : "annotation"} changes: ${a}`);
    else resArgs.push(a);
  }
  if (resArgs.length === 0) return ctx.fail("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  if (specs.length === 0 && !bool(p, "list")) return ctx.fail(`at least one ${isLabel ? "label" : "annotation"} update is required`);
  const add: Record<string, string> = {};
  const remove: string[] = [];
  for (const s of specs) {
    if (s.includes("=")) {
      const parts = s.split("=");
      if (isLabel && parts.length !== 2) return ctx.fail(`invalid label spec: ${s}`);
      const k = parts[0];
      const v = isLabel ? parts[1] : s.slice(s.indexOf("=") + 1);
      if (isLabel) {
        // Only the value is checked client-side; a bad key is refused by the API server.
        const valErrs = isValidLabelValue(v);
        if (valErrs.length) return ctx.fail(`invalid label value: ${JSON.stringify(s)}: ${valErrs.join(";")}`);
      }
      add[k] = v;
    } else if (s.endsWith("-")) {
      remove.push(s.slice(0, -1));
    } else {
      return ctx.fail(`unknown ${isLabel ? "label" : "annotation"} spec: ${s}`);
    }
  }
  const both = remove.filter((k) => k in add);
  if (both.length > 0) {
    return ctx.fail(isLabel ? "can not both modify and remove a label in the same command" : `can not both modify and remove the following annotation(s) in the same command: ${both.join(", ")}`);
  }
  const resolved = resolveResourceArgs(resArgs);
  if (!resolved.ok) return ctx.fail(resolved.error);
  const sel = parseSelector(str(p, "selector"));
  if (!sel.ok) {
    ctx.stderr += `Error from server (BadRequest): ${sel.error}\n`;
    ctx.exitCode = 1;
    return;
  }
  const all = bool(p, "all") || !!str(p, "selector");
  const out = parseOutput(str(p, "output"));
  if (!out.ok) return ctx.fail(out.error);
  const targets: AnyObject[] = [];
  for (const req of resolved.requests) {
    if (req.names.length === 0) {
      if (!all) return ctx.fail("resource(s) were provided, but no name was specified");
      targets.push(...ctx.store.list(req.resource.kind, req.resource.namespaced && !bool(p, "all-namespaces") ? ctx.namespace : undefined).filter((o) => sel.selector.matches(o.metadata.labels)));
    } else {
      for (const name of req.names) {
        const got = ctx.api.get(req.resource.kind, ctx.namespace, name);
        if (!got.ok) {
          ctx.apiError(got.error);
          return;
        }
        targets.push(got.value);
      }
    }
  }
  if (targets.length === 0 && all) {
    ctx.stderr += "No resources found\n";
    return;
  }
  const overwrite = bool(p, "overwrite");
  for (const obj of targets) {
    const cur = { ...(obj.metadata[which] ?? {}) };
    if (bool(p, "list")) {
      ctx.line(`Listing ${which} for ${obj.kind}.${resourceOf(obj.kind).group ? resourceOf(obj.kind).group : ""}/${obj.metadata.name}:`.replace(".//", "/").replace("./", "/"));
      for (const k of Object.keys(cur).sort()) ctx.line(` ${k}=${cur[k]}`);
      continue;
    }
    if (!overwrite) {
      for (const [k, v] of Object.entries(add)) {
        if (k in cur && cur[k] !== v) return ctx.fail(`'${k}' already has a value (${cur[k]}), and --overwrite is false`);
      }
    }
    let changed = false;
    for (const [k, v] of Object.entries(add)) {
      if (cur[k] !== v) changed = true;
      cur[k] = v;
    }
    let removedAny = false;
    for (const k of remove) {
      if (k in cur) {
        delete cur[k];
        removedAny = true;
      } else ctx.line(`${isLabel ? "label" : "annotation"} "${k}" not found.`);
    }
    const next = clone(obj);
    next.metadata[which] = Object.keys(cur).length ? cur : undefined;
    const r = ctx.api.update(next);
    if (!r.ok) {
      ctx.apiError(r.error);
      continue;
    }
    if (out.value.kind !== "table") {
      printStructured(ctx, out.value, [r.value], true);
      continue;
    }
    const verb = isLabel ? (changed ? "labeled" : removedAny ? "unlabeled" : "not labeled") : changed || removedAny ? "annotated" : "not annotated";
    ctx.line(`${qualifiedSingular(resourceOf(obj.kind))}/${obj.metadata.name} ${verb}`);
  }
}

export const label = mapCommand("labels");
export const annotate = mapCommand("annotations");
