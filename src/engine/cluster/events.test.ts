import { describe, expect, it } from "vitest";
import { ClusterImpl } from "./cluster";
import "../shell-module";
import { EVENT_TTL_MS } from "./events";

function eventsAbout(c: ClusterImpl, name: string) {
  return c.rt.store.list("Event", "default").filter((e) => e.involvedObject.name === name);
}

describe("the API server's event TTL (--event-ttl, 1 h)", () => {
  it("removes an Event an hour after its last write, and forgets its aggregation key", () => {
    const c = new ClusterImpl({ seed: 1 });
    c.exec("kubectl run solo --image=nginx");
    c.advance(5_000);
    const before = eventsAbout(c, "solo");
    expect(before.map((e) => e.reason)).toContain("Scheduled");
    const keysBefore = c.rt.eventKeys.size;

    c.advance(EVENT_TTL_MS - 10_000);
    expect(eventsAbout(c, "solo")).toHaveLength(before.length);
    c.advance(10_000);
    expect(eventsAbout(c, "solo")).toHaveLength(0);
    expect(c.rt.eventKeys.size).toBeLessThan(keysBefore);
    // Every boot event is older than an hour too: nothing is left anywhere.
    expect(c.rt.store.count("Event")).toBe(0);
    expect(c.rt.eventKeys.size).toBe(0);
  });

  it("keeps an Event that is counted up again, for an hour from its latest count", () => {
    // FailedScheduling is recorded through the scheduler's events.k8s.io recorder: a repeat is
    // written at once the first time, then every 30 minutes, and a series ends 6 minutes after
    // its last repeat (with its final count written).
    const c = new ClusterImpl({ seed: 1 });
    // A pod no node can take: the scheduler records FailedScheduling again on every retry.
    const r = c.exec(
      ["kubectl apply -f - <<EOF", "apiVersion: v1", "kind: Pod", "metadata:", "  name: stuck", "spec:", "  nodeSelector:", "    disk: none", "  containers:", "  - name: c", "    image: nginx", "EOF"].join("\n"),
    );
    expect(r.stderr).toBe("");
    c.advance(30 * 60_000);
    const failed = () => eventsAbout(c, "stuck").find((e) => e.reason === "FailedScheduling");
    expect(failed()!.count).toBeGreaterThan(1);
    c.advance(EVENT_TTL_MS);
    // Still retried within the last hour, so still there (with its first time older than an hour).
    expect(failed()).toBeDefined();
    c.exec("kubectl delete pod stuck --wait=false");
    c.advance(EVENT_TTL_MS);
    // The series' last write came up to 6 minutes after the pod went.
    expect(failed()).toBeDefined();
    c.advance(7 * 60_000);
    expect(failed()).toBeUndefined();
  });

  it("does not count as pending work: an idle cluster has nothing pending while its events live", () => {
    const c = new ClusterImpl({ seed: 1 });
    c.exec("kubectl create deployment web --image=nginx --replicas=2");
    for (let i = 0; i < 100 && c.rt.clock.pending() > 0; i++) c.advance(1_000);
    expect(c.rt.clock.pending()).toBe(0);
    expect(eventsAbout(c, "web").length).toBeGreaterThan(0);
  });
});
