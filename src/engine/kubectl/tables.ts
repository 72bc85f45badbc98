import { podStatusReason, isPodReady } from "../cluster/podutil";
import type { AnyObject, Kind, LabelSelector, Pod, Service } from "../cluster/types";
import { humanDuration } from "./printers";

/** One printed table: headers and rows of cells (server-side printers' column definitions). */
export interface Table {
  headers: string[];
  rows: string[][];
}

type Printer = (o: AnyObject, now: number, wide: boolean) => string[];

interface TableDef {
  headers: string[];
  wideHeaders: string[];
  row: Printer;
}

export function age(created: string | undefined, now: number): string {
  if (!created) return "<unknown>";
  return humanDuration(now - Date.parse(created));
}

/** `metav1.FormatLabelSelector`. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return "<none>";
  const parts: string[] = [];
  for (const k of Object.keys(sel.matchLabels ?? {}).sort()) parts.push(`${k}=${sel.matchLabels![k]}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === "In") parts.push(`${e.key} in (${(e.values ?? []).join(",")})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${(e.values ?? []).join(",")})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(",") : "<none>";
}

export function formatMap(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(",") : "<none>";
}

function listOrNone(items: string[], max?: number): string {
  if (items.length === 0) return "<none>";
  if (max !== undefined && items.length > max) return `${items.slice(0, max).join(",")} + ${items.length - max} more...`;
  return items.join(",");
}

function podRow(o: AnyObject, now: number, wide: boolean): string[] {
  const p = o as Pod;
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

export function servicePorts(s: Service): string {
  const ports = (s.spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`));
  return ports.length ? ports.join(",") : "<none>";
}

function serviceRow(o: AnyObject, now: number, wide: boolean): string[] {
  const s = o as Service;
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

const TABLES: Partial<Record<Kind, TableDef>> = {
  Pod: { headers: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], wideHeaders: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"], row: podRow },
  Service: { headers: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], wideHeaders: ["SELECTOR"], row: serviceRow },
  Deployment: {
    headers: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
    wideHeaders: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now, wide) => {
      if (o.kind !== "Deployment") return [];
      const row = [o.metadata.name, `${o.status.readyReplicas ?? 0}/${o.spec.replicas}`, String(o.status.updatedReplicas ?? 0), String(o.status.availableReplicas ?? 0), age(o.metadata.creationTimestamp, now)];
      if (wide) row.push(o.spec.template.spec.containers.map((c) => c.name).join(","), o.spec.template.spec.containers.map((c) => c.image).join(","), formatLabelSelector(o.spec.selector));
      return row;
    },
  },
  ReplicaSet: {
    headers: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
    wideHeaders: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now, wide) => {
      if (o.kind !== "ReplicaSet") return [];
      const row = [o.metadata.name, String(o.spec.replicas), String(o.status.replicas), String(o.status.readyReplicas ?? 0), age(o.metadata.creationTimestamp, now)];
      if (wide) row.push(o.spec.template.spec.containers.map((c) => c.name).join(","), o.spec.template.spec.containers.map((c) => c.image).join(","), formatLabelSelector(o.spec.selector));
      return row;
    },
  },
  DaemonSet: {
    headers: ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
    wideHeaders: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now, wide) => {
      if (o.kind !== "DaemonSet") return [];
      const st = o.status;
      const row = [o.metadata.name, String(st.desiredNumberScheduled), String(st.currentNumberScheduled), String(st.numberReady), String(st.updatedNumberScheduled ?? 0), String(st.numberAvailable ?? 0), formatMap(o.spec.template.spec.nodeSelector), age(o.metadata.creationTimestamp, now)];
      if (wide) row.push(o.spec.template.spec.containers.map((c) => c.name).join(","), o.spec.template.spec.containers.map((c) => c.image).join(","), formatLabelSelector(o.spec.selector));
      return row;
    },
  },
  Node: {
    headers: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
    wideHeaders: ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
    row: (o, now, wide) => {
      if (o.kind !== "Node") return [];
      const ready = o.status.conditions.find((c) => c.type === "Ready")?.status === "True";
      let status = ready ? "Ready" : "NotReady";
      if (o.spec.unschedulable) status += ",SchedulingDisabled";
      const roles = Object.keys(o.metadata.labels ?? {})
        .filter((k) => k.startsWith("node-role.kubernetes.io/"))
        .map((k) => k.slice("node-role.kubernetes.io/".length))
        .sort();
      const row = [o.metadata.name, status, roles.length ? roles.join(",") : "<none>", age(o.metadata.creationTimestamp, now), o.status.nodeInfo.kubeletVersion];
      if (wide) {
        const ip = o.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "<none>";
        row.push(ip, "<none>", o.status.nodeInfo.osImage, o.status.nodeInfo.kernelVersion, o.status.nodeInfo.containerRuntimeVersion);
      }
      return row;
    },
  },
  Namespace: {
    headers: ["NAME", "STATUS", "AGE"],
    wideHeaders: [],
    row: (o, now) => (o.kind === "Namespace" ? [o.metadata.name, o.status.phase, age(o.metadata.creationTimestamp, now)] : []),
  },
  ConfigMap: {
    headers: ["NAME", "DATA", "AGE"],
    wideHeaders: [],
    row: (o, now) => (o.kind === "ConfigMap" ? [o.metadata.name, String(Object.keys(o.data ?? {}).length), age(o.metadata.creationTimestamp, now)] : []),
  },
  Endpoints: {
    headers: ["NAME", "ENDPOINTS", "AGE"],
    wideHeaders: [],
    row: (o, now) => {
      if (o.kind !== "Endpoints") return [];
      return [o.metadata.name, formatEndpoints(o.subsets), age(o.metadata.creationTimestamp, now)];
    },
  },
  EndpointSlice: {
    headers: ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
    wideHeaders: [],
    row: (o, now) => {
      if (o.kind !== "EndpointSlice") return [];
      const ports = (o.ports ?? []).map((p) => (p.port ? String(p.port) : p.name || "*"));
      const addrs = o.endpoints.flatMap((e) => e.addresses);
      const cell = (xs: string[]) => (xs.length === 0 ? "<unset>" : xs.length > 3 ? `${xs.slice(0, 3).join(",")} + ${xs.length - 3} more...` : xs.join(","));
      return [o.metadata.name, o.addressType, cell(ports), cell(addrs), age(o.metadata.creationTimestamp, now)];
    },
  },
  Event: {
    headers: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
    wideHeaders: [],
    row: (o, now) => {
      if (o.kind !== "Event") return [];
      const obj = `${o.involvedObject.kind.toLowerCase()}/${o.involvedObject.name}`;
      const seen = age(o.lastTimestamp, now);
      return [o.count > 1 ? `${seen} (x${o.count} over ${age(o.firstTimestamp, now)})` : seen, o.type, o.reason, obj, o.message];
    },
  },
};

/** `formatEndpoints`: ready addresses × ports, at most 3, `<none>` only without subsets. */
export function formatEndpoints(subsets: { addresses?: { ip: string }[]; ports?: { port: number }[] }[] | undefined): string {
  if (!subsets || subsets.length === 0) return "<none>";
  const items: string[] = [];
  for (const s of subsets) {
    if (!s.ports || s.ports.length === 0) {
      for (const a of s.addresses ?? []) items.push(a.ip);
      continue;
    }
    // printers.go formatEndpoints: ports are the outer loop, addresses the inner one.
    for (const p of s.ports) for (const a of s.addresses ?? []) items.push(`${a.ip}:${p.port}`);
  }
  if (items.length > 3) return `${items.slice(0, 3).join(",")} + ${items.length - 3} more...`;
  return items.join(",");
}

export function tableFor(kind: Kind, objects: readonly AnyObject[], now: number, opts: { wide: boolean; withNamespace: boolean; showLabels: boolean; labelColumns: string[]; namePrefix?: string }): Table {
  const def = TABLES[kind]!;
  const headers = [...def.headers, ...(opts.wide ? def.wideHeaders : [])];
  const nameCol = kind === "Event" ? -1 : 0;
  for (const l of opts.labelColumns) headers.push(l.split("/").pop()!.toUpperCase());
  if (opts.showLabels) headers.push("LABELS");
  if (opts.withNamespace) headers.unshift("NAMESPACE");
  const rows = objects.map((o) => {
    const row = def.row(o, now, opts.wide);
    if (nameCol >= 0 && opts.namePrefix) row[nameCol] = `${opts.namePrefix}/${row[nameCol]}`;
    for (const l of opts.labelColumns) row.push(o.metadata.labels?.[l] ?? "");
    if (opts.showLabels) row.push(formatMap(o.metadata.labels));
    if (opts.withNamespace) row.unshift(o.metadata.namespace ?? "");
    return row;
  });
  return { headers, rows };
}

export { listOrNone, isPodReady };
