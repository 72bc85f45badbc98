import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { advancedMs, coalesce, execCount, LogRecorder, withoutLastExec, type LogEntry } from "./log";

const entry = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 5000 }), fc.record({ q: fc.string({ minLength: 1, maxLength: 8 }) }));

describe("the action log", () => {
  it("merges consecutive advances and keeps commands in order", () => {
    expect(coalesce(["a", 16, 17, 0, "b", 5, { q: "c" }, 1, 2])).toEqual(["a", 33, "b", 5, { q: "c" }, 3]);
  });

  it("coalescing keeps every command, the total time, and leaves no two advances side by side", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (log) => {
        const c = coalesce(log);
        expect(c.filter((e) => typeof e !== "number")).toEqual(log.filter((e) => typeof e !== "number"));
        expect(advancedMs(c)).toBe(advancedMs(log));
        for (let i = 1; i < c.length; i++) expect(typeof c[i] === "number" && typeof c[i - 1] === "number").toBe(false);
        expect(c.every((e) => typeof e !== "number" || e > 0)).toBe(true);
        expect(coalesce(c)).toEqual(c);
      }),
    );
  });

  it("records as the lab runs, coalescing advances as they come", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (log) => {
        const r = new LogRecorder();
        for (const e of log) {
          if (typeof e === "number") r.advance(e);
          else if (typeof e === "string") r.exec(e);
          else r.quiet(e.q);
        }
        expect(r.toArray()).toEqual(coalesce(log));
        expect(r.execs).toBe(execCount(log));
      }),
    );
  });

  it("undo drops the last command, keeps quiet reads and the time after it", () => {
    const log: LogEntry[] = ["kubectl create deployment a --image=nginx", 500, "kubectl delete pod x", 300, { q: "kubectl get pods" }, 200];
    expect(withoutLastExec(log)).toEqual(["kubectl create deployment a --image=nginx", 800, { q: "kubectl get pods" }, 200]);
    expect(withoutLastExec([100, { q: "read" }])).toBeUndefined();
  });
});
