import { describe, expect, it } from "vitest";
import { connectionStore } from "./connections";
import { mergeProxies } from "./trafficStore";

describe("traffic readings keep identity", () => {
  it("a pod's figures stay the same object while they do not change", () => {
    const s = connectionStore.getState();
    s.setPods({ "default/a": { active: 1, total: 5, errors: 0 }, "default/b": { active: 0, total: 2, errors: 0 } });
    const a = connectionStore.getState().pods.get("default/a");
    s.setPods({ "default/a": { active: 1, total: 5, errors: 0 }, "default/b": { active: 1, total: 2, errors: 0 } });
    expect(connectionStore.getState().pods.get("default/a")).toBe(a);
    expect(connectionStore.getState().counts.get("default/b")).toBe(1);
  });

  it("kube-proxy readings are the same map when nothing changed", () => {
    const one = mergeProxies(new Map(), [{ node: "node01", mode: "iptables", running: true, stale: false, lastSync: 1 }]);
    expect(mergeProxies(one, [{ node: "node01", mode: "iptables", running: true, stale: false, lastSync: 1 }])).toBe(one);
    const two = mergeProxies(one, [{ node: "node01", mode: "iptables", running: true, stale: true, lastSync: 1 }]);
    expect(two.get("node01")?.stale).toBe(true);
  });
});
