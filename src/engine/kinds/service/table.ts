/**
 * The Service table of `kubectl get services`: TYPE, CLUSTER-IP, EXTERNAL-IP (the ExternalName,
 * `<pending>` for a LoadBalancer without an address, or the externalIPs), PORT(S) with NodePorts.
 * Models pkg/printers/internalversion/printers.go `printService`.
 */
import type { TableDef } from "../kind";
import { age, formatMap } from "../printing";
import type { Service } from "./types";

export function servicePorts(s: Service): string {
  const ports = (s.spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`));
  return ports.length ? ports.join(",") : "<none>";
}

function serviceRow(s: Service, now: number, wide: boolean): string[] {
  const ip = s.spec.clusterIPs?.[0] ?? s.spec.clusterIP ?? "<none>";
  let external = "<none>";
  if (s.spec.type === "ExternalName") external = s.spec.externalName ?? "<none>";
  else if (s.spec.type === "LoadBalancer") {
    const ing = (s.status.loadBalancer.ingress ?? []).map((i) => i.ip ?? i.hostname ?? "");
    external = ing.length ? ing.join(",") : "<pending>";
  } else if (s.spec.externalIPs?.length) external = s.spec.externalIPs.join(",");
  const row = [s.metadata.name, s.spec.type, s.spec.type === "ExternalName" ? "<none>" : ip, external, servicePorts(s), age(s.metadata.creationTimestamp, now)];
  if (wide) row.push(formatMap(s.spec.selector));
  return row;
}

export const serviceTable: TableDef<Service> = {
  headers: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
  wideHeaders: ["SELECTOR"],
  row: serviceRow,
};
