import type { Res as ExecResult } from "./result";

type Filter = (args: string[], input: string) => ExecResult;

const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0 });
const lines = (s: string) => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));
const join = (ls: string[]) => (ls.length ? ls.join("\n") + "\n" : "");

/** The text tools learners pipe kubectl into. */
export const FILTERS: Record<string, Filter> = {
  grep(args, input) {
    let invert = false;
    let icase = false;
    let count = false;
    let extended = false;
    const rest: string[] = [];
    const patterns: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-e" && i + 1 < args.length) patterns.push(args[++i]);
      else if (a.startsWith("-e") && a.length > 2) patterns.push(a.slice(2));
      else if (/^-[vicE]+$/.test(a)) {
        invert ||= a.includes("v");
        icase ||= a.includes("i");
        count ||= a.includes("c");
        extended ||= a.includes("E");
      } else rest.push(a);
    }
    // `-e P` may repeat (a line matching any of them matches); otherwise the first operand is the pattern.
    if (patterns.length === 0 && rest[0] !== undefined) patterns.push(rest[0]);
    if (patterns.length === 0) return { stdout: "", stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", exitCode: 2 };
    const res = patterns.map((pattern) => {
      try {
        return new RegExp(extended ? pattern : breToJs(pattern), icase ? "i" : "");
      } catch {
        return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), icase ? "i" : "");
      }
    });
    const matched = lines(input).filter((l) => res.some((re) => re.test(l)) !== invert);
    if (count) return { stdout: `${matched.length}\n`, stderr: "", exitCode: matched.length ? 0 : 1 };
    return { stdout: join(matched), stderr: "", exitCode: matched.length ? 0 : 1 };
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

/** GNU grep's basic regular expressions: `|+?(){}` are literal unless escaped. */
function breToJs(p: string): string {
  let out = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\" && i + 1 < p.length) {
      const n = p[++i];
      out += "|+?(){}".includes(n) ? n : `\\${n}`;
    } else out += "|+?(){}".includes(c) ? `\\${c}` : c;
  }
  return out;
}
