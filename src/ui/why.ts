/**
 * "Why is / isn't this pod an endpoint of this Service?" — the EndpointSlice controller's rules
 * (`ShouldPodBeInEndpoints`, the selector match, `podToEndpoint`'s conditions and `FindPort`)
 * turned into reasons a learner can read. Pure, so every answer is unit-tested.
 */
import { resolveTargetPort } from "../engine/lib";
import type { Pod, Service } from "../engine/cluster/types";
import { isPodReady } from "../store/selectors";

export type Reason =
  | { kind: "other-namespace"; podNamespace: string; serviceNamespace: string }
  | { kind: "no-selector" }
  | { kind: "label-missing"; key: string; want: string }
  | { kind: "label-differs"; key: string; want: string; got: string }
  | { kind: "finished"; phase: string }
  | { kind: "no-ip" }
  | { kind: "terminating" }
  | { kind: "not-ready" }
  | { kind: "named-port-missing"; port: string; servicePort: number };

/** The verdict: endpoint (ready), endpoint but not ready/terminating, or not an endpoint at all. */
export type Verdict = "ready" | "not-ready" | "terminating" | "not-endpoint";

export interface WhyAnswer {
  verdict: Verdict;
  /** Every reason that applies, most fundamental first (namespace, selector, then pod state). */
  reasons: Reason[];
  /** The selector keys that match, for the "yes" story ("app=test matches"). */
  matched: string[];
}

/** Explains whether `pod` is behind `svc`, and why. */
export function whyEndpoint(svc: Service, pod: Pod): WhyAnswer {
  const reasons: Reason[] = [];
  const matched: string[] = [];
  const podNs = pod.metadata.namespace ?? "default";
  const svcNs = svc.metadata.namespace ?? "default";
  if (podNs !== svcNs) reasons.push({ kind: "other-namespace", podNamespace: podNs, serviceNamespace: svcNs });

  const selector = svc.spec.selector ?? {};
  if (Object.keys(selector).length === 0) reasons.push({ kind: "no-selector" });
  for (const [k, want] of Object.entries(selector)) {
    const got = pod.metadata.labels?.[k];
    if (got === undefined) reasons.push({ kind: "label-missing", key: k, want });
    else if (got !== want) reasons.push({ kind: "label-differs", key: k, want, got });
    else matched.push(`${k}=${want}`);
  }
  const selected = reasons.length === 0;

  if (pod.status.phase === "Succeeded" || pod.status.phase === "Failed") reasons.push({ kind: "finished", phase: pod.status.phase });
  else if (!pod.status.podIP) reasons.push({ kind: "no-ip" });
  for (const sp of svc.spec.ports ?? []) {
    if (typeof sp.targetPort === "string" && !/^\d+$/.test(sp.targetPort) && resolveTargetPort(pod, sp) === undefined) {
      reasons.push({ kind: "named-port-missing", port: sp.targetPort, servicePort: sp.port });
    }
  }
  const excluded = reasons.length > 0;
  // Terminating and not-ready pods are still listed in the slices, with conditions saying so.
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = isPodReady(pod);
  if (terminating) reasons.push({ kind: "terminating" });
  else if (!ready && !svc.spec.publishNotReadyAddresses) reasons.push({ kind: "not-ready" });

  let verdict: Verdict;
  if (!selected || excluded) verdict = "not-endpoint";
  else if (terminating) verdict = "terminating";
  else if (!ready && !svc.spec.publishNotReadyAddresses) verdict = "not-ready";
  else verdict = "ready";
  return { verdict, reasons, matched };
}

/** One reason as a sentence, in the words a teacher would use. */
export function explain(reason: Reason): string {
  switch (reason.kind) {
    case "other-namespace":
      return `The pod is in namespace "${reason.podNamespace}"; the Service only selects pods in "${reason.serviceNamespace}".`;
    case "no-selector":
      return "The Service has no selector, so no pod is picked automatically (its endpoints are managed by hand).";
    case "label-missing":
      return `The selector wants ${reason.key}=${reason.want}, but the pod has no "${reason.key}" label.`;
    case "label-differs":
      return `The selector wants ${reason.key}=${reason.want}, but the pod has ${reason.key}=${reason.got}.`;
    case "finished":
      return `The pod has finished (${reason.phase}); finished pods are never endpoints.`;
    case "no-ip":
      return "The pod has no IP yet (not scheduled, or its sandbox is still being created).";
    case "terminating":
      return "The pod is terminating: it stays in the EndpointSlice with terminating=true, ready=false. kube-proxy sends it no new connections while other endpoints are ready; if none are, it keeps using the ones still serving.";
    case "not-ready":
      return "The pod matches but is not Ready: it is listed with ready=false and gets no traffic until its readiness turns true.";
    case "named-port-missing":
      return `The Service's port ${reason.servicePort} targets the named port "${reason.port}", and no container in the pod declares a port with that name.`;
  }
}

/** The one-line answer for a verdict. */
export function verdictText(verdict: Verdict): string {
  switch (verdict) {
    case "ready":
      return "Yes — a ready endpoint: it receives traffic.";
    case "not-ready":
      return "Listed, but not ready: no traffic goes to it.";
    case "terminating":
      return "Listed as terminating: no new traffic goes to it.";
    case "not-endpoint":
      return "No — not an endpoint.";
  }
}
