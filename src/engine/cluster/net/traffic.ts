/**
 * The traffic generator: clients that open connections at a rate, each held for the backend's
 * service time (so concurrency is real and least-connection has something to count). Every
 * request is routed by the network like a curl would be, and lands in the backend's logs.
 *
 * Arrivals are a Poisson process drawn from the network's own PRNG stream: deterministic with
 * the seed, and independent of the names and IPs a learner sees.
 */
import type { Runtime } from "../runtime";
import type { Network, FlowOutcome } from "./network";
import type { AppServers } from "./network";
import type { Endpoint } from "./types";

/** What a generator sends and where. */
export interface TrafficSpec {
  /** A client pod (default namespace "default"), or users outside the cluster (through a NodePort). */
  source: { kind: "pod"; namespace?: string; name: string } | { kind: "external" };
  /**
   * Where to: a Service name as a pod would write it (`web`, `web.shop`, `web.shop.svc.cluster.local`),
   * optionally with `:port`; or an IP with `:port` (a ClusterIP, a pod IP). For external sources: a
   * Service name with a NodePort.
   */
  target: string;
  /** Requests per second (0.1–500). */
  rate: number;
  /** Stop after this many virtual ms (default: until stopped). */
  durationMs?: number;
  /** HTTP path (default `/`). */
  path?: string;
}

export interface TrafficGenerator {
  id: number;
  spec: TrafficSpec;
  startedAt: number;
  stoppedAt?: number;
  sent: number;
}

export interface PodTraffic {
  active: number;
  total: number;
  errors: number;
}

export interface ServiceTraffic {
  requests: number;
  ok: number;
  failed: number;
  /** ok / (ok + failed), 1 when nothing was sent. */
  successRate: number;
  /** Milliseconds, over the last 1000 completed requests. */
  p50: number;
  p95: number;
}

/** A node's IPVS counters (IPVS mode; zero in iptables mode, where the kernel keeps no such table). */
export interface NodeTraffic {
  mode: "iptables" | "ipvs";
  /** Connections scheduled by this node's virtual servers since they were created. */
  conns: number;
  activeConns: number;
  inactConns: number;
}

export interface TrafficMetrics {
  /** Keyed `namespace/name`. */
  pods: Record<string, PodTraffic>;
  /** Keyed by node name. */
  nodes: Record<string, NodeTraffic>;
  /** Keyed `namespace/name`, or the dialled `ip:port` for targets that are not Services. */
  targets: Record<string, ServiceTraffic>;
}

/** Client timeout of the generator (like `curl -m 10`). */
export const REQUEST_TIMEOUT_MS = 10_000;
const EXTERNAL_CLIENT_IP = "203.0.113.25";
const USER_AGENT = "podflow-traffic/1.0";

export type TrafficStart = { ok: true; id: number } | { ok: false; error: string };

