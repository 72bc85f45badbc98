/**
 * What CoreDNS answers inside the cluster, computed from the object store, and how a pod's
 * resolver walks its search list to get there.
 *
 * CoreDNS runs kubeadm's Corefile: `kubernetes cluster.local in-addr.arpa ip6.arpa { pods
 * insecure; fallthrough in-addr.arpa ip6.arpa }` then `forward . /etc/resolv.conf`. So:
 *
 * - `svc.ns.svc.cluster.local` → the ClusterIP; a headless service (clusterIP None) → the
 *   addresses of its ready endpoints (the EndpointSlice controller already marks not-ready pods
 *   ready when `publishNotReadyAddresses` is set, which is exactly what CoreDNS reads); a
 *   headless service without ready endpoints is NXDOMAIN, as CoreDNS's `findServices` leaves
 *   `errNoItems` when no address matched.
 * - `host.svc.ns.svc.cluster.local` → one endpoint, by its `hostname` or its dashed IP.
 * - ExternalName → a CNAME to `spec.externalName`. The lab has no internet: a target outside
 *   `cluster.local` is looked up through `forward`, finds nothing, and the answer is the CNAME
 *   alone (NOERROR, no A record): nslookup prints the `canonical name` line, curl and wget then
 *   fail with "Could not resolve host" / "bad address". A target inside `cluster.local` is
 *   resolved further, as CoreDNS does.
 * - `1-2-3-4.ns.pod.cluster.local` → 1.2.3.4 whenever the namespace exists (`pods insecure`
 *   does not check that such a pod exists).
 * - `ns.svc.cluster.local` / `ns.pod.cluster.local` → NOERROR without records (an empty
 *   non-terminal) when the namespace exists, else NXDOMAIN.
 * - Anything outside the cluster zone goes to `forward`; the lab has no upstream resolver, so
 *   the answer is SERVFAIL (what CoreDNS returns when every upstream fails).
 *
 * Everything here is a pure function of the store: no time, no PRNG.
 */
import type { ObjectStore } from "../store";
import type { EndpointSlice, Service } from "../types";
import type { DnsAnswer } from "./types";

/** kubeadm's default `clusterDomain` (kubelet) and CoreDNS zone. */
export const CLUSTER_DOMAIN = "cluster.local";

/** `options ndots:5` in every ClusterFirst pod's resolv.conf. */
export const NDOTS = 5;

/** The record types the pod tools ask for. */
export type DnsType = "A" | "AAAA" | "PTR";

/** CoreDNS's reply to one exact question (no search list). */
export type DnsQueryResult =
  | {
      rcode: "NOERROR";
      /** The name asked for, without the trailing dot. */
      name: string;
      /** A CNAME record for the name (ExternalName services), if any. */
      cname?: string;
      /** A records (or the names of PTR records); empty means NODATA. */
      records: string[];
    }
  | { rcode: "NXDOMAIN"; name: string }
  | { rcode: "SERVFAIL"; name: string };

