/**
 * What goes to xterm.js, as pure functions: terminal entries as text with CRLF line ends, the
 * prompt's colours, and the escape sequences that redraw the line being edited (which may wrap
 * over several rows) without disturbing the output above it.
 */
import type { TerminalEntry } from "../store/terminal";

/** The prompt of heredoc continuation lines. */
export const CONTINUATION = "> ";

const CLEAR = "\x1b[H\x1b[2J\x1b[3J";

/**
 * Text safe to write to xterm: tabs and newlines stay, other control characters go, and the only
 * escape sequence kept is the one `clear` prints (so output cannot restyle or move the terminal).
 */
export function sanitize(text: string): string {
  return text
    .split(CLEAR)
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .map((part) => part.replace(/\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|.)?/g, "").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ""))
    .join(CLEAR);
}

/** The same text for the screen-reader mirror: no escape sequences at all. */
export function plain(text: string): string {
  return sanitize(text).split(CLEAR).join("");
}

const crlf = (text: string) => text.replace(/\n/g, "\r\n");

/** The prompt as a terminal colours it: `user@host:dir` bold green, the `$ ` plain. */
export function styledPrompt(prompt: string): string {
  const m = /^(.*?)([$#>] )$/.exec(prompt);
  if (!m || m[1] === "") return prompt;
  return `\x1b[1;32m${m[1]}\x1b[0m${m[2]}`;
}

/** One entry as xterm text, ending with a line break. A multi-line command shows `> ` lines. */
export function renderEntry(entry: TerminalEntry): string {
  if (entry.kind === "command") {
    const [first, ...more] = sanitize(entry.text).split("\n");
    return styledPrompt(entry.prompt) + first + more.map((l) => `\r\n${CONTINUATION}${l}`).join("") + "\r\n";
  }
  return crlf(sanitize(entry.text)) + "\r\n";
}

/** Columns a string takes (one per code point: wide characters are rare at a kubectl prompt). */
export function cells(text: string): number {
  return Array.from(text).length;
}

/**
 * Moves the cursor from `fromCell` to `toCell`, both counted in cells from the start of the
 * prompt, on a screen `cols` wide. Assumes the cursor is not in a pending-wrap state.
 */
export function moveCursor(fromCell: number, toCell: number, cols: number): string {
  const dRow = Math.floor(toCell / cols) - Math.floor(fromCell / cols);
  let out = dRow < 0 ? `\x1b[${-dRow}A` : dRow > 0 ? `\x1b[${dRow}B` : "";
  out += "\r";
  const col = toCell % cols;
  if (col > 0) out += `\x1b[${col}C`;
  return out;
}

/** Erases the input area whose cursor is at `cursorCell`, leaving the cursor where it began. */
export function eraseInput(cursorCell: number, cols: number): string {
  return moveCursor(cursorCell, 0, cols) + "\x1b[J";
}

/**
 * Draws prompt + text with the cursor `cursor` characters into the text; the screen cursor must
 * be at the start of the (erased) input area. Returns the sequence and the cursor's cell.
 */
export function drawInput(prompt: string, text: string, cursor: number, cols: number): { out: string; cursorCell: number } {
  const total = cells(prompt) + cells(text);
  let out = styledPrompt(prompt) + sanitize(text);
  // After exactly filling the last row the cursor waits in a pending wrap; make the wrap real.
  if (total > 0 && total % cols === 0) out += "\r\n";
  const cursorCell = cells(prompt) + cursor;
  out += moveCursor(total, cursorCell, cols);
  return { out, cursorCell };
}

/** Candidates laid out in columns, as bash lists completions. */
export function columns(items: readonly string[], cols: number): string {
  const width = Math.max(...items.map(cells)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  let out = "";
  for (let i = 0; i < items.length; i += perRow) {
    out += items
      .slice(i, i + perRow)
      .map((s, j, row) => (j === row.length - 1 ? s : s.padEnd(width)))
      .join("");
    out += "\r\n";
  }
  return out;
}
