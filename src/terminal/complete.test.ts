import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import { commonPrefix, complete } from "./complete";

const cluster = createCluster();
cluster.exec("kubectl create deployment frontend --image=nginx");
cluster.exec("kubectl create deployment backend --image=nginx");
cluster.exec("kubectl expose deployment frontend --port=80");
const snap = cluster.snapshot();

describe("Tab completion", () => {
  it.each([
    ["kub", ["kubeadm", "kubectl"]],
    ["kubectl g", ["get"]],
    ["kubectl get dep", ["deployments"]],
    ["kubectl get deployments f", ["frontend"]],
    ["kubectl describe svc ", ["frontend", "kubernetes"]],
    ["kubectl get pods -n kube-system coredns", expect.arrayContaining([expect.stringMatching(/^coredns-/)])],
    ["kubectl -n kube", ["kube-node-lease", "kube-public", "kube-system"]],
    ["kubectl scale ", ["deployment", "replicaset"]],
    ["kubectl scale deployment b", ["backend"]],
    ["kubectl rollout status deployment/fr", ["deployment/frontend"]],
    ["kubectl create service ", ["clusterip", "externalname", "loadbalancer", "nodeport"]],
    ["kubectl create deployment ", []],
    ["ssh node0", ["node01", "node02"]],
    ["echo hel", []],
  ])("%s", (before, expected) => {
    expect(complete(before, snap).candidates).toEqual(expected);
  });

  it("finds the common prefix", () => {
    expect(commonPrefix(["kube-node-lease", "kube-public", "kube-system"])).toBe("kube-");
    expect(commonPrefix([])).toBe("");
  });
});
