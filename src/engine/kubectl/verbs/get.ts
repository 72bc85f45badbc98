import { parseSelector } from "../../cluster/labels";
import { qualifiedSingular } from "../../cluster/resources";
import type { AnyObject } from "../../cluster/types";
import type { Command, Ctx } from "../command";
import { bool, list, str } from "../flags";
import { parseOutput, printStructured, printTable } from "../output";
import { resolveResourceArgs } from "../resolve";
import { tableFor } from "../tables";
import { KUBECTL_GET_TABWRITER, TabWriter } from "../printers";
import { ENDPOINTS_WARNING, filterByFieldSelector } from "./shared";

export const get: Command = {
  name: "get",
  group: "Basic Commands (Intermediate):",
  short: "Display one or many resources",
  long: "Display one or many resources.\n\n Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace unless you pass --all-namespaces.\n\n By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.\n\nUse \"kubectl api-resources\" for a complete list of supported resources.",
  examples: `  # List all pods in ps output format
  kubectl get pods

  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide

  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7

  # Return only the phase value of the specified pod
  kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}

  # List resource information in custom columns
  kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

  # List all replication controllers and services together in ps output format
  kubectl get rc,services

  # List one or more resources by their type and names
  kubectl get rc/web service/frontend pods/web-pod-13je7`,
  usage: "kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
  flags: [
    { name: "output", short: "o", type: "string", default: "" },
    { name: "selector", short: "l", type: "string", default: "" },
    { name: "field-selector", type: "string", default: "" },
    { name: "all-namespaces", short: "A", type: "bool", default: false },
    { name: "show-labels", type: "bool", default: false },
    { name: "label-columns", short: "L", type: "stringSlice", default: [] },
    { name: "no-headers", type: "bool", default: false },
    { name: "sort-by", type: "string", default: "" },
    { name: "watch", short: "w", type: "bool", default: false },
    { name: "show-kind", type: "bool", default: false },
    { name: "ignore-not-found", type: "bool", default: false },
  ],
  flagHelp: {
    output: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].",
    selector: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
    "all-namespaces": "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.",
    "show-labels": "When printing, show all labels as the last column (default hide labels column)",
    "label-columns": "Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...",
    "no-headers": "When using the default or custom-column output format, don't print headers (default print headers).",
    "field-selector": "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    watch: "After listing/getting the requested object, watch for changes.",
    "ignore-not-found": "If set to true, suppresses NotFound error for specific objects that do not exist. Using this flag with commands that query for collections of resources has no effect when no resources are found.",
    "sort-by": "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string.",
    "show-kind": "If present, list the resource type for the requested object(s).",
  },
  run(ctx) {
    const p = ctx.parsed;
    if (p.args.length === 0) {
      ctx.stderr +=
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n';
      ctx.exitCode = 1;
      return;
    }
    const fmt = parseOutput(str(p, "output"));
    if (!fmt.ok) return ctx.fail(fmt.error);
    const resolved = resolveResourceArgs(p.args);
    if (!resolved.ok) return ctx.fail(resolved.error);
    const allNs = bool(p, "all-namespaces");
    const selText = str(p, "selector");
    const sel = parseSelector(selText);
    const requests = resolved.requests;
    if (!sel.ok) {
      // cli-runtime's EnhanceListError wraps the server's parse error for list requests.
      const r = requests[0]?.resource;
      const gvr = r ? `${r.group ? `${r.group}/` : "/"}${r.version}, Resource=${r.plural}` : "";
      ctx.stderr += `Error from server (BadRequest): Unable to find "${gvr}" that match label selector "${selText}", field selector "${str(p, "field-selector")}": ${sel.error}\n`;
      ctx.exitCode = 1;
      return;
    }
    const multi = requests.length > 1 || resolved.slashForm || bool(p, "show-kind");
    const named = requests.some((r) => r.names.length > 0);
    const collected: AnyObject[] = [];
    const tables: { kind: AnyObject["kind"]; objects: AnyObject[] }[] = [];
    const errors: string[] = [];
    for (const req of requests) {
      const r = req.resource;
      if (r.kind === "Endpoints") ctx.stderr += ENDPOINTS_WARNING;
      let objects: AnyObject[];
      if (req.names.length > 0) {
        objects = [];
        for (const name of req.names) {
          const got = ctx.api.get(r.kind, ctx.namespace, name);
          if (got.ok) objects.push(got.value);
          else if (!bool(p, "ignore-not-found")) errors.push(`Error from server (NotFound): ${got.error.message}`);
        }
      } else {
        objects = [...ctx.store.list(r.kind, r.namespaced && !allNs ? ctx.namespace : undefined)];
        objects = objects.filter((o) => sel.selector.matches(o.metadata.labels));
        const fs = filterByFieldSelector(objects, str(p, "field-selector"));
        if (!fs.ok) return ctx.fail(fs.error);
        objects = fs.value;
      }
      if (r.kind === "Event") objects.sort((a, b) => ((a as { lastTimestamp: string }).lastTimestamp < (b as { lastTimestamp: string }).lastTimestamp ? -1 : 1));
      collected.push(...objects);
      if (objects.length > 0) tables.push({ kind: r.kind, objects });
    }
    const sortBy = str(p, "sort-by");
    if (sortBy) {
      for (const t of tables) sortObjects(t.objects, sortBy);
      sortObjects(collected, sortBy);
    }
    if (fmt.value.kind !== "table") {
      // Named objects that were all missing print only their errors.
      if (!(named && collected.length === 0)) printStructured(ctx, fmt.value, collected, named && collected.length === 1 && requests.length === 1 && requests[0].names.length === 1);
    } else {
      if (bool(p, "watch")) return watch(ctx, requests, tables, sel.selector, allNs, fmt.value.wide, multi);
      let first = true;
      for (const t of tables) {
        if (!first) ctx.out("\n");
        first = false;
        const table = tableFor(t.kind, t.objects, ctx.now, {
          wide: fmt.value.wide,
          withNamespace: allNs && requests.find((q) => q.resource.kind === t.kind)!.resource.namespaced,
          showLabels: bool(p, "show-labels"),
          labelColumns: list(p, "label-columns"),
          namePrefix: multi ? qualifiedSingular(requests.find((q) => q.resource.kind === t.kind)!.resource) : undefined,
        });
        printTable(ctx, table.headers, table.rows, !bool(p, "no-headers"));
      }
    }
    for (const e of errors) ctx.stderr += e + "\n";
    if (errors.length > 0) ctx.exitCode = 1;
    if (collected.length === 0 && errors.length === 0 && !named && fmt.value.kind === "table") {
      const namespaced = requests.some((q) => q.resource.namespaced);
      ctx.stderr += allNs || !namespaced ? "No resources found\n" : `No resources found in ${ctx.namespace} namespace.\n`;
    }
  },
};

