/**
 * Golden transcripts: every `*.txt` file beside this one is a terminal session against a fresh
 * cluster, replayed through `cluster.exec` and compared byte for byte. The format is described
 * in README.md. `UPDATE_TRANSCRIPTS=1 npx vitest run src/engine/transcripts` rewrites the expected
 * output in place (commands and headers are never touched) so the change shows up as a diff to
 * review — every line committed must be what real kubectl v1.33 would print.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createCluster, type ClusterOptions, type ExecResult } from "../index";

const DIR = fileURLToPath(new URL(".", import.meta.url));
const UPDATE = process.env.UPDATE_TRANSCRIPTS === "1";

/** Header keys (`# key: value`) passed to createCluster. */
const OPTION_KEYS = ["seed", "workers", "serviceCidr", "podCidr", "nodeCidr", "proxyMode", "ipvsScheduler", "readinessDelayMs"] as const;
const NUMERIC_KEYS = new Set(["seed", "workers", "readinessDelayMs"]);

interface Step {
  /** 1-based line of the `$` line in the file. */
  line: number;
  /** The `$` line and its `> ` continuation lines, exactly as they appear in the file. */
  commandLines: string[];
  /** What is sent to `cluster.exec` (continuations joined with "\n"); undefined for `$ #` narration. */
  input: string | undefined;
  /** The expected-output lines as written in the file. */
  outputLines: string[];
}

interface Transcript {
  header: string[];
  description: string;
  options: ClusterOptions;
  pending: string | undefined;
  steps: Step[];
}

