// A port of k8s.io/client-go/util/jsonpath (parser.go, jsonpath.go) and of the way
// cli-runtime's JSONPathPrinter reports errors, for `kubectl get -o jsonpath=...`.
//
// Value model (what Go's reflection sees in kubectl's unstructured objects):
// * JS null inside an object/array  = an interface{} holding nil  (prints as "null"),
// * NO_VALUE                         = the invalid reflect.Value (e.g. `{@}` on a null range item,
//                                      prints as "<no value>"),
// * integral numbers                 = int64, other numbers = float64 (see gofmt.isGoInt),
// * GoFloat / GoUint8                = a float64 literal of the template / a byte of a string.
// Map iteration (wildcard, recursive descent) uses insertion order; real kubectl iterates Go maps
// in random order, so any order is "correct" there — insertion order is the common one.

import {
  compareCodePoints,
  goFmtSharpV,
  goFmtV,
  goJsonMarshal,
  goJsonMarshalIndent,
  goNumberV,
  goQuote,
  isGoInt,
  isPlainObject,
  formatGoFloatG,
} from "./gofmt";

// ---------------------------------------------------------------------------------------------
// Nodes

export interface ParamsEntry {
  value: number;
  known: boolean;
  derived: boolean;
}

export type Node =
  | { type: "list"; nodes: Node[] }
  | { type: "text"; text: string }
  | { type: "field"; value: string }
  | { type: "identifier"; name: string }
  | { type: "array"; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: "filter"; left: ListNode; right: ListNode; operator: string }
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "wildcard" }
  | { type: "recursive" }
  | { type: "union"; nodes: ListNode[] };

export type ListNode = { type: "list"; nodes: Node[] };

const newList = (): ListNode => ({ type: "list", nodes: [] });

class ParseError extends Error {}

// ---------------------------------------------------------------------------------------------
// Parser (parser.go)

const EOF = -1;
const DICT_KEY_REX = /^'([^']*)'$/;
const SLICE_OPERATOR_REX = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/;
const FILTER_REX = /^([^!<>=]+)([!<>=]+)(.+?)$/;

const isSpace = (r: number): boolean => r === 0x20 || r === 0x09;
const isEndOfLine = (r: number): boolean => r === 0x0d || r === 0x0a;
const isDigitRune = (r: number): boolean => r >= 0 && /^\p{Nd}$/u.test(String.fromCodePoint(r));
const isLetterRune = (r: number): boolean => r >= 0 && /^\p{L}$/u.test(String.fromCodePoint(r));
const isAlphaNumeric = (r: number): boolean => r === 0x5f || isLetterRune(r) || isDigitRune(r);

function isTerminator(r: number): boolean {
  if (isSpace(r) || isEndOfLine(r)) return true;
  switch (r) {
    case EOF:
    case 0x2e: // .
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x24: // $
    case 0x40: // @
    case 0x7b: // {
    case 0x7d: // }
      return true;
  }
  return false;
}

/** fmt's %#U. */
function formatSharpU(r: number): string {
  const hex = "U+" + r.toString(16).toUpperCase().padStart(4, "0");
  const ch = String.fromCodePoint(r);
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch) ? `${hex} '${ch}'` : hex;
}

/** Go's strconv.Atoi: optional sign then decimal digits, within int64. */
function atoi(s: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const b = BigInt(s);
  if (b < -(2n ** 63n) || b >= 2n ** 63n) return null;
  return Number(b);
}

/** Go's strconv.ParseFloat for the shapes parseNumber can produce (sign, digits, dots). */
function parseFloatGo(s: string): number | null {
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s)) return null;
  return Number(s);
}

