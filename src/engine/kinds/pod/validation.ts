/**
 * Pod validation: `pkg/apis/core/validation/validation.go` (`ValidatePodCreate`,
 * `ValidatePodSpec`, `validateContainers`, `validateContainerCommon`, `validateContainerPorts`,
 * `ValidatePodTemplateSpec`, `ValidatePodUpdate`), v1.33, for the fields Podflow models.
 *
 * Input is assumed defaulted (`terminationMessagePolicy`, `imagePullPolicy`, `restartPolicy`,
 * `dnsPolicy`, port `protocol`…): a field that is still unset is not reported as Required, since
 * on a real cluster defaulting would have filled it in before validation.
 */

import type { Container, ContainerPort, Pod, PodSpec, PodTemplateSpec, Toleration } from "./types";
import { isDNS1123Label, isQualifiedName, isRelaxedEnvVarName, isValidLabelValue, isValidPortName, isValidPortNum } from "../../cluster/validation/content";
import { FieldPath, GoValue, duplicate, forbidden, goQuote, invalid, notFound, notSupported, required, type FieldError } from "../../cluster/validation/field";
import {
  nameIsDNSSubdomain,
  semanticEqual,
  validateAnnotations,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from "../../cluster/validation/metadata";

/** `supportedPortProtocols`, listed sorted as `sets.List` does. */
export const SUPPORTED_PORT_PROTOCOLS = ["SCTP", "TCP", "UDP"];

/** `ValidateDNS1123Label`: one Invalid per message. */
export function validateDNS1123Label(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((msg) => invalid(path, value, msg));
}

/** `validateContainerPorts`. */
export function validateContainerPorts(ports: readonly ContainerPort[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const idx = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(idx.child("name"), port.name, m));
      else if (names.has(port.name)) errs.push(duplicate(idx.child("name"), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) {
      errs.push(required(idx.child("containerPort")));
    } else {
      for (const m of isValidPortNum(port.containerPort)) errs.push(invalid(idx.child("containerPort"), port.containerPort, m));
    }
    if (port.hostPort) {
      for (const m of isValidPortNum(port.hostPort)) errs.push(invalid(idx.child("hostPort"), port.hostPort, m));
    }
    if (port.protocol !== undefined) {
      if ((port.protocol as string) === "") errs.push(required(idx.child("protocol")));
      else if (!SUPPORTED_PORT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(idx.child("protocol"), port.protocol, SUPPORTED_PORT_PROTOCOLS));
    }
  });
  return errs;
}

/** `ValidateEnv` with RelaxedEnvironmentVariableValidation (on by default in v1.33). */
function validateEnv(env: Container["env"], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const idx = path.index(i);
    if (!ev.name) errs.push(required(idx.child("name")));
    else for (const m of isRelaxedEnvVarName(ev.name)) errs.push(invalid(idx.child("name"), ev.name, m));
  });
  return errs;
}

/** The subset of `ValidateVolumeMounts` that needs only names and paths. */
function validateVolumeMounts(mounts: Container["volumeMounts"], volumeNames: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const idx = path.index(i);
    if (!m.name) errs.push(required(idx.child("name")));
    if (!volumeNames.has(m.name)) errs.push(notFound(idx.child("name"), m.name));
    if (!m.mountPath) errs.push(required(idx.child("mountPath")));
    if (mountPoints.has(m.mountPath)) errs.push(invalid(idx.child("mountPath"), m.mountPath, "must be unique"));
    mountPoints.add(m.mountPath);
  });
  return errs;
}

const TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];

/** `validateContainerCommon`: name, image, ports, env, mounts, policies. */
function validateContainerCommon(ctr: Container, volumeNames: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const namePath = path.child("name");
  if (!ctr.name) errs.push(required(namePath));
  else errs.push(...validateDNS1123Label(ctr.name, namePath));
  if (!ctr.image) errs.push(required(path.child("image")));
  if (ctr.terminationMessagePolicy !== undefined) {
    if (ctr.terminationMessagePolicy === "") errs.push(required(path.child("terminationMessagePolicy")));
    else if (!TERMINATION_MESSAGE_POLICIES.includes(ctr.terminationMessagePolicy)) {
      errs.push(notSupported(path.child("terminationMessagePolicy"), ctr.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES));
    }
  }
  errs.push(...validateContainerPorts(ctr.ports, path.child("ports")));
  errs.push(...validateEnv(ctr.env, path.child("env")));
  errs.push(...validateVolumeMounts(ctr.volumeMounts, volumeNames, path.child("volumeMounts")));
  if (ctr.imagePullPolicy !== undefined) {
    if ((ctr.imagePullPolicy as string) === "") errs.push(required(path.child("imagePullPolicy")));
    else if (!PULL_POLICIES.includes(ctr.imagePullPolicy)) errs.push(notSupported(path.child("imagePullPolicy"), ctr.imagePullPolicy, PULL_POLICIES));
  }
  return errs;
}