function parseTranscript(file: string, text: string): Transcript {
  if (!text.endsWith("\n")) throw new Error(`${file}: must end with a newline`);
  const lines = text.slice(0, -1).split("\n");
  let i = 0;
  const header: string[] = [];
  const options: Record<string, string | number> = {};
  const description: string[] = [];
  let pending: string | undefined;
  for (; i < lines.length && !lines[i].startsWith("$ "); i++) {
    const l = lines[i];
    if (l.trim() === "") {
      header.push(l);
      continue;
    }
    if (!l.startsWith("#")) throw new Error(`${file}:${i + 1}: output before the first "$ " command`);
    header.push(l);
    const kv = /^#\s*([A-Za-z]+):\s*(.*?)\s*$/.exec(l);
    if (kv && (OPTION_KEYS as readonly string[]).includes(kv[1])) options[kv[1]] = NUMERIC_KEYS.has(kv[1]) ? Number(kv[2]) : kv[2];
    else if (kv && kv[1] === "pending") pending = kv[2];
    else description.push(l.replace(/^#\s?/, ""));
  }
  if (description.length === 0) throw new Error(`${file}: the first lines must be a "# description" of the behaviour`);
  const steps: Step[] = [];
  while (i < lines.length) {
    const line = i + 1;
    const commandLines = [lines[i++]];
    while (i < lines.length && (lines[i].startsWith("> ") || lines[i] === ">")) commandLines.push(lines[i++]);
    const outputLines: string[] = [];
    while (i < lines.length && !lines[i].startsWith("$ ")) outputLines.push(lines[i++]);
    const first = commandLines[0].slice(2);
    const narration = first.trimStart().startsWith("#") && commandLines.length === 1;
    const input = narration ? undefined : [first, ...commandLines.slice(1).map((c) => c.slice(2))].join("\n");
    steps.push({ line, commandLines, input, outputLines });
  }
  if (!options.seed) options.seed = 1;
  return { header, description: description.join(" "), options: options as ClusterOptions, pending, steps };
}

/** The two streams and the exit code an output block stands for. */
interface Expected {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function parseOutput(lines: string[]): Expected {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  let outNl = true;
  let errNl = true;
  let last: "out" | "err" | undefined;
  for (const l of lines) {
    const exit = /^\[exit (\d+)\]$/.exec(l);
    if (exit) exitCode = Number(exit[1]);
    else if (l === "[no newline]") {
      if (last === "err") errNl = false;
      else outNl = false;
    } else if (l === "!" || l.startsWith("! ")) {
      err.push(l.slice(2));
      last = "err";
    } else {
      out.push(l.startsWith("\\") ? l.slice(1) : l);
      last = "out";
    }
  }
  const join = (ls: string[], nl: boolean) => (ls.length === 0 ? "" : ls.join("\n") + (nl ? "\n" : ""));
  return { stdout: join(out, outNl), stderr: join(err, errNl), exitCode };
}

/** Splits a stream into lines, remembering whether it ended with a newline. */
function streamLines(s: string): { lines: string[]; newline: boolean } {
  if (s === "") return { lines: [], newline: true };
  const newline = s.endsWith("\n");
  return { lines: (newline ? s.slice(0, -1) : s).split("\n"), newline };
}

/** Lines that would be read as markup get a leading backslash. */
function escapeStdout(l: string): string {
  return /^(\$|>|!|\\|\[exit \d+\]$|\[no newline\]$)/.test(l) ? "\\" + l : l;
}

/**
 * Renders a result in the file format. stderr's leading `Warning:` lines come first (kubectl
 * prints API warnings before the table), then stdout, then the rest of stderr (errors come last),
 * then `[exit N]` when N is not 0.
 */
function renderOutput(r: ExecResult): string[] {
  const out = streamLines(r.stdout);
  const err = streamLines(r.stderr);
  const lines: string[] = [];
  let w = 0;
  while (w < err.lines.length && err.lines[w].startsWith("Warning:")) w++;
  const errLine = (l: string) => (l === "" ? "!" : "! " + l);
  lines.push(...err.lines.slice(0, w).map(errLine));
  if (w === err.lines.length && !err.newline && w > 0) lines.push("[no newline]");
  lines.push(...out.lines.map(escapeStdout));
  if (!out.newline) lines.push("[no newline]");
  lines.push(...err.lines.slice(w).map(errLine));
  if (w < err.lines.length && !err.newline) lines.push("[no newline]");
  if (r.exitCode !== 0) lines.push(`[exit ${r.exitCode}]`);
  return lines;
}

const same = (a: Expected, b: ExecResult) => a.stdout === b.stdout && a.stderr === b.stderr && a.exitCode === b.exitCode;

/** Replays a transcript; returns the file as it should read, and the first diverging step. */
function replay(t: Transcript): { text: string; firstDiff: { step: Step; expected: Expected; actual: ExecResult } | undefined } {
  const cluster = createCluster(t.options);
  const out: string[] = [...t.header];
  let firstDiff: { step: Step; expected: Expected; actual: ExecResult } | undefined;
  for (const step of t.steps) {
    out.push(...step.commandLines);
    if (step.input === undefined) {
      // Narration (`$ # …`): not sent to the shell, so it does not move the virtual clock.
      out.push(...step.outputLines);
      continue;
    }
    const actual = cluster.exec(step.input);
    const expected = parseOutput(step.outputLines);
    if (same(expected, actual)) out.push(...step.outputLines); // keep the author's interleaving
    else {
      firstDiff ??= { step, expected, actual };
      out.push(...renderOutput(actual));
    }
  }
  return { text: out.join("\n") + "\n", firstDiff };
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort();

describe("golden transcripts", () => {
  it("there are transcripts to replay", () => {
    expect(files.length).toBeGreaterThan(0);
  });
});

for (const file of files) {
  const text = readFileSync(DIR + file, "utf8");
  const t = parseTranscript(file, text);
  if (file.startsWith("pending-")) {
    describe.skip(`${file} — pending${t.pending ? ` (${t.pending})` : ""}: the verb is not registered yet; rename the file without "pending-" to enable it`, () => {
      it("replays byte for byte", () => {});
    });
    continue;
  }
  describe(file, () => {
    it(t.description, () => {
      const { text: actual, firstDiff } = replay(t);
      if (UPDATE) {
        if (actual !== text) writeFileSync(DIR + file, actual);
        return;
      }
      const where = firstDiff
        ? `first difference at ${file}:${firstDiff.step.line}: ${firstDiff.step.commandLines.join("\n")}\n` +
          `stdout ${firstDiff.expected.stdout === firstDiff.actual.stdout ? "matches" : "differs"}, ` +
          `stderr ${firstDiff.expected.stderr === firstDiff.actual.stderr ? "matches" : "differs"}, ` +
          `expected exit ${firstDiff.expected.exitCode}, got ${firstDiff.actual.exitCode}`
        : "";
      expect(actual, where).toBe(text);
    });
  });
}
