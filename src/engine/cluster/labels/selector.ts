/**
 * Label selectors: a port of apimachinery's `labels.Parse` / `Requirement` / `internalSelector`
 * (`k8s.io/apimachinery/pkg/labels/selector.go`, v1.33) and `metav1.LabelSelectorAsSelector`.
 *
 * The string grammar (what `kubectl -l` sends as `labelSelector`):
 *
 *   selector    := requirement ( "," requirement )*   |  ""
 *   requirement := [ "!" ] KEY [ ( "in" | "notin" ) "(" values ")" | ( "=" | "==" | "!=" | ">" | "<" ) VALUE ]
 *
 * Parse errors are the exact messages the API server returns in its 400 BadRequest (kubectl prints
 * them after `Error from server (BadRequest): `).
 */

import type { LabelSelector, Labels } from "../types";
import { isQualifiedName, isValidLabelValue } from "../validation/content";
import { FieldPath, aggregateMessage, goStringCompare, invalid, notSupported, renderFieldError, type FieldError } from "../validation/field";

/** `selection.Operator` values. */
export type Operator = "in" | "notin" | "=" | "==" | "!=" | "gt" | "lt" | "exists" | "!";

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** For parsed selectors a sorted set; for converted LabelSelectors the values as given. */
  readonly values: readonly string[];
}

export interface Selector {
  readonly requirements: readonly Requirement[];
  /** The AND of all requirements (`Matches`). `undefined` labels are an empty set. */
  matches(labels: Readonly<Labels> | undefined | null): boolean;
  /** The canonical form (`String()`): requirements in key order, values sorted. */
  toString(): string;
  /** True when the selector does not restrict anything (`Empty()`): `Everything()`. */
  empty(): boolean;
  /** False only for `Nothing()` (`Requirements()`'s `selectable`). */
  readonly selectable: boolean;
  /** `RequiresExactMatch`: the single value a `=`, `==` or one-value `in` on `key` demands. */
  requiresExactMatch(key: string): string | undefined;
}

export type ParseResult = { ok: true; selector: Selector } | { ok: false; error: string };

// ---------------------------------------------------------------- requirements

/** Go's `strconv.ParseInt(s, 10, 64)`. */
export function parseInt64(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  return v;
}

const BINARY_OPERATORS = ["in", "notin", "=", "==", "!=", "gt", "lt"];
const VALID_OPERATORS = [...BINARY_OPERATORS, "exists", "!"];

function validateLabelKey(key: string, path: FieldPath): FieldError | null {
  const errs = isQualifiedName(key);
  return errs.length ? invalid(path, key, errs.join("; ")) : null;
}

function validateLabelValue(key: string, value: string, path: FieldPath): FieldError | null {
  const errs = isValidLabelValue(value);
  return errs.length ? invalid(path.key(key), value, errs.join("; ")) : null;
}

/**
 * `labels.NewRequirement`: validates the key, the operator/value-count rules and every value.
 * The error is the aggregate message (`a` or `[a, b]`), field paths relative to `path`
 * (the nil path by default, as the string parser uses).
 */
