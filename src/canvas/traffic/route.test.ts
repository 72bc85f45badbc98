import { describe, expect, it } from "vitest";
import type { FlowEvent } from "../../engine/api";
import type { CanvasNode } from "../types";
import { edgePoints, flowRoute, indexGraph, podBox } from "./route";

const node = (id: string, x: number, y: number, w: number, h: number, type = "pod", data: unknown = {}) => ({ id, type, position: { x, y }, width: w, height: h, data }) as CanvasNode;

const graph = indexGraph([
  node("frame:node01", 0, 300, 500, 400, "frame"),
  node("frame:node02", 600, 300, 500, 400, "frame"),
  node("pod:default/client", 14, 400, 200, 100),
  node("pod:default/web-1", 614, 400, 200, 100),
  node("group:default/big@node02", 830, 400, 200, 100, "group", { deployment: "default/big", name: "big", nodeName: "node02" }),
  node("svc:default/web", 400, 0, 300, 120, "service"),
]);

const flow = (over: Partial<FlowEvent>): FlowEvent => ({
  id: 1,
  time: 0,
  protocol: "tcp",
  source: { kind: "pod", namespace: "default", name: "client", ip: "192.168.1.1", node: "node01" },
  dst: { ip: "10.96.5.5", port: 80 },
  service: "default/web",
  node: "node01",
  path: { kind: "iptables", steps: [] },
  backend: { namespace: "default", name: "web-1", ip: "192.168.2.1", port: 80, node: "node02" },
  crossNode: true,
  outcome: "ok",
  ...over,
});

describe("a request's route on the canvas", () => {
  it("goes client → its node's kube-proxy badge → Service → along the edge to the backend", () => {
    const r = flowRoute(flow({}), graph)!;
    expect(r.points[0]).toEqual({ x: 114, y: 400 }); // the client card's top centre
    expect(r.points[1]).toEqual({ x: 440, y: 300 }); // node01's badge
    expect(r.points[2]).toEqual({ x: 550, y: 120 }); // the Service's bottom handle
    expect(r.points[r.points.length - 1]).toEqual({ x: 714, y: 400 }); // web-1's top centre
    expect(r).toMatchObject({ failed: false, crossNode: true });
  });

  it("stops a refused request at the Service", () => {
    const r = flowRoute(flow({ backend: undefined, outcome: "refused", endTime: 0 }), graph)!;
    expect(r.failed).toBe(true);
    expect(r.points[r.points.length - 1]).toEqual({ x: 550, y: 120 });
  });

  it("stops a timed-out request to a gone pod IP at the node's rules", () => {
    const r = flowRoute(flow({ service: undefined, backend: undefined, outcome: "timeout", endTime: 0 }), graph)!;
    expect(r.points).toHaveLength(2);
    expect(r.points[1]).toEqual({ x: 440, y: 300 });
  });

  it("starts users outside above the node they dialled", () => {
    const r = flowRoute(flow({ source: { kind: "external", name: "203.0.113.25", ip: "203.0.113.25" }, node: "node02" }), graph)!;
    expect(r.points[0]).toEqual({ x: 640, y: 240 });
  });

  it("finds a pod inside a collapsed group, else its node's frame", () => {
    expect(podBox(graph, "default", "big-7d9f-x2x", "node02")).toEqual({ x: 830, y: 400, w: 200, h: 100 });
    expect(podBox(graph, "default", "other-1", "node02")).toEqual({ x: 600, y: 300, w: 500, h: 400 });
    expect(podBox(graph, "default", "other-1", undefined)).toBeUndefined();
  });

  it("gives nothing to draw when neither end is on the canvas", () => {
    expect(flowRoute(flow({ source: { kind: "pod", name: "x", ip: "1.1.1.1" }, node: undefined, service: "kube-system/kube-dns", backend: undefined }), graph)).toBeUndefined();
  });

  it("follows React Flow's bezier from the Service down to the pod", () => {
    const pts = edgePoints({ x: 0, y: 0 }, { x: 100, y: 200 }, 2);
    expect(pts[0]).toEqual({ x: 50, y: 100 }); // the curve's midpoint
    expect(pts[1]).toEqual({ x: 100, y: 200 });
  });
});
