/**
 * A small POSIX-shell word splitter: quotes ('…' literal, "…" with \-escapes), backslashes,
 * the operators `|`, `;`, `&&`, `||`, `>`, `>>`, and expansions: `$(command)`, `` `command` ``,
 * `$NAME`, `${NAME}` and `$?`. Enough for what learners type in a lab.
 *
 * Expansions need an {@link Expander}; without one they stay as typed (so a line can be split
 * into commands first, and each command expanded when it runs, as bash does).
 */
export type Token = { type: "word"; value: string; start: number; end: number } | { type: "op"; value: "|" | ";" | "&&" | "||" | ">" | ">>"; start: number; end: number };

export interface Expander {
  /** Runs a command substitution; returns its standard output. */
  run(command: string): string;
  /** A variable's value, or a special parameter's (`?`, `$`, `#`, `0`…); undefined when unset. */
  get(name: string): string | undefined;
}

type Result = { ok: true; tokens: Token[] } | { ok: false; error: string };

/** Where the `)` closing a `$(` that starts at `open` (the index after `$(`) is, or -1. */
function closingParen(line: string, open: number): number {
  let depth = 1;
  for (let i = open; i < line.length; i++) {
    const c = line[i];
    if (c === "\\") i++;
    else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
      if (j >= line.length) return -1;
      i = j;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

export function tokenize(line: string, expander?: Expander): Result {
  const tokens: Token[] = [];
  let cur = "";
  let inWord = false;
  let start = 0;
  let i = 0;
  const begin = () => {
    if (!inWord) start = i;
    inWord = true;
  };
  const push = () => {
    if (inWord) tokens.push({ type: "word", value: cur, start, end: i });
    cur = "";
    inWord = false;
  };
  /**
   * Reads an expansion at `i` (a `$` or a backquote); returns its text and the index after it,
   * undefined when `$` is just a dollar sign, or an error.
   */
  const expansion = (): { text: string; next: number } | { error: string } | undefined => {
    const c = line[i];
    if (c === "`") {
      const end = line.indexOf("`", i + 1);
      if (end < 0) return { error: "unexpected EOF while looking for matching ``'" };
      return { text: expander ? expander.run(line.slice(i + 1, end)).replace(/\n+$/, "") : line.slice(i, end + 1), next: end + 1 };
    }
    const n = line[i + 1];
    if (n === "(") {
      const end = closingParen(line, i + 2);
      if (end < 0) return { error: "unexpected EOF while looking for matching `)'" };
      return { text: expander ? expander.run(line.slice(i + 2, end)).replace(/\n+$/, "") : line.slice(i, end + 1), next: end + 1 };
    }
    const name = n === "{" ? /^\{([A-Za-z_]\w*|[?$#@*!0-9-])\}/.exec(line.slice(i + 1)) : /^([A-Za-z_]\w*|[?$#@*!0-9-])/.exec(line.slice(i + 1));
    if (!name) return undefined;
    return { text: expander ? (expander.get(name[1]) ?? "") : line.slice(i, i + 1 + name[0].length), next: i + 1 + name[0].length };
  };
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: "unexpected EOF while looking for matching `''" };
      begin();
      cur += line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      begin();
      let j = i + 1;
      while (j < line.length && line[j] !== '"') {
        if (line[j] === "\\" && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) {
          cur += line[j + 1];
          j += 2;
        } else if (line[j] === "$" || line[j] === "`") {
          // Inside double quotes an expansion is one piece of the word: no splitting.
          i = j;
          const x = expansion();
          if (x && "error" in x) return { ok: false, error: x.error };
          if (x) {
            cur += x.text;
            j = x.next;
          } else cur += line[j++];
        } else cur += line[j++];
      }
      if (j >= line.length) return { ok: false, error: 'unexpected EOF while looking for matching `"\'' };
      i = j + 1;
    } else if (c === "\\" && i + 1 < line.length) {
      begin();
      cur += line[i + 1];
      i += 2;
    } else if (c === "$" || c === "`") {
      const x = expansion();
      if (x && "error" in x) return { ok: false, error: x.error };
      if (!x) {
        begin();
        cur += c;
        i++;
        continue;
      }
      const at = i;
      i = x.next;
      if (!expander) {
        if (!inWord) start = at;
        inWord = true;
        cur += x.text;
        continue;
      }
      // Unquoted, the result is split into words on blanks; an empty one leaves no word behind.
      const parts = x.text.split(/[ \t\n]+/);
      parts.forEach((part, k) => {
        if (k > 0) push();
        if (part !== "") {
          if (!inWord) start = at;
          inWord = true;
          cur += part;
        }
      });
    } else if (c === " " || c === "\t" || c === "\n") {
      push();
      i++;
    } else if (c === "#" && !inWord) {
      break;
    } else if (c === "|" || c === ";" || c === "&" || c === ">") {
      push();
      const two = line.slice(i, i + 2);
      if (two === "&&" || two === "||" || two === ">>") {
        tokens.push({ type: "op", value: two, start: i, end: i + 2 });
        i += 2;
      } else if (c === "&") {
        begin();
        cur += c;
        i++;
      } else {
        tokens.push({ type: "op", value: c as "|" | ";" | ">", start: i, end: i + 1 });
        i++;
      }
    } else {
      begin();
      cur += c;
      i++;
    }
  }
  push();
  return { ok: true, tokens };
}
