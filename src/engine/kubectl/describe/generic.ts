// describe.go's `genericDescriber`, for kinds without a describer of their own (Events here):
// name, namespace, labels, annotations, then every other field of the object, sorted, with
// "smart" labels (`apiVersion` → `API Version`).
import type { AnyObject } from "../../cluster/types";
import { goStringCompare } from "../../cluster/validation/field";
import { describeEvents, eventQueryFor, searchEvents } from "./events";
import { printAnnotationsMultiline, printLabelsMultiline } from "./format";
import type { DescribeEnv } from "./env";
import { LEVEL_0, tabbedString, type PrefixWriter } from "./writer";

const SKIP = [".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"];
const ACRONYMS = ["API", "URL", "UID", "OSB", "GUID"];

type CharClass = "lower" | "upper" | "digit" | "other";

function classOf(ch: string): CharClass {
  if (/\p{Ll}/u.test(ch)) return "lower";
  if (/\p{Lu}/u.test(ch)) return "upper";
  if (/\p{Nd}/u.test(ch)) return "digit";
  return "other";
}

/** github.com/fatih/camelcase `Split`: runs of one character class, `HTTPServer` → HTTP Server. */
export function camelSplit(src: string): string[] {
  const runs: string[][] = [];
  let last: CharClass | undefined;
  for (const ch of src) {
    const c = classOf(ch);
    if (c === last && runs.length > 0) runs[runs.length - 1].push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i][0]) === "upper" && classOf(runs[i + 1][0]) === "lower") {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(""));
}

/** `smartLabelFor`. */
export function smartLabelFor(field: string): string {
  if ([...field].some((ch) => !/\p{L}/u.test(ch) && ch !== "-")) return field;
  return camelSplit(field)
    .filter((p) => p !== "_")
    .map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(" ");
}

/** Go's `%v` of a decoded JSON value. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "number") {
    if (Number.isInteger(v)) return String(v);
    const s = String(v);
    return s.includes("e") ? s.replace(/e([+-])(\d)$/, "e$10$2") : s;
  }
  return String(v);
}

function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, skipPrefix: string): void {
  for (const key of Object.keys(content).sort(goStringCompare)) {
    const value = content[key];
    if (value === undefined) continue;
    const expr = `${skipPrefix}.${key}`;
    if (SKIP.includes(expr)) continue;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(key)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, expr);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(key)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === "object" && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, expr);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(key)}:\t${goValue(value)}\n`);
    }
  }
}

export function describeGeneric(obj: AnyObject, env: DescribeEnv): string {
  const events = env.showEvents ? searchEvents(env.store, eventQueryFor(obj)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", obj.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", obj.metadata.annotations);
    printContent(w, LEVEL_0, obj as unknown as Record<string, unknown>, "");
    if (events) describeEvents(events, w, env.now);
  });
}
