/**
 * Reads a lesson file (docs/lesson-format.md) into a {@link Lesson} the runtime plays like a
 * built-in one. The file is untrusted: nothing in it is evaluated as code, its text stays text
 * (the rail draws it as React text nodes), no name it gives reaches an object's prototype, and
 * every mistake comes back as an error with its line, never as an exception.
 */
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { LESSON_SCENARIOS } from "../../store/lesson-scenarios";
import { findScenario, SCENARIOS } from "../../store/scenarios";
import type { Selection } from "../../ui/store";
import { fail, pass } from "../checks";
import { deploymentFocus, focusOf, nodesFocus, podFocus, serviceFocus } from "../focus";
import type { Action, CheckContext, CheckResult, Lesson, Prediction, Step } from "../types";
import { Args, placeholders, RESERVED_NAMES, fillValue } from "./args";
import { parseCall, type Call } from "./call";
import { didYouMean } from "./suggest";
import { vocabulary, type CheckSpec } from "./vocabulary";
import { valueVocabulary, type ValueSpec } from "./values";

/** One mistake in a lesson file. */
export interface LessonFileError {
  /** 1-based line of the file. */
  line: number;
  message: string;
}

export type LessonFileResult = { ok: true; lesson: Lesson; errors: [] } | { ok: false; lesson?: undefined; errors: LessonFileError[] };

/** How an error reads: `line 14: step "Expose it": unknown check …`. */
export const formatError = (e: LessonFileError) => `line ${e.line}: ${e.message}`;

const MAX_CHARS = 200_000;
const MAX_STEPS = 100;
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MEMORY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const FRONT_KEYS = ["id", "title", "summary", "number", "cluster", "setup"] as const;

interface Line {
  n: number;
  text: string;
}

type SectionName = "ignored" | "predict" | "check" | "near misses" | "hints" | "show me" | "explain" | "point at" | "focus" | "remember" | "remember at start" | "notes" | "fresh cluster";

const SECTIONS: Record<string, SectionName> = {
  predict: "predict",
  prediction: "predict",
  check: "check",
  checks: "check",
  "near miss": "near misses",
  "near misses": "near misses",
  hint: "hints",
  hints: "hints",
  "show me": "show me",
  explain: "explain",
  explanation: "explain",
  "point at": "point at",
  focus: "focus",
  remember: "remember",
  "remember at start": "remember at start",
  notes: "notes",
  "presenter notes": "notes",
  "fresh cluster": "fresh cluster",
};

/** Blanks out `<!-- comments -->`, keeping line breaks so line numbers stay true. */
function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(-->|$)/g, (m) => m.replace(/[^\n]/g, ""));
}

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_]\w*)\1/;

/** Lines, with the lines inside `$ …<<EOF` heredocs and ``` fences marked as verbatim. */
function markVerbatim(lines: readonly Line[]): boolean[] {
  const out: boolean[] = [];
  let until: string | undefined;
  let fence = false;
  for (const l of lines) {
    if (until !== undefined) {
      out.push(true);
      if (l.text.replace(/^\$ /, "").trim() === until) until = undefined;
      continue;
    }
    if (/^\s*```/.test(l.text)) {
      fence = !fence;
      out.push(true);
      continue;
    }
    out.push(fence);
    if (!fence && l.text.startsWith("$ ")) until = HEREDOC.exec(l.text)?.[2];
  }
  return out;
}

const textOf = (lines: readonly Line[]) =>
  lines
    .map((l) => l.text)
    .join("\n")
    .replace(/^\s*\n|\n\s*$/g, "")
    .trim();

/** Items of a Markdown list (`- …` or `* …`); continuation lines join the item. */
function listItems(lines: readonly Line[], errors: LessonFileError[], where: string, keepLines = false): Line[] {
  const items: Line[] = [];
  for (const l of lines) {
    if (l.text.trim() === "") continue;
    const m = /^\s{0,3}[-*]\s+(.*)$/.exec(l.text);
    if (m) items.push({ n: l.n, text: m[1].trim() });
    else if (items.length > 0 && /^\s/.test(l.text)) items[items.length - 1].text += (keepLines ? "\n" : " ") + l.text.trim();
    else errors.push({ line: l.n, message: `${where}: expected a list item \`- …\`, found \`${clip(l.text)}\`` });
  }
  return items;
}

const clip = (s: string) => (s.trim().length > 50 ? `${s.trim().slice(0, 50)}…` : s.trim());

/** `2s`, `1500ms`, `1m` → ms. */
function duration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/.exec(text.trim());
  if (!m) return undefined;
  const v = Number(m[1]) * (m[2] === "ms" ? 1 : m[2] === "s" ? 1000 : 60_000);
  return v > 0 && v <= 600_000 ? Math.round(v) : undefined;
}

