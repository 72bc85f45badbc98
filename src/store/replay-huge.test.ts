import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import { validateSession } from "./codec";
import { replaySync } from "./replay";

describe("a shared link carrying a huge replica count", () => {
  it("replays in bounded work: pods come at the controller's rate and the rest stay Pending", () => {
    // What `#s=…` carries once unpacked: a scenario, a scale to the largest int32 and two
    // minutes of running clock.
    const link = {
      v: 1,
      scenario: "article",
      options: { seed: 1 },
      log: ["kubectl scale deployment test --replicas=2147483647", 120_000, "kubectl get deploy test"],
    };
    const checked = validateSession(link);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const r = replaySync(createCluster, checked.value);
    const snap = r.cluster.snapshot();
    const web = snap.pods.filter((p) => p.metadata.labels?.app === "test");
    // 120 s at 20 creates a second (plus the client's burst of 30): the work done is bounded by
    // the rate, not by the count asked for.
    expect(web.length).toBeGreaterThan(2_300);
    expect(web.length).toBeLessThanOrEqual(2 + 30 + 20 * 121);
    const bound = web.filter((p) => p.spec.nodeName).length;
    expect(bound).toBeLessThanOrEqual(2 * 110);
    expect(web.length - bound).toBeGreaterThan(2_000);
    expect(r.terminal.entries.map((e) => e.text)).toContain("kubectl get deploy test");
    expect(r.cluster.exec("kubectl get deploy test").stdout).toMatch(/^test {3}216\/2147483647 {3}\d{4} {9}216 {9}\d+m\d+s$/m);
  });
});
