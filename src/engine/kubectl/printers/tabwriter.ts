// A port of Go's text/tabwriter (elastic tabstops), including the RememberWidths extension of
// github.com/liggitt/tabwriter that kubectl's table printers use.
//
// Semantics worth knowing (all inherited from Go):
// * Cells are tab-TERMINATED. The text after the last tab of a line is a cell that belongs to no
//   column and is never padded, so lines never get trailing padding unless they end with a tab.
// * A column block is a run of consecutive lines that all have a cell in that column; each block
//   gets its own width = max(minwidth, max(cell width + padding)).
// * A line with no tab at all (a single cell) lets the writer flush everything buffered, so it
//   ends all open column blocks. A '\f' does the same explicitly.
// * Widths are counted in Unicode code points (Go counts runes).
// The Escape-character feature (0xff bytes) is not supported: it cannot occur in JS strings.

export const FilterHTML = 1 << 0;
export const StripEscape = 1 << 1; // accepted for completeness; escapes are not supported
export const AlignRight = 1 << 2;
export const DiscardEmptyColumns = 1 << 3;
export const TabIndent = 1 << 4;
export const Debug = 1 << 5;
export const RememberWidths = 1 << 6;

export interface TabwriterOptions {
  /** Minimal cell width including any padding. */
  minwidth?: number;
  /** Width of a tab character when padchar is '\t' (or with TabIndent). */
  tabwidth?: number;
  /** Padding added to a cell before computing its width. */
  padding?: number;
  padchar?: string;
  flags?: number;
}

/** `kubectl get` tables / custom-columns: cli-runtime printers.GetNewTabWriter. */
export const KUBECTL_GET_TABWRITER: Required<TabwriterOptions> = {
  minwidth: 6,
  tabwidth: 4,
  padding: 3,
  padchar: " ",
  flags: RememberWidths,
};

/** `kubectl describe`: describe.go tabbedString → Init(buf, 0, 8, 2, ' ', 0). */
export const KUBECTL_DESCRIBE_TABWRITER: Required<TabwriterOptions> = {
  minwidth: 0,
  tabwidth: 8,
  padding: 2,
  padchar: " ",
  flags: 0,
};

interface Cell {
  size: number; // length in UTF-16 units of the text in buf
  width: number; // width in code points (HTML tags/entities adjusted)
  htab: boolean;
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** A streaming tabwriter: write() text, flush() when done, read the result from output(). */
export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly flags: number;

  private out = "";
  /**
   * The buffered text, as pieces (Go's buf). Pieces, not one growing string: reading a string
   * built by `+=` flattens it, and doing that per cell made a long table quadratic.
   */
  private parts: string[] = [];
  /** The pieces joined, while flush formats them. */
  private buf = "";
  /** Pieces appended since the current cell's width was last updated (Go's b.pos..len(b.buf)). */
  private unmeasured: string[] = [];
  private cell: Cell = { size: 0, width: 0, htab: false };
  private endChar = "";
  private lines: Cell[][] = [];
  private widths: number[] = [];
  private maxwidths: number[] = [];

  constructor(opts: TabwriterOptions = {}) {
    const o = { ...KUBECTL_GET_TABWRITER, ...opts };
    if (o.minwidth < 0 || o.tabwidth < 0 || o.padding < 0) throw new Error("negative minwidth, tabwidth, or padding");
    this.minwidth = o.minwidth;
    this.tabwidth = o.tabwidth;
    this.padding = o.padding;
    this.padchar = o.padchar.length > 0 ? o.padchar[0] : " ";
    let flags = o.flags;
    if (this.padchar === "\t") flags &= ~AlignRight; // tab padding enforces left-alignment
    this.flags = flags;
    this.reset();
  }

  /** Everything written to the underlying output so far (flushed text only). */
  output(): string {
    return this.out;
  }

  /** Returns and clears the flushed output. */
  takeOutput(): string {
    const s = this.out;
    this.out = "";
    return s;
  }

  rememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  setRememberedWidths(widths: number[] | null): this {
    this.maxwidths = widths ? [...widths] : [];
    return this;
  }

