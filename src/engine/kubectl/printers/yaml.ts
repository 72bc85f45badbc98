// `kubectl get -o yaml`: cli-runtime's YAMLPrinter = json.Marshal(obj) then sigs.k8s.io/yaml
// JSONToYAML, i.e. the JSON text is decoded by go-yaml v2 into interface{} values and re-encoded
// by go-yaml v2's emitter. This file ports the parts of that pipeline that shape the output:
// * the decode step: every JSON string stays a string; numbers become int / uint64 / float64
//   (floats re-print in Go's %g form: 1e-06, 1.0000005e+06); a raw U+0085 inside a JSON string
//   is folded like any line break in a double-quoted YAML scalar; C1 control characters and
//   U+FFFE/U+FFFF make the decoder fail ("yaml: control characters are not allowed");
// * the encoder (encode.go stringv: quote what would resolve to non-strings) and the libyaml
//   emitter (emitterc.go): key order (go-yaml's "natural" sort), indentless sequences under
//   mapping keys, `{}`/`[]`, plain / single / double-quoted / literal scalar selection, and
//   folding of long plain and quoted scalars at column 80.

import { goJsonNumber, formatGoFloatG, isPlainObject, toWellFormed } from "./gofmt";
import { utf8Length } from "../../util/text";

export class YamlError extends Error {}

// ---------------------------------------------------------------------------------------------
// Decode step (JSON text → go-yaml values)

const REJECTED_BY_YAML_READER = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

function decodeString(s: string): string {
  s = toWellFormed(s);
  if (REJECTED_BY_YAML_READER.test(s)) throw new YamlError("yaml: control characters are not allowed");
  if (s.includes("\u0085")) {
    // A raw NEL is a line break to the YAML scanner: trailing blanks before it are dropped,
    // leading blanks after it are skipped, one break folds to a space, n breaks to n-1 newlines.
    s = s.replace(/ *\u0085[ \u0085]*/g, (m) => {
      const n = m.split("\u0085").length - 1;
      return n === 1 ? " " : "\n".repeat(n - 1);
    });
  }
  return s;
}

type Num = { kind: "int"; text: string } | { kind: "float"; value: number };

function decodeNumber(n: number): Num {
  const t = goJsonNumber(n);
  if (/^-?\d+$/.test(t)) {
    const b = BigInt(t);
    if (b >= -(2n ** 63n) && b < 2n ** 64n) return { kind: "int", text: b.toString() };
  }
  return { kind: "float", value: Number(t) };
}

// ---------------------------------------------------------------------------------------------
// go-yaml v2 resolve(): would this plain scalar read back as something other than a string?

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const RESOLVE_MAP = new Set([
  "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
  "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
  "", "~", "null", "Null", "NULL",
  ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
  // "<<" (merge) is in go-yaml's map too, but '<' has no resolve hint, so it stays a string.
]);

function parseGoInt(s: string, bits: "int" | "uint"): boolean {
  // strconv.ParseInt / ParseUint with base 0 (prefixes 0x, 0o, 0b, leading-0 octal; '_' allowed
  // only with a base prefix — go-yaml already stripped all underscores).
  let t = s;
  let neg = false;
  if (bits === "int" && (t[0] === "+" || t[0] === "-")) {
    neg = t[0] === "-";
    t = t.slice(1);
  } else if (bits === "uint" && t[0] === "+") {
    return false;
  }
  if (t === "") return false;
  let digits = t;
  let re = /^[0-9]+$/;
  let prefix = "";
  if (/^0[xX]/.test(t)) {
    digits = t.slice(2);
    re = /^[0-9a-fA-F]+$/;
    prefix = "0x";
  } else if (/^0[oO]/.test(t)) {
    digits = t.slice(2);
    re = /^[0-7]+$/;
    prefix = "0o";
  } else if (/^0[bB]/.test(t)) {
    digits = t.slice(2);
    re = /^[01]+$/;
    prefix = "0b";
  } else if (t.length > 1 && t[0] === "0") {
    digits = t.slice(1);
    re = /^[0-7]+$/;
    prefix = "0o";
  }
  if (!re.test(digits)) return false;
  const v = BigInt(prefix + digits) * (neg ? -1n : 1n);
  if (bits === "int") return v >= -(2n ** 63n) && v < 2n ** 63n;
  return v >= 0n && v < 2n ** 64n;
}