/** UnquoteExtend: strconv.Unquote that also accepts single-quoted strings of any length. */
function unquoteExtend(s: string): string {
  const n = s.length;
  if (n < 2) throw new ParseError("invalid syntax");
  const quote = s[0];
  if (quote !== s[n - 1]) throw new ParseError("invalid syntax");
  s = s.slice(1, n - 1);
  if (quote !== '"' && quote !== "'") throw new ParseError("invalid syntax");
  if (!s.includes("\\") && !s.includes(quote)) return s;
  let out = "";
  let i = 0;
  const hexVal = (t: string): number | null => (/^[0-9a-fA-F]+$/.test(t) ? parseInt(t, 16) : null);
  while (i < s.length) {
    const c = s[i];
    if (c === quote) throw new ParseError("invalid syntax");
    if (c !== "\\") {
      const cp = s.codePointAt(i)!;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (i + 1 >= s.length) throw new ParseError("invalid syntax");
    const e = s[i + 1];
    i += 2;
    switch (e) {
      case "a": out += "\x07"; break;
      case "b": out += "\b"; break;
      case "f": out += "\f"; break;
      case "n": out += "\n"; break;
      case "r": out += "\r"; break;
      case "t": out += "\t"; break;
      case "v": out += "\v"; break;
      case "\\": out += "\\"; break;
      case "'":
      case '"':
        if (e !== quote) throw new ParseError("invalid syntax");
        out += e;
        break;
      case "x":
      case "u":
      case "U": {
        const len = e === "x" ? 2 : e === "u" ? 4 : 8;
        const v = hexVal(s.slice(i, i + len));
        if (v === null || s.slice(i, i + len).length !== len) throw new ParseError("invalid syntax");
        i += len;
        if (e === "x") {
          // A single byte; Go would build raw bytes. Bytes >= 0x80 cannot be represented as-is.
          out += String.fromCharCode(v);
        } else {
          if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new ParseError("invalid syntax");
          out += String.fromCodePoint(v);
        }
        break;
      }
      default:
        if (e >= "0" && e <= "7") {
          const t = s.slice(i - 1, i + 2);
          if (!/^[0-7]{3}$/.test(t)) throw new ParseError("invalid syntax");
          const v = parseInt(t, 8);
          if (v > 255) throw new ParseError("invalid syntax");
          out += String.fromCharCode(v);
          i += 2;
        } else {
          throw new ParseError("invalid syntax");
        }
    }
  }
  return out;
}

class Parser {
  root: ListNode = newList();
  private input = "";
  private pos = 0;
  private start = 0;
  private width = 0;

  parse(text: string): void {
    this.input = text;
    this.root = newList();
    this.pos = 0;
    this.parseText(this.root);
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith("{", this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consumeText() });
  }

  private parseLeftDelim(cur: ListNode): void {
    this.pos += 1;
    this.consumeText();
    const node = newList();
    cur.nodes.push(node);
    return this.parseInsideAction(node);
  }

  private parseInsideAction(cur: ListNode): void {
    // Iterative over skipped characters to keep the recursion shallow.
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith("}")) return this.parseRightDelim();
      if (rest.startsWith("[?(")) return this.parseFilter(cur);
      if (rest.startsWith("..")) return this.parseRecursive(cur);

      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new ParseError("unclosed action");
      if (r === 0x20 || r === 0x40 || r === 0x24) {
        // ' ', '@' (current object) and '$' are skipped
        this.consumeText();
        continue;
      }
      if (r === 0x5b) return this.parseArray(cur);
      if (r === 0x22 || r === 0x27) return this.parseQuote(cur, r);
      if (r === 0x2e) return this.parseField(cur);
      if (r === 0x2b || r === 0x2d || isDigitRune(r)) {
        this.backup();
        return this.parseNumber(cur);
      }
      if (isAlphaNumeric(r)) {
        this.backup();
        return this.parseIdentifier(cur);
      }
      throw new ParseError(`unrecognized character in action: ${formatSharpU(r)}`);
    }
  }

  private parseRightDelim(): void {
    this.pos += 1;
    this.consumeText();
    return this.parseText(this.root);
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === "true" || value === "false") cur.nodes.push({ type: "bool", value: value === "true" });
    else cur.nodes.push({ type: "identifier", name: value });
    return this.parseInsideAction(cur);
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === "recursive") throw new ParseError("invalid multiple recursive descent");
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: "recursive" });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
    return this.parseInsideAction(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      r = this.next();
      if (r !== 0x2e && !isDigitRune(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const i = atoi(value);
    if (i !== null) {
      cur.nodes.push({ type: "int", value: i });
      return this.parseInsideAction(cur);
    }
    const d = parseFloatGo(value);
    if (d !== null) {
      cur.nodes.push({ type: "float", value: d });
      return this.parseInsideAction(cur);
    }
    throw new ParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new ParseError("unterminated array");
      if (r === 0x5d) break;
    }
    let text = this.consumeText();
    text = text.slice(1, text.length - 1);
    if (text === "*") text = ":";

    const strs = text.split(",");
    if (strs.length > 1) {
      const union: ListNode[] = [];
      for (const str of strs) union.push(parseAction(`[${str.replace(/^ +| +$/g, "")}]`).root);
      cur.nodes.push({ type: "union", nodes: union });
      return this.parseInsideAction(cur);
    }

    const dict = DICT_KEY_REX.exec(text);
    if (dict) {
      const p = parseAction(`.${dict[1]}`);
      for (const n of p.root.nodes) cur.nodes.push(n);
      return this.parseInsideAction(cur);
    }

    const m = SLICE_OPERATOR_REX.exec(text);
    if (!m) throw new ParseError(`invalid array index ${text}`);
    const value = [m[1] ?? "", m[2] ?? "", m[3] ?? ""];
    const params: [ParamsEntry, ParamsEntry, ParamsEntry] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== "") {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === "") {
          params[i].known = false;
        } else {
          params[i].known = true;
          const v = atoi(value[i]);
          if (v === null) throw new ParseError(`array index ${value[i]} is not a number`);
          params[i].value = v;
        }
      } else if (i === 1) {
        params[i].known = true;
        params[i].value = params[0].value + 1;
        params[i].derived = true;
      } else {
        params[i].known = false;
        params[i].value = 0;
      }
    }
    cur.nodes.push({ type: "array", params });
    return this.parseInsideAction(cur);
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new ParseError("unterminated filter");
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === 0x29) {
        if (begin === end) break;
      }
    }
    if (this.next() !== 0x5d) throw new ParseError("unclosed array expect ]");
    let text = this.consumeText();
    text = text.slice(0, text.length - 2);
    const m = FILTER_REX.exec(text);
    if (!m) {
      const p = parseAction(text);
      cur.nodes.push({ type: "filter", left: p.root, right: newList(), operator: "exists" });
    } else {
      const left = parseAction(m[1]);
      const right = parseAction(m[3]);
      cur.nodes.push({ type: "filter", left: left.root, right: right.root, operator: m[2] });
    }
    return this.parseInsideAction(cur);
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new ParseError("unterminated quoted string");
      if (r === end && this.input[this.pos - 2] !== "\\") break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new ParseError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ type: "text", text: s });
    return this.parseInsideAction(cur);
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance()) {
      /* scan */
    }
    const value = this.consumeText();
    if (value === "*") cur.nodes.push({ type: "wildcard" });
    else cur.nodes.push({ type: "field", value: value.replace(/\\/g, "") });
    return this.parseInsideAction(cur);
  }

  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c) {
      this.next();
    } else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

