import type { Res as ExecResult } from "../util/result";
import { breToJs, escapeRegExp } from "./regex";
import { sed } from "./sed";

type Filter = (args: string[], input: string) => ExecResult;

const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0 });
const lines = (s: string) => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));
const join = (ls: string[]) => (ls.length ? ls.join("\n") + "\n" : "");

/** The text tools learners pipe kubectl into. */
export const FILTERS: Record<string, Filter> = {
  grep(args, input) {
    const o = { invert: false, icase: false, count: false, extended: false, fixed: false, number: false, word: false, line: false, only: false, quiet: false, after: 0, before: 0 };
    const rest: string[] = [];
    const patterns: string[] = [];
    const usage = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
    const contextArg = (v: string | undefined): number | string => (v !== undefined && /^\d+$/.test(v) ? Number(v) : `grep: ${v ?? ""}: invalid context length argument\n`);
    const long: Record<string, keyof typeof o> = {
      "--invert-match": "invert", "--ignore-case": "icase", "--count": "count", "--extended-regexp": "extended", "--fixed-strings": "fixed",
      "--line-number": "number", "--word-regexp": "word", "--line-regexp": "line", "--only-matching": "only", "--quiet": "quiet", "--silent": "quiet",
    };
    const flags: Record<string, keyof typeof o> = { v: "invert", i: "icase", c: "count", E: "extended", F: "fixed", n: "number", w: "word", x: "line", o: "only", q: "quiet" };
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "--") {
        rest.push(...args.slice(i + 1));
        break;
      }
      const ctx = /^--(after|before)?-?context=(.*)$/.exec(a);
      if (ctx) {
        const n = contextArg(ctx[2]);
        if (typeof n === "string") return { stdout: "", stderr: n, exitCode: 2 };
        if (ctx[1] !== "before") o.after = n;
        if (ctx[1] !== "after") o.before = n;
      } else if (a === "--regexp" || a.startsWith("--regexp=")) patterns.push(a.includes("=") ? a.slice(9) : (args[++i] ?? ""));
      else if (a.startsWith("--")) {
        const key = long[a];
        if (!key) return { stdout: "", stderr: `grep: unrecognized option '${a}'\n${usage}`, exitCode: 2 };
        (o[key] as boolean) = true;
      } else if (a.startsWith("-") && a.length > 1) {
        // Bundled short options: -vn, -nA3, -A 3, -e PATTERN, -ePATTERN.
        for (let k = 1; k < a.length; k++) {
          const f = a[k];
          if (f === "e" || f === "A" || f === "B" || f === "C") {
            const value = k + 1 < a.length ? a.slice(k + 1) : args[++i];
            if (value === undefined) return { stdout: "", stderr: `grep: option requires an argument -- '${f}'\n${usage}`, exitCode: 2 };
            if (f === "e") patterns.push(value);
            else {
              const n = contextArg(value);
              if (typeof n === "string") return { stdout: "", stderr: n, exitCode: 2 };
              if (f !== "B") o.after = n;
              if (f !== "A") o.before = n;
            }
            break;
          }
          if (/\d/.test(f)) {
            // -3 is -C 3.
            const n = Number(/^\d+/.exec(a.slice(k))![0]);
            o.after = o.before = n;
            k += String(n).length - 1;
            continue;
          }
          const key = flags[f];
          if (!key) return { stdout: "", stderr: `grep: invalid option -- '${f}'\n${usage}`, exitCode: 2 };
          (o[key] as boolean) = true;
        }
      } else rest.push(a);
    }
    // `-e P` may repeat (a line matching any of them matches); otherwise the first operand is the pattern.
    if (patterns.length === 0 && rest[0] !== undefined) patterns.push(rest[0]);
    if (patterns.length === 0) return { stdout: "", stderr: usage, exitCode: 2 };
    const res = patterns.map((pattern) => {
      let source = o.fixed ? escapeRegExp(pattern) : o.extended ? pattern : breToJs(pattern);
      if (o.word) source = `(?<![\\w])(?:${source})(?![\\w])`;
      if (o.line) source = `^(?:${source})$`;
      try {
        return new RegExp(source, o.icase ? "gi" : "g");
      } catch {
        return new RegExp(escapeRegExp(pattern), o.icase ? "gi" : "g");
      }
    });
    const matches = (l: string) => res.some((re) => ((re.lastIndex = 0), re.test(l)));
    const all = lines(input);
    const hit = all.map((l) => matches(l) !== o.invert);
    const total = hit.filter(Boolean).length;
    const status = total ? 0 : 1;
    if (o.quiet) return { stdout: "", stderr: "", exitCode: status };
    if (o.count) return { stdout: `${total}\n`, stderr: "", exitCode: status };
    const out: string[] = [];
    const prefix = (i: number, sep: string) => (o.number ? `${i + 1}${sep}` : "");
    if (o.only) {
      // Each match on its own line (nothing for an inverted match, as GNU grep does).
      all.forEach((l, i) => {
        if (!hit[i] || o.invert) return;
        for (const re of res) {
          re.lastIndex = 0;
          for (const m of l.matchAll(re)) if (m[0] !== "") out.push(prefix(i, ":") + m[0]);
        }
      });
      return { stdout: join(out), stderr: "", exitCode: status };
    }
    // Matching lines with their context; groups that do not touch are separated by "--".
    let last = -1;
    all.forEach((l, i) => {
      if (!hit[i]) return;
      const from = Math.max(0, i - o.before, last + 1);
      if (last >= 0 && from > last + 1 && (o.before || o.after)) out.push("--");
      for (let k = from; k < i; k++) out.push(prefix(k, "-") + all[k]);
      out.push(prefix(i, ":") + l);
      last = i;
      for (let k = i + 1; k <= Math.min(all.length - 1, i + o.after) && !hit[k]; k++) {
        out.push(prefix(k, "-") + all[k]);
        last = k;
      }
    });
    return { stdout: join(out), stderr: "", exitCode: status };
  },
  wc(args, input) {
    const ls = lines(input);
    if (args.includes("-l")) return ok(`${ls.length}\n`);
    const words = input.split(/\s+/).filter(Boolean).length;
    return ok(`${String(ls.length).padStart(7)} ${String(words).padStart(7)} ${String(input.length).padStart(7)}\n`);
  },
  head(args, input) {
    return ok(join(lines(input).slice(0, count(args))));
  },
  tail(args, input) {
    const n = count(args);
    const ls = lines(input);
    const plus = args.find((a) => /^\+\d+$/.test(a)) ?? (args.includes("-n") ? args[args.indexOf("-n") + 1] : undefined);
    if (plus?.startsWith("+")) return ok(join(ls.slice(Number(plus.slice(1)) - 1)));
    return ok(join(ls.slice(Math.max(0, ls.length - n))));
  },
  sort(args, input) {
    const ls = [...lines(input)].sort();
    if (args.includes("-r")) ls.reverse();
    return ok(join(args.includes("-u") ? [...new Set(ls)] : ls));
  },
  sed,
  uniq(_args, input) {
    return ok(join(lines(input).filter((l, i, a) => i === 0 || a[i - 1] !== l)));
  },
};

function count(args: string[]): number {
  const i = args.indexOf("-n");
  if (i >= 0) return Number(args[i + 1]?.replace("+", "")) || 10;
  const short = args.find((a) => /^-\d+$/.test(a));
  return short ? Number(short.slice(1)) : 10;
}
