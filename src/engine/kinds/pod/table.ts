/**
 * The Pod table of `kubectl get pods`: READY, STATUS (the reason kubectl derives), RESTARTS with
 * the time since the last one. Models pkg/printers/internalversion/printers.go `printPod`.
 */
import { podStatusReason } from "../../cluster/podutil";
import type { TableDef } from "../kind";
import { age } from "../printing";
import type { Pod } from "./types";

function podRow(p: Pod, now: number, wide: boolean): string[] {
  const statuses = p.status.containerStatuses ?? [];
  const total = p.spec.containers.length;
  const ready = statuses.filter((c) => c.ready).length;
  let restarts = String(statuses.reduce((n, c) => n + c.restartCount, 0));
  const last = statuses
    .map((c) => (c.lastState as { terminated?: { finishedAt?: string } }).terminated?.finishedAt)
    .filter((t): t is string => !!t)
    .sort()
    .pop();
  if (last && restarts !== "0") restarts += ` (${age(last, now)} ago)`;
  const row = [p.metadata.name, `${ready}/${total}`, podStatusReason(p), restarts, age(p.metadata.creationTimestamp, now)];
  if (wide) row.push(p.status.podIP ?? "<none>", p.spec.nodeName ?? "<none>", "<none>", "<none>");
  return row;
}

export const podTable: TableDef<Pod> = {
  headers: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
  wideHeaders: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
  row: podRow,
};
