/**
 * The small expression language of a lesson file's checks: `name(arg, arg, key: value)`. Values
 * are bare words (`my-service`, `app=test`, `8080`, `{{oldIP}}`), quoted strings (`"a, b"`) or
 * regular expressions (`/kubectl get (svc|services)/i`). Parsing never throws: it returns a
 * result or an error in words.
 */

/** One argument value as written. */
export type ArgValue = { kind: "text"; text: string } | { kind: "regex"; source: string; flags: string };

export interface Call {
  name: string;
  /** Arguments without a name, in order. */
  positional: ArgValue[];
  /** Named arguments (`port: 8080`); a Map, so no key can reach an object's prototype. */
  named: Map<string, ArgValue>;
}

export type Parsed<T> = { ok: true; value: T; rest: string } | { ok: false; error: string };

const IDENT = /^[A-Za-z][A-Za-z0-9]*/;

/** Reads one value up to the next `,` or `)` at depth 0. */
function readValue(src: string): Parsed<ArgValue> {
  const s = src.trimStart();
  if (s.startsWith('"') || s.startsWith("'")) {
    const q = s[0];
    let out = "";
    for (let i = 1; i < s.length; i++) {
      const c = s[i];
      if (c === "\\" && i + 1 < s.length) {
        out += s[++i];
        continue;
      }
      if (c === q) return { ok: true, value: { kind: "text", text: out }, rest: s.slice(i + 1) };
      out += c;
    }
    return { ok: false, error: `a quoted value is not closed (add the closing ${q})` };
  }
  if (s.startsWith("/")) {
    let source = "";
    let inClass = false;
    for (let i = 1; i < s.length; i++) {
      const c = s[i];
      if (c === "\\" && i + 1 < s.length) {
        source += c + s[++i];
        continue;
      }
      if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      else if (c === "/" && !inClass) {
        const flags = /^[a-z]*/.exec(s.slice(i + 1))![0];
        return { ok: true, value: { kind: "regex", source, flags }, rest: s.slice(i + 1 + flags.length) };
      }
      source += c;
    }
    return { ok: false, error: "a pattern /…/ is not closed (add the closing /)" };
  }
  let depth = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === "(") depth++;
    else if (c === ")") {
      if (depth === 0) break;
      depth--;
    } else if (c === "," && depth === 0) break;
  }
  const text = s.slice(0, i).trim();
  return { ok: true, value: { kind: "text", text }, rest: s.slice(i) };
}

/**
 * Parses `name(…)` at the start of `src`. `paramsOf` tells which argument names a check takes, so
 * `port: 8080` is a named argument while `my-service:8080` stays a value.
 */
export function parseCall(src: string, paramsOf: (name: string) => readonly string[] | undefined): Parsed<Call> {
  const s = src.trimStart();
  const m = IDENT.exec(s);
  if (!m) return { ok: false, error: `expected a check such as \`exists(pod, client)\`, found \`${clip(s)}\`` };
  const name = m[0];
  let rest = s.slice(name.length).trimStart();
  if (!rest.startsWith("(")) return { ok: false, error: `\`${name}\` needs its arguments in brackets: \`${name}(…)\`` };
  rest = rest.slice(1);
  const params = paramsOf(name) ?? [];
  const call: Call = { name, positional: [], named: new Map() };
  if (rest.trimStart().startsWith(")")) return { ok: true, value: call, rest: rest.trimStart().slice(1) };
  for (;;) {
    const t = rest.trimStart();
    const key = /^([A-Za-z][A-Za-z0-9]*)\s*:(\s|$)/.exec(t) ?? (params.length ? new RegExp(`^(${params.join("|")})\\s*:`).exec(t) : null);
    let argName: string | undefined;
    if (key) {
      argName = key[1];
      rest = t.slice(key[0].length);
    } else rest = t;
    const v = readValue(rest);
    if (!v.ok) return v;
    if (argName !== undefined) {
      if (call.named.has(argName)) return { ok: false, error: `\`${argName}\` is given twice` };
      call.named.set(argName, v.value);
    } else {
      if (call.named.size > 0) return { ok: false, error: "a value without a name comes after named ones: put `name: value` arguments last" };
      call.positional.push(v.value);
    }
    rest = v.rest.trimStart();
    if (rest.startsWith(",")) {
      rest = rest.slice(1);
      continue;
    }
    if (rest.startsWith(")")) return { ok: true, value: call, rest: rest.slice(1) };
    return { ok: false, error: `\`${name}(\` is not closed: add \`)\`` };
  }
}

function clip(s: string): string {
  const line = s.split("\n")[0];
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/** How a value reads back in a message. */
export function showValue(v: ArgValue): string {
  return v.kind === "regex" ? `/${v.source}/${v.flags}` : v.text;
}