/** Setup lines: `$ command` (a heredoc's body follows it) and `- wait 15s`. */
function setupLines(lines: readonly Line[], errors: LessonFileError[], where: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const { line: l, command } of withHeredocs(lines, errors, where)) {
    if (command) {
      out.push(command.head + command.body);
      continue;
    }
    const w = /^\s*[-*]\s+wait\s+(.+)$/.exec(l.text);
    if (w) {
      const ms = duration(w[1]);
      if (ms === undefined) errors.push({ line: l.n, message: `${where}: \`${clip(w[1])}\` is not a duration like \`15s\` or \`500ms\` (at most 10 minutes)` });
      else out.push(ms);
      continue;
    }
    errors.push({ line: l.n, message: `${where}: a setup line is a command \`$ kubectl …\` or \`- wait 15s\`, found \`${clip(l.text)}\`` });
  }
  return out;
}

/** A section's line: a `$ ` command (with the body of the heredoc it opens, if any) or any other non-blank line. */
interface SectionLine {
  line: Line;
  /** `head`: the command after `$ `; `body`: the heredoc's lines, each after a newline ("" for none). */
  command?: { head: string; body: string; heredoc: boolean };
}

/** A section's non-blank lines with each heredoc folded into its command; a heredoc left open is reported on the section's last line. */
function withHeredocs(lines: readonly Line[], errors: LessonFileError[], where: string): SectionLine[] {
  const out: SectionLine[] = [];
  let open: NonNullable<SectionLine["command"]> | undefined;
  let until: string | undefined;
  for (const l of lines) {
    if (until !== undefined && open) {
      const text = l.text.replace(/^\$ /, "");
      open.body += `\n${text}`;
      if (text.trim() === until) until = undefined;
      continue;
    }
    if (l.text.trim() === "") continue;
    if (l.text.startsWith("$ ")) {
      const head = l.text.slice(2);
      until = HEREDOC.exec(head)?.[2];
      open = { head, body: "", heredoc: until !== undefined };
      out.push({ line: l, command: open });
      continue;
    }
    out.push({ line: l });
  }
  if (until !== undefined) errors.push({ line: lines[lines.length - 1]?.n ?? 1, message: `${where}: the heredoc is not closed: add a line \`${until}\`` });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checks and values

interface BoundCheck {
  spec: CheckSpec;
  args: Args;
  /** Said when this check fails with no hint of its own. */
  text?: string;
  line: number;
}

interface NearMiss {
  when: { spec: CheckSpec; args: Args; negate: boolean }[];
  text: string;
}

function parseCheckCall(src: string, line: number, where: string, errors: LessonFileError[]): { spec: CheckSpec; args: Args; rest: string } | undefined {
  const vocab = vocabulary();
  const r = parseCall(src, (n) => vocab.get(n)?.params.map((p) => p.name));
  if (!r.ok) {
    errors.push({ line, message: `${where}: ${r.error}` });
    return undefined;
  }
  const spec = vocab.get(r.value.name);
  if (!spec) {
    errors.push({ line, message: `${where}: unknown check "${r.value.name}"${didYouMean(r.value.name, vocab.keys())}` });
    return undefined;
  }
  const args = Args.bind(r.value, spec.params);
  if (typeof args === "string") {
    errors.push({ line, message: `${where}: ${args}` });
    return undefined;
  }
  return { spec, args, rest: r.rest };
}

function runCheck(c: { spec: CheckSpec; args: Args }, ctx: CheckContext): CheckResult {
  try {
    return c.spec.run(c.args, ctx);
  } catch (error) {
    console.error(`Podflow: the lesson file check ${c.spec.name} failed.`, error);
    return { status: "fail" };
  }
}

/** All checks pass; else the first that does not, with the best hint for this near miss. */
function evaluate(checks: readonly BoundCheck[], nearMisses: readonly NearMiss[], ctx: CheckContext): CheckResult {
  for (const c of checks) {
    const r = runCheck(c, ctx);
    if (r.status === "pass") continue;
    if (r.status === "wait") return r;
    for (const nm of nearMisses) if (nm.when.every((w) => (runCheck(w, ctx).status === "pass") !== w.negate)) return fail(nm.text);
    if (r.hint !== undefined) return r;
    return fail(c.text);
  }
  return pass;
}

interface Remembered {
  name: string;
  spec: ValueSpec;
  args: Args;
}

function parseRemember(items: readonly Line[], where: string, errors: LessonFileError[]): Remembered[] {
  const out: Remembered[] = [];
  const vocab = valueVocabulary();
  for (const it of items) {
    const m = /^([^=\s]+)\s*=\s*(.*)$/.exec(it.text);
    if (!m) {
      errors.push({ line: it.n, message: `${where}: write what to remember as \`name = field(service, my-service, spec.clusterIP)\`` });
      continue;
    }
    const name = m[1];
    if (!MEMORY_NAME.test(name) || RESERVED_NAMES.has(name)) {
      errors.push({ line: it.n, message: `${where}: \`${clip(name)}\` cannot be a name to remember (letters, digits and _, starting with a letter${RESERVED_NAMES.has(name) ? `; \`${name}\` is reserved` : ""})` });
      continue;
    }
    const r = parseCall(m[2], (n) => vocab.get(n)?.params.map((p) => p.name));
    if (!r.ok) {
      errors.push({ line: it.n, message: `${where}: ${r.error}` });
      continue;
    }
    const spec = vocab.get(r.value.name);
    if (!spec) {
      errors.push({ line: it.n, message: `${where}: unknown value "${r.value.name}"${didYouMean(r.value.name, vocab.keys())}; a value is one of ${[...vocab.keys()].join(", ")}` });
      continue;
    }
    if (r.rest.trim()) {
      errors.push({ line: it.n, message: `${where}: unexpected \`${clip(r.rest)}\` after the value` });
      continue;
    }
    const args = Args.bind(r.value as Call, spec.params);
    if (typeof args === "string") errors.push({ line: it.n, message: `${where}: ${args}` });
    else out.push({ name, spec, args });
  }
  return out;
}