/** parseAction: parse "{text}" and return the inner ListNode as root. */
function parseAction(text: string): Parser {
  const p = new Parser();
  p.parse(`{${text}}`);
  p.root = p.root.nodes[0] as ListNode;
  return p;
}

export interface ParsedJsonPath {
  root: ListNode;
}

/** Parse a template; `error` is the jsonpath library's message (e.g. "unclosed action"). */
export function parseJsonPath(template: string): { ok: true; parsed: ParsedJsonPath } | { ok: false; error: string } {
  const p = new Parser();
  try {
    p.parse(template);
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
  return { ok: true, parsed: { root: p.root } };
}

// ---------------------------------------------------------------------------------------------
// Evaluation (jsonpath.go)

/** The invalid reflect.Value. */
export const NO_VALUE: unique symbol = Symbol("jsonpath.noValue");

/** A float64 that came from the template (e.g. `3.0`), so it stays a float even if integral. */
export class GoFloat {
  constructor(readonly value: number) {}
}
/** A byte of a string (the wildcard/recursive descent walk strings byte by byte, as uint8). */
export class GoUint8 {
  constructor(readonly value: number) {}
}
/** An `int` literal of the template (Go type int rather than int64). */
export class GoIntLiteral {
  constructor(readonly value: number) {}
}

type Value = unknown;

class ExecError extends Error {}

type Kind = "invalid" | "nil" | "bool" | "int" | "uint" | "float" | "string" | "map" | "slice";

function kindOf(v: Value): Kind {
  if (v === NO_VALUE) return "invalid";
  if (v === null || v === undefined) return "nil";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return isGoInt(v) ? "int" : "float";
  if (v instanceof GoIntLiteral) return "int";
  if (v instanceof GoFloat) return "float";
  if (v instanceof GoUint8) return "uint";
  if (Array.isArray(v)) return "slice";
  if (isPlainObject(v)) return "map";
  return "invalid";
}

function numOf(v: Value): number {
  if (typeof v === "number") return v;
  if (v instanceof GoIntLiteral || v instanceof GoFloat || v instanceof GoUint8) return v.value;
  return NaN;
}

function typeName(v: Value): string {
  if (v instanceof GoIntLiteral) return "int";
  switch (kindOf(v)) {
    case "bool":
      return "bool";
    case "string":
      return "string";
    case "int":
      return "int64";
    case "float":
      return "float64";
    case "uint":
      return "uint8";
    case "map":
      return "map[string]interface {}";
    case "slice":
      return "[]interface {}";
    default:
      throw new ExecError("reflect: call of reflect.Value.Type on zero Value");
  }
}

/** fmt %v of a reflect.Value (as in error messages). */
function fmtValue(v: Value): string {
  if (v === NO_VALUE) return "<invalid reflect.Value>";
  if (v instanceof GoIntLiteral || v instanceof GoUint8) return String(v.value);
  if (v instanceof GoFloat) return formatGoFloatG(v.value);
  return goFmtV(v);
}

/** template.Indirect on an element value: nil interfaces report isNil. */
function indirect(v: Value): [Value, boolean] {
  if (v === null || v === undefined) return [v, true];
  return [v, false];
}

function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

function children(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (isPlainObject(v)) return Object.keys(v).filter((k) => v[k] !== undefined).map((k) => v[k]);
  if (typeof v === "string") return utf8Bytes(v).map((b) => new GoUint8(b));
  return [];
}

// text/template comparison functions (client-go's fork).
const errBadComparisonType = "invalid type for comparison";
const errBadComparison = "incompatible types for comparison";

type BasicKind = "bool" | "int" | "uint" | "float" | "string";

function basicKind(v: Value): BasicKind {
  const k = kindOf(v);
  if (k === "bool" || k === "int" || k === "uint" || k === "float" || k === "string") return k;
  throw new ExecError(errBadComparisonType);
}

function cmpStrings(a: Value, b: Value): number {
  return compareCodePoints(a as string, b as string);
}

function equal(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === "int" && k2 === "uint") || (k1 === "uint" && k2 === "int")) return numOf(a) === numOf(b);
    throw new ExecError(errBadComparison);
  }
  switch (k1) {
    case "bool":
      return a === b;
    case "string":
      return a === b;
    default:
      return numOf(a) === numOf(b);
  }
}

