// `kubectl get -o custom-columns=HEADER:path,...` (kubectl/pkg/cmd/get/customcolumn.go).
//
// * The spec is split on ',' then each part on the first ':'; the path goes through
//   RelaxedJSONPathExpression, which accepts `a.b`, `.a.b`, `{a.b}` or `{.a.b}` (no other braces).
// * Headers are printed as given (not upper-cased), once; then one row per object.
// * Each cell is every value found, printed with Go's fmt.Sprint (maps as `map[k:v]`, nil as
//   `<nil>`), terminal-escaped, joined with ','; no value → `<none>`. Missing keys are allowed.
// * The rows go through kubectl get's tabwriter, raw: a '\t' or '\n' inside a value really does
//   start a new cell / line, as in kubectl.
// * Errors from the column paths surface after the header (kubectl flushes what it printed).

import { escapeTerminal } from "./gofmt";
import { findResults, parseJsonPath, sprintValue, type ParsedJsonPath } from "./jsonpath";
import { TabWriter, KUBECTL_GET_TABWRITER } from "./tabwriter";

export interface CustomColumn {
  header: string;
  /** The jsonpath template after RelaxedJSONPathExpression, e.g. `{.metadata.name}`. */
  fieldSpec: string;
}

const JSON_REGEXP = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression. */
export function relaxedJsonPathExpression(pathExpression: string): { ok: true; expr: string } | { ok: false; error: string } {
  if (pathExpression.length === 0) return { ok: true, expr: pathExpression };
  const m = JSON_REGEXP.exec(pathExpression);
  if (!m) {
    return {
      ok: false,
      error:
        "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    };
  }
  const fieldSpec = m[1] !== undefined && m[1].length !== 0 ? m[1] : m[2];
  return { ok: true, expr: `{.${fieldSpec}}` };
}

/** NewCustomColumnsPrinterFromSpec: `error` is the text kubectl prints after "error: ". */
export function parseCustomColumnsSpec(spec: string): { ok: true; columns: CustomColumn[] } | { ok: false; error: string } {
  if (spec.length === 0) return { ok: false, error: "custom-columns format specified but no custom columns given" };
  const columns: CustomColumn[] = [];
  for (const part of spec.split(",")) {
    const idx = part.indexOf(":");
    if (idx < 0) {
      return { ok: false, error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    }
    const r = relaxedJsonPathExpression(part.slice(idx + 1));
    if (!r.ok) return r;
    columns.push({ header: part.slice(0, idx), fieldSpec: r.expr });
  }
  return { ok: true, columns };
}

export interface CustomColumnsOptions {
  noHeaders?: boolean;
}

/**
 * Print objects with custom columns. `spec` is the text after `custom-columns=` (or already
 * parsed columns). On failure, `out` holds what kubectl printed before the error and `error` the
 * text after "error: ".
 */
export function printCustomColumns(
  spec: string | CustomColumn[],
  objects: unknown[],
  opts: CustomColumnsOptions = {},
): { ok: true; out: string } | { ok: false; out: string; error: string } {
  let columns: CustomColumn[];
  if (typeof spec === "string") {
    const parsed = parseCustomColumnsSpec(spec);
    if (!parsed.ok) return { ok: false, out: "", error: parsed.error };
    columns = parsed.columns;
  } else {
    columns = spec;
  }
  const w = new TabWriter(KUBECTL_GET_TABWRITER);
  const fail = (error: string) => ({ ok: false as const, out: w.flush().output(), error });

  if (!opts.noHeaders) w.write(columns.map((c) => c.header).join("\t") + "\n");

  const parsers: ParsedJsonPath[] = [];
  for (const c of columns) {
    const p = parseJsonPath(c.fieldSpec);
    if (!p.ok) return fail(p.error);
    parsers.push(p.parsed);
  }

  for (const obj of objects) {
    const cells: string[] = [];
    for (const parser of parsers) {
      const found = findResults(parser, obj, true);
      if (!found.ok) return fail(found.error);
      const values = found.results;
      const strs: string[] = [];
      if (values.length === 0 || values[0].length === 0) strs.push("<none>");
      for (const set of values) for (const v of set) strs.push(escapeTerminal(sprintValue(v)));
      cells.push(strs.join(","));
    }
    w.write(cells.join("\t") + "\n");
  }
  return { ok: true, out: w.flush().output() };
}

/** Alias of printCustomColumns. */
export const customColumns = printCustomColumns;
