/**
 * The saved form of a lab ({@link SavedLab}: a format version plus a {@link LabSession}) and its
 * strict validation. Saved state and shared links are untrusted input: a link can be edited by
 * anyone, and localStorage can hold what an older Podflow wrote. Everything is checked against
 * the schema, sizes and ranges before a single line reaches the engine, and every refusal is a
 * sentence a learner can read.
 */
import type { ClusterOptions } from "../engine/api";
import type { LogEntry, TrafficStep } from "./log";
import { resolveOptions } from "../engine/lib";
import type { TrafficSpec } from "../engine/api";
import type { LabSession } from "./replay";
import { findScenario } from "./scenarios";
import { SPEEDS } from "./speeds";

/** Bumped whenever the saved form or the engine's replay behaviour changes incompatibly. */
export const FORMAT_VERSION = 1;

/** What is written to localStorage and put in shared links. */
export interface SavedLab extends LabSession {
  v: typeof FORMAT_VERSION;
}

/** Size and range limits for untrusted sessions. */
export const LIMITS = {
  logEntries: 5_000,
  /** One exec line (a heredoc with a manifest is one line). */
  lineChars: 20_000,
  /** All exec lines together. */
  totalChars: 500_000,
  /** Virtual time the log may make pass (advances plus what commands wait for). */
  virtualMs: 7 * 24 * 3_600_000,
  historyEntries: 200,
  historyChars: 4_000,
  workers: 10,
  readinessDelayMs: 600_000,
} as const;

/** Why a session was refused: written by another format version, or not a valid session. */
export type Refusal = { reason: "version" | "invalid"; error: string };

export type Checked<T> = { ok: true; value: T } | ({ ok: false } & Refusal);

const IPVS_SCHEDULERS = ["", "rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "mh"];
const CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;
/** Control characters other than tab and newline: a link must not smuggle escape sequences. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Wraps a session for saving. */
export function toSaved(session: LabSession): SavedLab {
  const saved: SavedLab = { v: FORMAT_VERSION, scenario: session.scenario, options: { ...session.options }, log: session.log.slice() };
  if (session.history) saved.history = session.history.slice();
  if (session.ui) saved.ui = { ...session.ui };
  return saved;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
}

class Invalid extends Error {}

function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Invalid(message);
}

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], what: string): void {
  for (const k of Object.keys(o)) check(allowed.includes(k), `${what} has an unknown field "${k.slice(0, 40)}"`);
}

function checkOptions(v: unknown): ClusterOptions {
  check(isRecord(v), "the cluster options are missing");
  onlyKeys(v, ["seed", "workers", "serviceCidr", "podCidr", "nodeCidr", "proxyMode", "ipvsScheduler", "readinessDelayMs"], "the cluster options");
  const o: ClusterOptions = {};
  if (v.seed !== undefined) {
    check(isInt(v.seed, 0, 0xffffffff), "the seed must be a whole number from 0 to 4294967295");
    o.seed = v.seed;
  }
  if (v.workers !== undefined) {
    check(isInt(v.workers, 0, LIMITS.workers), `the number of workers must be from 0 to ${LIMITS.workers}`);
    o.workers = v.workers;
  }
  for (const key of ["serviceCidr", "podCidr", "nodeCidr"] as const) {
    const c = v[key];
    if (c === undefined) continue;
    check(typeof c === "string" && CIDR.test(c), `${key} must be an IPv4 CIDR such as 10.96.0.0/12`);
    o[key] = c;
  }
  if (v.proxyMode !== undefined) {
    check(v.proxyMode === "iptables" || v.proxyMode === "ipvs", 'the kube-proxy mode must be "iptables" or "ipvs"');
    o.proxyMode = v.proxyMode;
  }
  if (v.ipvsScheduler !== undefined) {
    check(typeof v.ipvsScheduler === "string" && IPVS_SCHEDULERS.includes(v.ipvsScheduler), "the IPVS scheduler is not one kube-proxy knows");
    o.ipvsScheduler = v.ipvsScheduler;
  }
  if (v.readinessDelayMs !== undefined) {
    check(isInt(v.readinessDelayMs, 0, LIMITS.readinessDelayMs), "the readiness delay is out of range");
    o.readinessDelayMs = v.readinessDelayMs;
  }
  // The engine's own checks (real CIDRs, ranges that do not overlap, room for the nodes), so a
  // bad link is told what is wrong instead of failing later as an "internal error".
  try {
    resolveOptions(o);
  } catch (e) {
    check(false, `the cluster options are not usable: ${e instanceof Error ? e.message : String(e)}`);
  }
  return o;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds in a Go duration ("1h30m", "90s") or a sleep argument ("5", "2m"); 0 if unreadable. */
function durationMs(text: string, bareUnit: "s" | "ms"): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * UNIT_MS[bareUnit];
  let ms = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/g)) ms += Number(m[1]) * UNIT_MS[m[2]];
  return ms;
}

