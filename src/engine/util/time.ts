/**
 * The time formats the simulated programs print, all in UTC (the nodes' and pods' timezone).
 * One table of names and one set of formatters, so every program spells dates the same way.
 */

export const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Two digits, zero-padded. */
export const pad2 = (n: number): string => String(n).padStart(2, "0");

/** `09:05:00`. */
export function clockTime(d: Date): string {
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** RFC 1123 with a zone: `Mon, 12 May 2025 09:05:00 GMT` (HTTP `Date`) or `… +0000` (Go's RFC1123Z). */
export function rfc1123(ms: number, zone: "GMT" | "+0000"): string {
  const d = new Date(ms);
  return `${WEEKDAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clockTime(d)} ${zone}`;
}

/** Common-log time (nginx access log, httpd): `12/May/2025:09:05:00 +0000`. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${clockTime(d)} +0000`;
}

/** Go's `log` prefix and nginx's error-log time: `2025/05/12 09:05:00`. */
export function slashTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ${clockTime(d)}`;
}

/**
 * C's `ctime()` without the newline: `Mon May 12 09:05:00 2025`, the day of month space-padded
 * (`Fri May  2 …`), as `"%.3s %.3s%3d %.2d:%.2d:%.2d %d"`.
 */
export function ctime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]}${String(d.getUTCDate()).padStart(3)} ${clockTime(d)} ${d.getUTCFullYear()}`;
}

/**
 * `date`'s default output (GNU and BusyBox: `%a %b %e %H:%M:%S %Z %Y`) and pam_lastlog's "Last
 * login" time: `Mon May  5 09:05:00 UTC 2025`, the day space-padded.
 */
export function unixDate(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]}${String(d.getUTCDate()).padStart(3)} ${clockTime(d)} UTC ${d.getUTCFullYear()}`;
}
