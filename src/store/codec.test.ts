import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { execVirtualMs, FORMAT_VERSION, LIMITS, toSaved, validateSession } from "./codec";
import type { LabSession } from "./replay";

const good: LabSession = {
  scenario: "article",
  options: { seed: 7, proxyMode: "ipvs", ipvsScheduler: "lc" },
  log: [
    "kubectl get pods",
    1500,
    { q: "kubectl get svc -o yaml" },
    "kubectl apply -f - <<EOF\nkind: Pod\nEOF",
    { traffic: "start", spec: { source: { kind: "pod", name: "client" }, target: "my-service", rate: 20, durationMs: 5000 } },
    { traffic: "start", spec: { source: { kind: "external" }, target: "web:80", rate: 2 } },
    { traffic: "stop", id: 1 },
    { traffic: "reset" },
  ],
  history: ["kubectl get pods"],
  ui: { speed: 2, paused: true },
};

const refusal = (input: unknown) => {
  const r = validateSession(input);
  expect(r.ok).toBe(false);
  return r.ok ? "" : r.error;
};

describe("validating a saved or shared lab", () => {
  it("accepts what Podflow saves", () => {
    expect(validateSession(JSON.parse(JSON.stringify(toSaved(good))))).toEqual({ ok: true, value: good });
  });

  it("refuses cluster options the engine would reject, saying why", () => {
    expect(refusal({ ...toSaved(good), options: { podCidr: "10.96.0.0/16" } })).toMatch(/not usable: podCidr 10\.96\.0\.0\/16 overlaps|overlaps/);
    expect(refusal({ ...toSaved(good), options: { nodeCidr: "172.30.1.0/30" } })).toMatch(/too small/);
  });

  it("refuses traffic steps outside what the lab records", () => {
    const withStep = (step: unknown) => ({ ...toSaved(good), log: [step] });
    expect(refusal(withStep({ traffic: "start", spec: { source: { kind: "pod", name: "client" }, target: "web", rate: 5000 } }))).toMatch(/rate outside/);
    expect(refusal(withStep({ traffic: "start", spec: { source: { kind: "pod", name: "Bad Name" }, target: "web", rate: 1 } }))).toMatch(/no valid pod/);
    expect(refusal(withStep({ traffic: "start", spec: { source: { kind: "pod", name: "c" }, target: "web", rate: 1, evil: 1 } }))).toMatch(/unknown field/);
    expect(refusal(withStep({ traffic: "stop", id: -1 }))).toMatch(/no valid traffic generator/);
    expect(refusal(withStep({ traffic: "explode" }))).toMatch(/not a known traffic action/);
  });

  it("tells another format version apart from damage", () => {
    expect(validateSession({ ...toSaved(good), v: 0 })).toMatchObject({ ok: false, reason: "version", error: expect.stringMatching(/different version of Podflow \(format 0\)/) });
    expect(validateSession({ ...toSaved(good), v: "x" })).toMatchObject({ ok: false, reason: "version" });
    expect(validateSession({ ...toSaved(good), log: "x" })).toMatchObject({ ok: false, reason: "invalid" });
  });

  it.each([
    ["not an object", [], /not a Podflow lab/],
    ["an unknown field", { ...toSaved(good), extra: 1 }, /unknown field "extra"/],
    ["a prototype key", JSON.parse(`{"v":${FORMAT_VERSION},"__proto__":{},"scenario":"empty","options":{},"log":[]}`), /unknown field "__proto__"/],
    ["an unknown scenario", { ...toSaved(good), scenario: "nope" }, /scenario/],
    ["a fractional seed", { ...toSaved(good), options: { seed: 1.5 } }, /seed/],
    ["a negative seed", { ...toSaved(good), options: { seed: -1 } }, /seed/],
    ["too many workers", { ...toSaved(good), options: { workers: 500 } }, /workers/],
    ["a bad CIDR", { ...toSaved(good), options: { podCidr: "10.0.0.0/8; rm -rf" } }, /podCidr/],
    ["a bad proxy mode", { ...toSaved(good), options: { proxyMode: "nftables" } }, /kube-proxy mode/],
    ["an unknown option", { ...toSaved(good), options: { evil: true } }, /unknown field/],
    ["a negative advance", { ...toSaved(good), log: [-5] }, /amount of time/],
    ["an infinite advance", { ...toSaved(good), log: [1e300] }, /amount of time/],
    ["a boolean step", { ...toSaved(good), log: [true] }, /neither a command/],
    ["an empty command", { ...toSaved(good), log: [""] }, /empty/],
    ["an overlong command", { ...toSaved(good), log: ["x".repeat(LIMITS.lineChars + 1)] }, /longer than/],
    ["an escape sequence", { ...toSaved(good), log: ["echo \u001b[2J"] }, /control characters/],
    ["too many steps", { ...toSaved(good), log: Array(LIMITS.logEntries + 1).fill(1) }, /at most/],
    ["too much text", { ...toSaved(good), log: Array(30).fill("y".repeat(LIMITS.lineChars)) }, /characters/],
    ["too much virtual time", { ...toSaved(good), log: [LIMITS.virtualMs, "kubectl get pods"] }, /7 days/],
    ["a week of sleep", { ...toSaved(good), log: ["sleep 700000"] }, /7 days/],
    ["a huge wait", { ...toSaved(good), log: ["kubectl wait --for=delete pod/x --timeout=9999h"] }, /7 days/],
    ["a multi-line history entry", { ...toSaved(good), history: ["a\nb"] }, /history/],
    ["an odd speed", { ...toSaved(good), ui: { speed: 3, paused: false } }, /speed/],
  ])("refuses %s", (_what, input, message) => {
    expect(refusal(input)).toMatch(message);
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = validateSession(input);
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
      }),
    );
  });

  it("never throws on a valid lab with one field replaced by anything", () => {
    const keys = ["scenario", "options", "log", "history", "ui"] as const;
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
        const r = validateSession({ ...toSaved(good), [key]: value });
        expect(typeof r.ok).toBe("boolean");
      }),
    );
  });

  it("bounds the virtual time commands can wait for", () => {
    expect(execVirtualMs("kubectl get pods")).toBe(200);
    expect(execVirtualMs("sleep 5")).toBe(5200);
    expect(execVirtualMs("sleep 2m")).toBe(120_200);
    expect(execVirtualMs("kubectl wait --for=condition=Ready pod/x --timeout=1h")).toBe(200 + 3_600_000 + 600_000);
  });
});
