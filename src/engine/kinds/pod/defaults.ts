import type { Container, PodSpec, PodTemplateSpec } from "./types";

/**
 * API-server defaulting (`pkg/apis/core/v1/defaults.go`, `pkg/apis/apps/v1/defaults.go`): what a
 * real cluster fills in, so `kubectl get -o yaml` shows the same fields. Mutates its argument.
 */

export function defaultContainer(c: Container): void {
  const tag = imageTag(c.image ?? "");
  c.imagePullPolicy ??= tag === "latest" || tag === "" ? "Always" : "IfNotPresent";
  c.resources ??= {};
  // Requests default to limits for every resource that has a limit and no request.
  const res = c.resources as { limits?: Record<string, string>; requests?: Record<string, string> };
  if (res.limits) for (const [k, v] of Object.entries(res.limits)) (res.requests ??= {})[k] ??= v;
  c.terminationMessagePath ??= "/dev/termination-log";
  c.terminationMessagePolicy ??= "File";
  for (const p of c.ports ?? []) p.protocol ??= "TCP";
}

/** The tag of an image reference ("" when none; digests count as a tag). */
export function imageTag(image: string): string {
  if (image.includes("@")) return image.slice(image.indexOf("@") + 1);
  const slash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  return colon > slash ? image.slice(colon + 1) : "";
}

export function defaultPodSpec(spec: PodSpec): void {
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  spec.dnsPolicy ??= "ClusterFirst";
  spec.restartPolicy ??= "Always";
  spec.schedulerName ??= "default-scheduler";
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
}

export function defaultPodTemplate(t: PodTemplateSpec): void {
  t.metadata ??= {};
  t.metadata.creationTimestamp = null;
  t.spec ??= { containers: [] };
  defaultPodSpec(t.spec);
}

