/**
 * klog's line header as kubectl prints it on stderr (`W0512 09:05:00.123456   48213`), at
 * virtual time. The pid is fixed so output stays deterministic.
 */
export function klogPrefix(level: "E" | "W" | "I", nowMs: number, microsExtra = 0): string {
  const d = new Date(nowMs);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${level}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000 + microsExtra, 6)}   48213`;
}
