// Containers, volumes and pod templates, shared by the Pod, ReplicaSet, Deployment and DaemonSet
// describers (describe.go `describeContainers`, `describeVolumes`, `DescribePodTemplate`).
import type { Container, ContainerStatus, LabelSelector, Pod, PodTemplateSpec } from "../../cluster/types";
import { goStringCompare } from "../../cluster/validation/field";
import { field, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, rfc1123z, selectorText, stringOrNone } from "./format";
import { goSort } from "./gosort";
import { formatQuantity, parseQuantity } from "./quantity";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from "./writer";

/** `EnvVarResolverFunc`: the value of a `fieldRef` env var for a concrete pod. */
export type EnvResolver = (fieldPath: string) => string;

/** `EnvValueRetriever`: the downward-API fields a pod's env can reference. */
export function envResolverFor(pod: Pod): EnvResolver {
  return (path) => {
    const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
    if (m) return (m[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? "";
    switch (path) {
      case "metadata.name":
        return pod.metadata.name;
      case "metadata.namespace":
        return pod.metadata.namespace ?? "";
      case "metadata.uid":
        return pod.metadata.uid;
      case "spec.nodeName":
        return pod.spec.nodeName ?? "";
      case "spec.serviceAccountName":
        return pod.spec.serviceAccountName ?? "";
      case "status.hostIP":
        return pod.status.hostIP ?? "";
      case "status.hostIPs":
        return (pod.status.hostIPs ?? []).map((i) => i.ip).join(",");
      case "status.podIP":
        return pod.status.podIP ?? "";
      case "status.podIPs":
        return (pod.status.podIPs ?? []).map((i) => i.ip).join(",");
      default:
        return "";
    }
  };
}

interface ResourceLists {
  limits?: Record<string, string | number>;
  requests?: Record<string, string | number>;
}

const goKeys = (m: Record<string, unknown> | undefined): string[] => Object.keys(m ?? {}).sort(goStringCompare);

function quantityString(v: string | number): string {
  const q = parseQuantity(v);
  return q ? formatQuantity(q) : String(v);
}

/** `describeResources`: `Limits:` and `Requests:` with each resource under them. */
export function describeResources(resources: ResourceLists | undefined, w: PrefixWriter, level: number): void {
  if (!resources) return;
  const limits = resources.limits ?? {};
  const requests = resources.requests ?? {};
  if (Object.keys(limits).length > 0) w.write(level, "Limits:\n");
  for (const name of goKeys(limits)) w.write(level + 1, `${name}:\t${quantityString(limits[name])}\n`);
  if (Object.keys(requests).length > 0) w.write(level, "Requests:\n");
  for (const name of goKeys(requests)) w.write(level + 1, `${name}:\t${quantityString(requests[name])}\n`);
}

function portsString(c: Container, host: boolean): string {
  return (c.ports ?? [])
    .map((p) => {
      const s = `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? ""}`;
      return p.name ? `${s} (${p.name})` : s;
    })
    .join(", ");
}

function describeState(name: string, state: ContainerStatus["state"] | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    const message = field<string>(t, "message");
    if (message) w.write(LEVEL_3, `Message:\t${message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    const signal = field<number>(t, "signal");
    if (signal && signal > 0) w.write(LEVEL_3, `Signal:\t${signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

/** `DescribeProbe`, with the API server's probe defaults for fields left out. */
export function describeProbe(probe: Record<string, unknown>): string {
  const num = (k: string, d: number) => (typeof probe[k] === "number" ? (probe[k] as number) : d);
  const attrs = `delay=${num("initialDelaySeconds", 0)}s timeout=${num("timeoutSeconds", 1)}s period=${num("periodSeconds", 10)}s #success=${num("successThreshold", 1)} #failure=${num("failureThreshold", 3)}`;
  const exec = field<{ command?: string[] }>(probe, "exec");
  const http = field<{ scheme?: string; host?: string; port?: string | number; path?: string }>(probe, "httpGet");
  const tcp = field<{ host?: string; port?: string | number }>(probe, "tcpSocket");
  const grpc = field<{ port?: number; service?: string }>(probe, "grpc");
  if (exec) return `exec [${(exec.command ?? []).join(" ")}] ${attrs}`;
  if (http) {
    const scheme = (http.scheme ?? "HTTP").toLowerCase();
    const host = http.host ?? "";
    const port = http.port === undefined ? "" : String(http.port);
    const hostPort = port ? (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`) : host;
    let path = http.path ?? "/";
    if (path && !path.startsWith("/") && hostPort) path = "/" + path;
    return `http-get ${scheme}://${hostPort}${path} ${attrs}`;
  }
  if (tcp) return `tcp-socket ${tcp.host ?? ""}:${tcp.port ?? ""} ${attrs}`;
  if (grpc) return `grpc <pod>:${grpc.port ?? 0} ${grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

interface EnvVarFull {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { apiVersion?: string; fieldPath: string };
    resourceFieldRef?: { resource: string; containerName?: string; divisor?: string };
    secretKeyRef?: { name?: string; key: string; optional?: boolean };
    configMapKeyRef?: { name?: string; key: string; optional?: boolean };
  };
}

function resourceFieldValue(c: Container, resource: string, divisor: string | undefined): string {
  const [kind, name] = resource.split(".");
  const r = c.resources as ResourceLists | undefined;
  const raw = (kind === "limits" ? r?.limits : r?.requests)?.[name];
  const q = parseQuantity(raw ?? 0);
  const d = parseQuantity(divisor ?? "1");
  if (!q || !d || d.nanos === 0n) return "";
  // ExtractContainerResourceValue: ceil(value / divisor) for cpu, integer division otherwise.
  const v = q.nanos / d.nanos + (name === "cpu" && q.nanos % d.nanos !== 0n ? 1n : 0n);
  return String(v);
}

function describeEnv(c: Container, resolve: EnvResolver | undefined, w: PrefixWriter): void {
  const envFrom = field<EnvFromSource[]>(c, "envFrom") ?? [];
  if (envFrom.length > 0) {
    w.write(LEVEL_2, "Environment Variables from:\n");
    for (const e of envFrom) {
      let from = "";
      let name = "";
      let optional = false;
      if (e.configMapRef) {
        from = "ConfigMap";
        name = e.configMapRef.name ?? "";
        optional = !!e.configMapRef.optional;
      } else if (e.secretRef) {
        from = "Secret";
        name = e.secretRef.name ?? "";
        optional = !!e.secretRef.optional;
      }
      if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
      else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
    }
  }
  const env = (c.env ?? []) as EnvVarFull[];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
  for (const e of env) {
    const vf = e.valueFrom;
    if (!vf) {
      (e.value ?? "").split("\n").forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    if (vf.fieldRef) {
      const value = resolve ? resolve(vf.fieldRef.fieldPath) : "";
      w.write(LEVEL_3, `${e.name}:\t${value} (${vf.fieldRef.apiVersion ?? "v1"}:${vf.fieldRef.fieldPath})\n`);
    } else if (vf.resourceFieldRef) {
      const res = vf.resourceFieldRef.resource;
      let value = resourceFieldValue(c, res, vf.resourceFieldRef.divisor);
      if (value === "0" && (res === "limits.cpu" || res === "limits.memory")) value = "node allocatable";
      w.write(LEVEL_3, `${e.name}:\t${value} (${res})\n`);
    } else if (vf.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name ?? ""}'>\tOptional: ${!!vf.secretKeyRef.optional}\n`);
    } else if (vf.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name ?? ""}'>\tOptional: ${!!vf.configMapKeyRef.optional}\n`);
    }
  }
}

function describeMounts(c: Container, w: PrefixWriter): void {
  const mounts = (c.volumeMounts ?? []) as { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`);
  for (const m of goSort([...mounts], (a, b) => goStringCompare(a.mountPath, b.mountPath) < 0)) {
    const flags = [m.readOnly ? "ro" : "rw"];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
  }
  const devices = field<{ name: string; devicePath: string }[]>(c, "volumeDevices") ?? [];
  if (devices.length > 0) {
    w.write(LEVEL_2, "Devices:\n");
    for (const d of goSort([...devices], (a, b) => goStringCompare(a.devicePath, b.devicePath) < 0)) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}

/**
 * `describeContainers`: each container with its status when there is one (pods), or just its spec
 * (pod templates, where `space` is "  " and the container name gets one more space).
 */
export function describeContainers(label: string, containers: Container[], statuses: ContainerStatus[] | undefined, resolve: EnvResolver | undefined, w: PrefixWriter, space: string): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
  const nameIndent = space ? " " : "";
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ""}\n`);
    w.write(LEVEL_2, `Image:\t${c.image}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ""}\n`);
    const ports = portsString(c, false);
    if (ports.includes(",")) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
    const hostPorts = portsString(c, true);
    if (hostPorts.includes(",")) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
    const seccomp = field<{ type: string; localhostProfile?: string }>(c, "securityContext", "seccompProfile");
    if (seccomp) {
      w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === "Localhost") w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ""}\n`);
    }
    if (c.command && c.command.length > 0) {
      w.write(LEVEL_2, "Command:\n");
      for (const cmd of c.command) for (const s of cmd.split("\n")) w.write(LEVEL_3, `${s}\n`);
    }
    if (c.args && c.args.length > 0) {
      w.write(LEVEL_2, "Args:\n");
      for (const a of c.args) for (const s of a.split("\n")) w.write(LEVEL_3, `${s}\n`);
    }
    if (status) {
      describeState("State", status.state, w);
      const last = field<ContainerStatus["state"]>(status, "lastState");
      if (last?.terminated) describeState("Last State", last, w);
      w.write(LEVEL_2, `Ready:\t${status.ready ? "True" : "False"}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount}\n`);
    }
    describeResources(c.resources as ResourceLists | undefined, w, LEVEL_2);
    for (const [key, title] of [
      ["livenessProbe", "Liveness"],
      ["readinessProbe", "Readiness"],
      ["startupProbe", "Startup"],
    ] as const) {
      const probe = field<Record<string, unknown>>(c, key);
      if (probe) w.write(LEVEL_2, `${title}:\t${describeProbe(probe)}\n`);
    }
    describeEnv(c, resolve, w);
    describeMounts(c, w);
  }
}

type Volume = Record<string, unknown> & { name: string };

function describeVolumeSource(v: Volume, w: PrefixWriter): void {
  const bool = (x: unknown) => (x === true ? "true" : "false");
  if (v.hostPath) {
    const hp = v.hostPath as { path: string; type?: string };
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${hp.path}\n    HostPathType:\t${hp.type ?? ""}\n`);
  } else if (v.emptyDir) {
    const ed = v.emptyDir as { medium?: string; sizeLimit?: string };
    const q = parseQuantity(ed.sizeLimit);
    const limit = q && q.nanos > 0n ? formatQuantity(q) : "<unset>";
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${ed.medium ?? ""}\n    SizeLimit:\t${limit}\n`);
  } else if (v.secret) {
    const s = v.secret as { secretName?: string; optional?: boolean };
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${s.secretName ?? ""}\n    Optional:\t${bool(s.optional)}\n`);
  } else if (v.configMap) {
    const cm = v.configMap as { name?: string; optional?: boolean };
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${cm.name ?? ""}\n    Optional:\t${bool(cm.optional)}\n`);
  } else if (v.nfs) {
    const n = v.nfs as { server: string; path: string; readOnly?: boolean };
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${n.server}\n    Path:\t${n.path}\n    ReadOnly:\t${bool(n.readOnly)}\n`);
  } else if (v.persistentVolumeClaim) {
    const c = v.persistentVolumeClaim as { claimName: string; readOnly?: boolean };
    w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${c.claimName}\n    ReadOnly:\t${bool(c.readOnly)}\n`);
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
    for (const item of (field<Record<string, unknown>[]>(v, "downwardAPI", "items") ?? []) as { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { resource: string } }[]) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (const src of (field<Record<string, unknown>[]>(v, "projected", "sources") ?? []) as Record<string, { name?: string; optional?: boolean; expirationSeconds?: number }>[]) {
      if (src.secret) w.write(LEVEL_2, `SecretName:\t${src.secret.name ?? ""}\n    Optional:\t${bool(src.secret.optional)}\n`);
      else if (src.downwardAPI) w.write(LEVEL_2, "DownwardAPI:\ttrue\n");
      else if (src.configMap) w.write(LEVEL_2, `ConfigMapName:\t${src.configMap.name ?? ""}\n    Optional:\t${bool(src.configMap.optional)}\n`);
      else if (src.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${src.serviceAccountToken.expirationSeconds ?? 3600}\n`);
    }
  } else {
    w.write(LEVEL_1, "<unknown>\n");
  }
}