export function newRequirement(
  key: string,
  operator: Operator,
  values: readonly string[],
  path: FieldPath = FieldPath.nil,
): { ok: true; requirement: Requirement } | { ok: false; error: string } {
  const errs: FieldError[] = [];
  const keyErr = validateLabelKey(key, path.child("key"));
  if (keyErr) errs.push(keyErr);
  const valuePath = path.child("values");
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) errs.push(invalid(valuePath, [...values], "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) errs.push(invalid(valuePath, [...values], "exact-match compatibility requires one single value"));
      break;
    case "exists":
    case "!":
      if (values.length !== 0) errs.push(invalid(valuePath, [...values], "values set must be empty for exists and does not exist"));
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) errs.push(invalid(valuePath, [...values], "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === null) errs.push(invalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(notSupported(path.child("operator"), operator, VALID_OPERATORS));
  }
  values.forEach((v, i) => {
    const e = validateLabelValue(key, v, valuePath.index(i));
    if (e) errs.push(e);
  });
  if (errs.length) return { ok: false, error: aggregateMessage(errs.map(renderFieldError)) };
  return { ok: true, requirement: { key, operator, values: [...values] } };
}

function hasOwn(labels: Readonly<Labels>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** `Requirement.Matches`: `!=` and `notin` match a missing key; `gt`/`lt` need an int64 label value. */
export function requirementMatches(r: Requirement, labels: Readonly<Labels> | undefined | null): boolean {
  const ls = labels ?? {};
  const has = hasOwn(ls, r.key);
  switch (r.operator) {
    case "in":
    case "=":
    case "==":
      return has && r.values.includes(ls[r.key]);
    case "notin":
    case "!=":
      return !has || !r.values.includes(ls[r.key]);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (!has) return false;
      const lv = parseInt64(ls[r.key]);
      if (lv === null || r.values.length !== 1) return false;
      const rv = parseInt64(r.values[0]);
      if (rv === null) return false;
      return r.operator === "gt" ? lv > rv : lv < rv;
    }
    default:
      return false;
  }
}

function sortedValues(values: readonly string[]): readonly string[] {
  for (let i = 1; i < values.length; i++) {
    if (goStringCompare(values[i - 1], values[i]) > 0) return [...values].sort(goStringCompare);
  }
  return values;
}

/** `Requirement.String()`. */
export function requirementToString(r: Requirement): string {
  let s = r.operator === "!" ? "!" : "";
  s += r.key;
  switch (r.operator) {
    case "=":
      s += "=";
      break;
    case "==":
      s += "==";
      break;
    case "!=":
      s += "!=";
      break;
    case "in":
      s += " in ";
      break;
    case "notin":
      s += " notin ";
      break;
    case "gt":
      s += ">";
      break;
    case "lt":
      s += "<";
      break;
    case "exists":
    case "!":
      return s;
  }
  const setBased = r.operator === "in" || r.operator === "notin";
  if (setBased) s += "(";
  s += r.values.length === 1 ? r.values[0] : sortedValues(r.values).join(",");
  if (setBased) s += ")";
  return s;
}

// ---------------------------------------------------------------- selectors

class InternalSelector implements Selector {
  readonly selectable = true;
  constructor(readonly requirements: readonly Requirement[]) {}

  matches(labels: Readonly<Labels> | undefined | null): boolean {
    for (const r of this.requirements) if (!requirementMatches(r, labels)) return false;
    return true;
  }

  toString(): string {
    return this.requirements.map(requirementToString).join(",");
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  requiresExactMatch(key: string): string | undefined {
    for (const r of this.requirements) {
      if (r.key !== key) continue;
      if ((r.operator === "=" || r.operator === "==" || r.operator === "in") && r.values.length === 1) return r.values[0];
      return undefined;
    }
    return undefined;
  }
}

class NothingSelector implements Selector {
  readonly selectable = false;
  readonly requirements: readonly Requirement[] = [];
  matches(): boolean {
    return false;
  }
  toString(): string {
    return "";
  }
  empty(): boolean {
    return false;
  }
  requiresExactMatch(): string | undefined {
    return undefined;
  }
}

const EVERYTHING: Selector = new InternalSelector([]);
const NOTHING: Selector = new NothingSelector();

/** `labels.Everything()`: matches every label set, including none. */
export const everything = (): Selector => EVERYTHING;

/** `labels.Nothing()`: matches nothing; prints as `""`. */
export const nothing = (): Selector => NOTHING;

/** Stable sort by key (Go's `sort.Sort(ByKey)` is an insertion sort for the sizes that occur). */
function byKey(reqs: Requirement[]): Requirement[] {
  return reqs.sort((a, b) => goStringCompare(a.key, b.key));
}

/** A selector from already-built requirements (sorted by key, like `Selector.Add`). */
export function selectorFromRequirements(reqs: readonly Requirement[]): Selector {
  return reqs.length === 0 ? EVERYTHING : new InternalSelector(byKey([...reqs]));
}

/**
 * `labels.SelectorFromSet`: `k=v` for each entry; an empty or missing set is `Everything()`.
 * Not validated (like `SelectorFromValidatedSet`).
 */
export function selectorFromSet(set: Readonly<Labels> | undefined | null): Selector {
  if (!set) return EVERYTHING;
  const keys = Object.keys(set);
  if (keys.length === 0) return EVERYTHING;
  return new InternalSelector(byKey(keys.map((k) => ({ key: k, operator: "=" as const, values: [set[k]] }))));
}

/**
 * A Service's `spec.selector` as the endpoint controllers use it. A service with no selector gets
 * no endpoints from the controllers, and an empty map does not survive storage (it is dropped to
 * nil), so for services an empty or missing map matches **nothing**. Use {@link selectorFromSet}
 * where an empty set must mean "everything".
 */
export function selectorFromMap(map: Readonly<Labels> | undefined | null): Selector {
  if (!map || Object.keys(map).length === 0) return NOTHING;
  return selectorFromSet(map);
}

const LS_OPERATORS: Record<string, Operator> = { In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!" };

/**
 * `metav1.LabelSelectorAsSelector`, validating like Go: nil → `Nothing()`, `{}` → `Everything()`,
 * otherwise matchLabels (`=`) and matchExpressions (In/NotIn/Exists/DoesNotExist) ANDed.
 */
export function labelSelectorAsSelector(
  ls: LabelSelector | undefined | null,
): { ok: true; selector: Selector } | { ok: false; error: string } {
  if (ls == null) return { ok: true, selector: NOTHING };
  const ml = ls.matchLabels ?? {};
  const me = ls.matchExpressions ?? [];
  const mlKeys = Object.keys(ml);
  if (mlKeys.length + me.length === 0) return { ok: true, selector: EVERYTHING };
  const reqs: Requirement[] = [];
  for (const k of mlKeys) {
    const r = newRequirement(k, "=", [ml[k]]);
    if (!r.ok) return r;
    reqs.push(r.requirement);
  }
  for (const expr of me) {
    const op = LS_OPERATORS[expr.operator];
    if (!op) return { ok: false, error: `"${expr.operator}" is not a valid label selector operator` };
    const r = newRequirement(expr.key, op, expr.values ?? []);
    if (!r.ok) return r;
    reqs.push(r.requirement);
  }
  return { ok: true, selector: new InternalSelector(byKey(reqs)) };
}

/**
 * `LabelSelectorAsSelector` without validation (for objects the API server already validated):
 * nil → `Nothing()`, `{}` → `Everything()`. Unknown operators match nothing.
 */
export function selectorFromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls == null) return NOTHING;
  const ml = ls.matchLabels ?? {};
  const me = ls.matchExpressions ?? [];
  const mlKeys = Object.keys(ml);
  if (mlKeys.length + me.length === 0) return EVERYTHING;
  const reqs: Requirement[] = mlKeys.map((k) => ({ key: k, operator: "=" as const, values: [ml[k]] }));
  for (const expr of me) {
    const op = LS_OPERATORS[expr.operator];
    if (!op) return NOTHING;
    reqs.push({ key: expr.key, operator: op, values: [...(expr.values ?? [])] });
  }
  return new InternalSelector(byKey(reqs));
}

/** kubectl's `labels.FormatLabels`: `k=v,k2=v2` by key, `<none>` when empty. */
export function formatLabels(labels: Readonly<Labels> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort(goStringCompare);
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${(labels as Labels)[k]}`).join(",");
}

// ---------------------------------------------------------------- lexer

const enum Tok {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const STRING_TO_TOKEN: ReadonlyMap<string, Tok> = new Map([
  [")", Tok.ClosedPar],
  [",", Tok.Comma],
  ["!", Tok.DoesNotExist],
  ["==", Tok.DoubleEquals],
  ["=", Tok.Equals],
  [">", Tok.GreaterThan],
  ["in", Tok.In],
  ["<", Tok.LessThan],
  ["!=", Tok.NotEquals],
  ["notin", Tok.NotIn],
  ["(", Tok.OpenPar],
]);

interface Item {
  tok: Tok;
  lit: string;
}

const isWhitespace = (ch: string): boolean => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
const isSpecialSymbol = (ch: string): boolean =>
  ch === "=" || ch === "!" || ch === "(" || ch === ")" || ch === "," || ch === ">" || ch === "<";

/** The Go lexer reads bytes and uses 0 for "end"; a NUL in the input behaves the same way. */
const EOF = "\0";

class Lexer {
  private pos = 0;
  constructor(private readonly s: string) {}

  private read(): string {
    if (this.pos < this.s.length) return this.s[this.pos++];
    return EOF;
  }

  private unread(): void {
    this.pos--;
  }

  private scanIDOrKeyword(): Item {
    let buf = "";
    for (;;) {
      const ch = this.read();
      if (ch === EOF) break;
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buf += ch;
    }
    const t = STRING_TO_TOKEN.get(buf);
    if (t !== undefined) return { tok: t, lit: buf };
    return { tok: Tok.Identifier, lit: buf };
  }

  private scanSpecialSymbol(): Item {
    let last: Item | null = null;
    let buf = "";
    for (;;) {
      const ch = this.read();
      if (ch === EOF) break;
      if (isSpecialSymbol(ch)) {
        buf += ch;
        const t = STRING_TO_TOKEN.get(buf);
        if (t !== undefined) {
          last = { tok: t, lit: buf };
        } else if (last !== null) {
          this.unread();
          break;
        }
      } else {
        this.unread();
        break;
      }
    }
    if (last === null) return { tok: Tok.Error, lit: `error expected: keyword found '${buf}'` };
    return last;
  }

  lex(): Item {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === EOF) return { tok: Tok.EndOfString, lit: "" };
    this.unread();
    return isSpecialSymbol(ch) ? this.scanSpecialSymbol() : this.scanIDOrKeyword();
  }
}

// ---------------------------------------------------------------- parser

const enum Ctx {
  KeyAndOperator,
  Values,
}

class ParseError {
  constructor(readonly message: string) {}
}

class Parser {
  private items: Item[] = [];
  private position = 0;

  constructor(private readonly lexer: Lexer) {}

  private lookahead(ctx: Ctx): Item {
    const it = this.items[this.position];
    if (ctx === Ctx.Values && (it.tok === Tok.In || it.tok === Tok.NotIn)) return { tok: Tok.Identifier, lit: it.lit };
    return it;
  }

  private consume(ctx: Ctx): Item {
    this.position++;
    const it = this.items[this.position - 1];
    if (ctx === Ctx.Values && (it.tok === Tok.In || it.tok === Tok.NotIn)) return { tok: Tok.Identifier, lit: it.lit };
    return it;
  }

  private scan(): void {
    for (;;) {
      const it = this.lexer.lex();
      this.items.push(it);
      if (it.tok === Tok.EndOfString) break;
    }
  }

  parse(): Requirement[] {
    this.scan();
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(Ctx.Values);
      switch (tok) {
        case Tok.Identifier:
        case Tok.DoesNotExist: {
          let r: Requirement;
          try {
            r = this.parseRequirement();
          } catch (e) {
            if (e instanceof ParseError) throw new ParseError(`unable to parse requirement: ${e.message}`);
            throw e;
          }
          reqs.push(r);
          const t = this.consume(Ctx.Values);
          switch (t.tok) {
            case Tok.EndOfString:
              return reqs;
            case Tok.Comma: {
              const t2 = this.lookahead(Ctx.Values);
              if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist) {
                throw new ParseError(`found '${t2.lit}', expected: identifier after ','`);
              }
              break;
            }
            default:
              throw new ParseError(`found '${t.lit}', expected: ',' or 'end of string'`);
          }
          break;
        }
        case Tok.EndOfString:
          return reqs;
        default:
          throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator: inferred } = this.parseKeyAndInferOperator();
    if (inferred === "exists" || inferred === "!") return build(key, inferred, []);
    const operator = this.parseOperator();
    const values = operator === "in" || operator === "notin" ? this.parseValues() : this.parseExactValue();
    return build(key, operator, [...values].sort(goStringCompare));
  }

  private parseKeyAndInferOperator(): { key: string; operator: Operator | "" } {
    let operator: Operator | "" = "";
    let { tok, lit } = this.consume(Ctx.Values);
    if (tok === Tok.DoesNotExist) {
      operator = "!";
      ({ tok, lit } = this.consume(Ctx.Values));
    }
    if (tok !== Tok.Identifier) throw new ParseError(`found '${lit}', expected: identifier`);
    const keyErr = validateLabelKey(lit, FieldPath.nil);
    if (keyErr) throw new ParseError(renderFieldError(keyErr));
    const t = this.lookahead(Ctx.Values).tok;
    if ((t === Tok.EndOfString || t === Tok.Comma) && operator !== "!") operator = "exists";
    return { key: lit, operator };
  }

  private parseOperator(): Operator {
    const { tok, lit } = this.consume(Ctx.KeyAndOperator);
    switch (tok) {
      case Tok.In:
        return "in";
      case Tok.Equals:
        return "=";
      case Tok.DoubleEquals:
        return "==";
      case Tok.GreaterThan:
        return "gt";
      case Tok.LessThan:
        return "lt";
      case Tok.NotIn:
        return "notin";
      case Tok.NotEquals:
        return "!=";
      default:
        throw new ParseError(`found '${lit}', expected: ${BINARY_OPERATORS.join(", ")}`);
    }
  }

  private parseValues(): Set<string> {
    let { tok, lit } = this.consume(Ctx.Values);
    if (tok !== Tok.OpenPar) throw new ParseError(`found '${lit}' expected: '('`);
    ({ tok, lit } = this.lookahead(Ctx.Values));
    switch (tok) {
      case Tok.Identifier:
      case Tok.Comma: {
        const s = this.parseIdentifiersList();
        if (this.consume(Ctx.Values).tok !== Tok.ClosedPar) throw new ParseError(`found '${lit}', expected: ')'`);
        return s;
      }
      case Tok.ClosedPar:
        this.consume(Ctx.Values);
        return new Set([""]);
      default:
        throw new ParseError(`found '${lit}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(Ctx.Values);
      switch (tok) {
        case Tok.Identifier: {
          s.add(lit);
          const t2 = this.lookahead(Ctx.Values);
          if (t2.tok === Tok.Comma) continue;
          if (t2.tok === Tok.ClosedPar) return s;
          throw new ParseError(`found '${t2.lit}', expected: ',' or ')'`);
        }
        case Tok.Comma: {
          if (s.size === 0) s.add("");
          const t2 = this.lookahead(Ctx.Values).tok;
          if (t2 === Tok.ClosedPar) {
            s.add("");
            return s;
          }
          if (t2 === Tok.Comma) {
            this.consume(Ctx.Values);
            s.add("");
          }
          break;
        }
        default:
          throw new ParseError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const t = this.lookahead(Ctx.Values).tok;
    if (t === Tok.EndOfString || t === Tok.Comma) return new Set([""]);
    const { tok, lit } = this.consume(Ctx.Values);
    if (tok === Tok.Identifier) return new Set([lit]);
    throw new ParseError(`found '${lit}', expected: identifier`);
  }
}

function build(key: string, operator: Operator, values: string[]): Requirement {
  const r = newRequirement(key, operator, values);
  if (!r.ok) throw new ParseError(r.error);
  return r.requirement;
}

/**
 * `labels.Parse`. Never throws: returns the selector, or the error message the API server sends
 * back (without kubectl's `Error from server (BadRequest): ` prefix). `""` is `Everything()`.
 */
export function parseSelector(text: string): ParseResult {
  try {
    const reqs = new Parser(new Lexer(text)).parse();
    return { ok: true, selector: reqs.length === 0 ? EVERYTHING : new InternalSelector(byKey(reqs)) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}
