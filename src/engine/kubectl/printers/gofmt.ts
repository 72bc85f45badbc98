// Helpers that reproduce how Go (encoding/json, fmt, strconv) renders the values kubectl prints.
//
// Value model: the engine's objects are plain JSON-like values. kubectl sees them as
// `map[string]interface{}` produced by decoding JSON, where a number is an `int64` when it is
// integral and fits, and a `float64` otherwise. `isGoInt` encodes that rule.

/** A JSON-like value as the printers see it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** True when Go would hold this number as an int64 (integral and within range). */
export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63;
}

/** Compare two strings by Unicode code point (= Go's byte-wise comparison of UTF-8). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** The keys of an object that hold a value (undefined means absent), in Go's sorted order. */
export function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort(compareCodePoints);
}

/** Replace lone UTF-16 surrogates with U+FFFD, like Go does for invalid UTF-8. */
export function toWellFormed(s: string): string {
  if (!/[\uD800-\uDFFF]/.test(s)) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? "\uFFFD" : s[i];
  }
  return out;
}

/** strconv.FormatFloat(f, 'g', -1, 64) — also what fmt's %v prints for a float64. */
export function formatGoFloatG(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const neg = f < 0;
  const [mant, expStr] = Math.abs(f).toExponential().split("e");
  const digits = mant.replace(".", "");
  const exp = parseInt(expStr, 10);
  let body: string;
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp);
    body =
      digits[0] + (digits.length > 1 ? "." + digits.slice(1) : "") + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" + e : String(e));
  } else if (exp < 0) {
    body = "0." + "0".repeat(-exp - 1) + digits;
  } else if (digits.length <= exp + 1) {
    body = digits + "0".repeat(exp + 1 - digits.length);
  } else {
    body = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  }
  return neg ? "-" + body : body;
}

/** How encoding/json writes a number (int64 digits, or float64 in its 'f'/'e' shortest form). */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) return "null";
  if (Object.is(n, -0)) return "0";
  // JS and Go agree on shortest round-trip digits and on the 1e-6 / 1e21 exponent cut-offs.
  return String(n);
}

/** fmt's %v of a number held in an interface{} from decoded JSON. */
export function goNumberV(n: number): string {
  if (Object.is(n, -0)) return "0";
  return isGoInt(n) ? String(n) : formatGoFloatG(n);
}

const HEX = "0123456789abcdef";

/** encoding/json string encoding with HTML escaping (the default for json.Marshal). */
export function goJsonString(s: string): string {
  s = toWellFormed(s);
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26 && c !== 0x2028 && c !== 0x2029) {
      out += ch;
      continue;
    }
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += "\\\\";
        break;
      case 0x08:
        out += "\\b";
        break;
      case 0x0c:
        out += "\\f";
        break;
      case 0x0a:
        out += "\\n";
        break;
      case 0x0d:
        out += "\\r";
        break;
      case 0x09:
        out += "\\t";
        break;
      default:
        out += "\\u" + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
    }
  }
  return out + '"';
}

/** json.Marshal (compact) of a JSON-like value; map keys sorted. */
export function goJsonMarshal(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return goJsonString(v);
  if (typeof v === "number") return goJsonNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return "[" + v.map(goJsonMarshal).join(",") + "]";
  if (isPlainObject(v)) {
    const keys = sortedKeys(v);
    return "{" + keys.map((k) => goJsonString(k) + ":" + goJsonMarshal(v[k])).join(",") + "}";
  }
  return "null";
}

/** json.MarshalIndent(v, prefix, indent). */
export function goJsonMarshalIndent(v: unknown, indent: string, prefix = ""): string {
  const rec = (x: unknown, depth: string): string => {
    if (Array.isArray(x)) {
      if (x.length === 0) return "[]";
      const inner = depth + indent;
      return "[\n" + x.map((e) => prefix + inner + rec(e, inner)).join(",\n") + "\n" + prefix + depth + "]";
    }
    if (isPlainObject(x)) {
      const keys = sortedKeys(x);
      if (keys.length === 0) return "{}";
      const inner = depth + indent;
      return (
        "{\n" +
        keys.map((k) => prefix + inner + goJsonString(k) + ": " + rec(x[k], inner)).join(",\n") +
        "\n" +
        prefix +
        depth +
        "}"
      );
    }
    return goJsonMarshal(x);
  };
  return rec(v, "");
}

/** fmt's %v of an interface{} holding decoded JSON (maps print as `map[k:v ...]`). */
export function goFmtV(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goNumberV(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return "[" + v.map(goFmtV).join(" ") + "]";
  if (isPlainObject(v)) return "map[" + sortedKeys(v).map((k) => k + ":" + goFmtV(v[k])).join(" ") + "]";
  return String(v);
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.Quote. */
export function goQuote(s: string): string {
  s = toWellFormed(s);
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") {
      out += "\\" + ch;
    } else if (PRINTABLE.test(ch)) {
      out += ch;
    } else {
      switch (c) {
        case 7:
          out += "\\a";
          break;
        case 8:
          out += "\\b";
          break;
        case 12:
          out += "\\f";
          break;
        case 10:
          out += "\\n";
          break;
        case 13:
          out += "\\r";
          break;
        case 9:
          out += "\\t";
          break;
        case 11:
          out += "\\v";
          break;
        default:
          if (c < 0x20 || c === 0x7f) out += "\\x" + HEX[c >> 4] + HEX[c & 15];
          else if (c < 0x10000) out += "\\u" + c.toString(16).padStart(4, "0");
          else out += "\\U" + c.toString(16).padStart(8, "0");
      }
    }
  }
  return out + '"';
}

/** fmt's %#v of decoded JSON, as in kubectl's jsonpath debugging dump. */
export function goFmtSharpV(v: unknown): string {
  const inner = (x: unknown): string => {
    if (x === null || x === undefined) return "interface {}(nil)";
    if (typeof x === "string") return goQuote(x);
    if (typeof x === "number") return goNumberV(x);
    if (typeof x === "boolean") return x ? "true" : "false";
    if (Array.isArray(x)) return "[]interface {}{" + x.map(inner).join(", ") + "}";
    if (isPlainObject(x)) {
      return "map[string]interface {}{" + sortedKeys(x).map((k) => goQuote(k) + ":" + inner(x[k])).join(", ") + "}";
    }
    return String(x);
  };
  return inner(v);
}

/** printers.EscapeTerminal. */
export function escapeTerminal(s: string): string {
  return s.split("\u001b").join("^[").split("\r").join("\\r");
}
