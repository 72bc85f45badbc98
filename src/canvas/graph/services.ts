/** The services layer: each Service and its endpoint edges, the most visible lines on the canvas. */
import type { Labels, Pod, Service } from "../../engine/cluster/types";
import type { EndpointState } from "../endpoints";
import * as L from "../layout";
import type { EndpointEdgeData } from "../types";
import { key, sized, type GraphContext } from "./context";

export function servicesLayer(g: GraphContext): void {
  const { snapshot, nodes, edges, keep, ui, selector } = g;
  const services = snapshot.services.filter((s) => g.shown(s.metadata.namespace));
  const serviceSlots = g.slotsFor("services", services.map(key));
  for (const svc of services) {
    const sk = key(svc);
    const id = `svc:${sk}`;
    const { x, y } = L.servicePosition(serviceSlots.get(sk)!);
    const list = g.endpoints.get(sk) ?? [];
    const ready = list.filter((e) => e.state === "ready").length;
    const notReady = list.filter((e) => e.state === "not-ready").length;
    const terminating = list.length - ready - notReady;
    const dimmed = g.nsDimmed(svc.metadata.namespace) || (!!selector && !selectorOverlaps(svc, snapshot.pods, selector.matches.bind(selector)));
    const selected = g.isSelected("Service", svc);
    nodes.push(
      keep(id, [svc, x, y, ready, notReady, terminating, dimmed, selected], () => ({
        id,
        type: "service" as const,
        position: { x, y },
        ...sized(L.SERVICE_W, L.SERVICE_H),
        draggable: false,
        ariaLabel: `Service ${svc.metadata.name}`,
        domAttributes: { "aria-roledescription": "service" },
        data: { service: svc, ready, notReady, terminating, dimmed, selected },
      })),
    );
    // One edge per drawn target; a collapsed group gets one edge carrying the count.
    const byTarget = new Map<string, { state: EndpointState; count: number; pod: string }>();
    for (const e of list) {
      const target = e.pod ? g.drawnAs.get(e.pod) : undefined;
      if (!target) continue;
      const cur = byTarget.get(target);
      if (!cur) byTarget.set(target, { state: e.state, count: 1, pod: e.pod });
      else byTarget.set(target, { state: rank(e.state) < rank(cur.state) ? e.state : cur.state, count: cur.count + 1, pod: cur.pod });
    }
    for (const [target, t] of byTarget) {
      const eid = `ep:${id}->${target}`;
      const hl = selected || (!!ui.selection && ui.selection.kind === "Pod" && `${ui.selection.namespace}/${ui.selection.name}` === t.pod);
      const count = target.startsWith("group:") ? t.count : undefined;
      edges.push(
        keep(eid, [t.state, count, hl], () => {
          const data: EndpointEdgeData = { state: t.state, count, highlighted: hl };
          return { id: eid, type: "endpoint" as const, source: id, target, data, zIndex: hl ? 1 : 0 };
        }),
      );
    }
  }
}

/** Ready edges draw over not-ready ones when a group mixes them. */
function rank(s: EndpointState): number {
  return s === "ready" ? 0 : s === "not-ready" ? 1 : 2;
}

/** A Service passes the label filter when some pod it selects does. */
function selectorOverlaps(svc: Service, pods: readonly Pod[], matches: (l: Labels | undefined) => boolean): boolean {
  const sel = svc.spec.selector;
  if (!sel) return false;
  return pods.some(
    (p) => p.metadata.namespace === svc.metadata.namespace && Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v) && matches(p.metadata.labels),
  );
}
