/**
 * The check and value vocabulary as Markdown, made from the specs themselves so the documentation
 * (docs/lesson-format.md, between its `vocabulary` markers) cannot drift from the parser.
 */
import type { Param } from "./args";
import { vocabulary } from "./vocabulary";
import { isBuiltInValue, valueVocabulary } from "./values";

const GROUPS: readonly [string, readonly string[]][] = [
  ["Objects", ["exists", "gone", "field", "condition", "podsReady", "serviceExposed"]],
  ["Endpoints", ["endpoints", "lookedAtEndpoints"]],
  ["Commands the learner ran", ["ran"]],
  ["Connections and traffic", ["curled", "connected", "requests", "backends", "counters"]],
  ["A node's rules and kube-proxy", ["chain", "virtualServer", "rule", "proxyMode"]],
  ["Remembered values", ["remembered"]],
];

/** `curled(from, service, port?, …)`: the arguments in their order, optional ones marked `?`. */
function signature(name: string, params: readonly Param[]): string {
  return `${name}(${params.map((p) => (p.required ? p.name : `${p.name}?`)).join(", ")})`;
}

function paramTable(params: readonly Param[]): string[] {
  if (params.length === 0) return [];
  return ["| argument | | meaning |", "| --- | --- | --- |", ...params.map((p) => `| \`${p.name}\` | ${p.required ? "required" : "optional"} | ${p.doc.replace(/\|/g, "\\|")} |`), ""];
}

/** The reference section of docs/lesson-format.md. */
export function vocabularyReference(): string {
  const vocab = vocabulary();
  const out: string[] = [];
  for (const [group, names] of GROUPS) {
    out.push(`### ${group}`, "");
    for (const name of names) {
      const c = vocab.get(name);
      if (!c) throw new Error(`the reference lists ${name}, which is not in the vocabulary`);
      out.push(`#### \`${signature(c.name, c.params)}\``, "", ...paramTable(c.params), `**Passes:** ${c.passes}`, "");
      if (c.nearMisses.length > 0) out.push("**Near misses it explains by itself:**", "", ...c.nearMisses.map((n) => `- ${n}`), "");
    }
  }
  out.push("### Values to remember", "");
  for (const v of [...valueVocabulary().values()].filter((x) => isBuiltInValue(x.name))) out.push(`#### \`${signature(v.name, v.params)}\``, "", ...paramTable(v.params), `**Reads:** ${v.reads}`, "");
  return out.join("\n").trimEnd();
}

/** Every check the reference documents (a test compares it with the vocabulary). */
export const DOCUMENTED_CHECKS: readonly string[] = GROUPS.flatMap(([, names]) => names);
