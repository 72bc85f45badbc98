/** Go's `time.ParseDuration`, for flags and fields that take a Go duration. */

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Go's `time.ParseDuration` (what pflag's Duration flags use), in milliseconds. Errors are Go's:
 * `time: invalid duration "abc"`, `time: missing unit in duration "30"`,
 * `time: unknown unit "x" in duration "3x"`.
 */
export function parseGoDuration(text: string): { ok: true; ms: number } | { ok: false; error: string } {
  const quoted = JSON.stringify(text);
  let s = text;
  let neg = false;
  if (s[0] === "-" || s[0] === "+") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return { ok: true, ms: 0 };
  if (s === "") return { ok: false, error: `time: invalid duration ${quoted}` };
  let total = 0;
  while (s !== "") {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (num[0] === "" || num[0] === "." || (num[1] === "" && (num[2] ?? "") === "")) return { ok: false, error: `time: invalid duration ${quoted}` };
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === "") return { ok: false, error: `time: missing unit in duration ${quoted}` };
    const factor = UNITS[unit];
    if (factor === undefined) return { ok: false, error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    s = s.slice(unit.length);
    total += Number(`${num[1] || "0"}.${num[2] || "0"}`) * factor;
  }
  return { ok: true, ms: neg ? -total : total };
}