/**
 * An upper bound for the virtual time one exec line can make pass: the line latency, `sleep`,
 * `--timeout` and the deployment progress deadline (what `kubectl rollout status` waits for).
 */
export function execVirtualMs(line: string): number {
  let ms = 100 * (line.split("\n").length + 1);
  for (const m of line.matchAll(/\bsleep\s+(\S+)/g)) ms += durationMs(m[1], "s");
  for (const m of line.matchAll(/--(?:timeout|request-timeout)[=\s]+(\S+)/g)) ms += durationMs(m[1], "ms");
  for (const m of line.matchAll(/progressDeadlineSeconds["']?\s*:\s*(\d+)/g)) ms += Number(m[1]) * 1000;
  if (/\bkubectl\s+(wait|rollout\s+status)\b/.test(line)) ms += 600_000; // their default limits
  return ms;
}

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** A traffic step from an untrusted log: exactly the shapes the lab records, within bounds. */
function checkTraffic(e: Record<string, unknown>, i: number): TrafficStep {
  const what = `step ${i + 1} of the action log`;
  if (e.traffic === "reset") {
    onlyKeys(e, ["traffic"], what);
    return { traffic: "reset" };
  }
  if (e.traffic === "stop") {
    onlyKeys(e, ["traffic", "id"], what);
    check(isInt(e.id, 1, 100_000), `${what} stops no valid traffic generator`);
    return { traffic: "stop", id: e.id };
  }
  check(e.traffic === "start", `${what} is not a known traffic action`);
  onlyKeys(e, ["traffic", "spec"], what);
  const spec = e.spec;
  check(isRecord(spec), `${what} has no traffic spec`);
  onlyKeys(spec, ["source", "target", "rate", "durationMs", "path"], what);
  const src = spec.source;
  check(isRecord(src), `${what} has no traffic source`);
  let source: TrafficSpec["source"];
  if (src.kind === "external") {
    onlyKeys(src, ["kind"], what);
    source = { kind: "external" };
  } else {
    check(src.kind === "pod", `${what} has an unknown traffic source`);
    onlyKeys(src, ["kind", "namespace", "name"], what);
    check(typeof src.name === "string" && NAME.test(src.name), `${what} names no valid pod`);
    check(src.namespace === undefined || (typeof src.namespace === "string" && NAME.test(src.namespace)), `${what} names no valid namespace`);
    source = src.namespace === undefined ? { kind: "pod", name: src.name as string } : { kind: "pod", namespace: src.namespace as string, name: src.name as string };
  }
  check(typeof spec.target === "string" && spec.target.length > 0 && spec.target.length <= 300 && !CONTROL.test(spec.target), `${what} has no valid traffic target`);
  check(typeof spec.rate === "number" && spec.rate >= 0.1 && spec.rate <= 500, `${what} has a traffic rate outside 0.1–500 per second`);
  check(spec.durationMs === undefined || isInt(spec.durationMs, 1, LIMITS.virtualMs), `${what} has an invalid traffic duration`);
  check(spec.path === undefined || (typeof spec.path === "string" && spec.path.startsWith("/") && spec.path.length <= 300 && !CONTROL.test(spec.path)), `${what} has an invalid request path`);
  const out: TrafficSpec = { source, target: spec.target as string, rate: spec.rate as number };
  if (spec.durationMs !== undefined) out.durationMs = spec.durationMs as number;
  if (spec.path !== undefined) out.path = spec.path as string;
  return { traffic: "start", spec: out };
}

function checkLog(v: unknown): LogEntry[] {
  check(Array.isArray(v), "the action log is missing");
  check(v.length <= LIMITS.logEntries, `the action log has ${v.length} steps; at most ${LIMITS.logEntries} are allowed`);
  let chars = 0;
  let virtual = 0;
  const out: LogEntry[] = v.map((e: unknown, i) => {
    if (typeof e === "number") {
      check(isInt(e, 1, LIMITS.virtualMs), `step ${i + 1} of the action log is not a valid amount of time`);
      virtual += e;
      return e;
    }
    if (isRecord(e) && "traffic" in e) return checkTraffic(e, i);
    let line = e;
    if (isRecord(e)) {
      onlyKeys(e, ["q"], `step ${i + 1} of the action log`);
      line = e.q;
    }
    check(typeof line === "string", `step ${i + 1} of the action log is neither a command nor an amount of time`);
    check(line.length > 0 && line.length <= LIMITS.lineChars, `command ${i + 1} of the action log is empty or longer than ${LIMITS.lineChars} characters`);
    check(!CONTROL.test(line), `command ${i + 1} of the action log contains control characters`);
    chars += line.length;
    virtual += execVirtualMs(line);
    return typeof e === "string" ? line : { q: line };
  });
  check(chars <= LIMITS.totalChars, `the commands add up to ${chars} characters; at most ${LIMITS.totalChars} are allowed`);
  check(virtual <= LIMITS.virtualMs, "the lab would run for more than 7 days of virtual time");
  return out;
}

function checkHistory(v: unknown): string[] {
  check(Array.isArray(v) && v.length <= LIMITS.historyEntries, "the terminal history is not a list of at most 200 lines");
  for (const h of v) check(typeof h === "string" && h.length <= LIMITS.historyChars && !CONTROL.test(h) && !h.includes("\n"), "the terminal history holds something that is not a line of text");
  return v.slice();
}

function checkUi(v: unknown): { speed: number; paused: boolean } {
  check(isRecord(v), "the clock settings are not valid");
  onlyKeys(v, ["speed", "paused"], "the clock settings");
  check(typeof v.speed === "number" && (SPEEDS as readonly number[]).includes(v.speed), "the clock speed is not one Podflow offers");
  check(typeof v.paused === "boolean", "the clock's paused flag is not true or false");
  return { speed: v.speed, paused: v.paused };
}

/**
 * Checks that `input` (parsed JSON from storage or a link) is a lab this version can replay.
 * Never throws; a refusal says why in words.
 */
export function validateSession(input: unknown): Checked<LabSession> {
  if (!isRecord(input)) return { ok: false, reason: "invalid", error: "it is not a Podflow lab" };
  if (input.v !== FORMAT_VERSION) {
    const v = typeof input.v === "number" && Number.isFinite(input.v) ? ` (format ${input.v})` : "";
    return { ok: false, reason: "version", error: `it was made by a different version of Podflow${v}` };
  }
  try {
    onlyKeys(input, ["v", "scenario", "options", "log", "history", "ui"], "the lab");
    check(typeof input.scenario === "string" && findScenario(input.scenario) !== undefined, "its starting scenario is not one this Podflow knows");
    const session: LabSession = { scenario: input.scenario, options: checkOptions(input.options), log: checkLog(input.log) };
    if (input.history !== undefined) session.history = checkHistory(input.history);
    if (input.ui !== undefined) session.ui = checkUi(input.ui);
    return { ok: true, value: session };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: "invalid", error: e.message };
    throw e;
  }
}