function readValues(list: readonly Remembered[], ctx: CheckContext): Record<string, string> {
  const entries = list.map((r): [string, string] => {
    try {
      return [r.name, r.spec.read(r.args, ctx)];
    } catch (error) {
      console.error(`Podflow: the lesson file value ${r.spec.name} failed.`, error);
      return [r.name, ""];
    }
  });
  // fromEntries defines own properties: no name can set a prototype (and names were checked).
  return Object.fromEntries(entries);
}

// ---------------------------------------------------------------------------------------------
// Pointing at the canvas

type Pointer = { kind: "select"; sel: Selection["kind"]; name: string } | { kind: "rules"; node: string } | { kind: "rulesOf"; pod: string } | { kind: "nodes" };

const SELECT_KINDS: Record<string, Selection["kind"]> = { service: "Service", svc: "Service", pod: "Pod", deployment: "Deployment", deploy: "Deployment", replicaset: "ReplicaSet", rs: "ReplicaSet", node: "Node" };

function parsePointer(text: string, line: number, where: string, errors: LessonFileError[], allowNodes: boolean): Pointer | undefined {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^rules on node of (\S+)$/.exec(t))) return { kind: "rulesOf", pod: m[1] };
  if ((m = /^rules on (\S+)$/.exec(t))) return { kind: "rules", node: m[1] };
  if (allowNodes && t === "nodes") return { kind: "nodes" };
  if ((m = /^(\S+)\s+(\S+)$/.exec(t)) && Object.hasOwn(SELECT_KINDS, m[1].toLowerCase())) return { kind: "select", sel: SELECT_KINDS[m[1].toLowerCase()], name: m[2] };
  errors.push({ line, message: `${where}: cannot point at \`${clip(t)}\`: write \`service NAME\`, \`pod NAME\`, \`deployment NAME\`, \`replicaset NAME\`, \`node NAME\`, \`rules on NODE\` or \`rules on node of POD\`${allowNodes ? " or `nodes`" : ""}` });
  return undefined;
}

