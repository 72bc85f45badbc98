/**
 * What the API server's JSON decoder does before anything else: an object whose fields have the
 * wrong JSON type is refused with Go's `encoding/json` message (`json: cannot unmarshal string
 * into Go struct field PodSpec.spec.containers of type []v1.Container`), and JSON `null` becomes
 * the zero value. Only the fields Podflow models are described; others pass untouched.
 *
 * Without this, a manifest such as `spec:` with nothing under it, or `containers: x`, would reach
 * defaulting and validation in a shape they cannot read.
 */
import type { AnyObject } from "./types";
import { badRequest, type ApiError } from "./errors";
import { setOwn } from "../util/clone";

type T =
  | { k: "string" | "int32" | "int64" | "bool" | "intOrString" | "any" }
  | { k: "map"; go: string; of: T }
  | { k: "list"; go: string; of: T }
  | { k: "struct"; go: string; fields: () => Record<string, T>; ptr?: boolean };

const str: T = { k: "string" };
const i32: T = { k: "int32" };
const i64: T = { k: "int64" };
const bool: T = { k: "bool" };
const intOrString: T = { k: "intOrString" };
const any: T = { k: "any" };
const strMap: T = { k: "map", go: "map[string]string", of: str };
const list = (go: string, of: T): T => ({ k: "list", go, of });
/** A Go struct held by value: absent or null, it decodes to its zero value (an empty struct). */
const struct = (go: string, fields: () => Record<string, T>): T => ({ k: "struct", go, fields });
/** A Go struct held by pointer: absent or null stays nil. */
const ptrStruct = (go: string, fields: () => Record<string, T>): T => ({ k: "struct", go, fields, ptr: true });

const ownerRef = struct("v1.OwnerReference", () => ({ apiVersion: str, kind: str, name: str, uid: str, controller: bool, blockOwnerDeletion: bool }));
const objectMeta = struct("v1.ObjectMeta", () => ({
  name: str,
  generateName: str,
  namespace: str,
  uid: str,
  resourceVersion: str,
  generation: i64,
  labels: strMap,
  annotations: strMap,
  ownerReferences: list("[]v1.OwnerReference", ownerRef),
  finalizers: list("[]string", str),
}));
const containerPort = struct("v1.ContainerPort", () => ({ name: str, containerPort: i32, protocol: str, hostPort: i32 }));
const envVar = struct("v1.EnvVar", () => ({ name: str, value: str, valueFrom: any }));
const container = struct("v1.Container", () => ({
  name: str,
  image: str,
  command: list("[]string", str),
  args: list("[]string", str),
  ports: list("[]v1.ContainerPort", containerPort),
  env: list("[]v1.EnvVar", envVar),
  imagePullPolicy: str,
  resources: any,
  volumeMounts: any,
  readinessProbe: any,
  livenessProbe: any,
}));
const toleration = struct("v1.Toleration", () => ({ key: str, operator: str, value: str, effect: str, tolerationSeconds: i64 }));
const podSpec = struct("v1.PodSpec", () => ({
  containers: list("[]v1.Container", container),
  initContainers: list("[]v1.Container", container),
  restartPolicy: str,
  nodeName: str,
  nodeSelector: strMap,
  hostname: str,
  hostNetwork: bool,
  terminationGracePeriodSeconds: i64,
  tolerations: list("[]v1.Toleration", toleration),
  volumes: any,
  serviceAccountName: str,
}));
const templateSpec = struct("v1.PodTemplateSpec", () => ({ metadata: objectMeta, spec: podSpec }));
const selectorReq = struct("v1.LabelSelectorRequirement", () => ({ key: str, operator: str, values: list("[]string", str) }));
const labelSelector = ptrStruct("v1.LabelSelector", () => ({ matchLabels: strMap, matchExpressions: list("[]v1.LabelSelectorRequirement", selectorReq) }));
const workloadSpec = (go: string) => struct(go, () => ({ replicas: i32, selector: labelSelector, template: templateSpec, minReadySeconds: i32, revisionHistoryLimit: i32, progressDeadlineSeconds: i32, paused: bool, strategy: any, updateStrategy: any }));
const servicePort = struct("v1.ServicePort", () => ({ name: str, protocol: str, appProtocol: str, port: i32, targetPort: intOrString, nodePort: i32 }));
const serviceSpec = struct("v1.ServiceSpec", () => ({
  type: str,
  selector: strMap,
  ports: list("[]v1.ServicePort", servicePort),
  clusterIP: str,
  clusterIPs: list("[]string", str),
  externalName: str,
  externalIPs: list("[]string", str),
  sessionAffinity: str,
  sessionAffinityConfig: any,
  internalTrafficPolicy: str,
  externalTrafficPolicy: str,
  publishNotReadyAddresses: bool,
}));

