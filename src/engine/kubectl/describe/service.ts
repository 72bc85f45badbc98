// `kubectl describe service` (describe.go `describeService`, `formatEndpointSlices`).
import type { EndpointSlice, Service } from "../../cluster/types";
import { describeEvents, eventQueryFor, searchEvents } from "./events";
import { field, formatLabels, printAnnotationsMultiline, printLabelsMultiline } from "./format";
import type { DescribeEnv } from "./env";
import { LEVEL_0, tabbedString } from "./writer";

/**
 * `formatEndpointSlices`: ready (or unknown-readiness) endpoints as `ip:port` for the given port
 * names, at most three and then ` + N more...`; `<none>` when the service has no slices at all, an
 * empty string when its slices hold no ready endpoint. The `more` bookkeeping is kubectl's own
 * (the check happens before the readiness test).
 */
export function formatEndpointSlices(slices: EndpointSlice[], portNames: Set<string> | undefined): string {
  if (slices.length === 0) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices) {
    const ports = s.ports ?? [];
    if (ports.length === 0) {
      for (const ep of s.endpoints ?? []) {
        if (list.length === max) more = true;
        if (ep.conditions?.ready === false) continue;
        if (!more) list.push(ep.addresses[0]);
        count++;
      }
    } else {
      for (const port of ports) {
        if (portNames && !portNames.has(port.name ?? "")) continue;
        for (const ep of s.endpoints ?? []) {
          if (list.length === max) more = true;
          const addr = ep.addresses[0];
          if (ep.conditions?.ready === false) continue;
          if (!more) list.push(addr.includes(":") ? `[${addr}]:${port.port}` : `${addr}:${port.port}`);
          count++;
        }
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** The slices `kubernetes.io/service-name=<svc>` selects in the service's namespace. */
export function slicesForService(env: DescribeEnv, svc: Service): EndpointSlice[] {
  return env.store.list("EndpointSlice", svc.metadata.namespace).filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === svc.metadata.name);
}

export function describeService(svc: Service, env: DescribeEnv): string {
  const slices = slicesForService(env, svc);
  const events = env.showEvents ? searchEvents(env.store, eventQueryFor(svc)) : undefined;
  return tabbedString((w) => {
    const spec = svc.spec;
    w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", svc.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies && spec.ipFamilies.length > 0 ? spec.ipFamilies.join(",") : "<none>"}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ""}\n`);
    w.write(LEVEL_0, `IPs:\t${spec.clusterIPs && spec.clusterIPs.length > 0 ? spec.clusterIPs.join(",") : "<none>"}\n`);
    if (spec.externalIPs && spec.externalIPs.length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(",")}\n`);
    const lbIP = field<string>(spec, "loadBalancerIP");
    if (lbIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${lbIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length > 0) {
      const list = ingress.map((i) => {
        if (i.ip) {
          const mode = field<string>(i, "ipMode");
          return mode ? `${i.ip} (${mode})` : i.ip;
        }
        return i.hostname ?? "";
      });
      w.write(LEVEL_0, `LoadBalancer Ingress:\t${list.join(", ")}\n`);
    }
    for (const sp of spec.ports ?? []) {
      const name = sp.name ? sp.name : "<unset>";
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${sp.protocol}\n`);
      w.write(LEVEL_0, `TargetPort:\t${sp.targetPort}/${sp.protocol}\n`);
      if (sp.appProtocol !== undefined) w.write(LEVEL_0, `AppProtocol:\t${sp.appProtocol}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, new Set([sp.name ?? ""]))}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    const ranges = field<string[]>(spec, "loadBalancerSourceRanges") ?? [];
    if (ranges.length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${ranges.join(",")}\n`);
    const td = field<string>(spec, "trafficDistribution");
    if (td) w.write(LEVEL_0, `Traffic Distribution:\t${td}\n`);
    if (events) describeEvents(events, w, env.now);
  });
}
