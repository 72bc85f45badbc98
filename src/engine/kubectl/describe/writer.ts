// describe.go's output plumbing: PrefixWriter (two spaces per level) over a Go tabwriter with
// describe's settings (minwidth 0, tabwidth 8, padding 2, ' ', no flags), as `tabbedString` does.
import { KUBECTL_DESCRIBE_TABWRITER, TabWriter, escapeTerminal } from "../printers";

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/**
 * `describe.PrefixWriter`. Callers format their text first (Go's `fmt.Sprintf(prefix+format, a...)`),
 * so `write` takes the finished string. Like `printers.WriteEscaped`, ESC and CR are made visible.
 */
export class PrefixWriter {
  constructor(private readonly tw: TabWriter) {}

  /** `Write(level, …)`: the text after `level` × two spaces. */
  write(level: number, text: string): void {
    this.tw.write(escapeTerminal("  ".repeat(level) + text));
  }

  /** `WriteLine(a...)`: `fmt.Sprintln` of the values, no indentation. */
  writeLine(...values: string[]): void {
    this.tw.write(escapeTerminal(values.join(" ") + "\n"));
  }

  /**
   * `Flush()`: ends the current tabwriter block, so what follows is aligned on its own
   * (DescribeEvents does this before its table).
   */
  flush(): void {
    this.tw.flush();
  }
}

/** `tabbedString`: run `f` against a fresh describe tabwriter and return everything it wrote. */
export function tabbedString(f: (w: PrefixWriter) => void): string {
  const tw = new TabWriter(KUBECTL_DESCRIBE_TABWRITER);
  f(new PrefixWriter(tw));
  tw.flush();
  return tw.output();
}