export class Traffic {
  private readonly generators = new Map<number, TrafficGenerator>();
  private nextId = 1;
  private readonly pods = new Map<string, PodTraffic>();
  private readonly targets = new Map<string, { requests: number; ok: number; failed: number; latencies: number[] }>();
  private externalTurn = 0;
  /** Bumped on every metrics change, so views can memoise. */
  version = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly net: Network,
    private readonly apps: AppServers,
  ) {}

  start(spec: TrafficSpec): TrafficStart {
    if (!(spec.rate >= 0.1 && spec.rate <= 500)) return { ok: false, error: `rate must be between 0.1 and 500 requests per second, got ${spec.rate}` };
    if (spec.durationMs !== undefined && !(spec.durationMs > 0)) return { ok: false, error: `duration must be positive, got ${spec.durationMs}` };
    if (spec.source.kind === "pod") {
      const ns = spec.source.namespace ?? "default";
      if (!this.rt.store.get("Pod", ns, spec.source.name)) return { ok: false, error: `pods "${spec.source.name}" not found` };
    }
    const probe = this.destination(spec);
    if ("error" in probe) return { ok: false, error: probe.error };
    const g: TrafficGenerator = { id: this.nextId++, spec, startedAt: this.rt.clock.now, sent: 0 };
    this.generators.set(g.id, g);
    this.scheduleNext(g);
    this.version++;
    return { ok: true, id: g.id };
  }

  stop(id: number): boolean {
    const g = this.generators.get(id);
    if (!g || g.stoppedAt !== undefined) return false;
    g.stoppedAt = this.rt.clock.now;
    this.version++;
    return true;
  }

  /** Generators still sending. */
  running(): TrafficGenerator[] {
    return [...this.generators.values()].filter((g) => g.stoppedAt === undefined);
  }

  metrics(): TrafficMetrics {
    const pods: Record<string, PodTraffic> = {};
    for (const [k, v] of this.pods) pods[k] = { ...v };
    const targets: Record<string, ServiceTraffic> = {};
    for (const [k, v] of this.targets) {
      const sorted = [...v.latencies].sort((a, b) => a - b);
      const q = (f: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))] : 0);
      const done = v.ok + v.failed;
      targets[k] = { requests: v.requests, ok: v.ok, failed: v.failed, successRate: done ? v.ok / done : 1, p50: q(0.5), p95: q(0.95) };
    }
    const nodes: Record<string, NodeTraffic> = {};
    for (const [name, proxy] of this.net.proxies) {
      const n: NodeTraffic = { mode: proxy.mode, conns: 0, activeConns: 0, inactConns: 0 };
      if (proxy.mode === "ipvs") {
        for (const svc of proxy.ipvs.services()) {
          n.conns += svc.stats.conns;
          for (const d of svc.dests) {
            n.activeConns += d.activeConns;
            n.inactConns += d.inactConns;
          }
        }
      }
      nodes[name] = n;
    }
    return { pods, targets, nodes };
  }

  /** Forgets the counters (not the generators). */
  resetMetrics(): void {
    this.pods.clear();
    this.targets.clear();
    this.version++;
  }

  private scheduleNext(g: TrafficGenerator): void {
    // Poisson arrivals: exponential gaps with mean 1/rate.
    const gap = (-Math.log(1 - this.net.prng.next()) * 1000) / g.spec.rate;
    this.rt.clock.schedule(Math.max(1, Math.round(gap)), () => {
      if (g.stoppedAt !== undefined) return;
      if (g.spec.durationMs !== undefined && this.rt.clock.now - g.startedAt >= g.spec.durationMs) {
        g.stoppedAt = this.rt.clock.now;
        this.version++;
        return;
      }
      this.send(g);
      this.scheduleNext(g);
    });
  }

  /** Where a request of `spec` goes now: the address and port dialled, and a metrics key. */
  private destination(spec: TrafficSpec): { ip: string; port: number; key: string } | { error: string } {
    const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?\/?$/.exec(spec.target.trim());
    if (!m) return { error: `invalid target "${spec.target}"` };
    const host = m[1];
    const port = m[2] ? Number(m[2]) : undefined;
    const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host);
    if (spec.source.kind === "external") {
      const [name, ns = "default"] = host.split(".");
      const svc = this.rt.store.get("Service", ns, name);
      if (!svc) return { error: `services "${name}" not found` };
      const sp = svc.spec.ports?.find((p) => p.nodePort && (port === undefined || p.port === port || p.nodePort === port));
      if (!sp?.nodePort) return { error: `service "${name}" has no NodePort: external users cannot reach it (expose it with --type=NodePort)` };
      const nodes = this.rt.store.list("Node");
      const node = nodes[this.externalTurn++ % nodes.length];
      const ip = node.status.addresses.find((a) => a.type === "InternalIP")!.address;
      return { ip, port: sp.nodePort, key: `${svc.metadata.namespace}/${svc.metadata.name}` };
    }
    if (isIp) {
      if (port === undefined) return { error: `target "${spec.target}" needs a port (ip:port)` };
      return { ip: host, port, key: this.serviceKey(host, port) ?? `${host}:${port}` };
    }
    const ns = spec.source.namespace ?? "default";
    const answer = this.apps.resolve(ns, host);
    if (answer.kind !== "answer" || answer.addresses.length === 0) return { error: `could not resolve host: ${host}` };
    const ip = answer.addresses[0];
    const svcKey = this.serviceKey(ip);
    const svc = svcKey ? this.rt.store.get("Service", svcKey.split("/")[0], svcKey.split("/")[1]) : undefined;
    const p = port ?? svc?.spec.ports?.[0]?.port ?? 80;
    return { ip, port: p, key: svcKey ?? `${ip}:${p}` };
  }

  private serviceKey(ip: string, port?: number): string | undefined {
    return this.net.serviceByClusterIP(ip, port);
  }


  private send(g: TrafficGenerator): void {
    g.sent++;
    const dest = this.destination(g.spec);
    const t = this.target("error" in dest ? g.spec.target : dest.key);
    t.requests++;
    this.version++;
    if ("error" in dest) {
      t.failed++;
      return;
    }
    const from: Endpoint = g.spec.source.kind === "pod" ? { kind: "pod", namespace: g.spec.source.namespace ?? "default", name: g.spec.source.name } : { kind: "external", ip: EXTERNAL_CLIENT_IP };
    const c = this.net.connect(from, dest.ip, dest.port);
    if (c.outcome !== "ok") {
      const wait = c.outcome === "timeout" ? REQUEST_TIMEOUT_MS : c.connectMs;
      this.rt.clock.schedule(wait, () => {
        t.failed++;
        this.record(t, wait);
        this.version++;
      });
      return;
    }
    const podKey = c.backend ? `${c.backend.namespace}/${c.backend.name}` : undefined;
    const pod = podKey ? this.pod(podKey) : undefined;
    if (pod) pod.active++;
    const reply = this.net.http(c.id, { method: "GET", path: g.spec.path ?? "/", host: g.spec.target.replace(/^https?:\/\//, "").replace(/\/$/, ""), userAgent: USER_AGENT });
    const serviceMs = reply.kind === "http" ? reply.serviceMs : 0;
    const latency = c.connectMs + serviceMs;
    const timedOut = latency > REQUEST_TIMEOUT_MS;
    this.rt.clock.schedule(Math.min(latency, REQUEST_TIMEOUT_MS), () => {
      // Conntrack kept the connection on its backend; if that pod went away meanwhile, it broke.
      const alive = this.net.alive(c.id);
      const outcome: FlowOutcome = timedOut ? "timeout" : alive ? "ok" : "reset";
      const good = outcome === "ok" && reply.kind === "http" && reply.status < 500;
      this.net.close(c.id, outcome);
      if (pod) {
        pod.active--;
        pod.total++;
        if (!good) pod.errors++;
      }
      if (good) t.ok++;
      else t.failed++;
      this.record(t, Math.min(latency, REQUEST_TIMEOUT_MS));
      this.version++;
    });
  }

  private record(t: { latencies: number[] }, ms: number): void {
    t.latencies.push(ms);
    if (t.latencies.length > 1000) t.latencies.splice(0, t.latencies.length - 1000);
  }

  private pod(key: string): PodTraffic {
    let p = this.pods.get(key);
    if (!p) this.pods.set(key, (p = { active: 0, total: 0, errors: 0 }));
    return p;
  }

  private target(key: string) {
    let t = this.targets.get(key);
    if (!t) this.targets.set(key, (t = { requests: 0, ok: 0, failed: 0, latencies: [] }));
    return t;
  }
}
