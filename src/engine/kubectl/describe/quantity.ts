// The subset of apimachinery's resource.Quantity that describe needs: parse, add, compare, and
// `String()` in canonical form (`CanonicalizeBytes`): "500m", "1", "128Mi", "1536Mi", "4030348Ki".
// Values are held exactly as BigInt nano-units.

export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

export interface Quantity {
  /** The value × 10^9. */
  nanos: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

export const ZERO: Quantity = { nanos: 0n, format: "DecimalSI" };

/** `resource.ParseQuantity`, or undefined for text that is not a quantity. */
export function parseQuantity(text: string | number | undefined): Quantity | undefined {
  if (text === undefined) return undefined;
  const s = String(text).trim();
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|([a-zA-Z]*))$/.exec(s);
  if (!m) return undefined;
  const [, sign, num, exp, suffix = ""] = m;
  const [intPart, fracPart = ""] = num.split(".");
  let mantissa = BigInt((intPart || "0") + fracPart);
  let scale10 = -fracPart.length; // value = mantissa × 10^scale10 × 2^scale2
  let scale2 = 0;
  let format: QuantityFormat = "DecimalSI";
  if (exp) {
    scale10 += Number(exp.slice(1));
    format = "DecimalExponent";
  } else if (suffix in BINARY_SUFFIX) {
    scale2 = BINARY_SUFFIX[suffix];
    format = "BinarySI";
  } else if (suffix in DECIMAL_SUFFIX) {
    scale10 += DECIMAL_SUFFIX[suffix];
  } else return undefined;
  if (sign === "-") mantissa = -mantissa;
  // To nanos: × 10^(scale10 + 9) × 2^scale2, rounding up what is finer than a nano (like Go).
  let num10 = mantissa * (1n << BigInt(scale2));
  const e = scale10 + 9;
  if (e >= 0) num10 *= 10n ** BigInt(e);
  else {
    const div = 10n ** BigInt(-e);
    const q = num10 / div;
    num10 = q * div === num10 ? q : q + (num10 > 0n ? 1n : 0n);
  }
  return { nanos: num10, format };
}

/** `q.Add(other)`: the receiver's format wins. */
export function addQuantity(q: Quantity, other: Quantity): Quantity {
  return { nanos: q.nanos + other.nanos, format: q.format };
}

export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return b.nanos > a.nanos ? b : a;
}

/** `MilliValue()`: rounded up to a whole milli-unit. */
export function milliValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, 1_000_000n));
}

/** `Value()`: rounded up to a whole unit. */
export function unitValue(q: Quantity): number {
  return Number(ceilDiv(q.nanos, NANO));
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a || a < 0n ? q : q + 1n;
}

/** `Quantity.String()`. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return "0";
  let format = q.format;
  if (format === "BinarySI") {
    const abs = q.nanos < 0n ? -q.nanos : q.nanos;
    if (abs < 1024n * NANO || q.nanos % NANO !== 0n) format = "DecimalSI";
  }
  if (format === "BinarySI") {
    let amount = q.nanos / NANO;
    let exp = 0;
    while (amount % 1024n === 0n && exp < 60) {
      amount /= 1024n;
      exp += 10;
    }
    const suffix = Object.keys(BINARY_SUFFIX).find((k) => BINARY_SUFFIX[k] === exp) ?? "";
    return `${amount}${suffix}`;
  }
  // AsCanonicalBytes: drop factors of ten, then move to an exponent that is a multiple of 3.
  let amount = q.nanos;
  let exponent = -9;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exponent++;
  }
  const rem = ((exponent % 3) + 3) % 3;
  if (rem === 1) {
    amount *= 10n;
    exponent -= 1;
  } else if (rem === 2) {
    amount *= 100n;
    exponent -= 2;
  }
  if (format === "DecimalSI") {
    const suffix = Object.keys(DECIMAL_SUFFIX).find((k) => DECIMAL_SUFFIX[k] === exponent);
    if (suffix !== undefined) return `${amount}${suffix}`;
  }
  return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
}
