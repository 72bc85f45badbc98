import { describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import { deploymentFocus, focusOf, nodesFocus, podFocus, selectionFocus, serviceFocus } from "./focus";

function cluster() {
  const c = createCluster({ seed: 1 });
  c.exec("kubectl create deployment web --image=nginx --replicas=2");
  c.exec("kubectl run solo --image=nginx --labels=app=web");
  c.exec("kubectl create service clusterip nothing --tcp=80:80");
  c.advance(10_000);
  c.exec("kubectl expose deployment web --port=80");
  return c.snapshot();
}

describe("what a lesson step is about, as canvas ids", () => {
  const snap = cluster();
  const webPods = snap.pods.filter((p) => p.metadata.name.startsWith("web-")).map((p) => `pod:default/${p.metadata.name}`);

  it("takes a Service with every pod its selector matches (owned or not)", () => {
    expect(serviceFocus(snap, "web").sort()).toEqual(["svc:default/web", ...webPods, "pod:default/solo"].sort());
  });

  it("takes a Service without matching pods alone", () => {
    expect(serviceFocus(snap, "nothing")).toEqual(["svc:default/nothing"]);
  });

  it("takes a Deployment with the pods it owns, not the look-alike", () => {
    expect(deploymentFocus(snap, "web")).toEqual(["deploy:default/web", ...webPods]);
  });

  it("maps a selection to its card, a node to its frame", () => {
    expect(selectionFocus(snap, { kind: "Node", namespace: "", name: "node01" })).toEqual(["frame:node01"]);
    expect(selectionFocus(snap, { kind: "Pod", namespace: "default", name: "solo" })).toEqual(["pod:default/solo"]);
    expect(nodesFocus(snap)).toContain("frame:controlplane");
    expect(focusOf(podFocus(["solo", undefined]), podFocus(["solo"]))).toEqual(["pod:default/solo"]);
  });
});