  private reset(): void {
    this.parts = [];
    this.buf = "";
    this.unmeasured = [];
    this.cell = { size: 0, width: 0, htab: false };
    this.endChar = "";
    this.lines = [[]];
    this.widths = [];
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === "\t" || useTabs) {
      if (this.tabwidth === 0) return; // tabs have no width - can't do any padding
      cellw = Math.floor((cellw + this.tabwidth - 1) / this.tabwidth) * this.tabwidth;
      const n = cellw - textw;
      if (n < 0) throw new Error("internal error");
      this.out += "\t".repeat(Math.floor((n + this.tabwidth - 1) / this.tabwidth));
      return;
    }
    if (cellw > textw) this.out += this.padchar.repeat(cellw - textw);
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = (this.flags & TabIndent) !== 0;
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (j > 0 && (this.flags & Debug) !== 0) this.out += "|";
        if (c.size === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
        } else {
          useTabs = false;
          if ((this.flags & AlignRight) === 0) {
            this.out += this.buf.slice(pos, pos + c.size);
            pos += c.size;
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
          } else {
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
            this.out += this.buf.slice(pos, pos + c.size);
            pos += c.size;
          }
        }
      }
      if (i + 1 === this.lines.length) {
        // last buffered line - no newline, write any outstanding buffered data
        this.out += this.buf.slice(pos, pos + this.cell.size);
        pos += this.cell.size;
      } else {
        this.out += "\n";
      }
    }
    return pos;
  }

  private format(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    const column = this.widths.length;
    for (let row = line0; row < line1; row++) {
      let line = this.lines[row];
      if (column >= line.length - 1) continue;
      // cell exists in this column => this line has more cells than the previous line
      pos = this.writeLines(pos, line0, row);
      line0 = row;

      // column block begin
      let width = this.minwidth;
      let discardable = true;
      for (; row < line1; row++) {
        line = this.lines[row];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      // column block end

      if (discardable && (this.flags & DiscardEmptyColumns) !== 0) width = 0;

      if ((this.flags & RememberWidths) !== 0) {
        if (this.maxwidths.length < this.widths.length) {
          this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        }
        const k = this.widths.length;
        if (this.maxwidths.length === k) this.maxwidths.push(width);
        else if (this.maxwidths[k] > width) width = this.maxwidths[k];
        else if (this.maxwidths[k] < width) this.maxwidths[k] = width;
      }

      this.widths.push(width);
      pos = this.format(pos, line0, row);
      this.widths.pop();
      line0 = row;
    }
    return this.writeLines(pos, line0, line1);
  }

  private append(text: string): void {
    if (text.length === 0) return;
    this.parts.push(text);
    this.unmeasured.push(text);
    this.cell.size += text.length;
  }

  private updateWidth(): void {
    for (const t of this.unmeasured) this.cell.width += runeCount(t);
    this.unmeasured = [];
  }

  private endEscape(): void {
    if (this.endChar === ";") this.cell.width++; // entity, count as one rune ('>' = tag of zero width)
    this.unmeasured = [];
    this.endChar = "";
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = { size: 0, width: 0, htab: false };
    return line.length;
  }

  /** Flush buffered text to the output (call after the last write). */
  flush(): this {
    if (this.cell.size > 0) {
      if (this.endChar !== "") this.endEscape();
      this.terminateCell(false);
    }
    this.buf = this.parts.join("");
    this.format(0, 0, this.lines.length);
    this.reset();
    return this;
  }

  write(text: string): this {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.endChar === "") {
        if (ch === "\t" || ch === "\v" || ch === "\n" || ch === "\f") {
          this.append(text.slice(n, i));
          this.updateWidth();
          n = i + 1;
          const ncells = this.terminateCell(ch === "\t");
          if (ch === "\n" || ch === "\f") {
            this.lines.push([]);
            if (ch === "\f" || ncells === 1) {
              // A one-cell line cannot affect the formatting of later lines: flush.
              this.flush();
              if (ch === "\f" && (this.flags & Debug) !== 0) this.out += "---\n";
            }
          }
        } else if ((ch === "<" || ch === "&") && (this.flags & FilterHTML) !== 0) {
          this.append(text.slice(n, i));
          this.updateWidth();
          n = i;
          this.endChar = ch === "<" ? ">" : ";";
        }
      } else if (ch === this.endChar) {
        this.append(text.slice(n, i + 1));
        n = i + 1;
        this.endEscape();
      }
    }
    this.append(text.slice(n));
    return this;
  }
}

/** Go-style streaming use in one call: write `text` (with \t and \n) then Flush. */
export function tabwriteText(text: string, opts?: TabwriterOptions): string {
  return new TabWriter(opts).write(text).flush().output();
}

/**
 * Print rows as kubectl does: each row's cells joined with '\t' and terminated by '\n'.
 * Defaults to kubectl get's settings (minwidth 6, tabwidth 4, padding 3, ' ', RememberWidths).
 */
export function tabwrite(rows: string[][], opts?: TabwriterOptions): string {
  return tabwriteText(rows.map((r) => r.join("\t") + "\n").join(""), opts);
}