function less(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === "int" && k2 === "uint") || (k1 === "uint" && k2 === "int")) return numOf(a) < numOf(b);
    throw new ExecError(errBadComparison);
  }
  switch (k1) {
    case "bool":
      throw new ExecError(errBadComparisonType);
    case "string":
      return cmpStrings(a, b) < 0;
    default:
      return numOf(a) < numOf(b);
  }
}

function lessEqual(a: Value, b: Value): boolean {
  return less(a, b) || equal(a, b);
}

type WalkResult = { vals: Value[]; err?: string };

class Evaluator {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | null = null;

  constructor(private readonly allowMissingKeys: boolean) {}

  findResults(data: Value, nodes: Node[]): Value[][] {
    const cur: Value[] = [data === null || data === undefined ? NO_VALUE : data];
    const fullResult: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const { vals: results, err } = this.walk(cur, node);
      if (err !== undefined) throw new ExecError(err);

      // encounter an end node, break the current block
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      // encounter a range node, start a range loop
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            fullResult.push(...this.findResults(value === null ? NO_VALUE : value, nodes.slice(i + 1)));
          }
        } else {
          this.findResults(NO_VALUE, nodes.slice(i + 1));
        }
        this.inRange--;
        // Fast forward to resume processing after the most recent end node that was encountered
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      fullResult.push(results);
    }
    return fullResult;
  }

  walk(value: Value[], node: Node): WalkResult {
    switch (node.type) {
      case "list":
        return this.evalList(value, node);
      case "text":
        return { vals: [node.text] };
      case "field":
        return this.evalField(value, node.value);
      case "array":
        return this.evalArray(value, node.params);
      case "filter":
        return this.evalFilter(value, node);
      case "int":
        return { vals: value.map(() => new GoIntLiteral(node.value)) };
      case "float":
        return { vals: value.map(() => new GoFloat(node.value)) };
      case "bool":
        return { vals: value.map(() => node.value) };
      case "wildcard":
        return this.evalWildcard(value);
      case "recursive":
        return this.evalRecursive(value);
      case "union":
        return this.evalUnion(value, node.nodes);
      case "identifier":
        return this.evalIdentifier(value, node.name);
    }
  }

  private evalList(value: Value[], node: ListNode): WalkResult {
    let cur = value;
    for (const n of node.nodes) {
      const r = this.walk(cur, n);
      if (r.err !== undefined) return r;
      cur = r.vals;
    }
    return { vals: cur };
  }

  private evalIdentifier(input: Value[], name: string): WalkResult {
    switch (name) {
      case "range":
        this.beginRange++;
        return { vals: input };
      case "end":
        if (this.inRange > 0) {
          this.endRange++;
          return { vals: [] };
        }
        return { vals: [], err: "not in range, nothing to end" };
      default:
        return { vals: input, err: `unrecognized identifier ${name}` };
    }
  }

  private evalArray(input: Value[], nodeParams: [ParamsEntry, ParamsEntry, ParamsEntry]): WalkResult {
    const result: Value[] = [];
    for (const raw of input) {
      const [value, isNil] = indirect(raw);
      if (isNil) continue;
      if (!Array.isArray(value)) return { vals: input, err: `${typeName(value)} is not array or slice` };
      const params = nodeParams.map((p) => ({ ...p }));
      const len = value.length;
      if (!params[0].known) params[0].value = 0;
      if (params[0].value < 0) params[0].value += len;
      if (!params[1].known) params[1].value = len;
      if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += len;
      if (params[1].value !== params[0].value) {
        if (params[0].value >= len || params[0].value < 0) {
          return { vals: input, err: `array index out of bounds: index ${params[0].value}, length ${len}` };
        }
        if (params[1].value > len || params[1].value < 0) {
          return { vals: input, err: `array index out of bounds: index ${params[1].value - 1}, length ${len}` };
        }
        if (params[0].value > params[1].value) {
          return { vals: input, err: `starting index ${params[0].value} is greater than ending index ${params[1].value}` };
        }
      } else {
        return { vals: result };
      }
      const slice = value.slice(params[0].value, params[1].value);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) return { vals: input, err: "step must be > 0" };
        step = params[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return { vals: result };
  }

  private evalUnion(input: Value[], nodes: ListNode[]): WalkResult {
    const result: Value[] = [];
    for (const listNode of nodes) {
      const r = this.evalList(input, listNode);
      if (r.err !== undefined) return { vals: input, err: r.err };
      result.push(...r.vals);
    }
    return { vals: result };
  }

  private evalField(input: Value[], name: string): WalkResult {
    const results: Value[] = [];
    if (input.length === 0) return { vals: results };
    for (const raw of input) {
      const [value, isNil] = indirect(raw);
      if (isNil) continue;
      if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, name) && value[name] !== undefined) {
        results.push(value[name]);
      }
    }
    if (results.length === 0) {
      if (this.allowMissingKeys) return { vals: results };
      return { vals: results, err: `${name} is not found` };
    }
    return { vals: results };
  }

  private evalWildcard(input: Value[]): WalkResult {
    const results: Value[] = [];
    for (const raw of input) {
      const [value, isNil] = indirect(raw);
      if (isNil) continue;
      results.push(...children(value));
    }
    return { vals: results };
  }

  private evalRecursive(input: Value[]): WalkResult {
    const result: Value[] = [];
    for (const raw of input) {
      const [value, isNil] = indirect(raw);
      if (isNil) continue;
      const results = children(value);
      if (results.length !== 0) {
        result.push(value);
        const out = this.evalRecursive(results);
        if (out.err !== undefined) return { vals: result, err: out.err };
        result.push(...out.vals);
      }
    }
    return { vals: result };
  }

  private evalFilter(input: Value[], node: Extract<Node, { type: "filter" }>): WalkResult {
    const results: Value[] = [];
    for (const raw of input) {
      const value = raw;
      if (!Array.isArray(value)) {
        return { vals: input, err: `${fmtValue(value)} is not array or slice and cannot be filtered` };
      }
      for (const item of value) {
        const temp = [item];
        const l = this.evalList(temp, node.left);
        if (node.operator === "exists") {
          if (l.vals.length > 0) results.push(item);
          continue;
        }
        if (l.err !== undefined) return { vals: input, err: l.err };
        if (l.vals.length === 0) continue;
        if (l.vals.length > 1) return { vals: input, err: "can only compare one element at a time" };
        const left = l.vals[0];
        const r = this.evalList(temp, node.right);
        if (r.err !== undefined) return { vals: input, err: r.err };
        if (r.vals.length === 0) continue;
        if (r.vals.length > 1) return { vals: input, err: "can only compare one element at a time" };
        const right = r.vals[0];
        let pass: boolean;
        try {
          switch (node.operator) {
            case "<":
              pass = less(left, right);
              break;
            case ">":
              pass = !lessEqual(left, right);
              break;
            case "==":
              pass = equal(left, right);
              break;
            case "!=":
              pass = !equal(left, right);
              break;
            case "<=":
              pass = lessEqual(left, right);
              break;
            case ">=":
              pass = !less(left, right);
              break;
            default:
              return { vals: results, err: `unrecognized filter operator ${node.operator}` };
          }
        } catch (e) {
          if (e instanceof ExecError) return { vals: results, err: e.message };
          throw e;
        }
        if (pass) results.push(item);
      }
    }
    return { vals: results };
  }
}

