/**
 * GNU sed 4.9, the part a learner types into a pipeline: `kubectl get cm kube-proxy -o yaml |
 * sed -e 's/mode: ""/mode: "ipvs"/' | kubectl replace -f -` (MetalLB's documentation does exactly
 * this for strictARP). Options -n, -e/--expression, -E/-r, -i (the shell writes the file back), -s;
 * commands s (flags g, p, N, i/I), d, p, q, with an address (N, $, /RE/) or a range, and `!`.
 * Errors are GNU sed's own text, with its "-e expression #N, char M" positions.
 */
import type { Res } from "../util/result";
import { breToJs } from "./regex";

const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

/** sed's command line, read: its options, its script (one entry per -e) and its input files. */
export interface SedArgs {
  quiet: boolean;
  extended: boolean;
  inPlace: boolean;
  scripts: string[];
  files: string[];
}

/** Reads sed's arguments; a usage error comes back as sed's own output. */
export function parseSedArgs(args: string[]): { ok: true; args: SedArgs } | { ok: false; res: Res } {
  const o: SedArgs = { quiet: false, extended: false, inPlace: false, scripts: [], files: [] };
  const operands: string[] = [];
  const bad = (msg: string): { ok: false; res: Res } => ({ ok: false, res: { stdout: "", stderr: `sed: ${msg}\n${USAGE}`, exitCode: 1 } });
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a === "--help") return { ok: false, res: { stdout: USAGE, stderr: "", exitCode: 0 } };
    if (a === "--quiet" || a === "--silent") o.quiet = true;
    else if (a === "--regexp-extended") o.extended = true;
    else if (a === "--separate" || a === "--posix" || a === "--unbuffered" || a === "--sandbox" || a === "--debug") continue;
    else if (a === "--in-place" || a.startsWith("--in-place=")) o.inPlace = true;
    else if (a === "--expression") {
      if (i + 1 >= args.length) return bad("option '--expression' requires an argument");
      o.scripts.push(args[++i]);
    } else if (a.startsWith("--expression=")) o.scripts.push(a.slice("--expression=".length));
    else if (a.startsWith("--")) return bad(`unrecognized option '${a}'`);
    else if (a.startsWith("-") && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const f = a[k];
        if (f === "n") o.quiet = true;
        else if (f === "E" || f === "r") o.extended = true;
        else if (f === "s" || f === "u") continue;
        else if (f === "i") {
          // -iSUFFIX: the rest of the word is a backup suffix (no backups here).
          o.inPlace = true;
          break;
        } else if (f === "e") {
          const value = k + 1 < a.length ? a.slice(k + 1) : args[++i];
          if (value === undefined) return bad("option requires an argument -- 'e'");
          o.scripts.push(value);
          break;
        } else return bad(`invalid option -- '${f}'`);
      }
    } else operands.push(a);
  }
  if (o.scripts.length === 0) {
    if (operands.length === 0) return { ok: false, res: { stdout: "", stderr: USAGE, exitCode: 1 } };
    o.scripts.push(operands.shift()!);
  }
  o.files = operands;
  return { ok: true, args: o };
}

type Address = { kind: "line"; n: number } | { kind: "last" } | { kind: "re"; re: RegExp };
interface Command {
  from?: Address;
  to?: Address;
  negate: boolean;
  name: "s" | "d" | "p" | "q";
  s?: { re: RegExp; replacement: string; global: boolean; nth: number; print: boolean };
}

class ScriptError extends Error {}

