/**
 * A small POSIX-shell word splitter: quotes ('…' literal, "…" with \-escapes), backslashes,
 * and the operators `|`, `;`, `&&`, `||`, `>`, `<<`. Enough for what learners type in a lab.
 */
export type Token = { type: "word"; value: string } | { type: "op"; value: "|" | ";" | "&&" | "||" | ">" | ">>" };

export function tokenize(line: string): { ok: true; tokens: Token[] } | { ok: false; error: string } {
  const tokens: Token[] = [];
  let cur = "";
  let inWord = false;
  let i = 0;
  const push = () => {
    if (inWord) tokens.push({ type: "word", value: cur });
    cur = "";
    inWord = false;
  };
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: "unexpected EOF while looking for matching `''" };
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') {
        if (line[j] === "\\" && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) {
          cur += line[j + 1];
          j += 2;
        } else cur += line[j++];
      }
      if (j >= line.length) return { ok: false, error: 'unexpected EOF while looking for matching `"\'' };
      inWord = true;
      i = j + 1;
    } else if (c === "\\" && i + 1 < line.length) {
      cur += line[i + 1];
      inWord = true;
      i += 2;
    } else if (c === " " || c === "\t" || c === "\n") {
      push();
      i++;
    } else if (c === "#" && !inWord) {
      break;
    } else if (c === "|" || c === ";" || c === "&" || c === ">") {
      push();
      const two = line.slice(i, i + 2);
      if (two === "&&" || two === "||" || two === ">>") {
        tokens.push({ type: "op", value: two });
        i += 2;
      } else if (c === "&") {
        cur += c;
        inWord = true;
        i++;
      } else {
        tokens.push({ type: "op", value: c as "|" | ";" | ">" });
        i++;
      }
    } else {
      cur += c;
      inWord = true;
      i++;
    }
  }
  push();
  return { ok: true, tokens };
}