/** Run the template; throws nothing — returns the library error message on failure. */
export function findResults(
  parsed: ParsedJsonPath,
  data: unknown,
  allowMissingKeys: boolean,
): { ok: true; results: unknown[][] } | { ok: false; error: string } {
  try {
    return { ok: true, results: new Evaluator(allowMissingKeys).findResults(data, parsed.root.nodes) };
  } catch (e) {
    if (e instanceof ExecError) return { ok: false, error: e.message };
    throw e;
  }
}

/** Convert an evaluation value to the plain JSON value it stands for. */
export function plainValue(v: unknown): unknown {
  if (v === NO_VALUE) return null;
  if (v instanceof GoFloat || v instanceof GoUint8 || v instanceof GoIntLiteral) return v.value;
  return v;
}

/** fmt.Sprint of a result value (custom-columns prints values this way). */
export function sprintValue(v: unknown): string {
  if (v === NO_VALUE) return "<invalid reflect.Value>";
  if (v instanceof GoFloat) return formatGoFloatG(v.value);
  if (v instanceof GoUint8 || v instanceof GoIntLiteral) return String(v.value);
  return goFmtV(v);
}

/** PrintResults for one result set (non-JSON mode). */
function printResults(results: unknown[]): string {
  let out = "";
  results.forEach((r, i) => {
    let text: string;
    const k = kindOf(r);
    if (k === "map" || k === "slice") text = goJsonMarshal(r);
    else if (r === NO_VALUE) text = "<no value>";
    else if (r === null || r === undefined) text = "null";
    else if (typeof r === "string") text = r;
    else if (typeof r === "boolean") text = r ? "true" : "false";
    else if (typeof r === "number") text = goNumberV(r);
    else text = sprintValue(r);
    if (i !== results.length - 1) text += " ";
    out += text;
  });
  return out;
}