/** Compiles a sed script (the -e pieces, each numbered for errors) into commands. */
function compile(scripts: string[], extended: boolean): Command[] {
  const out: Command[] = [];
  scripts.forEach((script, index) => {
    let i = 0;
    const fail = (msg: string, at = i): never => {
      throw new ScriptError(`sed: -e expression #${index + 1}, char ${at}: ${msg}\n`);
    };
    const regex = (source: string, flags: string, at: number): RegExp => {
      if (source === "") fail("no previous regular expression", 0);
      try {
        return new RegExp(extended ? source : breToJs(source), flags);
      } catch (e) {
        const m = String(e);
        if (/Unterminated group/.test(m)) return fail("Unmatched ( or \\(", at);
        if (/Unmatched '\)'/.test(m)) return fail("Unmatched ) or \\)", at);
        if (/Unterminated character class/.test(m)) return fail("unterminated address regex", at);
        return fail("Invalid preceding regular expression", at);
      }
    };
    /** Reads up to the next unescaped `delim`; `\delim` stands for the delimiter itself. */
    const delimited = (delim: string, what: string): string => {
      let text = "";
      for (; i < script.length; i++) {
        const c = script[i];
        if (c === "\\" && i + 1 < script.length) {
          const n = script[++i];
          text += n === delim ? delim : n === "n" ? "\n" : `\\${n}`;
        } else if (c === delim) {
          i++;
          return text;
        } else if (c === "\n") break;
        else text += c;
      }
      return fail(what, script.length);
    };
    const address = (): Address | undefined => {
      const c = script[i];
      if (c === "$") {
        i++;
        return { kind: "last" };
      }
      if (c !== undefined && /\d/.test(c)) {
        const m = /^\d+/.exec(script.slice(i))![0];
        i += m.length;
        return { kind: "line", n: Number(m) };
      }
      if (c === "/" || c === "\\") {
        const delim = c === "\\" ? script[++i] : c;
        i++;
        const source = delimited(delim, "unterminated address regex");
        let flags = "";
        while (script[i] === "I") {
          flags = "i";
          i++;
        }
        return { kind: "re", re: regex(source, flags, i) };
      }
      return undefined;
    };
    while (i < script.length) {
      while (i < script.length && /[\s;]/.test(script[i])) i++;
      if (i >= script.length) break;
      if (script[i] === "#") {
        while (i < script.length && script[i] !== "\n") i++;
        continue;
      }
      const cmd: Command = { negate: false, name: "p" };
      cmd.from = address();
      if (cmd.from && script[i] === ",") {
        i++;
        cmd.to = address();
        if (!cmd.to) fail("unexpected `,'", i + 1);
      }
      while (script[i] === " ") i++;
      if (script[i] === "!") {
        cmd.negate = true;
        i++;
        while (script[i] === " ") i++;
      }
      const name = script[i++];
      if (name === undefined) fail("missing command", i);
      if (name === "s") {
        const delim = script[i++];
        if (delim === undefined || delim === "\n" || delim === "\\") fail("unterminated `s' command", script.length);
        const source = delimited(delim, "unterminated `s' command");
        const replacement = delimited(delim, "unterminated `s' command");
        const s = { global: false, nth: 1, print: false, icase: false };
        for (;;) {
          const f = script[i];
          if (f === "g") s.global = true;
          else if (f === "p") s.print = true;
          else if (f === "i" || f === "I") s.icase = true;
          else if (f !== undefined && /\d/.test(f)) {
            const m = /^\d+/.exec(script.slice(i))![0];
            if (Number(m) === 0) fail("number option to `s' command may not be zero", i + m.length);
            s.nth = Number(m);
            i += m.length - 1;
          } else if (f === " " || f === "\t") {
            // GNU skips blanks among the flags: `s/a/b/ x` is an unknown option, `s/a/b/ ;p` fine.
          } else if (f === undefined || /[;\n}#]/.test(f)) break;
          else fail("unknown option to `s'", i + 1);
          i++;
        }
        const re = regex(source, s.icase ? "gi" : "g", i);
        const groups = new RegExp(`${re.source}|`).exec("")!.length - 1;
        for (const m of replacement.matchAll(/\\(\d)/g)) if (Number(m[1]) > groups) fail(`invalid reference \\${m[1]} on \`s' command's RHS`, i);
        cmd.name = "s";
        cmd.s = { re, replacement, global: s.global, nth: s.nth, print: s.print };
      } else if (name === "d" || name === "p" || name === "q") cmd.name = name;
      else fail(`unknown command: \`${name}'`, i);
      while (script[i] === " " || script[i] === "\t") i++;
      if (i < script.length && !/[;\n}#]/.test(script[i])) fail("extra characters after command", i + 1);
      out.push(cmd);
    }
  });
  return out;
}

/** The replacement text for one match: `&` the match, `\1`…`\9` its groups, `\n` a newline. */
function expand(replacement: string, m: RegExpExecArray): string {
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === "&") out += m[0];
    else if (c === "\\" && i + 1 < replacement.length) {
      const n = replacement[++i];
      out += /\d/.test(n) ? (m[Number(n)] ?? "") : n === "n" ? "\n" : n === "t" ? "\t" : n;
    } else out += c;
  }
  return out;
}