function isTimestamp(s: string): boolean {
  // parseTimestamp: only strings starting with "YYYY-" are tried, against
  // "2006-1-2T15:4:5.999999999Z07:00" (T or t), "2006-1-2 15:4:5.999999999" and "2006-1-2".
  if (!/^[0-9]{4}-/.test(s)) return false;
  const date = String.raw`([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})`;
  const time = String.raw`([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?`;
  const forms = [
    new RegExp(`^${date}[Tt]${time}(Z|[+-][0-9]{2}:[0-9]{2})$`),
    new RegExp(`^${date} ${time}$`),
    new RegExp(`^${date}$`),
  ];
  for (const re of forms) {
    const m = re.exec(s);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1) continue;
    const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (d > dim[mo - 1]) continue;
    if (m[4] !== undefined) {
      if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) continue;
      const zone = m[8];
      if (zone && zone !== "Z" && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59)) continue;
    }
    return true;
  }
  return false;
}

/** True when go-yaml v2's resolve("", s) yields a non-string tag. */
function resolvesToNonString(s: string): boolean {
  if (s === "") return true;
  const c = s[0];
  const hint =
    c === "+" || c === "-" ? "S" : c >= "0" && c <= "9" ? "D" : "yYnNtTfFoO~".includes(c) ? "M" : c === "." ? "." : "";
  if (hint === "") return false;
  if (RESOLVE_MAP.has(s)) return true;
  if (hint === ".") return YAML_STYLE_FLOAT.test(s) || /^\.(inf|Inf|INF|nan|NaN|NAN)$/.test(s);
  if (hint === "D" || hint === "S") {
    if (isTimestamp(s)) return true;
    const plain = s.replace(/_/g, "");
    if (parseGoInt(plain, "int") || parseGoInt(plain, "uint")) return true;
    if (YAML_STYLE_FLOAT.test(plain)) return true;
    if (plain.startsWith("0b") && /^[01]+$/.test(plain.slice(2))) return true;
    if (plain.startsWith("-0b") && /^[01]+$/.test(plain.slice(3))) return true;
    // An integer too big for 64 bits still resolves to an int (big.Int).
    if (/^[-+]?[0-9]+$/.test(plain)) return true;
  }
  return false;
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function isBase60Float(s: string): boolean {
  if (s === "") return false;
  const c = s[0];
  if (!(c === "+" || c === "-" || (c >= "0" && c <= "9")) || !s.includes(":")) return false;
  return BASE60_FLOAT.test(s);
}

// ---------------------------------------------------------------------------------------------
// go-yaml v2 key ordering (sorter.go keyList.Less) for string keys.

const isLetter = (c: string): boolean => /^\p{L}$/u.test(c);
const isDigit = (c: string): boolean => /^\p{Nd}$/u.test(c);

export function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== "0") {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].codePointAt(0)! - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

