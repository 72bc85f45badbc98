/**
 * The line being typed at the prompt, as readline edits it: a text and a cursor, and pure edits
 * on them. The xterm binding (xtermSession.ts) maps keys to these and redraws the line.
 */

export interface Line {
  /** The text typed so far (code points, so the cursor never splits a surrogate pair). */
  chars: string[];
  /** Cursor position, 0…chars.length. */
  cursor: number;
}

export const EMPTY_LINE: Line = { chars: [], cursor: 0 };

/** A line holding `text` with the cursor at its end. */
export function lineOf(text: string): Line {
  const chars = Array.from(text);
  return { chars, cursor: chars.length };
}

export function textOf(line: Line): string {
  return line.chars.join("");
}

/** Text before the cursor. */
export function beforeCursor(line: Line): string {
  return line.chars.slice(0, line.cursor).join("");
}

export function insert(line: Line, text: string): Line {
  const add = Array.from(text);
  return { chars: [...line.chars.slice(0, line.cursor), ...add, ...line.chars.slice(line.cursor)], cursor: line.cursor + add.length };
}

export function backspace(line: Line): Line {
  if (line.cursor === 0) return line;
  return { chars: [...line.chars.slice(0, line.cursor - 1), ...line.chars.slice(line.cursor)], cursor: line.cursor - 1 };
}

export function deleteForward(line: Line): Line {
  if (line.cursor >= line.chars.length) return line;
  return { chars: [...line.chars.slice(0, line.cursor), ...line.chars.slice(line.cursor + 1)], cursor: line.cursor };
}

export function moveTo(line: Line, cursor: number): Line {
  return { chars: line.chars, cursor: Math.max(0, Math.min(line.chars.length, cursor)) };
}

const isWordChar = (c: string) => /[\p{L}\p{N}_]/u.test(c);

/** Where the word before the cursor starts (readline's backward-word). */
export function wordStartBefore(line: Line): number {
  let i = line.cursor;
  while (i > 0 && !isWordChar(line.chars[i - 1])) i--;
  while (i > 0 && isWordChar(line.chars[i - 1])) i--;
  return i;
}

/** Where the word after the cursor ends (readline's forward-word). */
export function wordEndAfter(line: Line): number {
  let i = line.cursor;
  while (i < line.chars.length && !isWordChar(line.chars[i])) i++;
  while (i < line.chars.length && isWordChar(line.chars[i])) i++;
  return i;
}

/** Ctrl+W: deletes back to the previous whitespace (unix-word-rubout). */
export function killWordBack(line: Line): Line {
  let i = line.cursor;
  while (i > 0 && line.chars[i - 1] === " ") i--;
  while (i > 0 && line.chars[i - 1] !== " ") i--;
  return { chars: [...line.chars.slice(0, i), ...line.chars.slice(line.cursor)], cursor: i };
}

/** Ctrl+U: deletes from the start of the line to the cursor. */
export function killToStart(line: Line): Line {
  return { chars: line.chars.slice(line.cursor), cursor: 0 };
}

/** Ctrl+K: deletes from the cursor to the end of the line. */
export function killToEnd(line: Line): Line {
  return { chars: line.chars.slice(0, line.cursor), cursor: line.cursor };
}

/** Position while browsing the history with up/down: null when editing a new line. */
export interface HistoryCursor {
  index: number | null;
  /** The line being typed before browsing started, given back past the newest entry. */
  draft: string;
}

export const NO_HISTORY: HistoryCursor = { index: null, draft: "" };

/** Up: the previous history entry (or undefined at the oldest). */
export function historyUp(history: readonly string[], at: HistoryCursor, current: string): { at: HistoryCursor; text: string } | undefined {
  if (history.length === 0) return undefined;
  if (at.index === 0) return undefined;
  const index = at.index === null ? history.length - 1 : at.index - 1;
  return { at: { index, draft: at.index === null ? current : at.draft }, text: history[index] };
}

/** Down: the next history entry, or the draft past the newest (undefined when not browsing). */
export function historyDown(history: readonly string[], at: HistoryCursor): { at: HistoryCursor; text: string } | undefined {
  if (at.index === null) return undefined;
  const index = at.index + 1;
  if (index >= history.length) return { at: NO_HISTORY, text: at.draft };
  return { at: { index, draft: at.draft }, text: history[index] };
}
