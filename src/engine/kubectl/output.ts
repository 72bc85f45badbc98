import { qualifiedSingular, resourceOf } from "../cluster/resources";
import type { AnyObject } from "../cluster/types";
import type { Ctx } from "./command";
import { jsonpath, printCustomColumns, tabwrite, toJson, toYaml } from "./printers";

const ALLOWED =
  "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

export type OutputFormat =
  | { kind: "table"; wide: boolean }
  | { kind: "yaml" }
  | { kind: "json" }
  | { kind: "name" }
  | { kind: "jsonpath"; template: string }
  | { kind: "custom-columns"; spec: string };

/** Parses `-o`; an unknown format is kubectl's "unable to match a printer" error. */
export function parseOutput(o: string): { ok: true; value: OutputFormat } | { ok: false; error: string } {
  if (o === "" || o === "wide") return { ok: true, value: { kind: "table", wide: o === "wide" } };
  if (o === "yaml" || o === "json" || o === "name") return { ok: true, value: { kind: o } };
  const eq = o.indexOf("=");
  const name = eq < 0 ? o : o.slice(0, eq);
  const arg = eq < 0 ? "" : o.slice(eq + 1);
  if (name === "jsonpath" || name === "jsonpath-as-json") {
    if (!arg) return { ok: false, error: "template format specified but no template given" };
    return { ok: true, value: { kind: "jsonpath", template: arg } };
  }
  if (name === "custom-columns") {
    if (!arg) return { ok: false, error: "custom-columns format specified but no custom columns given" };
    return { ok: true, value: { kind: "custom-columns", spec: arg } };
  }
  return { ok: false, error: `unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}` };
}

/** `kind[.group]/name`, the `-o name` form. */
export function nameOf(o: AnyObject): string {
  return `${qualifiedSingular(resourceOf(o.kind))}/${o.metadata.name}`;
}

/** A v1 List, as kubectl wraps several objects for -o yaml/json/jsonpath. */
export function asList(items: readonly AnyObject[]): Record<string, unknown> {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "" } };
}

/**
 * Prints objects in a non-table format. `single` says the user named exactly one object, so it
 * prints bare rather than wrapped in a List.
 */
export function printStructured(ctx: Ctx, fmt: OutputFormat, objects: readonly AnyObject[], single: boolean): void {
  const data = single && objects.length === 1 ? objects[0] : asList(objects);
  switch (fmt.kind) {
    case "yaml":
      try {
        ctx.out(toYaml(data));
      } catch (e) {
        // kubectl refuses to print control characters: `error: yaml: control characters are not allowed`.
        ctx.fail((e as Error).message);
      }
      return;
    case "json":
      ctx.out(toJson(data) + "\n");
      return;
    case "name":
      for (const o of objects) ctx.line(nameOf(o));
      return;
    case "jsonpath": {
      const r = jsonpath(fmt.template, data);
      if (r.ok) ctx.out(r.out);
      else ctx.fail(r.error);
      return;
    }
    case "custom-columns": {
      const r = printCustomColumns(fmt.spec, [...objects]);
      ctx.out(r.out);
      if (!r.ok) ctx.fail(r.error);
      return;
    }
    default:
      return;
  }
}

/** kubectl get's table writer: padding 3, columns at least 6 wide... see printers/tabwriter. */
export function printTable(ctx: Ctx, headers: string[], rows: string[][], withHeaders = true): void {
  ctx.out(tabwrite(withHeaders ? [headers, ...rows] : rows));
}
