/**
 * The one door from the UI to the engine's traffic generators. A generator is not a kubectl
 * command, so nothing is run in the terminal; the store's `cluster` is a recording view that logs
 * every `traffic.start/stop/resetMetrics` call (`{ traffic: … }` entries), so a saved, shared or
 * undone lab replays them at the same point, and shows each start and stop in the terminal as a
 * comment with the real-world loop it stands for (src/store/trafficNote.ts; replay shows it again).
 */
import type { TrafficSpec } from "../engine/api";
import { labStore } from "../store";
import { refreshTraffic } from "../traffic/trafficStore";

/** Something the traffic panel does to the generators. */
export type TrafficAction = { kind: "start"; spec: TrafficSpec } | { kind: "stop"; id: number } | { kind: "reset-metrics" };

export type TrafficActionResult = { ok: true; id?: number } | { ok: false; error: string };

/** Runs one traffic action on the lab's cluster and refreshes the traffic readings at once. */
export function trafficAction(action: TrafficAction): TrafficActionResult {
  const cluster = labStore.getState().cluster;
  if (!cluster || labStore.getState().restoring) return { ok: false, error: "The lab is not running. Reset it from the top bar." };
  let result: TrafficActionResult;
  switch (action.kind) {
    case "start": {
      const r = cluster.traffic.start(action.spec);
      result = r.ok ? { ok: true, id: r.id } : { ok: false, error: r.error };
      break;
    }
    case "stop":
      result = cluster.traffic.stop(action.id) ? { ok: true } : { ok: false, error: `traffic ${action.id} is not running` };
      break;
    case "reset-metrics":
      cluster.traffic.resetMetrics();
      result = { ok: true };
      break;
  }
  refreshTraffic();
  return result;
}
