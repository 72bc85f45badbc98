/**
 * The arguments of one vocabulary call, checked once when the file is read (names, types,
 * patterns, paths) and read at check time with `{{name}}` filled from the lesson's memory.
 */
import type { ClusterSnapshot } from "../../engine/api";
import { words } from "../checks";
import type { ArgValue, Call } from "./call";
import { didYouMean } from "./suggest";

/** Names no key of a lesson file may take: they would reach into an object's prototype. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), "prototype", "__proto__"]);

export type ParamType = "text" | "number" | "pattern" | "kind" | "selector" | "nameOrSelector" | "path" | "outcome" | "node";

export interface Param {
  name: string;
  type: ParamType;
  required?: boolean;
  /** What it means, for the documentation. */
  doc: string;
}

/** `{{name}}` in a value: filled at check time. */
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** Fills `{{name}}` from memory (own keys only); `escape` for values put into a regular expression. */
export function fillValue(text: string, memory: Readonly<Record<string, string>>, escape = false): string {
  return text.replace(PLACEHOLDER, (m, k: string) => {
    if (!Object.hasOwn(memory, k)) return m;
    const v = memory[k];
    return escape ? v.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&") : v;
  });
}

/** The `{{name}}`s a text uses. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** Kinds a check can name, with the words kubectl accepts for them. */
export const KINDS = {
  pod: { list: "pods", words: ["pod", "pods", "po"], namespaced: true },
  service: { list: "services", words: ["service", "services", "svc"], namespaced: true },
  deployment: { list: "deployments", words: ["deployment", "deployments", "deploy"], namespaced: true },
  replicaset: { list: "replicaSets", words: ["replicaset", "replicasets", "rs"], namespaced: true },
  daemonset: { list: "daemonSets", words: ["daemonset", "daemonsets", "ds"], namespaced: true },
  configmap: { list: "configMaps", words: ["configmap", "configmaps", "cm"], namespaced: true },
  endpointslice: { list: "endpointSlices", words: ["endpointslice", "endpointslices"], namespaced: true },
  endpoints: { list: "endpoints", words: ["endpoints", "ep"], namespaced: true },
  node: { list: "nodes", words: ["node", "nodes", "no"], namespaced: false },
  namespace: { list: "namespaces", words: ["namespace", "namespaces", "ns"], namespaced: false },
} as const satisfies Record<string, { list: keyof ClusterSnapshot; words: readonly string[]; namespaced: boolean }>;

export type KindName = keyof typeof KINDS;

const KIND_WORDS = new Map<string, KindName>(Object.entries(KINDS).flatMap(([k, v]) => v.words.map((w) => [w, k as KindName] as const)));

export function kindOf(word: string): KindName | undefined {
  return KIND_WORDS.get(word.toLowerCase());
}

/** `app=test,tier=web` → labels; undefined when malformed. */
export function parseSelector(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    const m = /^\s*([A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?)\s*=\s*([A-Za-z0-9._-]*)\s*$/.exec(part);
    if (!m || RESERVED_NAMES.has(m[1])) return undefined;
    Object.defineProperty(out, m[1], { value: m[3], enumerable: true });
  }
  return out;
}

/** One step of a field path: a key, an index, or the first element whose `key` is `value`. */
export type PathStep = { key: string } | { index: number } | { where: string; is: string };

/**
 * Parses a kubectl-like path: `spec.clusterIP`, `.spec.ports[0].targetPort`,
 * `spec.ports[name=http].port`, `metadata.labels["app.kubernetes.io/name"]`.
 */
export function parsePath(text: string): PathStep[] | string {
  let s = text.trim().replace(/^\{?\.?/, "").replace(/\}$/, "");
  const out: PathStep[] = [];
  if (!s) return "the path is empty";
  while (s.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = /^\[(\d+)\]/.exec(s))) out.push({ index: Number(m[1]) });
    else if ((m = /^\["([^"\]]+)"\]/.exec(s)) || (m = /^\['([^'\]]+)'\]/.exec(s))) out.push({ key: m[1] });
    else if ((m = /^\[([A-Za-z][\w-]*)=([^\]]*)\]/.exec(s))) out.push({ where: m[1], is: m[2] });
    else if ((m = /^\.?([A-Za-z_$][\w$-]*)/.exec(s))) out.push({ key: m[1] });
    else return `cannot read the path at \`${s}\` (write it like \`spec.ports[0].port\`)`;
    s = s.slice(m[0].length);
  }
  for (const step of out) {
    const k = "key" in step ? step.key : "where" in step ? step.where : undefined;
    if (k !== undefined && RESERVED_NAMES.has(k)) return `\`${k}\` is not a field a path may use`;
  }
  return out;
}

