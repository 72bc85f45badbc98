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