/** The `search` line of a ClusterFirst pod in `namespace`. */
export function searchList(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/**
 * The names a stub resolver asks for, in order, for `name` (res_search): a trailing dot means
 * absolute (only the name itself); a name with at least `ndots` dots is tried as-is first, then
 * with each search suffix (glibc) or only as-is (musl); otherwise each search suffix first and
 * the bare name last.
 */
export function resolverCandidates(name: string, search: readonly string[], ndots = NDOTS, flavor: "glibc" | "musl" = "glibc"): string[] {
  if (name.endsWith(".")) return [name.slice(0, -1)];
  const dots = name.split(".").length - 1;
  const suffixed = search.map((s) => `${name}.${s}`);
  if (dots >= ndots) return flavor === "musl" ? [name] : [name, ...suffixed];
  return [...suffixed, name];
}

/**
 * What a pod in `fromNamespace` gets for `name` from its resolver: the first candidate of the
 * search list that has addresses. If none has, the last CNAME-only answer (an ExternalName to
 * the internet) is returned with no addresses, else NXDOMAIN for the name as typed.
 */
export function resolveInCluster(store: ObjectStore, fromNamespace: string, name: string, flavor: "glibc" | "musl" = "glibc"): DnsAnswer {
  let cnameOnly: DnsAnswer | undefined;
  for (const candidate of resolverCandidates(name.toLowerCase(), searchList(fromNamespace), NDOTS, flavor)) {
    const r = queryCoreDns(store, candidate, "A");
    if (r.rcode !== "NOERROR") continue;
    if (r.records.length > 0) return { kind: "answer", name: r.name, ...(r.cname ? { cname: r.cname } : {}), addresses: r.records };
    if (r.cname && !cnameOnly) cnameOnly = { kind: "answer", name: r.name, cname: r.cname, addresses: [] };
  }
  return cnameOnly ?? { kind: "nxdomain", name };
}

/** CoreDNS's answer to one question for `fqdn` (with or without the trailing dot). */
export function queryCoreDns(store: ObjectStore, fqdn: string, type: DnsType = "A"): DnsQueryResult {
  return query(store, fqdn.replace(/\.$/, "").toLowerCase(), type, 0);
}

/** The PTR question for an IPv4 address (`4.3.2.1.in-addr.arpa`). */
export function reverseName(ip: string): string {
  return `${ip.split(".").reverse().join(".")}.in-addr.arpa`;
}

// ---------------------------------------------------------------- the kubernetes plugin

function query(store: ObjectStore, name: string, type: DnsType, depth: number): DnsQueryResult {
  if (name.endsWith(".in-addr.arpa")) return type === "PTR" ? reverse(store, name) : { rcode: "NXDOMAIN", name };
  if (name !== CLUSTER_DOMAIN && !name.endsWith(`.${CLUSTER_DOMAIN}`)) return { rcode: "SERVFAIL", name };
  const labels = name === CLUSTER_DOMAIN ? [] : name.slice(0, -(CLUSTER_DOMAIN.length + 1)).split(".");
  const empty: DnsQueryResult = { rcode: "NOERROR", name, records: [] };
  if (labels.length === 0) return empty;
  const kind = labels[labels.length - 1];
  if (kind === "svc") return serviceQuery(store, name, labels.slice(0, -1), type, depth);
  if (kind === "pod") return podQuery(store, name, labels.slice(0, -1), type);
  return { rcode: "NXDOMAIN", name };
}

function namespaceExists(store: ObjectStore, ns: string): boolean {
  return store.get("Namespace", undefined, ns) !== undefined;
}

/** `[ns]`, `[svc, ns]` or `[endpoint, svc, ns]` under `svc.cluster.local`. */
function serviceQuery(store: ObjectStore, name: string, labels: string[], type: DnsType, depth: number): DnsQueryResult {
  const nx: DnsQueryResult = { rcode: "NXDOMAIN", name };
  if (labels.length === 0) return { rcode: "NOERROR", name, records: [] };
  const ns = labels[labels.length - 1];
  if (!namespaceExists(store, ns)) return nx;
  if (labels.length === 1) return { rcode: "NOERROR", name, records: [] };
  if (labels.length > 3) return nx;
  const svc = store.get("Service", ns, labels[labels.length - 2]);
  if (!svc) return nx;
  const endpoint = labels.length === 3 ? labels[0] : undefined;
  if (svc.spec.type === "ExternalName") return endpoint ? nx : externalName(store, name, svc, type, depth);
  if (endpoint === undefined && isHeadful(svc)) return { rcode: "NOERROR", name, records: type === "A" ? [svc.spec.clusterIP!] : [] };
  const ips = endpointAddresses(store, svc, endpoint);
  if (ips.length === 0) return nx;
  return { rcode: "NOERROR", name, records: type === "A" ? ips : [] };
}

function isHeadful(svc: Service): boolean {
  return !!svc.spec.clusterIP && svc.spec.clusterIP !== "None";
}

/** A CNAME to the external name; followed only when it points back into the cluster zone. */
function externalName(store: ObjectStore, name: string, svc: Service, type: DnsType, depth: number): DnsQueryResult {
  const target = (svc.spec.externalName ?? "").replace(/\.$/, "").toLowerCase();
  if (!target || target === name) return { rcode: "NOERROR", name, records: [] };
  if (depth < 8 && target.endsWith(`.${CLUSTER_DOMAIN}`)) {
    const next = query(store, target, type, depth + 1);
    // CoreDNS adds the CNAME only when the in-zone target produced records.
    if (next.rcode === "NOERROR" && next.records.length > 0) return { rcode: "NOERROR", name, cname: target, records: next.records };
    return { rcode: "NOERROR", name, records: [] };
  }
  return { rcode: "NOERROR", name, cname: target, records: [] };
}

/** The slices that belong to `svc`. */
function slicesOf(store: ObjectStore, svc: Service): EndpointSlice[] {
  return store.list("EndpointSlice", svc.metadata.namespace).filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === svc.metadata.name);
}