/** Follows a path through an object (own properties only). */
export function readPath(obj: unknown, path: readonly PathStep[]): unknown {
  let cur: unknown = obj;
  for (const step of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    if ("index" in step) cur = Array.isArray(cur) ? cur[step.index] : undefined;
    else if ("key" in step) cur = Object.hasOwn(cur, step.key) ? (cur as Record<string, unknown>)[step.key] : undefined;
    else cur = Array.isArray(cur) ? cur.find((e) => e && typeof e === "object" && Object.hasOwn(e, step.where) && String((e as Record<string, unknown>)[step.where]) === step.is) : undefined;
  }
  return cur;
}

/** A value as a check compares it: strings as they are, numbers in decimal, objects as JSON. */
export function valueText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

const MAX_PATTERN = 300;

/**
 * True when a group that repeats holds a repetition or an alternation of its own (`(a+)+`,
 * `((a)*)*`, `(a|a)*`): the shapes that can backtrack for ever on an unlucky output.
 */
export function backtracksBadly(source: string): boolean {
  // For each open group: whether it holds a quantifier or an alternation.
  const stack: boolean[] = [];
  let risky = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      // Skip a character class: nothing inside it groups or repeats.
      for (i++; i < source.length && source[i] !== "]"; i++) if (source[i] === "\\") i++;
      continue;
    }
    if (c === "(") stack.push(false);
    else if (c === "|" || c === "*" || c === "+" || (c === "{" && /^\{\d+,\d*\}/.test(source.slice(i)))) {
      if (stack.length > 0) stack[stack.length - 1] = true;
    } else if (c === ")") {
      const inner = stack.pop() ?? false;
      const next = source.slice(i + 1);
      const repeated = /^[*+]/.test(next) || /^\{\d+,(\d*)\}/.test(next);
      if (inner && repeated) risky = true;
      // What the group holds counts for the group around it too.
      if (inner && stack.length > 0) stack[stack.length - 1] = true;
    }
  }
  return risky;
}

/** Checks a pattern once; an error in words, or undefined when it is fine. */
export function patternError(v: ArgValue): string | undefined {
  if (v.kind !== "regex") return v.text === "" ? "the pattern is empty" : undefined;
  if (v.source.length > MAX_PATTERN) return `the pattern is longer than ${MAX_PATTERN} characters`;
  if (backtracksBadly(v.source)) return "the pattern repeats a group that itself repeats or has alternatives (like `(a+)+` or `(a|b)*`): it could take forever on some outputs; simplify it";
  if (/[^gimsuy]/.test(v.flags)) return `unknown pattern flag in \`${v.flags}\` (use i for case-insensitive)`;
  try {
    new RegExp(v.source, v.flags);
    return undefined;
  } catch (e) {
    return `the pattern does not compile: ${(e as Error).message}`;
  }
}

/** How a pattern matches: a regular expression, or plain text. */
export interface Matcher {
  /** A command line: a regex, or the pattern's words in the same order. */
  line(text: string): boolean;
  /** An output: a regex, or the text contained in it. */
  text(text: string): boolean;
  show: string;
}

function matcher(v: ArgValue, memory: Readonly<Record<string, string>>): Matcher {
  if (v.kind === "regex") {
    let re: RegExp;
    try {
      re = new RegExp(fillValue(v.source, memory, true), v.flags.replace(/[gy]/g, ""));
    } catch {
      re = /(?!)/;
    }
    return { line: (t) => re.test(t), text: (t) => re.test(t), show: `/${v.source}/` };
  }
  const text = fillValue(v.text, memory);
  const want = words(text);
  return {
    line(line) {
      const have = words(line);
      let i = 0;
      for (const w of have) if (i < want.length && w === want[i]) i++;
      return i === want.length && want.length > 0;
    },
    text: (t) => text.length > 0 && t.includes(text),
    show: text,
  };
}