function sortYamlKeys(keys: string[]): string[] {
  return [...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// The emitter (libyaml emitterc.go as vendored in go-yaml v2), restricted to what JSON-derived
// documents need: block mappings/sequences, empty flow {} / [], and scalars.

type Style = "plain" | "single" | "double" | "literal";

interface Analysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isBreakCh = (c: string | undefined): boolean =>
  c === "\r" || c === "\n" || c === "\u0085" || c === "\u2028" || c === "\u2029";
const isSpaceCh = (c: string | undefined): boolean => c === " ";
const isBlankCh = (c: string | undefined): boolean => c === " " || c === "\t";
const isBlankzCh = (c: string | undefined): boolean => c === undefined || c === "\0" || isBlankCh(c) || isBreakCh(c);

function isPrintableCh(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

function analyzeScalar(chars: string[]): Analysis {
  if (chars.length === 0) {
    return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;

  const head = chars.slice(0, 3).join("");
  if (chars.length >= 3 && (head === "---" || head === "...")) {
    blockIndicators = true;
    flowIndicators = true;
  }
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const followedByWhitespace = i + 1 >= chars.length || isBlankCh(chars[i + 1]);
    if (i === 0) {
      switch (c) {
        case "#": case ",": case "[": case "]": case "{": case "}": case "&": case "*": case "!":
        case "|": case ">": case "'": case '"': case "%": case "@": case "`":
          flowIndicators = true;
          blockIndicators = true;
          break;
        case "?": case ":":
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case "-":
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    } else {
      switch (c) {
        case ",": case "?": case "[": case "]": case "{": case "}":
          flowIndicators = true;
          break;
        case ":":
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case "#":
          if (precededByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    }
    if (!isPrintableCh(c)) specialCharacters = true;
    if (isSpaceCh(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakCh(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankzCh(c);
  }
  const a: Analysis = {
    multiline: lineBreaks,
    flowPlainAllowed: true,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}


interface Ctx {
  root: boolean;
  sequence: boolean;
  mapping: boolean;
  simpleKey: boolean;
}

class Emitter {
  out = "";
  column = 0;
  indent = -1;
  indents: number[] = [];
  whitespace = true;
  indention = true;
  flowLevel = 0;
  readonly bestIndent = 2;
  readonly bestWidth = 80;

  put(c: string): void {
    this.out += c;
    this.column++;
  }

  putBreak(): void {
    this.out += "\n";
    this.column = 0;
  }

  write(c: string): void {
    this.out += c;
    this.column++;
  }

  writeBreak(c: string): void {
    if (c === "\n") {
      this.putBreak();
    } else {
      this.out += c;
      this.column = 0;
    }
  }

  writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(" ");
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    for (const c of indicator) this.write(c);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? this.bestIndent : 0;
    else if (!indentless) this.indent += this.bestIndent;
  }

  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  // --- nodes ---------------------------------------------------------------------------------

  node(v: unknown, ctx: Ctx): void {
    if (Array.isArray(v)) this.sequence(v, ctx);
    else if (isPlainObject(v)) this.mapping(v, ctx);
    else this.scalarValue(v, ctx);
  }

  sequence(items: unknown[], ctx: Ctx): void {
    if (this.flowLevel > 0 || items.length === 0) {
      // Only empty sequences take the flow style here.
      this.writeIndicator("[", true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator("]", false, false, false);
      return;
    }
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator("-", true, false, true);
      this.node(item, { root: false, sequence: true, mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  mapping(obj: Record<string, unknown>, _ctx: Ctx): void {
    const decoded = new Map<string, unknown>();
    for (const k of Object.keys(obj)) if (obj[k] !== undefined) decoded.set(decodeString(k), obj[k]);
    const keys = sortYamlKeys([...decoded.keys()]);
    if (this.flowLevel > 0 || keys.length === 0) {
      this.writeIndicator("{", true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator("}", false, false, false);
      return;
    }
    this.increaseIndent(false, false);
    for (const key of keys) {
      const value = decoded.get(key);
      this.writeIndent();
      if (this.checkSimpleKey(key)) {
        this.scalarValue(key, { root: false, sequence: false, mapping: true, simpleKey: true });
        this.writeIndicator(":", false, false, false);
      } else {
        this.writeIndicator("?", true, false, true);
        this.scalarValue(key, { root: false, sequence: false, mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(":", true, false, true);
      }
      this.node(value, { root: false, sequence: false, mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  checkSimpleKey(key: string): boolean {
    const chars = Array.from(key);
    if (analyzeScalar(chars).multiline) return false;
    return utf8Length(key) <= 128;
  }

  scalarValue(v: unknown, ctx: Ctx): void {
    let text: string;
    let style: Style;
    if (v === null || v === undefined) {
      text = "null";
      style = "plain";
    } else if (typeof v === "boolean") {
      text = v ? "true" : "false";
      style = "plain";
    } else if (typeof v === "number") {
      const n = decodeNumber(v);
      if (n.kind === "int") {
        text = n.text;
      } else {
        text = formatGoFloatG(n.value);
        if (text === "+Inf") text = ".inf";
        else if (text === "-Inf") text = "-.inf";
        else if (text === "NaN") text = ".nan";
      }
      style = "plain";
    } else {
      text = decodeString(String(v));
      const canUsePlain = !resolvesToNonString(text) && !isBase60Float(text);
      style = text.includes("\n") ? "literal" : canUsePlain ? "plain" : "double";
    }
    this.scalar(text, style, ctx);
  }

  scalar(text: string, requested: Style, ctx: Ctx): void {
    const chars = Array.from(text);
    const a = analyzeScalar(chars);
    let style = requested;
    if (ctx.simpleKey && a.multiline) style = "double";
    if (style === "plain") {
      if ((this.flowLevel > 0 && !a.flowPlainAllowed) || (this.flowLevel === 0 && !a.blockPlainAllowed)) style = "single";
      if (chars.length === 0 && (this.flowLevel > 0 || ctx.simpleKey)) style = "single";
    }
    if (style === "single" && !a.singleQuotedAllowed) style = "double";
    if (style === "literal" && (!a.blockAllowed || this.flowLevel > 0 || ctx.simpleKey)) style = "double";

    this.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    switch (style) {
      case "plain":
        this.writePlain(chars, allowBreaks);
        break;
      case "single":
        this.writeSingleQuoted(chars, allowBreaks);
        break;
      case "double":
        this.writeDoubleQuoted(chars, allowBreaks);
        break;
      case "literal":
        this.writeLiteral(chars);
        break;
    }
    this.popIndent();
  }

  writePlain(chars: string[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(" ");
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (isSpaceCh(c)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && !isSpaceCh(chars[i + 1])) {
          this.writeIndent();
        } else {
          this.write(c);
        }
        spaces = true;
      } else if (isBreakCh(c)) {
        if (!breaks && c === "\n") this.putBreak();
        this.writeBreak(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  writeSingleQuoted(chars: string[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (isSpaceCh(c)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < chars.length - 1 && !isSpaceCh(chars[i + 1])) {
          this.writeIndent();
        } else {
          this.write(c);
        }
        spaces = true;
      } else if (isBreakCh(c)) {
        if (!breaks && c === "\n") this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeDoubleQuoted(chars: string[], allowBreaks: boolean): void {
    // go-yaml v2's is_bom() looks at the start of the value whatever the index, so a value that
    // starts with U+FEFF has every character escaped.
    const bom = chars[0] === "\uFEFF";
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (!isPrintableCh(c) || bom || isBreakCh(c) || c === '"' || c === "\\") {
        const v = c.codePointAt(0)!;
        this.put("\\");
        const simple: Record<number, string> = {
          0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0a: "n", 0x0b: "v", 0x0c: "f", 0x0d: "r", 0x1b: "e",
          0x22: '"', 0x5c: "\\", 0x85: "N", 0xa0: "_", 0x2028: "L", 0x2029: "P",
        };
        if (simple[v] !== undefined) {
          this.put(simple[v]);
        } else {
          const [p, w] = v <= 0xff ? ["x", 2] : v <= 0xffff ? ["u", 4] : ["U", 8];
          this.put(p as string);
          for (const d of v.toString(16).toUpperCase().padStart(w as number, "0")) this.put(d);
        }
        spaces = false;
      } else if (isSpaceCh(c)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (isSpaceCh(chars[i + 1])) this.put("\\");
        } else {
          this.write(c);
        }
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeBlockScalarHints(chars: string[]): void {
    if (isSpaceCh(chars[0]) || isBreakCh(chars[0])) this.writeIndicator(String(this.bestIndent), false, false, false);
    let chomp = "";
    if (chars.length === 0) {
      chomp = "-";
    } else {
      const last = chars.length - 1;
      if (!isBreakCh(chars[last])) chomp = "-";
      else if (last === 0) chomp = "+";
      else if (isBreakCh(chars[last - 1])) chomp = "+";
    }
    if (chomp !== "") this.writeIndicator(chomp, false, false, false);
  }

  writeLiteral(chars: string[]): void {
    this.writeIndicator("|", true, false, false);
    this.writeBlockScalarHints(chars);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreakCh(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  document(v: unknown): string {
    this.node(v, { root: true, sequence: false, mapping: false, simpleKey: false });
    // document end: write_indent at indent -1
    this.indent = -1;
    this.writeIndent();
    return this.out;
  }
}

/**
 * Render a JSON-like value exactly as `kubectl get -o yaml` prints it (including the final
 * newline). Throws YamlError("yaml: control characters are not allowed") where kubectl fails.
 */
export function toYaml(obj: unknown): string {
  return new Emitter().document(obj);
}

/** The `kind: List` wrapper kubectl get prints for zero or several objects. */
export function listWrapper(items: unknown[]): Record<string, unknown> {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "" } };
}

/** `kubectl get <type> -o yaml` with zero or several objects. */
export function toYamlList(items: unknown[]): string {
  return toYaml(listWrapper(items));
}
