import { describe, expect, it } from "vitest";
import { selectionOf } from "./selectionOf";

describe("selectionOf", () => {
  it("maps canvas node ids to what the inspector shows", () => {
    expect(selectionOf("pod:default/test-1")).toEqual({ kind: "Pod", namespace: "default", name: "test-1" });
    expect(selectionOf("svc:default/my-service")).toEqual({ kind: "Service", namespace: "default", name: "my-service" });
    expect(selectionOf("group:default/big@node01")).toEqual({ kind: "Deployment", namespace: "default", name: "big" });
    expect(selectionOf("frame:node01")).toEqual({ kind: "Node", namespace: "", name: "node01" });
    expect(selectionOf("frame:unscheduled")).toBeNull();
  });
});