/** `describeVolumes`. */
export function describeVolumes(volumes: Record<string, unknown>[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  const nameIndent = space ? " " : "";
  for (const v of volumes as Volume[]) {
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    describeVolumeSource(v, w);
  }
}

/** `DescribePodTemplate`: the template of a ReplicaSet, Deployment or DaemonSet. */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, "Pod Template:\n");
  if (!template) {
    w.write(LEVEL_1, "<unset>");
    return;
  }
  printLabelsMultiline(w, "  Labels", template.metadata?.labels);
  const annotations = template.metadata?.annotations;
  if (annotations && Object.keys(annotations).length > 0) printAnnotationsMultiline(w, "  Annotations", annotations);
  const spec = template.spec;
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers && spec.initContainers.length > 0) describeContainers("Init Containers", spec.initContainers, undefined, undefined, w, "  ");
  describeContainers("Containers", spec.containers ?? [], undefined, undefined, w, "  ");
  describeVolumes(spec.volumes, w, "  ");
  describeTopologySpread(field(spec, "topologySpreadConstraints"), w, "  ");
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, "  Node-Selectors", spec.nodeSelector);
  printTolerationsMultiline(w, "  Tolerations", spec.tolerations);
}

interface SpreadConstraint {
  topologyKey: string;
  maxSkew: number;
  whenUnsatisfiable: string;
  labelSelector?: LabelSelector;
}

/** `describeTopologySpreadConstraints`. */
export function describeTopologySpread(tscs: SpreadConstraint[] | undefined, w: PrefixWriter, space: string): void {
  if (!tscs || tscs.length === 0) return;
  const sorted = goSort([...tscs], (a, b) => goStringCompare(a.topologyKey, b.topologyKey) < 0);
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, "\t");
    }
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${selectorText(t.labelSelector)}`;
    w.write(LEVEL_0, s + "\n");
  });
}