/** `s` on one line: GNU's rules for the Nth match, g, and empty matches next to a previous one. */
function substitute(line: string, s: NonNullable<Command["s"]>): { text: string; done: boolean } {
  const re = s.re;
  re.lastIndex = 0;
  let out = "";
  let at = 0;
  let count = 0;
  let done = false;
  let prevEnd = -1;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0] === "") re.lastIndex++;
    // An empty match right where the previous match ended does not count (GNU sed, unlike JS).
    if (m[0] === "" && start === prevEnd) continue;
    count++;
    prevEnd = end;
    if (count >= s.nth) {
      out += line.slice(at, start) + expand(s.replacement, m);
      at = end;
      done = true;
      if (!s.global) break;
    }
    if (re.lastIndex > line.length) break;
  }
  return { text: out + line.slice(at), done };
}

/** Runs sed over `input` (stdin or the files' text, already joined). */
export function sed(args: string[], input: string): Res {
  const parsed = parseSedArgs(args);
  if (!parsed.ok) return parsed.res;
  let commands: Command[];
  try {
    commands = compile(parsed.args.scripts, parsed.args.extended);
  } catch (e) {
    if (e instanceof ScriptError) return { stdout: "", stderr: e.message, exitCode: 1 };
    throw e;
  }
  const endsWithNewline = input.endsWith("\n");
  const lines = input === "" ? [] : input.replace(/\n$/, "").split("\n");
  const ranges = new Map<Command, boolean>();
  const hits = (a: Address, n: number, line: string) => (a.kind === "line" ? a.n === n : a.kind === "last" ? n === lines.length : ((a.re.lastIndex = 0), a.re.test(line)));
  const selected = (c: Command, n: number, line: string): boolean => {
    if (!c.from) return true;
    if (!c.to) return hits(c.from, n, line);
    if (ranges.get(c)) {
      // A range ends at its second address (a line number already passed ends it at once).
      if (c.to.kind === "line" ? n >= c.to.n : hits(c.to, n, line)) ranges.set(c, false);
      return true;
    }
    if (!hits(c.from, n, line)) return false;
    ranges.set(c, !(c.to.kind === "line" ? n >= c.to.n : false));
    return true;
  };
  const out: string[] = [];
  let last = true;
  for (let n = 1; n <= lines.length; n++) {
    let line = lines[n - 1];
    let deleted = false;
    let quit = false;
    for (const c of commands) {
      if (selected(c, n, line) === c.negate) continue;
      if (c.name === "d") {
        deleted = true;
        break;
      }
      if (c.name === "p") out.push(line);
      if (c.name === "q") {
        quit = true;
        break;
      }
      if (c.name === "s" && c.s) {
        const r = substitute(line, c.s);
        line = r.text;
        if (r.done && c.s.print) out.push(line);
      }
    }
    if (!deleted && !parsed.args.quiet) out.push(line);
    last = n === lines.length;
    if (quit) break;
  }
  // GNU sed keeps a missing final newline missing.
  const text = out.join("\n") + (out.length && (endsWithNewline || !last) ? "\n" : "");
  return { stdout: text, stderr: "", exitCode: 0 };
}
