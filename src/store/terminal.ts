/** What the lab terminal shows and remembers. Kept in the store so it survives re-renders. */
import type { ExecResult } from "../engine/api";
import type { OpenHeredoc } from "./heredoc";

export type TerminalEntry =
  | { id: number; kind: "command"; prompt: string; text: string }
  | { id: number; kind: "stdout" | "stderr"; text: string };

export interface TerminalState {
  /** Output history, oldest first, capped at {@link MAX_ENTRIES}. */
  entries: TerminalEntry[];
  /** Lines the learner entered, oldest first, for the up/down keys. */
  history: string[];
  /** The shell's prompt for the next line, from `cluster.prompt()`. */
  prompt: string;
  /** A heredoc being typed line by line; the prompt is then "> ". */
  heredoc?: OpenHeredoc;
}

export const MAX_ENTRIES = 1000;
export const MAX_HISTORY = 200;
export const CONTINUATION_PROMPT = "> ";

let nextId = 1;

/** An entry before it gets its id. */
export type NewEntry = { kind: "command"; prompt: string; text: string } | { kind: "stdout" | "stderr"; text: string };

/** What the terminal shows for one command: the prompt and the line, then what it printed. */
export function commandEntries(prompt: string, command: string, result: Pick<ExecResult, "stdout" | "stderr"> & { output?: string }): NewEntry[] {
  return [{ kind: "command", prompt, text: command }, ...outputEntries(result)];
}

/** Returns `entries` with the new ones appended (oldest dropped past the cap). */
export function appendEntries(entries: TerminalEntry[], added: NewEntry[]): TerminalEntry[] {
  if (added.length === 0) return entries;
  const next = entries.concat(added.map((e) => ({ ...e, id: nextId++ }) as TerminalEntry));
  return next.length > MAX_ENTRIES ? next.slice(next.length - MAX_ENTRIES) : next;
}

/**
 * Output of one exec as entries, in the order the terminal printed it. `output` interleaves
 * stdout and stderr; each of its lines is attributed to the stream it came from, so errors can
 * be styled apart. A single trailing newline ends the text; it is not a blank line.
 */
export function outputEntries(result: Pick<ExecResult, "stdout" | "stderr"> & { output?: string }): NewEntry[] {
  const { stdout, stderr } = result;
  const output = result.output ?? stdout + stderr;
  if (output === "") return [];
  if (stderr === "") return [{ kind: "stdout", text: trimEnd(output) }];
  if (stdout === "") return [{ kind: "stderr", text: trimEnd(output) }];
  const outLines = lines(stdout);
  const errLines = lines(stderr);
  const entries: NewEntry[] = [];
  for (const line of lines(output)) {
    let kind: "stdout" | "stderr" = "stdout";
    if (outLines[0] === line) outLines.shift();
    else if (errLines[0] === line) {
      errLines.shift();
      kind = "stderr";
    }
    const last = entries[entries.length - 1];
    if (last && last.kind === kind) last.text += "\n" + line;
    else entries.push({ kind, text: line });
  }
  return entries;
}

function trimEnd(text: string): string {
  return text.replace(/\n$/, "");
}

function lines(text: string): string[] {
  return text === "" ? [] : trimEnd(text).split("\n");
}

/** `history` with `line` added (blank lines and repeats of the last line are not kept). */
export function pushHistory(history: string[], line: string): string[] {
  if (line.trim() === "" || history[history.length - 1] === line) return history;
  const next = history.concat(line);
  return next.length > MAX_HISTORY ? next.slice(next.length - MAX_HISTORY) : next;
}
