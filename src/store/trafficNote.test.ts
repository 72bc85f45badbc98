import { describe, expect, it } from "vitest";
import type { ClusterSnapshot, TrafficSpec } from "../engine/api";
import { trafficNote, trafficStartNote, trafficStopNote } from "./trafficNote";

const snapshot = {
  pods: [
    { metadata: { name: "client", namespace: "default" }, spec: { containers: [{ name: "client", image: "curlimages/curl" }] } },
    { metadata: { name: "box", namespace: "shop" }, spec: { containers: [{ name: "box", image: "busybox:1.36" }] } },
  ],
  services: [
    { metadata: { name: "my-service", namespace: "default" }, spec: { ports: [{ port: 8080 }] } },
    { metadata: { name: "web", namespace: "default" }, spec: { ports: [{ port: 80, nodePort: 30080 }] } },
  ],
  nodes: [{ metadata: { name: "controlplane" }, status: { addresses: [{ type: "InternalIP", address: "172.30.1.2" }] } }],
} as unknown as ClusterSnapshot;

const fromClient = (target: string, rate: number, durationMs?: number): TrafficSpec => ({ source: { kind: "pod", name: "client" }, target, rate, durationMs });

describe("the terminal's note for a traffic generator", () => {
  it("says who sends where at what rate, and the loop it stands for, with the Service's port", () => {
    expect(trafficStartNote(fromClient("my-service", 5), snapshot)).toBe(
      "# traffic: client → my-service:8080, 5 req/s (like: kubectl exec client -- sh -c 'while true; do curl -s -o /dev/null http://my-service:8080 & sleep 0.2; done')",
    );
    expect(trafficStartNote(fromClient("web", 20, 20_000), snapshot)).toBe(
      "# traffic: client → web, 20 req/s for 20 s (like: kubectl exec client -- sh -c 'for i in $(seq 400); do curl -s -o /dev/null http://web & sleep 0.05; done')",
    );
    expect(trafficStartNote(fromClient("10.96.0.10:53", 0.5, 120_000), snapshot)).toContain("0.5 req/s for 2 min (like: kubectl exec client -- sh -c 'for i in $(seq 60); do curl -s -o /dev/null http://10.96.0.10:53 & sleep 2; done')");
  });

  it("uses wget in a busybox pod, and names the pod's namespace", () => {
    expect(trafficStartNote({ source: { kind: "pod", namespace: "shop", name: "box" }, target: "web.default", rate: 10 }, snapshot)).toBe(
      "# traffic: box → web.default, 10 req/s (like: kubectl exec box -n shop -- sh -c 'while true; do wget -q -O /dev/null http://web.default & sleep 0.1; done')",
    );
  });

  it("sends users from outside to a node's IP and the NodePort", () => {
    expect(trafficStartNote({ source: { kind: "external" }, target: "web", rate: 2 }, snapshot)).toBe(
      "# traffic: users outside → web (NodePort 30080), 2 req/s (like, from a machine outside the cluster, each node's IP in turn: while true; do curl -s -o /dev/null http://172.30.1.2:30080 & sleep 0.5; done)",
    );
  });

  it("says which traffic stopped; resetting the counters shows nothing", () => {
    const g = { id: 3, spec: fromClient("my-service", 5), startedAt: 0, sent: 10 };
    expect(trafficStopNote(g, snapshot)).toBe("# traffic stopped: client → my-service:8080 (like: Ctrl+C in its loop)");
    expect(trafficNote({ traffic: "stop", id: 3 }, snapshot, [g])).toBe(trafficStopNote(g, snapshot));
    expect(trafficNote({ traffic: "stop", id: 4 }, snapshot, [g])).toBe("# traffic stopped");
    expect(trafficNote({ traffic: "reset" }, snapshot, [g])).toBeUndefined();
  });
});
