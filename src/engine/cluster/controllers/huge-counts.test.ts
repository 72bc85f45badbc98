import { describe, expect, it } from "vitest";
import { ClusterImpl } from "../cluster";
import "../../shell-module";
import { STORAGE_OBJECT_QUOTA } from "../quota";
import type { ConfigMap } from "../types";

const MAX_INT32 = 2147483647;
const TOO_MANY =
  "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..";

function lab(): ClusterImpl {
  const c = new ClusterImpl({ seed: 1 });
  expect(c.exec("kubectl create deployment web --image=nginx").exitCode).toBe(0);
  c.advance(5_000);
  return c;
}

const pods = (c: ClusterImpl) => c.rt.store.list("Pod", "default");

describe("a huge but valid replica count", () => {
  it("makes pods at the controller client's 20 a second (burst 30), never all at once", () => {
    const c = lab();
    const r = c.exec(`kubectl scale deploy web --replicas=${MAX_INT32}`);
    expect(r.stdout).toBe("deployment.apps/web scaled\n");
    // The line itself costs 100 ms of virtual time: the first slow-start batches, within the burst.
    expect(pods(c).length).toBeLessThanOrEqual(1 + 30 + 2);
    c.advance(10_000);
    const after10s = pods(c).length;
    expect(after10s).toBeGreaterThan(150);
    expect(after10s).toBeLessThanOrEqual(1 + 30 + 20 * 11);
    c.advance(10_000);
    // The same rate, second after second.
    expect(pods(c).length - after10s).toBeGreaterThanOrEqual(190);
    expect(pods(c).length - after10s).toBeLessThanOrEqual(210);
  });

  it("leaves the pods beyond the nodes' 110-pod capacity Pending with the scheduler's real message", () => {
    const c = lab();
    c.exec("kubectl scale deploy web --replicas=300");
    c.advance(60_000);
    const all = pods(c);
    expect(all).toHaveLength(300);
    const perNode = new Map<string, number>();
    for (const p of c.rt.store.list("Pod")) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    for (const n of ["node01", "node02"]) expect(perNode.get(n)).toBe(110);
    const pending = all.filter((p) => !p.spec.nodeName);
    // Each worker already runs its kube-proxy and calico-node pods: 108 of web's fit on each.
    expect(pending).toHaveLength(300 - 2 * 108);
    const cond = pending[0].status.conditions?.find((x) => x.type === "PodScheduled");
    expect(cond).toMatchObject({ status: "False", reason: "Unschedulable", message: TOO_MANY });
    const described = c.exec(`kubectl describe pod ${pending[0].metadata.name}`).stdout;
    expect(described).toContain(`Warning  FailedScheduling  `);
    expect(described).toContain(TOO_MANY);

    // Scaling down frees slots: Pending pods go first (ActivePodsWithRanks) and the rest stay.
    c.exec("kubectl scale deploy web --replicas=200");
    c.advance(60_000);
    expect(pods(c).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(200);
    expect(pods(c).filter((p) => !p.spec.nodeName)).toHaveLength(0);
  });

  it("keeps a day of 5-minute retries of Pending pods to a few Event writes each", () => {
    const c = lab();
    c.exec("kubectl scale deploy web --replicas=400");
    c.advance(60_000);
    const before = c.rt.store.revision;
    c.exec("sleep 86400");
    const pending = pods(c).filter((p) => !p.spec.nodeName);
    expect(pending.length).toBe(400 - 2 * 108);
    // ~288 retries a day per pod, but its FailedScheduling Event is written every 30 minutes
    // (48 times a day), and nothing else is written for it.
    const writes = c.rt.store.revision - before;
    expect(writes).toBeLessThan(pending.length * 60);
    const ev = c.rt.store.list("Event", "default").find((e) => e.involvedObject.name === pending[0].metadata.name && e.reason === "FailedScheduling")!;
    expect(ev.count).toBeGreaterThan(250);
  });

  it("stops at the lab etcd's quota with etcd's own error, and the ReplicaSet says so", () => {
    const c = lab();
    // Fill the store directly (fast): ConfigMaps up to the quota.
    const have = c.rt.store.size() - c.rt.store.count("Event");
    for (let i = 0; i < STORAGE_OBJECT_QUOTA - have; i++) {
      c.rt.store.put({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `filler-${i}`, namespace: "default", uid: `u${i}`, resourceVersion: "", creationTimestamp: "2025-05-12T09:00:00Z" }, data: {} } as ConfigMap);
    }
    const r = c.exec("kubectl create configmap one-more --from-literal=a=b");
    expect(r.stderr).toBe("Error from server: etcdserver: mvcc: database space exceeded\n");
    expect(r.exitCode).toBe(1);
    c.exec("kubectl scale deploy web --replicas=5");
    c.advance(10_000);
    expect(pods(c)).toHaveLength(1);
    const described = c.exec("kubectl describe rs").stdout;
    expect(described).toMatch(/Warning {2}FailedCreate .*replicaset-controller {2}Error creating: etcdserver: mvcc: database space exceeded/);
    // Deleting makes room again.
    c.exec("kubectl delete configmap filler-0 filler-1 filler-2 filler-3 filler-4 filler-5");
    c.advance(20 * 60_000);
    expect(pods(c).length).toBeGreaterThan(1);
  });
});

describe("the controller's request budget", () => {
  it("follows kube-controller-manager's --kube-api-qps and --kube-api-burst when the cluster sets them", () => {
    const c = new ClusterImpl({ seed: 1, workers: 3, controllerApiQps: 200, controllerApiBurst: 300 });
    expect(c.exec("kubectl create deployment web --image=nginx --replicas=300").exitCode).toBe(0);
    c.advance(2_000);
    // Slow start (1, 2, 4 … 256 a sync) within a burst of 300: all of them in a few syncs, not 15 s.
    expect(pods(c).length).toBe(300);
    expect(() => new ClusterImpl({ controllerApiQps: 0 })).toThrow("controllerApiQps must be a number from 1 to 1e9, got 0");
  });

  it("is shared in turns: a ReplicaSet making millions of pods does not starve a small one", () => {
    const c = lab();
    c.exec(`kubectl scale deploy web --replicas=${MAX_INT32}`);
    c.advance(5_000);
    expect(c.exec("kubectl create deployment small --image=nginx --replicas=3").exitCode).toBe(0);
    c.advance(3_000);
    const small = pods(c).filter((p) => p.metadata.labels?.app === "small");
    expect(small).toHaveLength(3);
  });
});