/** `--sort-by` with a simple `.a.b` or `{.a.b}` path; numbers sort numerically. */
function sortObjects(objects: AnyObject[], path: string): void {
  const parts = path.replace(/^\{|\}$/g, "").replace(/^\./, "").split(".").filter(Boolean);
  const val = (o: unknown) => parts.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k.replace(/\[\d+\]$/, "")] : undefined), o);
  objects.sort((a, b) => {
    const x = val(a);
    const y = val(b);
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x ?? "") < String(y ?? "") ? -1 : String(x ?? "") > String(y ?? "") ? 1 : 0;
  });
}

/** How long `get -w` keeps watching once nothing changes (the lab's stand-in for Ctrl-C). */
export const WATCH_QUIET_MS = 5_000;
export const WATCH_MAX_MS = 120_000;

/**
 * `kubectl get -w`: the table, then one row per change as it happens, aligned with the columns
 * already printed (kubectl's tabwriter remembers widths). A real watch runs until Ctrl-C; here
 * it ends after the watched objects have been quiet for a few seconds of cluster time, and
 * prints `^C` as the terminal would. Rows identical to the object's previous row are skipped.
 */
function watch(
  ctx: Ctx,
  requests: { resource: { kind: AnyObject["kind"]; namespaced: boolean }; names: string[] }[],
  tables: { kind: AnyObject["kind"]; objects: AnyObject[] }[],
  selector: { matches(l: Record<string, string> | undefined): boolean },
  allNs: boolean,
  wide: boolean,
  multi: boolean,
): void {
  const p = ctx.parsed;
  const req = requests[0];
  const kind = req.resource.kind;
  const opts = { wide, withNamespace: allNs && req.resource.namespaced, showLabels: bool(p, "show-labels"), labelColumns: list(p, "label-columns"), namePrefix: multi ? qualifiedSingular(req.resource as never) : undefined };
  const w = new TabWriter(KUBECTL_GET_TABWRITER);
  const initial = tables.find((t) => t.kind === kind)?.objects ?? [];
  const table = tableFor(kind, initial, ctx.now, opts);
  if (!bool(p, "no-headers")) w.write(table.headers.join("\t") + "\n");
  for (const r of table.rows) w.write(r.join("\t") + "\n");
  ctx.out(w.flush().takeOutput());
  const last = new Map<string, string>(initial.map((o, i) => [`${o.metadata.namespace}/${o.metadata.name}`, table.rows[i].join("\t")]));
  let lastChange = ctx.now;
  const stop = ctx.store.watch(kind, (e) => {
    const o = e.object;
    if (req.resource.namespaced && !allNs && o.metadata.namespace !== ctx.namespace) return;
    if (req.names.length > 0 && !req.names.includes(o.metadata.name)) return;
    if (!selector.matches(o.metadata.labels)) return;
    const row = tableFor(kind, [o], ctx.now, opts).rows[0].join("\t");
    const key = `${o.metadata.namespace}/${o.metadata.name}`;
    if (last.get(key) === row) return;
    last.set(key, row);
    lastChange = ctx.now;
    w.write(row + "\n");
    ctx.out(w.flush().takeOutput());
  });
  const start = ctx.now;
  ctx.cluster.clock.advanceUntil(() => ctx.now - lastChange >= WATCH_QUIET_MS || ctx.now - start >= WATCH_MAX_MS, WATCH_MAX_MS);
  if (ctx.now - lastChange < WATCH_QUIET_MS && ctx.now - start < WATCH_MAX_MS) ctx.cluster.clock.advance(WATCH_QUIET_MS - (ctx.now - lastChange));
  stop();
  ctx.out("^C\n");
}
