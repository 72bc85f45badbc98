/** What the lab terminal shows and remembers. Kept in the store so it survives re-renders. */
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

type NewEntry = { kind: "command"; prompt: string; text: string } | { kind: "stdout" | "stderr"; text: string };

/** Returns `entries` with the new ones appended (oldest dropped past the cap). */
export function appendEntries(entries: TerminalEntry[], added: NewEntry[]): TerminalEntry[] {
  if (added.length === 0) return entries;
  const next = entries.concat(added.map((e) => ({ ...e, id: nextId++ }) as TerminalEntry));
  return next.length > MAX_ENTRIES ? next.slice(next.length - MAX_ENTRIES) : next;
}

/** Output of one exec as entries; a single trailing newline is the end of the text, not a blank line. */
export function outputEntries(stdout: string, stderr: string): NewEntry[] {
  const out: NewEntry[] = [];
  if (stdout !== "") out.push({ kind: "stdout", text: stdout.replace(/\n$/, "") });
  if (stderr !== "") out.push({ kind: "stderr", text: stderr.replace(/\n$/, "") });
  return out;
}

export function pushHistory(history: string[], line: string): string[] {
  if (line.trim() === "" || history[history.length - 1] === line) return history;
  const next = history.concat(line);
  return next.length > MAX_HISTORY ? next.slice(next.length - MAX_HISTORY) : next;
}
