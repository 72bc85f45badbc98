/**
 * Binds the network to what images serve (apps.ts) and to CoreDNS (dns.ts). A server that
 * dials out itself (wordpress reaching its database by name) goes through the same network,
 * from its own pod.
 */
import type { ObjectStore } from "../store";
import type { AppServers, Network } from "./network";
import { listenerAt, mysqlAccepts, serve } from "./apps";
import { resolveInCluster } from "./dns";

export function appServers(store: ObjectStore, network: () => Network): AppServers {
  return {
    listener(pod, port, protocol, nowMs) {
      if (protocol !== "tcp" && protocol !== "udp") return undefined;
      return listenerAt(pod, port, nowMs);
    },
    serve(pod, container, port, request, ctx) {
      const from = { kind: "pod" as const, namespace: pod.metadata.namespace!, name: pod.metadata.name };
      const r = serve(pod, container, port, request, {
        ...ctx,
        dial(host, dport, login) {
          const net = network();
          let ip = host;
          if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
            const a = net.resolve(from, host);
            if (a.kind === "nxdomain") return "nxdomain";
            if (a.kind === "unreachable" || a.addresses.length === 0) return "timeout";
            ip = a.addresses[0];
          }
          const c = net.connect(from, ip, dport);
          net.close(c.id);
          if (c.outcome !== "ok") return c.outcome === "refused" ? "refused" : "timeout";
          // A login is checked by the server that answered, when it is MySQL.
          const server = c.backend && store.get("Pod", c.backend.namespace, c.backend.name)?.spec.containers.find((k) => k.name === c.backend!.container);
          if (!login || !server || !/(^|\/)(mysql|mariadb)(:|@|$)/.test(server.image)) return "ok";
          return mysqlAccepts(server.env ?? [], login);
        },
      });
      const lines = [r.errorLog, r.accessLog].filter((l): l is string => l !== undefined);
      return { reply: r.reply, accessLog: lines.length ? lines.join("\n") : undefined };
    },
    resolve(ns, name) {
      return resolveInCluster(store, ns, name);
    },
  };
}