export interface JsonPathOptions {
  /** kubectl's --allow-missing-template-keys; defaults to true like kubectl. */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`: each result set printed as an indented JSON array. */
  outputJson?: boolean;
}

export type JsonPathResult = { ok: true; out: string } | { ok: false; error: string };

/**
 * `kubectl get -o jsonpath=<template>`. On failure, kubectl's stderr is exactly
 * `"error: " + error + "\n"` (kubectl's messages already end in newlines — the parse error in one,
 * the execution error's debugging dump in three — and CheckErr only adds a newline when missing;
 * `error` here has one trailing newline removed so callers can always append one).
 */
export function jsonpath(template: string, data: unknown, opts: JsonPathOptions = {}): JsonPathResult {
  if (template === "") return { ok: false, error: "template format specified but no template given" };
  const parsed = parseJsonPath(template);
  if (!parsed.ok) return { ok: false, error: `error parsing jsonpath ${template}, ${parsed.error}` };
  const found = findResults(parsed.parsed, data, opts.allowMissingKeys ?? true);
  if (!found.ok) {
    const dump =
      `Error executing template: ${found.error}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goFmtSharpV(data)}\n\n`;
    return { ok: false, error: `error executing jsonpath ${goQuote(template)}: ${dump}` };
  }
  let out = "";
  for (const set of found.results) {
    if (opts.outputJson) out += goJsonMarshalIndent(set.map(plainValue), "    ") + "\n";
    else out += printResults(set);
  }
  return { ok: true, out };
}