/** `AccumulateUniqueHostPorts`: the same `hostIP/protocol/hostPort` twice is a Duplicate. */
function checkHostPortConflicts(containers: readonly Container[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((ctr, ci) => {
    (ctr.ports ?? []).forEach((p, pi) => {
      if (!p.hostPort) return;
      const key = `/${p.protocol ?? "TCP"}/${p.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(path.index(ci).child("ports").index(pi).child("hostPort"), key));
      else seen.add(key);
    });
  });
  return errs;
}

/** `validateContainers`: at least one; each valid; names unique. */
export function validateContainers(containers: readonly Container[] | undefined, volumeNames: ReadonlySet<string>, path: FieldPath): FieldError[] {
  if (!containers || containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((ctr, i) => {
    const idx = path.index(i);
    errs.push(...validateContainerCommon(ctr, volumeNames, idx));
    if (names.has(ctr.name)) errs.push(duplicate(idx.child("name"), ctr.name));
    else names.add(ctr.name);
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

/** `validateInitContainers` (names must not collide with regular containers either). */
function validateInitContainers(
  containers: readonly Container[] | undefined,
  others: readonly Container[],
  volumeNames: ReadonlySet<string>,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(others.map((c) => c.name));
  (containers ?? []).forEach((ctr, i) => {
    const idx = path.index(i);
    errs.push(...validateContainerCommon(ctr, volumeNames, idx));
    if (names.has(ctr.name)) errs.push(duplicate(idx.child("name"), ctr.name));
    else if (ctr.name) names.add(ctr.name);
  });
  return errs;
}

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

/** `%#v` of an internal `core.Toleration` (a set tolerationSeconds would print a pointer address). */
function goToleration(t: Toleration): GoValue {
  const secs = t.tolerationSeconds === undefined ? "(*int64)(nil)" : `(*int64)(${t.tolerationSeconds})`;
  return new GoValue(
    `core.Toleration{Key:${goQuote(t.key ?? "")}, Operator:${goQuote(t.operator ?? "")}, Value:${goQuote(t.value ?? "")}, ` +
      `Effect:${goQuote(t.effect ?? "")}, TolerationSeconds:${secs}}`,
  );
}

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** `ValidateTolerations`. */
export function validateTolerations(tolerations: readonly Toleration[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const idx = path.index(i);
    if (t.key) errs.push(...isQualifiedName(t.key).map((m) => invalid(idx.child("key"), t.key, m)));
    if (!t.key && t.operator !== "Exists") {
      errs.push(invalid(idx.child("operator"), t.operator ?? "", 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      errs.push(invalid(idx.child("effect"), t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? "") {
      case "":
      case "Equal": {
        const msgs = isValidLabelValue(t.value ?? "");
        if (msgs.length) errs.push(invalid(idx.child("operator"), t.value ?? "", msgs.join(";")));
        break;
      }
      case "Exists":
        if (t.value) errs.push(invalid(idx.child("operator"), goToleration(t), "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(idx.child("operator"), t.operator, ["Equal", "Exists"]));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(idx.child("effect"), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

function volumeNamesOf(spec: PodSpec): Set<string> {
  const names = new Set<string>();
  for (const v of spec.volumes ?? []) if (typeof v.name === "string") names.add(v.name);
  return names;
}

/** `ValidatePodSpec` (the parts Podflow models), in upstream's order. */
export function validatePodSpec(spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const vols = volumeNamesOf(spec);
  errs.push(...validateContainers(spec.containers, vols, path.child("containers")));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers ?? [], vols, path.child("initContainers")));
  if (spec.restartPolicy !== undefined) {
    if ((spec.restartPolicy as string) === "") errs.push(required(path.child("restartPolicy")));
    else if (!RESTART_POLICIES.includes(spec.restartPolicy)) errs.push(notSupported(path.child("restartPolicy"), spec.restartPolicy, RESTART_POLICIES));
  }
  if (spec.dnsPolicy !== undefined) {
    if (spec.dnsPolicy === "") errs.push(required(path.child("dnsPolicy")));
    else if (!DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(notSupported(path.child("dnsPolicy"), spec.dnsPolicy, DNS_POLICIES));
  }
  errs.push(...validateLabels(spec.nodeSelector, path.child("nodeSelector")));
  if (spec.serviceAccountName) {
    for (const m of nameIsDNSSubdomain(spec.serviceAccountName, false)) errs.push(invalid(path.child("serviceAccountName"), spec.serviceAccountName, m));
  }
  if (spec.nodeName) {
    for (const m of nameIsDNSSubdomain(spec.nodeName, false)) errs.push(invalid(path.child("nodeName"), spec.nodeName, m));
  }
  if (spec.hostname) errs.push(...validateDNS1123Label(spec.hostname, path.child("hostname")));
  if (spec.subdomain) errs.push(...validateDNS1123Label(spec.subdomain, path.child("subdomain")));
  if (spec.tolerations?.length) errs.push(...validateTolerations(spec.tolerations, path.child("tolerations")));
  return errs;
}

/** `ValidatePodTemplateSpec`: note the labels path is `<template>.labels`, not `.metadata.labels`. */
export function validatePodTemplateSpec(template: PodTemplateSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabels(template.metadata?.labels, path.child("labels")));
  errs.push(...validateAnnotations(template.metadata?.annotations, path.child("annotations")));
  errs.push(...validatePodSpec(template.spec ?? ({ containers: [] } as PodSpec), path.child("spec")));
  return errs;
}

/**
 * `ValidatePodCreate` (no `old`) or `ValidatePodUpdate` (with `old`): metadata (DNS-1123 subdomain
 * name), the spec, and on update the rule that only images, activeDeadlineSeconds, tolerations
 * (additions) and terminationGracePeriodSeconds may change.
 */
export function validatePod(pod: Pod, old?: Pod): FieldError[] {
  const meta = FieldPath.of("metadata");
  const spec = FieldPath.of("spec");
  if (!old) {
    return [...validateObjectMeta(pod.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain }, meta), ...validatePodSpec(pod.spec, spec)];
  }
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, meta);
  errs.push(...validateObjectMeta(pod.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain }, meta));
  errs.push(...validatePodSpec(pod.spec, spec));
  errs.push(...validatePodSpecUpdate(pod.spec, old.spec, spec));
  return errs;
}

/** The first line of upstream's "pod updates may not change fields" message. */
export const POD_UPDATE_FORBIDDEN_MSG =
  "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`," +
  "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

function validateContainerUpdates(
  next: readonly Container[] | undefined,
  prev: readonly Container[] | undefined,
  path: FieldPath,
): { errs: FieldError[]; stop: boolean } {
  const n = next ?? [];
  const p = prev ?? [];
  if (n.length !== p.length) return { errs: [forbidden(path, "pod updates may not add or remove containers")], stop: true };
  const errs: FieldError[] = [];
  n.forEach((ctr, i) => {
    const image = ctr.image ?? "";
    if (!image) errs.push(required(path.index(i).child("image")));
    if (image.trim().length !== image.length) {
      errs.push(invalid(path.index(i).child("image"), ctr.image, "must not have leading or trailing whitespace"));
    }
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(next: readonly Toleration[] | undefined, prev: readonly Toleration[] | undefined, path: FieldPath): FieldError[] {
  for (const old of prev ?? []) {
    const found = (next ?? []).some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
  }
  return validateTolerations(next, path);
}

/**
 * The update-only part of `ValidatePodUpdate`. The real message is followed by a newline and a
 * `cmp.Diff` of the old spec against the attempted one; we emit only the first line.
 */
export function validatePodSpecUpdate(next: PodSpec, prev: PodSpec, path: FieldPath = FieldPath.of("spec")): FieldError[] {
  const errs: FieldError[] = [];
  for (const [field, n, p] of [
    ["containers", next.containers, prev.containers],
    ["initContainers", next.initContainers, prev.initContainers],
  ] as const) {
    const r = validateContainerUpdates(n, p, path.child(field));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const nextAds = (next as { activeDeadlineSeconds?: number }).activeDeadlineSeconds;
  const prevAds = (prev as { activeDeadlineSeconds?: number }).activeDeadlineSeconds;
  if (nextAds !== undefined) {
    if (nextAds < 0 || nextAds > 2147483647) {
      errs.push(invalid(path.child("activeDeadlineSeconds"), nextAds, "must be between 0 and 2147483647, inclusive"));
      return errs;
    }
    if (prevAds !== undefined && prevAds < nextAds) {
      errs.push(invalid(path.child("activeDeadlineSeconds"), nextAds, "must be less than or equal to previous value"));
      return errs;
    }
  } else if (prevAds !== undefined) {
    errs.push(invalid(path.child("activeDeadlineSeconds"), undefined, "must not update from a positive integer to nil value"));
  }
  errs.push(...validateOnlyAddedTolerations(next.tolerations, prev.tolerations, path.child("tolerations")));

  if (semanticEqual(next, prev)) return errs;
  // Copy the mutable fields from the new spec onto the old one; anything else that differs is forbidden.
  const munged: PodSpec & { activeDeadlineSeconds?: number } = {
    ...next,
    containers: (next.containers ?? []).map((c, i) => ({ ...c, image: prev.containers?.[i]?.image ?? c.image })),
    initContainers: next.initContainers?.map((c, i) => ({ ...c, image: prev.initContainers?.[i]?.image ?? c.image })),
    activeDeadlineSeconds: prevAds,
    tolerations: prev.tolerations,
  };
  if (prev.terminationGracePeriodSeconds !== undefined && prev.terminationGracePeriodSeconds < 0 && next.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = prev.terminationGracePeriodSeconds;
  }
  if (!semanticEqual(stripUndefined(munged), stripUndefined(prev))) errs.push(forbidden(path, POD_UPDATE_FORBIDDEN_MSG));
  return errs;
}

function stripUndefined<T extends object>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
