const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_]\w*)\1/;

/** The lines of a command block, each marked when it is a command (a prompt) or a heredoc's body. */
export function commandLines(lines: readonly string[]): { text: string; prompt: boolean }[] {
  let until: string | undefined;
  return lines.map((l) => {
    const text = l.slice(2);
    if (until !== undefined) {
      if (text.trim() === until) until = undefined;
      return { text, prompt: false };
    }
    until = HEREDOC.exec(text)?.[2];
    return { text, prompt: true };
  });
}

/** One command to type: its line and, for a heredoc, the body lines through the terminator. */
export interface Command {
  lines: { text: string; prompt: boolean }[];
  /** What the copy button puts on the clipboard: the lines without their `$ ` prompt. */
  copy: string;
}

/** A command block's lines grouped into commands (a heredoc's body stays with its command). */
export function commandsOf(lines: readonly string[]): Command[] {
  const out: Command[] = [];
  for (const line of commandLines(lines)) {
    if (line.prompt || out.length === 0) out.push({ lines: [line], copy: line.text });
    else {
      const last = out[out.length - 1];
      last.lines.push(line);
      last.copy += `\n${line.text}`;
    }
  }
  return out;
}
