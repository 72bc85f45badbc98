/** Regular expressions as the GNU text tools read them, turned into JavaScript ones. */

/** A literal string as a regular expression. */
export function escapeRegExp(p: string): string {
  return p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** GNU grep's basic regular expressions: `|+?(){}` are literal unless escaped. */
export function breToJs(p: string): string {
  let out = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\" && i + 1 < p.length) {
      const n = p[++i];
      out += "|+?(){}".includes(n) ? n : `\\${n}`;
    } else out += "|+?(){}".includes(c) ? `\\${c}` : c;
  }
  return out;
}