/** The name CoreDNS gives an endpoint: its hostname, else its IP with dashes. */
function endpointHostname(hostname: string | undefined, ip: string): string {
  return hostname || ip.replace(/\./g, "-");
}

/** Ready IPv4 endpoint addresses of `svc` (one endpoint only, if named), in slice order, unique. */
function endpointAddresses(store: ObjectStore, svc: Service, endpoint?: string): string[] {
  const out: string[] = [];
  for (const slice of slicesOf(store, svc)) {
    if (slice.addressType !== "IPv4") continue;
    for (const e of slice.endpoints) {
      if (!e.conditions.ready) continue;
      for (const ip of e.addresses) {
        if (endpoint !== undefined && endpointHostname(e.hostname, ip) !== endpoint) continue;
        if (!out.includes(ip)) out.push(ip);
      }
    }
  }
  return out;
}

/** `[dashed-ip, ns]` or `[ns]` under `pod.cluster.local` (`pods insecure`). */
function podQuery(store: ObjectStore, name: string, labels: string[], type: DnsType): DnsQueryResult {
  const nx: DnsQueryResult = { rcode: "NXDOMAIN", name };
  if (labels.length === 0) return { rcode: "NOERROR", name, records: [] };
  const ns = labels[labels.length - 1];
  if (!namespaceExists(store, ns)) return nx;
  if (labels.length === 1) return { rcode: "NOERROR", name, records: [] };
  if (labels.length !== 2) return nx;
  const ip = labels[0].replace(/-/g, ".");
  if (!isIPv4(ip)) return nx;
  return { rcode: "NOERROR", name, records: type === "A" ? [ip] : [] };
}

/** True for a dotted-quad IPv4 address. */
export function isIPv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && String(Number(p)) === p);
}

/**
 * PTR records the kubernetes plugin serves: a ClusterIP → its service name, an endpoint
 * address → `<hostname|dashed-ip>.<svc>.<ns>.svc.cluster.local` (one per service that lists
 * it). Other addresses fall through to `forward`; with no upstream they are NXDOMAIN here (as
 * public resolvers answer for private ranges).
 */
function reverse(store: ObjectStore, name: string): DnsQueryResult {
  const octets = name.slice(0, -".in-addr.arpa".length).split(".");
  const ip = octets.reverse().join(".");
  if (octets.length !== 4 || !isIPv4(ip)) return { rcode: "NXDOMAIN", name };
  const records: string[] = [];
  for (const svc of store.list("Service")) {
    const ns = svc.metadata.namespace!;
    const svcName = `${svc.metadata.name}.${ns}.svc.${CLUSTER_DOMAIN}`;
    if (svc.spec.clusterIPs?.includes(ip) || svc.spec.clusterIP === ip) records.push(svcName);
  }
  for (const slice of store.list("EndpointSlice")) {
    const svcName = slice.metadata.labels?.["kubernetes.io/service-name"];
    if (!svcName || slice.addressType !== "IPv4") continue;
    for (const e of slice.endpoints) {
      if (!e.addresses.includes(ip)) continue;
      const rec = `${endpointHostname(e.hostname, ip)}.${svcName}.${slice.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
      if (!records.includes(rec)) records.push(rec);
    }
  }
  return records.length > 0 ? { rcode: "NOERROR", name, records } : { rcode: "NXDOMAIN", name };
}
