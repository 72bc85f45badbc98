/**
 * Binds the network to what images serve (apps.ts) and to CoreDNS (dns.ts).
 * TEMPORARY minimal version until apps.ts/dns.ts land: nginx-like servers on declared ports.
 */
import type { ObjectStore } from "../store";
import type { AppServers } from "./network";

export function appServers(store: ObjectStore): AppServers {
  return {
    listener(pod, port) {
      if (pod.status.phase !== "Running") return undefined;
      for (const c of pod.spec.containers) {
        const running = pod.status.containerStatuses?.find((s) => s.name === c.name)?.state.running;
        if (running && (port === 80 || c.ports?.some((p) => p.containerPort === port))) return c.name;
      }
      return undefined;
    },
    serve(pod) {
      return { reply: { kind: "http", status: 200, reason: "OK", headers: [], body: `${pod.metadata.name}\n`, serviceMs: 2 } };
    },
    resolve(ns, name) {
      const parts = name.split(".");
      const svc = store.get("Service", parts[1] ?? ns, parts[0]);
      return svc?.spec.clusterIP ? { kind: "answer", name: `${svc.metadata.name}.${svc.metadata.namespace}.svc.cluster.local`, addresses: [svc.spec.clusterIP] } : { kind: "nxdomain", name };
    },
  };
}
