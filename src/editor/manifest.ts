/**
 * The YAML editor's logic, without the UI: the command a learner would type for what the editor
 * does (write the text to a lab file with a heredoc, then `kubectl create|apply -f` it), and where
 * in the text an error is (a YAML syntax error from the `yaml` parser, or the field kubectl's
 * validation message names).
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from "yaml";
import type { YamlEditorProps } from "./types";

export type EditorMode = NonNullable<YamlEditorProps["mode"]>;

/** The lab file the editor writes when none is named. */
export const DEFAULT_FILE = "podflow-edit.yaml";

/** Longest text the editor sends (a saved lab refuses longer lines; see store/codec.ts). */
export const MAX_TEXT = 19_500;

/** A place in the text: 1-based line, and the character range to select. */
export interface Spot {
  line: number;
  from: number;
  to: number;
}

/** Text as it goes into the heredoc: "\n" line ends, no trailing blank lines. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
}

/** A heredoc terminator that no line of `text` equals. */
function terminator(text: string): string {
  const lines = new Set(text.split("\n").map((l) => l.trim()));
  let word = "EOF";
  for (let i = 1; lines.has(word); i++) word = `EOF${i}`;
  return word;
}

/**
 * The one shell line (with its heredoc) that does what the editor was asked: it is run through
 * the lab store like any UI action, so the learner sees it in the terminal.
 */
export function editorCommand(mode: EditorMode, file: string, text: string, applyAfterSave = false): string {
  const body = normaliseText(text);
  const eof = terminator(body);
  const write = `cat <<'${eof}' > ${file}`;
  // Editing an object replaces it as written (what `kubectl edit` does): a field deleted in the
  // editor is gone, which `apply` would keep.
  const kubectl = mode === "create" ? `kubectl create -f ${file}` : mode === "edit" ? `kubectl replace -f ${file}` : mode === "save" && !applyAfterSave ? "" : `kubectl apply -f ${file}`;
  return `${write}${kubectl ? ` && ${kubectl}` : ""}\n${body}\n${eof}`;
}

/** The first YAML syntax error, located; undefined when the text parses. */
export function syntaxError(text: string): (Spot & { message: string }) | undefined {
  for (const doc of parseAllDocuments(text)) {
    const e = doc.errors[0];
    if (!e) continue;
    const [from, to] = e.pos;
    const line = e.linePos?.[0].line ?? text.slice(0, from).split("\n").length;
    const message = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    return { line, from, to: Math.max(to, from + 1), message };
  }
  return undefined;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

/** Splits `spec.template.spec.containers[0].ports[1].containerPort` into keys and indexes. */
function pathOf(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return out;
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** Within a map or list, the key or value whose text is `value` (the invalid one). */
function findValue(node: YamlNode | null, value: string): [number, number] | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      for (const part of [pair.key, pair.value]) if (isScalar(part) && String(part.value) === value) return rangeOf(part);
    }
  }
  if (isSeq(node)) for (const item of node.items) if (isScalar(item) && String(item.value) === value) return rangeOf(item);
  return undefined;
}

/**
 * Where the field named in kubectl's validation error is, e.g. for
 * `The Pod "web" is invalid: metadata.labels: Invalid value: "-x": …` the `-x` under labels.
 * Undefined when the message names no field or the text does not have it.
 */
export function locateFieldError(text: string, stderr: string): Spot | undefined {
  const m = /is invalid: (?:\[)?([A-Za-z0-9_.[\]-]+): (?:Invalid value|Required value|Unsupported value|Duplicate value|Forbidden|Not found|Too long|Too many)(?:: "((?:[^"\\]|\\.)*)")?/.exec(stderr);
  if (!m) return undefined;
  const object = /^The \S+ "([^"]*)" is invalid/.exec(stderr)?.[1];
  const docs = parseAllDocuments(text);
  const doc = docs.find((d) => object !== undefined && d.getIn(["metadata", "name"]) === object) ?? docs[0];
  if (!doc || doc.errors.length > 0) return undefined;
  const path = pathOf(m[1]);
  // Walk up the path until a node exists: a missing (Required) field points at its parent.
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as YamlNode | null;
    if (node === undefined || node === null) continue;
    const bad = m[2] !== undefined ? findValue(node, goUnquote(m[2])) : undefined;
    const range = bad ?? rangeOf(node);
    if (!range) continue;
    return { line: lineAt(text, range[0]), from: range[0], to: range[1] };
  }
  return undefined;
}

/** "Kind/name" of an objectRef "namespace/Kind/name", for titles. */
export function refLabel(objectRef: string | undefined): string | undefined {
  if (!objectRef) return undefined;
  const [, kind, name] = objectRef.split("/");
  return kind && name ? `${kind.toLowerCase()}/${name}` : undefined;
}

/** The text inside a Go-quoted string (kubectl's `Invalid value: "…"`); as is when it cannot be read. */
function goUnquote(quoted: string): string {
  try {
    return JSON.parse(`"${quoted}"`) as string;
  } catch {
    return quoted; // Go escapes JSON lacks (\a, \x01…): match the raw text instead
  }
}