/** `kube-system/x` → namespace and name. */
const split = (name: string): [string, string] => (name.includes("/") ? [name.slice(0, name.indexOf("/")), name.slice(name.indexOf("/") + 1)] : ["default", name]);
const resolved = (s: string) => s !== "" && !/\{\{/.test(s);

function pointerAction(p: Pointer, ctx: CheckContext): Action | undefined {
  if (p.kind === "rules") {
    const node = fillValue(p.node, ctx.memory);
    return resolved(node) ? { rules: node } : undefined;
  }
  if (p.kind === "rulesOf") {
    const [namespace, name] = split(fillValue(p.pod, ctx.memory));
    const node = ctx.snapshot.pods.find((x) => x.metadata.name === name && (x.metadata.namespace ?? "default") === namespace)?.spec.nodeName;
    return node ? { rules: node } : undefined;
  }
  if (p.kind === "nodes") return undefined;
  const [namespace, name] = split(fillValue(p.name, ctx.memory));
  if (!resolved(name)) return undefined;
  return { select: { kind: p.sel, namespace: p.sel === "Node" ? "" : namespace, name } };
}

function focusIdsOf(list: readonly Pointer[], ctx: CheckContext): string[] {
  return focusOf(
    ...list.map((p) => {
      if (p.kind === "nodes") return nodesFocus(ctx.snapshot);
      if (p.kind !== "select") return [];
      const [namespace, name] = split(fillValue(p.name, ctx.memory));
      if (!resolved(name)) return [];
      if (p.sel === "Service") return serviceFocus(ctx.snapshot, name, namespace);
      if (p.sel === "Deployment") return deploymentFocus(ctx.snapshot, name, namespace);
      if (p.sel === "Pod") return podFocus([name], namespace);
      if (p.sel === "ReplicaSet") return [`rs:${namespace}/${name}`];
      return [`frame:${name}`];
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Show me

function showMeActions(lines: readonly Line[], where: string, errors: LessonFileError[], pod: [string, string] | undefined): Action[] {
  const out: Action[] = [];
  for (const { line: l, command } of withHeredocs(lines, errors, where)) {
    if (command) {
      const cmd = command.head.trim() + command.body;
      if (pod) {
        if (command.heredoc) errors.push({ line: l.n, message: `${where}: a heredoc cannot be typed into a pod; show it on the control plane` });
        out.push(`kubectl${pod[0] === "default" ? "" : ` -n ${pod[0]}`} exec ${pod[1]} -- ${cmd}`);
      } else out.push(cmd);
      continue;
    }
    const item = /^\s*[-*]\s+(.*)$/.exec(l.text)?.[1].trim();
    let m: RegExpExecArray | null;
    if (item !== undefined && (m = /^wait\s+(.+)$/.exec(item))) {
      const ms = duration(m[1]);
      if (ms === undefined) errors.push({ line: l.n, message: `${where}: \`${clip(m[1])}\` is not a duration like \`2s\` or \`500ms\` (at most 10 minutes)` });
      else out.push({ wait: ms });
      continue;
    }
    if (item !== undefined && (m = /^traffic from (\S+) to (\S+) at (\d+(?:\.\d+)?)\/s(?: for (.+))?$/.exec(item))) {
      const rate = Number(m[3]);
      const ms = m[4] === undefined ? undefined : duration(m[4]);
      if (!(rate >= 0.1 && rate <= 500)) errors.push({ line: l.n, message: `${where}: the rate must be between 0.1 and 500 requests a second` });
      else if (m[4] !== undefined && ms === undefined) errors.push({ line: l.n, message: `${where}: \`${clip(m[4])}\` is not a duration like \`20s\`` });
      else {
        const source = m[1] === "outside" ? ({ kind: "external" } as const) : ({ kind: "pod", name: m[1] } as const);
        out.push({ traffic: { source, target: m[2], rate, ...(ms === undefined ? {} : { durationMs: ms }) } as Extract<Action, { traffic: unknown }>["traffic"] });
      }
      continue;
    }
    if (item !== undefined && (m = /^point at (.+)$/.exec(item))) {
      const p = parsePointer(m[1], l.n, where, errors, false);
      if (p?.kind === "select") out.push({ select: { kind: p.sel, namespace: p.sel === "Node" ? "" : split(p.name)[0], name: split(p.name)[1] } });
      else if (p?.kind === "rules") out.push({ rules: p.node });
      else if (p) errors.push({ line: l.n, message: `${where}: show me opens the rules of a node by name: \`- open rules on node01\`` });
      continue;
    }
    if (item !== undefined && (m = /^open rules on (\S+)$/.exec(item))) {
      out.push({ rules: m[1] });
      continue;
    }
    errors.push({ line: l.n, message: `${where}: show me takes commands \`$ kubectl …\` and \`- wait 2s\`, \`- traffic from client to web at 20/s for 20s\`, \`- point at service NAME\`, \`- open rules on NODE\`; found \`${clip(l.text)}\`` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The file

interface RawStep {
  title: string;
  id?: string;
  line: number;
  body: Line[];
  sections: { name: SectionName; arg: string; line: number; lines: Line[] }[];
}

function frontMatter(lines: readonly Line[], errors: LessonFileError[]) {
  const head: Record<string, { value: unknown; line: number }> = Object.create(null);
  if (lines[0]?.text.trim() !== "---") {
    errors.push({ line: 1, message: "a lesson file starts with its header between two `---` lines (title, cluster…)" });
    return { head, next: 0 };
  }
  const end = lines.findIndex((l, i) => i > 0 && l.text.trim() === "---");
  if (end < 0) {
    errors.push({ line: 1, message: "the header is not closed: add a `---` line after it" });
    return { head, next: lines.length };
  }
  const lc = new LineCounter();
  const src = lines
    .slice(1, end)
    .map((l) => l.text)
    .join("\n");
  const doc = parseDocument(src, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const lineAt = (pos: number | undefined) => (pos === undefined ? 2 : lc.linePos(pos).line + 1);
  for (const e of doc.errors) errors.push({ line: lineAt(e.pos?.[0]), message: `header: ${e.message.split("\n")[0]}` });
  if (doc.errors.length > 0) return { head, next: end + 1 };
  if (doc.contents !== null && !isMap(doc.contents)) {
    errors.push({ line: 2, message: "header: write it as `key: value` lines (title: …, cluster: …)" });
    return { head, next: end + 1 };
  }
  for (const pair of doc.contents?.items ?? []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const line = lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (!(FRONT_KEYS as readonly string[]).includes(key)) {
      errors.push({ line, message: `header: unknown key "${clip(key)}"${didYouMean(key, FRONT_KEYS)}; the header takes ${FRONT_KEYS.join(", ")}` });
      continue;
    }
    if (!isScalar(pair.value)) {
      errors.push({ line, message: `header: \`${key}\` takes one value${key === "setup" ? " (for commands, write `setup: |` and the lines under it)" : ""}` });
      continue;
    }
    head[key] = { value: pair.value.value, line };
  }
  return { head, next: end + 1 };
}

/**
 * Parses a lesson file. Returns the lesson, or every error found (each with its line); never throws.
 */
export function parseLessonFile(text: string): LessonFileResult {
  try {
    return parseUnsafe(text);
  } catch (error) {
    // A bug of the parser, not of the file: still an answer, never a blank rail.
    console.error("Podflow: the lesson file parser failed.", error);
    return { ok: false, errors: [{ line: 1, message: `the lesson could not be read (${error instanceof Error ? error.message : String(error)})` }] };
  }
}

function parseUnsafe(input: string): LessonFileResult {
  const errors: LessonFileError[] = [];
  if (typeof input !== "string") return { ok: false, errors: [{ line: 1, message: "a lesson file is text" }] };
  if (input.length > MAX_CHARS) return { ok: false, errors: [{ line: 1, message: `the file is longer than ${MAX_CHARS} characters` }] };
  const lines: Line[] = stripComments(input.replace(/\r\n?/g, "\n"))
    .split("\n")
    .map((t, i) => ({ n: i + 1, text: t.replace(/\t/g, "  ") }));
  const { head, next } = frontMatter(lines, errors);

  // Split the rest into steps (## Title) and their sections (### Name).
  const rest = lines.slice(next);
  const verbatim = markVerbatim(rest);
  const steps: RawStep[] = [];
  rest.forEach((l, i) => {
    const free = !verbatim[i];
    const h2 = free ? /^##\s+(.*?)\s*$/.exec(l.text) : null;
    if (h2 && !l.text.startsWith("###")) {
      const m = /^(.*?)\s*\{#([^}]*)\}$/.exec(h2[1]);
      steps.push({ title: (m ? m[1] : h2[1]).trim(), id: m?.[2].trim(), line: l.n, body: [], sections: [] });
      return;
    }
    const h3 = free ? /^###\s+(.*?)\s*$/.exec(l.text) : null;
    const step = steps[steps.length - 1];
    if (h3) {
      if (!step) {
        errors.push({ line: l.n, message: "a section comes before the first step: start a step with `## Its title`" });
        return;
      }
      const raw = h3[1].toLowerCase().replace(/:$/, "").replace(/\s+/g, " ");
      const where = /^show me (on|in pod) (.+)$/i.exec(h3[1].replace(/:$/, ""));
      const name = where ? "show me" : Object.hasOwn(SECTIONS, raw) ? SECTIONS[raw] : undefined;
      if (!name) {
        errors.push({ line: l.n, message: `step "${step.title}": unknown section "${clip(h3[1])}"${didYouMean(raw, Object.keys(SECTIONS))}; a step's sections are Predict, Check, Near misses, Hints, Show me, Explain, Point at, Focus, Remember, Remember at start, Notes, Fresh cluster` });
        // Its lines go nowhere (not into the instruction); the error says why.
        step.sections.push({ name: "ignored", arg: "", line: l.n, lines: [] });
        return;
      }
      if (step.sections.some((s) => s.name === name)) errors.push({ line: l.n, message: `step "${step.title}": a second "${h3[1]}" section (one of each per step)` });
      step.sections.push({ name, arg: where ? `${where[1].toLowerCase()} ${where[2].trim()}` : "", line: l.n, lines: [] });
      return;
    }
    if (!step) {
      if (l.text.trim() !== "" && !(free && /^#\s/.test(l.text))) errors.push({ line: l.n, message: "text before the first step has no place in the lesson: start a step with `## Its title` (a `# Title` line is allowed)" });
      return;
    }
    const section = step.sections.at(-1);
    (section ? section.lines : step.body).push(l);
  });

  // The header.
  const str = (k: string) => (head[k] === undefined ? undefined : String(head[k].value ?? ""));
  const title = str("title")?.trim() ?? "";
  if (!title && !errors.some((e) => e.message.startsWith("header:") || e.line === 1)) errors.push({ line: 1, message: "header: the lesson needs a `title:`" });
  const id = str("id")?.trim() || slug(title);
  if (!ID.test(id) || RESERVED_NAMES.has(id))
    errors.push({ line: head.id?.line ?? head.title?.line ?? 1, message: `header: the id \`${clip(id)}\` must be lowercase letters, digits and dashes${RESERVED_NAMES.has(id) ? ` (\`${id}\` is reserved: give the lesson an \`id:\` of its own)` : ""}` });
  let number = 1;
  if (head.number) {
    const n = Number(head.number.value);
    if (!Number.isInteger(n) || n < 1 || n > 999) errors.push({ line: head.number.line, message: "header: `number` is a whole number from 1" });
    else number = n;
  }
  const scenario = str("cluster")?.trim() || "empty";
  if (!findScenario(scenario)) errors.push({ line: head.cluster?.line ?? 1, message: `header: unknown cluster "${clip(scenario)}"${didYouMean(scenario, scenarioIds())}; name a built-in one (empty, article…) and put your own commands in \`setup:\`` });
  let setup: (string | number)[] = [];
  if (head.setup) {
    // A block (`setup: |`) starts on the next line; a plain value on the key's own line.
    const at = lines.findIndex((l) => /^setup\s*:/.test(l.text));
    const first = at + (/^setup\s*:\s*[|>][-+0-9]*\s*$/.test(lines[at]?.text ?? "") ? 2 : 1);
    const body = String(head.setup.value ?? "")
      .replace(/\n$/, "")
      .split("\n")
      .map((t, i) => ({ n: first + i, text: t }));
    setup = setupLines(body, errors, "header: setup");
  }
  if (steps.length === 0 && !errors.some((e) => e.line === 1)) errors.push({ line: Math.max(1, next), message: "the lesson has no steps: start one with `## Its title`" });
  if (steps.length > MAX_STEPS) errors.push({ line: steps[MAX_STEPS].line, message: `a lesson has at most ${MAX_STEPS} steps` });

  // The steps.
  const known = new Set<string>();
  const ids = new Set<string>();
  const built: Step[] = [];
  for (const raw of steps.slice(0, MAX_STEPS)) {
    const s = buildStep(raw, known, ids, errors);
    if (s) built.push(s);
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  const lesson: Lesson = { id, number, title, summary: str("summary")?.trim() ?? "", scenario, steps: built, ...(setup.length ? { setup } : {}) };
  return { ok: true, lesson, errors: [] };
}

function scenarioIds(): string[] {
  return [...SCENARIOS, ...LESSON_SCENARIOS].map((s) => s.id);
}

const slug = (t: string) =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64) || "lesson";

/** Reports `{{name}}`s not remembered yet. */
function checkNames(text: string, line: number, where: string, known: ReadonlySet<string>, errors: LessonFileError[]) {
  for (const n of placeholders(text))
    if (!known.has(n)) errors.push({ line, message: `${where}: {{${n}}} is not remembered by an earlier step${didYouMean(n, known)}` });
}

/** Like {@link checkNames}, each line at its own number. */
function checkLines(lines: readonly Line[], where: string, known: ReadonlySet<string>, errors: LessonFileError[]) {
  for (const l of lines) checkNames(l.text, l.n, where, known, errors);
}

function buildStep(raw: RawStep, known: Set<string>, ids: Set<string>, errors: LessonFileError[]): Step | undefined {
  const where = `step "${clip(raw.title) || "(untitled)"}"`;
  const before = errors.length;
  if (!raw.title) errors.push({ line: raw.line, message: "a step needs a title after `## `" });
  const id = raw.id ?? slug(raw.title);
  if (!ID.test(id) || RESERVED_NAMES.has(id)) errors.push({ line: raw.line, message: `${where}: the id \`${clip(id)}\` must be lowercase letters, digits and dashes${RESERVED_NAMES.has(id) ? ` (\`${id}\` is reserved)` : ""}` });
  else if (ids.has(id)) errors.push({ line: raw.line, message: `${where}: another step has the id \`${id}\`: give one of them its own with \`{#id}\` after the title` });
  ids.add(id);
  const sec = (n: SectionName) => raw.sections.find((s) => s.name === n);

  // Values remembered when the step opens are known from the start; those remembered when it
  // passes, only in what shows after it passed (the explanation, what it points at).
  const atStart = sec("remember at start");
  const enterValues = atStart ? parseRemember(listItems(atStart.lines, errors, `${where}, Remember at start`), `${where}, Remember at start`, errors) : [];
  for (const r of enterValues) for (const n of r.args.placeholders()) if (!known.has(n)) errors.push({ line: atStart!.line, message: `${where}, Remember at start: {{${n}}} is not remembered by an earlier step` });
  const open = new Set([...known, ...enterValues.map((r) => r.name)]);
  const rememberSec = sec("remember");
  const passValues = rememberSec ? parseRemember(listItems(rememberSec.lines, errors, `${where}, Remember`), `${where}, Remember`, errors) : [];
  for (const r of passValues) for (const n of r.args.placeholders()) if (!open.has(n)) errors.push({ line: rememberSec!.line, message: `${where}, Remember: {{${n}}} is not remembered by an earlier step` });
  const after = new Set([...open, ...passValues.map((r) => r.name)]);

  const body = textOf(raw.body);
  if (!body) errors.push({ line: raw.line, message: `${where}: the instruction is empty: write what to do under the title` });
  checkLines(raw.body, where, open, errors);

  // Prediction.
  let predict: Prediction | undefined;
  const p = sec("predict");
  if (p) {
    const question: Line[] = [];
    const options: Line[] = [];
    const reveal: Line[] = [];
    for (const l of p.lines) {
      if (/^\s{0,3}[-*]\s+/.test(l.text)) options.push({ n: l.n, text: l.text.replace(/^\s*[-*]\s+/, "") });
      else if (/^\s*>/.test(l.text)) reveal.push({ n: l.n, text: l.text.replace(/^\s*>\s?/, "") });
      else if (options.length > 0 && /^\s+\S/.test(l.text) && reveal.length === 0) options[options.length - 1].text += ` ${l.text.trim()}`;
      else if (options.length === 0) question.push(l);
      else if (l.text.trim()) errors.push({ line: l.n, message: `${where}, Predict: after the options, only the reveal (\`> …\` lines) may follow` });
    }
    const answers = options.map((o, i) => (/^\[[xX]\]\s*/.test(o.text) ? i : -1)).filter((i) => i >= 0);
    const q = textOf(question);
    if (!q) errors.push({ line: p.line, message: `${where}, Predict: the question is missing (write it above the options)` });
    if (options.length < 2) errors.push({ line: p.line, message: `${where}, Predict: give at least two options as a list (\`- …\`), the right one marked \`- [x] …\`` });
    else if (answers.length !== 1) errors.push({ line: p.line, message: `${where}, Predict: mark exactly one option as the answer with \`- [x] …\` (${answers.length} marked)` });
    if (reveal.length === 0) errors.push({ line: p.line, message: `${where}, Predict: add the reveal, said once the step passes, as \`> …\` lines` });
    checkLines(p.lines, `${where}, Predict`, open, errors);
    if (answers.length === 1 && options.length >= 2 && q && reveal.length > 0)
      predict = { question: q, options: options.map((o) => o.text.replace(/^\[[ xX]\]\s*/, "").trim()), answer: answers[0], reveal: textOf(reveal) };
  }

  // Checks and near misses.
  const checks: BoundCheck[] = [];
  const c = sec("check");
  if (!c) errors.push({ line: raw.line, message: `${where}: add a \`### Check\` section: what must be true for the step to pass` });
  else {
    for (const it of listItems(c.lines, errors, `${where}, Check`)) {
      const r = parseCheckCall(it.text, it.n, where, errors);
      if (!r) continue;
      const tail = r.rest.trim();
      if (tail && !tail.startsWith(":")) {
        errors.push({ line: it.n, message: `${where}: unexpected \`${clip(tail)}\` after the check (a hint for it follows a \`:\`)` });
        continue;
      }
      const text = tail.slice(1).trim() || undefined;
      for (const n of r.args.placeholders()) if (!open.has(n)) errors.push({ line: it.n, message: `${where}: {{${n}}} is not remembered by an earlier step${didYouMean(n, open)}` });
      if (text) checkNames(text, it.n, where, open, errors);
      checks.push({ spec: r.spec, args: r.args, text, line: it.n });
    }
    if (checks.length === 0 && errors.length === before) errors.push({ line: c.line, message: `${where}: the Check section lists no check` });
  }
  const nearMisses: NearMiss[] = [];
  const nm = sec("near misses");
  if (nm) {
    for (const it of listItems(nm.lines, errors, `${where}, Near misses`)) {
      const m = /^when\s+(.*)$/.exec(it.text);
      if (!m) {
        errors.push({ line: it.n, message: `${where}: a near miss reads \`- when CHECK: the hint\`` });
        continue;
      }
      let src = m[1];
      const when: NearMiss["when"] = [];
      let ok = true;
      for (;;) {
        const neg = /^not\s+/.exec(src);
        if (neg) src = src.slice(neg[0].length);
        const r = parseCheckCall(src, it.n, where, errors);
        if (!r) {
          ok = false;
          break;
        }
        for (const n of r.args.placeholders()) if (!open.has(n)) errors.push({ line: it.n, message: `${where}: {{${n}}} is not remembered by an earlier step` });
        when.push({ spec: r.spec, args: r.args, negate: !!neg });
        const and = /^\s*and\s+/.exec(r.rest);
        if (and) {
          src = r.rest.slice(and[0].length);
          continue;
        }
        src = r.rest;
        break;
      }
      if (!ok) continue;
      const t = /^\s*:\s*(.*)$/s.exec(src);
      if (!t || !t[1].trim()) {
        errors.push({ line: it.n, message: `${where}: the near miss needs its hint after a \`:\`` });
        continue;
      }
      checkNames(t[1], it.n, where, open, errors);
      nearMisses.push({ when, text: t[1].trim() });
    }
  }

  // Hints.
  const h = sec("hints");
  const hints = h ? listItems(h.lines, errors, `${where}, Hints`).map((i) => i.text) : [];
  if (h) checkLines(h.lines, `${where}, Hints`, open, errors);
  if (hints.length === 0) errors.push({ line: h?.line ?? raw.line, message: `${where}: add a \`### Hints\` list: at least one hint, shown after wrong tries` });

  // Show me, and where it types.
  const sm = sec("show me");
  let shell: string | undefined;
  let pod: [string, string] | undefined;
  if (sm?.arg) {
    const m = /^(on|in pod)\s+(\S+)$/.exec(sm.arg);
    if (m?.[1] === "on") {
      if (!/^([a-z0-9-]+|\{\{\w+\}\})$/.test(m[2])) errors.push({ line: sm.line, message: `${where}: \`${clip(m[2])}\` is not a node's name` });
      shell = m[2] === "controlplane" ? undefined : m[2];
      if (shell) checkNames(shell, sm.line, where, open, errors);
    } else if (m) {
      pod = split(m[2]);
      checkNames(m[2], sm.line, where, open, errors);
    }
  }
  const showMe = sm ? showMeActions(sm.lines, `${where}, Show me`, errors, pod) : [];
  if (sm) checkLines(sm.lines, `${where}, Show me`, open, errors);
  if (showMe.length === 0 && (!sm || errors.length === before)) errors.push({ line: sm?.line ?? raw.line, message: `${where}: add a \`### Show me\` section: the commands that do the step` });

  // After it passed.
  const ex = sec("explain");
  const explain = ex ? textOf(ex.lines) : "";
  if (!explain) errors.push({ line: ex?.line ?? raw.line, message: `${where}: add an \`### Explain\` section: why it happened, shown once the step passes` });
  if (ex) checkLines(ex.lines, `${where}, Explain`, after, errors);
  const notesSec = sec("notes");
  const notes = notesSec ? textOf(notesSec.lines) : undefined;
  if (notesSec) checkLines(notesSec.lines, `${where}, Notes`, after, errors);

  const pa = sec("point at");
  let pointer: Pointer | undefined;
  if (pa) {
    const t = textOf(pa.lines);
    pointer = parsePointer(t, pa.lines.find((l) => l.text.trim())?.n ?? pa.line, `${where}, Point at`, errors, false);
    checkNames(t, pa.line, `${where}, Point at`, after, errors);
  }
  const fo = sec("focus");
  const focusList: Pointer[] = [];
  if (fo) {
    for (const it of listItems(fo.lines, errors, `${where}, Focus`)) {
      const fp = parsePointer(it.text, it.n, `${where}, Focus`, errors, true);
      if (fp) focusList.push(fp);
      checkNames(it.text, it.n, `${where}, Focus`, open, errors);
    }
  }

  // A fresh cluster for this step (the closing check).
  const fr = sec("fresh cluster");
  let fresh: string | undefined;
  let setup: (string | number)[] = [];
  if (fr) {
    const first = fr.lines.find((l) => l.text.trim());
    const scenarioLine = first && !first.text.startsWith("$ ") && !/^\s*[-*]\s/.test(first.text) ? first : undefined;
    fresh = scenarioLine?.text.trim() ?? "empty";
    if (!findScenario(fresh)) errors.push({ line: scenarioLine?.n ?? fr.line, message: `${where}: unknown cluster "${clip(fresh)}"${didYouMean(fresh, scenarioIds())}` });
    setup = setupLines(
      fr.lines.filter((l) => l !== scenarioLine),
      errors,
      `${where}, Fresh cluster`,
    );
  }

  for (const r of passValues) known.add(r.name);
  for (const r of enterValues) known.add(r.name);
  if (errors.length > before) return undefined;

  const step: Step = {
    id,
    title: raw.title,
    body,
    ...(predict ? { predict } : {}),
    check: (ctx) => evaluate(checks, nearMisses, ctx),
    hints,
    showMe,
    ...(shell ? { shell } : {}),
    explain,
    ...(notes ? { notes } : {}),
    ...(fresh ? { fresh } : {}),
    ...(setup.length ? { setup } : {}),
    ...(pointer ? { highlight: (ctx: CheckContext) => pointerAction(pointer, ctx) } : {}),
    ...(focusList.length ? { focus: (ctx: CheckContext) => focusIdsOf(focusList, ctx) } : {}),
    ...(passValues.length ? { remember: (ctx: CheckContext) => readValues(passValues, ctx) } : {}),
    ...(enterValues.length ? { enter: (ctx: CheckContext) => readValues(enterValues, ctx) } : {}),
  };
  return step;
}
