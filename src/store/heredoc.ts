/**
 * Groups terminal lines into shell commands. A line that opens a heredoc (`<<EOF`, `<<'EOF'`,
 * `<<-EOF`, `<< "END"`) swallows the following lines up to its terminator, and the whole block
 * becomes one command: that is what `cluster.exec` expects for `kubectl apply -f - <<EOF`.
 */

/** Matches the first heredoc operator of a line and captures its terminator word. */
const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

export interface OpenHeredoc {
  /** The lines so far, starting with the command line itself. */
  lines: string[];
  /** The word that closes the heredoc. */
  terminator: string;
  /** `<<-` strips leading tabs, so an indented terminator also closes it. */
  stripTabs: boolean;
}

/** If `line` opens a heredoc, returns the open block; otherwise undefined. */
export function openHeredoc(line: string): OpenHeredoc | undefined {
  const m = HEREDOC.exec(line);
  if (!m) return undefined;
  return { lines: [line], terminator: m[3], stripTabs: m[1] === "-" };
}

/** True if `line` closes the open heredoc. */
export function closesHeredoc(open: OpenHeredoc, line: string): boolean {
  const candidate = open.stripTabs ? line.replace(/^\t+/, "") : line;
  return candidate.replace(/\r$/, "") === open.terminator;
}

export interface SplitResult {
  /** Complete commands, in order; a heredoc block is one command joined with "\n". */
  commands: string[];
  /** A heredoc still waiting for its terminator at the end of the text, if any. */
  open?: OpenHeredoc;
  /** A last line with no newline after it (pasted but not yet "entered"), if any. */
  rest: string;
}

/**
 * Splits pasted text into commands. Blank lines outside a heredoc are dropped. The text after the
 * last newline is returned as `rest` (a terminal keeps it in the input line until Enter), unless
 * it closes or continues a heredoc.
 */
export function splitCommands(text: string, open?: OpenHeredoc): SplitResult {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const last = lines.pop() ?? "";
  const commands: string[] = [];
  let current = open;
  const feed = (line: string) => {
    if (current) {
      current.lines.push(line);
      if (closesHeredoc(current, line)) {
        commands.push(current.lines.join("\n"));
        current = undefined;
      }
      return;
    }
    if (line.trim() === "") return;
    const opened = openHeredoc(line);
    if (opened) current = opened;
    else commands.push(line);
  };
  for (const line of lines) feed(line);
  let rest = last;
  if (current && last !== "") {
    // Inside a heredoc the unterminated last line is body text (or the terminator itself).
    feed(last);
    rest = "";
  }
  return { commands, open: current, rest };
}