const SPECS: Partial<Record<AnyObject["kind"], { go: string; fields: Record<string, T> }>> = {
  Pod: { go: "Pod", fields: { metadata: objectMeta, spec: podSpec } },
  Deployment: { go: "Deployment", fields: { metadata: objectMeta, spec: workloadSpec("v1.DeploymentSpec") } },
  ReplicaSet: { go: "ReplicaSet", fields: { metadata: objectMeta, spec: workloadSpec("v1.ReplicaSetSpec") } },
  DaemonSet: { go: "DaemonSet", fields: { metadata: objectMeta, spec: workloadSpec("v1.DaemonSetSpec") } },
  Service: { go: "Service", fields: { metadata: objectMeta, spec: serviceSpec } },
  ConfigMap: { go: "ConfigMap", fields: { metadata: objectMeta, data: strMap } },
  Namespace: { go: "Namespace", fields: { metadata: objectMeta } },
};

function jsonType(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "array";
  return "object";
}

function goName(t: T): string {
  switch (t.k) {
    case "map":
    case "list":
    case "struct":
      return t.go;
    case "intOrString":
      return "intstr.IntOrString";
    default:
      return t.k;
  }
}

class DecodeError {
  constructor(
    readonly found: string,
    readonly owner: string,
    readonly path: string,
    readonly type: T,
  ) {}
}

/** Zero value of a type (what Go decodes `null` into). */
function zero(t: T): unknown {
  return t.k === "string" ? "" : t.k === "bool" ? false : t.k === "int32" || t.k === "int64" ? 0 : undefined;
}

/** Checks `v` against `t`; returns the value with nulls in lists/maps as Go leaves them. */
function check(v: unknown, t: T, owner: string, path: string): unknown {
  if (v === null || v === undefined) return undefined; // null: the zero value (fields left unset)
  const bad = () => new DecodeError(jsonType(v), owner, path, t);
  switch (t.k) {
    case "any":
      return v;
    case "string":
      if (typeof v !== "string") throw bad();
      return v;
    case "bool":
      if (typeof v !== "boolean") throw bad();
      return v;
    case "int32":
    case "int64":
      if (typeof v !== "number") throw bad();
      if (!Number.isInteger(v)) throw new DecodeError(`number ${v}`, owner, path, t);
      return v;
    case "intOrString":
      if (typeof v !== "string" && typeof v !== "number") throw bad();
      return v;
    case "map": {
      if (jsonType(v) !== "object") throw bad();
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) setOwn(out, k, x === null ? zero(t.of) : check(x, t.of, owner, path));
      return out;
    }
    case "list": {
      if (!Array.isArray(v)) throw bad();
      return v.map((x) => (x === null ? (t.of.k === "struct" ? {} : zero(t.of)) : check(x, t.of, owner, path)));
    }
    case "struct": {
      if (jsonType(v) !== "object") throw bad();
      const fields = t.fields();
      const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      const goStruct = t.go.replace(/^v1\./, "");
      for (const [name, ft] of Object.entries(fields)) {
        if (out[name] === undefined || out[name] === null) {
          // Value structs exist even when the request leaves them out (Go's zero value).
          if (ft.k === "struct" && !ft.ptr) out[name] = check({}, ft, goStruct, path ? `${path}.${name}` : name);
          else delete out[name];
          continue;
        }
        const checked = check(out[name], ft, goStruct, path ? `${path}.${name}` : name);
        if (checked === undefined) delete out[name];
        else out[name] = checked;
      }
      return out;
    }
  }
}

/**
 * Decodes a request body as the API server would; `{ ok: false }` carries the 400 kubectl prints:
 * `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal …`.
 */
export function decodeObject<O extends AnyObject>(obj: O): { ok: true; value: O } | { ok: false; error: ApiError } {
  const spec = SPECS[obj.kind];
  if (!spec) return { ok: true, value: obj };
  try {
    const out = { ...(obj as unknown as Record<string, unknown>) };
    for (const [name, t] of Object.entries(spec.fields)) {
      if (out[name] === undefined || out[name] === null) {
        if (t.k === "struct" && !t.ptr) out[name] = check({}, t, spec.go, name);
        else delete out[name];
        continue;
      }
      const checked = check(out[name], t, spec.go, name);
      if (checked === undefined) delete out[name];
      else out[name] = checked;
    }
    return { ok: true, value: out as unknown as O };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    const version = (obj.apiVersion ?? "v1").split("/").pop();
    const what = e.found.startsWith("number ") ? e.found : e.found;
    return {
      ok: false,
      error: badRequest(`${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: json: cannot unmarshal ${what} into Go struct field ${e.owner}.${e.path} of type ${goName(e.type)}`),
    };
  }
}
