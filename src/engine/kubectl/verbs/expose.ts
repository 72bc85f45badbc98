import type { AnyObject, Labels, Service, ServicePort, ServiceType } from "../../cluster/types";
import type { Command } from "../command";
import { str } from "../flags";
import { resolveResourceArgs } from "../resolve";
import { RESOURCE_HINT } from "./shared";
import { DRY_RUN_FLAGS, submitCreate } from "./create";

const EXPOSABLE = ["Pod", "Service", "ReplicationController", "Deployment", "ReplicaSet"];

export const expose: Command = {
  name: "expose",
  group: "Basic Commands (Beginner):",
  short: "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
  long: "Expose a resource as a new Kubernetes service.\n\n Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.\n\n Possible resources include (case insensitive):\n\n pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)",
  examples: `  # Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
  kubectl expose rc nginx --port=80 --target-port=8000

  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
  kubectl expose pod valid-pod --port=444 --name=frontend

  # Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"
  kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https

  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubectl expose deployment nginx --port=80 --target-port=8000`,
  usage: "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]",
  flags: [
    ...DRY_RUN_FLAGS,
    { name: "port", type: "string", default: "" },
    { name: "target-port", type: "string", default: "" },
    { name: "name", type: "string", default: "" },
    { name: "type", type: "string", default: "" },
    { name: "protocol", type: "string", default: "" },
    { name: "selector", type: "string", default: "" },
    { name: "labels", short: "l", type: "string", default: "" },
    { name: "cluster-ip", type: "string", default: "" },
    { name: "external-ip", type: "string", default: "" },
    { name: "session-affinity", type: "string", default: "" },
  ],
  flagHelp: {
    port: "The port that the service should serve on. Copied from the resource being exposed, if unspecified",
    "target-port": "Name or number for the port on the container that the service should direct traffic to. Optional.",
    name: "The name for the newly created object.",
    type: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.",
    protocol: "The network protocol for the service to be created. Default is 'TCP'.",
    selector: "A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)",
  },
  run(ctx) {
    const p = ctx.parsed;
    if (p.args.length === 0) {
      return ctx.fail(RESOURCE_HINT);
    }
    const resolved = resolveResourceArgs(p.args);
    if (!resolved.ok) return ctx.fail(resolved.error);
    const req = resolved.requests[0];
    if (!req || req.names.length === 0) return ctx.fail("resource(s) were provided, but no name was specified");
    const got = ctx.api.get(req.resource.kind, ctx.namespace, req.names[0]);
    if (!got.ok) return ctx.apiError(got.error);
    const obj: AnyObject = got.value;
    if (!EXPOSABLE.includes(obj.kind)) return ctx.fail(`cannot expose a ${obj.kind}`);

    // The selector (polymorphichelpers.MapBasedSelectorForObject).
    let selector: Labels;
    const selFlag = str(p, "selector");
    if (selFlag) {
      selector = {};
      for (const kv of selFlag.split(",")) {
        const [k, v] = kv.split("=");
        selector[k] = v ?? "";
      }
    } else if (obj.kind === "Pod") {
      if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) return ctx.fail(`couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed`);
      selector = { ...obj.metadata.labels };
    } else if (obj.kind === "Service") {
      if (!obj.spec.selector) return ctx.fail(`couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set`);
      selector = { ...obj.spec.selector };
    } else if (obj.kind === "Deployment" || obj.kind === "ReplicaSet") {
      const s = obj.spec.selector;
      if (s.matchExpressions?.length) return ctx.fail(`couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "${JSON.stringify(s.matchExpressions)}" to map-based selector format`);
      if (!s.matchLabels || Object.keys(s.matchLabels).length === 0) return ctx.fail(`couldn't retrieve selectors via --selector flag or introspection: invalid ${obj.kind.toLowerCase()}: no selectors, therefore cannot be exposed`);
      selector = { ...s.matchLabels };
    } else selector = {};

    // The ports (polymorphichelpers.PortsForObject): --port, else the container ports.
    const protocol = (str(p, "protocol") || "TCP") as ServicePort["protocol"];
    const targetFlag = str(p, "target-port");
    const target = targetFlag ? (/^\d+$/.test(targetFlag) ? Number(targetFlag) : targetFlag) : undefined;
    let ports: ServicePort[];
    if (str(p, "port")) {
      const portNums = str(p, "port").split(",");
      for (const n of portNums) if (!/^\d+$/.test(n)) return ctx.fail(`strconv.Atoi: parsing "${n}": invalid syntax`);
      ports = portNums.map((n, i) => ({ ...(portNums.length > 1 ? { name: `port-${i + 1}` } : {}), port: Number(n), protocol, targetPort: target ?? Number(n) }));
    } else {
      const found = containerPorts(obj);
      if (found.length === 0) return ctx.fail("couldn't find port via --port flag or introspection");
      ports = found.map((cp, i) => ({
        ...(found.length > 1 ? { name: `port-${i + 1}` } : {}),
        port: cp.port,
        protocol: str(p, "protocol") ? protocol : cp.protocol,
        targetPort: target ?? cp.port,
      }));
    }
    const type = str(p, "type");
    let labels: Labels | undefined = obj.metadata.labels ? { ...obj.metadata.labels } : undefined;
    if (str(p, "labels")) {
      labels = {};
      for (const kv of str(p, "labels").split(",")) labels[kv.split("=")[0]] = kv.split("=")[1] ?? "";
    }
    const name = (str(p, "name") || obj.metadata.name).slice(0, 63);
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: ctx.namespace, ...(labels ? { labels } : {}) },
      spec: {
        ports,
        selector,
        ...(type ? { type: type as ServiceType } : {}),
        ...(str(p, "cluster-ip") ? { clusterIP: str(p, "cluster-ip") } : {}),
        ...(str(p, "external-ip") ? { externalIPs: [str(p, "external-ip")] } : {}),
        ...(str(p, "session-affinity") ? { sessionAffinity: str(p, "session-affinity") as "ClientIP" } : {}),
      },
      status: { loadBalancer: {} },
    } as unknown as Service;
    submitCreate(ctx, svc, { verb: "exposed" });
  },
};

function containerPorts(o: AnyObject): { port: number; protocol: ServicePort["protocol"] }[] {
  let containers;
  if (o.kind === "Pod") containers = o.spec.containers;
  else if (o.kind === "Deployment" || o.kind === "ReplicaSet") containers = o.spec.template.spec.containers;
  else if (o.kind === "Service") return (o.spec.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol }));
  else return [];
  return containers.flatMap((c) => (c.ports ?? []).map((cp) => ({ port: cp.containerPort, protocol: cp.protocol ?? "TCP" })));
}
