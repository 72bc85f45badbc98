/**
 * A nesting guard for manifests, run before the YAML parser sees them. go-yaml refuses more than
 * 10,000 levels (`yaml: line N: exceeded max depth of 10000`) and Go's encoding/json likewise
 * (`json: offset N: invalid character '{' exceeded max depth`): past that the guard gives those
 * exact errors. The lab's parser recurses per level and would overflow its stack (at a different
 * depth in each browser) long before 10,000, so between {@link MAX_MANIFEST_DEPTH} and 10,000 levels
 * the lab refuses too, in the same words with its own limit, where a real kubectl would go on.
 * Real manifests nest about 15 levels deep. Linear time in the input, no allocation per level.
 */
export const GO_YAML_MAX_DEPTH = 10_000;
export const MAX_MANIFEST_DEPTH = 500;

/** kubectl's JSON sniffing (`yaml.NewYAMLOrJSONDecoder`): JSON when the text starts with `{`. */
export function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text);
}

/**
 * The error kubectl would print after `error parsing SOURCE: ` when `text` nests deeper than the
 * limit, or undefined. Counts flow brackets outside quotes and comments, and for block style the
 * indentation levels and `- ` sequence entries of each line (block scalar bodies skipped): an
 * over-estimate at worst, which no real manifest comes near.
 */
export function nestingError(text: string): string | undefined {
  return nestingErrorAt(text, GO_YAML_MAX_DEPTH) ?? nestingErrorAt(text, MAX_MANIFEST_DEPTH);
}

function nestingErrorAt(text: string, limit: number): string | undefined {
  const json = looksLikeJson(text);
  let flow = 0;
  let line = 0;
  let quote = "";
  const indents: number[] = [];
  let scalarIndent = -1; // > -1 while inside a block scalar's body (its parent's indentation)
  let i = 0;
  const n = text.length;
  // go-yaml names the line (none for the first one); encoding/json the offset after the byte.
  const tooDeep = (ch: string) =>
    json ? `json: offset ${i + 1}: invalid character '${ch}' exceeded max depth` : `error converting YAML to JSON: yaml: ${line === 0 ? "" : `line ${line + 1}: `}exceeded max depth of ${limit}`;
  while (i < n) {
    // At the start of a line (outside flow collections and quotes): block structure.
    if (flow === 0 && quote === "" && !json) {
      let col = 0;
      while (i + col < n && text[i + col] === " ") col++;
      const c = text[i + col];
      const blank = c === undefined || c === "\n" || c === "\r" || c === "#";
      if (scalarIndent >= 0 && (blank || col > scalarIndent)) {
        // A block scalar's body line: text, not structure.
        const nl = text.indexOf("\n", i);
        if (nl < 0) break;
        i = nl + 1;
        line++;
        continue;
      }
      scalarIndent = -1;
      if (!blank) {
        while (indents.length > 0 && indents[indents.length - 1] >= col) indents.pop();
        indents.push(col);
        let depth = indents.length;
        // "- - - x": each dash opens a sequence (and its entry) on the same line.
        let j = i + col;
        while (text[j] === "-" && (text[j + 1] === " " || text[j + 1] === "\n" || j + 1 === n)) {
          depth++;
          j += 2;
          while (text[j] === " ") j++;
        }
        if (depth > limit) return tooDeep("-");
      }
      i += col;
    }
    // The rest of the line.
    for (; i < n; i++) {
      const ch = text[i];
      if (ch === "\n") {
        line++;
        i++;
        break;
      }
      if (quote) {
        if (ch === "\\" && quote === '"') i++;
        else if (ch === quote) quote = "";
        continue;
      }
      if (ch === '"' || ch === "'") {
        // A quote only opens a string where a scalar can start (not inside a plain word: it's).
        const prev = text[i - 1];
        if (i === 0 || prev === " " || prev === "[" || prev === "{" || prev === "," || prev === ":" || prev === "\t" || prev === "\n") quote = ch;
      } else if (ch === "#" && !json && (i === 0 || text[i - 1] === " " || text[i - 1] === "\t")) {
        const nl = text.indexOf("\n", i);
        i = nl < 0 ? n : nl - 1;
      } else if (ch === "[" || ch === "{") {
        if (++flow > limit) return tooDeep(ch);
      } else if (ch === "]" || ch === "}") {
        if (flow > 0) flow--;
      } else if ((ch === "|" || ch === ">") && flow === 0 && !json && /^[|>][-+0-9]*\s*(#.*)?$/.test(restOfLine(text, i))) {
        scalarIndent = indents.length > 0 ? indents[indents.length - 1] : 0;
      }
    }
  }
  return undefined;
}

function restOfLine(text: string, i: number): string {
  const nl = text.indexOf("\n", i);
  return text.slice(i, nl < 0 ? text.length : nl).replace(/\r$/, "");
}
