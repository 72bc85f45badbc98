/**
 * The Go types the API server's JSON decoder checks (cluster/decode.ts reads them): each kind's
 * folder describes its top-level fields with these, so a field of the wrong JSON type is refused
 * with Go's `json: cannot unmarshal …` message. Shared structs (ObjectMeta, PodSpec, …) live here.
 */
export type SchemaType =
  | { k: "string" | "int32" | "int64" | "bool" | "intOrString" | "any" }
  | { k: "map"; go: string; of: SchemaType }
  | { k: "list"; go: string; of: SchemaType }
  | { k: "struct"; go: string; fields: () => Record<string, SchemaType>; ptr?: boolean };

const str: SchemaType = { k: "string" };
const i32: SchemaType = { k: "int32" };
const i64: SchemaType = { k: "int64" };
const bool: SchemaType = { k: "bool" };
const intOrString: SchemaType = { k: "intOrString" };
const any: SchemaType = { k: "any" };
const strMap: SchemaType = { k: "map", go: "map[string]string", of: str };
const list = (go: string, of: SchemaType): SchemaType => ({ k: "list", go, of });
/** A Go struct held by value: absent or null, it decodes to its zero value (an empty struct). */
const struct = (go: string, fields: () => Record<string, SchemaType>): SchemaType => ({ k: "struct", go, fields });
/** A Go struct held by pointer: absent or null stays nil. */
const ptrStruct = (go: string, fields: () => Record<string, SchemaType>): SchemaType => ({ k: "struct", go, fields, ptr: true });

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

/** A kind's top-level schema: its Go type name and its fields. */
export interface StructSchema {
  go: string;
  fields: Record<string, SchemaType>;
}

export { str, i32, i64, bool, intOrString, any, strMap, list, struct, ptrStruct, objectMeta, container, podSpec, templateSpec, labelSelector, workloadSpec, serviceSpec };