/** A call's arguments bound to a check's parameters. */
export class Args {
  constructor(private readonly values: ReadonlyMap<string, ArgValue>) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Text with `{{name}}` filled (patterns read as their source). */
  text(name: string, memory: Readonly<Record<string, string>>): string | undefined {
    const v = this.values.get(name);
    if (!v) return undefined;
    return fillValue(v.kind === "regex" ? v.source : v.text, memory);
  }

  number(name: string, memory: Readonly<Record<string, string>>): number | undefined {
    const t = this.text(name, memory);
    if (t === undefined || t.trim() === "") return undefined;
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
  }

  pattern(name: string, memory: Readonly<Record<string, string>>): Matcher | undefined {
    const v = this.values.get(name);
    return v ? matcher(v, memory) : undefined;
  }

  /** Every `{{name}}` the arguments use. */
  placeholders(): string[] {
    return [...this.values.values()].flatMap((v) => placeholders(v.kind === "regex" ? v.source : v.text));
  }

  /**
   * Binds a call to `params`: positional values in order, then named ones. Returns the arguments,
   * or an error in words (unknown or missing argument, a value of the wrong type).
   */
  static bind(call: Call, params: readonly Param[]): Args | string {
    const values = new Map<string, ArgValue>();
    if (call.positional.length > params.length) return `\`${call.name}\` takes at most ${params.length} argument${params.length === 1 ? "" : "s"} (${params.map((p) => p.name).join(", ")})`;
    call.positional.forEach((v, i) => values.set(params[i].name, v));
    for (const [k, v] of call.named) {
      if (!params.some((p) => p.name === k)) return `\`${call.name}\` has no argument \`${k}\`${didYouMean(k, params.map((p) => p.name))}; it takes ${params.map((p) => p.name).join(", ")}`;
      if (values.has(k)) return `\`${k}\` is given twice`;
      values.set(k, v);
    }
    for (const p of params) {
      const v = values.get(p.name);
      if (!v) {
        if (p.required) return `\`${call.name}\` needs \`${p.name}\` (${p.doc})`;
        continue;
      }
      const err = typeError(p, v);
      if (err) return `\`${call.name}\`: \`${p.name}\` ${err}`;
    }
    return new Args(values);
  }
}

const OUTCOMES = ["ok", "failed", "refused", "timeout", "reset", "unreachable", "any"];

function typeError(p: Param, v: ArgValue): string | undefined {
  if (p.type === "pattern") return patternError(v);
  if (v.kind === "regex") return "takes a value, not a pattern";
  const t = v.text;
  if (t === "") return "is empty";
  const live = placeholders(t).length > 0;
  switch (p.type) {
    case "number":
      return live || /^\d+(\.\d+)?$/.test(t) ? undefined : `must be a number, not \`${t}\``;
    case "kind":
      return kindOf(t) ? undefined : `\`${t}\` is not a kind this lesson can check${didYouMean(t, KIND_WORDS.keys())} (pod, service, deployment, replicaset, daemonset, configmap, endpointslice, endpoints, node, namespace)`;
    case "selector":
      return live || parseSelector(t) ? undefined : `\`${t}\` is not a label selector like \`app=test\``;
    case "nameOrSelector":
      if (t.includes("=")) return live || parseSelector(t) ? undefined : `\`${t}\` is not a label selector like \`app=test\``;
      return RESERVED_NAMES.has(t) ? `\`${t}\` cannot be a name here` : undefined;
    case "path": {
      const r = parsePath(t);
      return typeof r === "string" ? r : undefined;
    }
    case "outcome":
      return OUTCOMES.includes(t) ? undefined : `must be one of ${OUTCOMES.join(", ")}${didYouMean(t, OUTCOMES)}`;
    default:
      return RESERVED_NAMES.has(t) ? `\`${t}\` cannot be a value here` : undefined;
  }
}
