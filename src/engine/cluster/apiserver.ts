import { storageQuotaExceeded } from "./quota";
import { clone, deepEqual } from "../util/clone";
import { rfc3339 } from "./clock";
import {
  defaultDaemonSet,
  defaultDeployment,
  defaultPodSpec,
  defaultReplicaSet,
  defaultService,
} from "./defaults";
import { alreadyExists, fail, forbidden, invalid, notFound, ok, type ApiError, type Result } from "./errors";
import { allocateServiceAddresses, releaseServiceAddresses, type ServiceIpam } from "./service-ipam";
import { validateObject } from "./admission";
import { qualifiedPlural, resourceOf } from "./resources";
import type { Runtime } from "./runtime";
import type { AnyObject, Kind, ObjectOfKind, Pod, Service } from "./types";

export interface CreateOptions {
  /** `--dry-run=server`: run admission, store nothing, allocate nothing. */
  dryRun?: boolean;
}

export interface DeleteOptions {
  /** Overrides the pod's terminationGracePeriodSeconds (`--grace-period`). */
  gracePeriodSeconds?: number;
}

/**
 * The API server's write path: namespace checks, generateName, defaulting, validation,
 * ClusterIP/NodePort allocation, then the store. Every writer — kubectl, controllers, the UI —
 * goes through here, so the same rules hold whoever acts (DESIGN.md principle 4).
 */
export class ApiServer {
  constructor(
    private readonly rt: Runtime,
    readonly ipam: ServiceIpam,
  ) {}

  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Result<ObjectOfKind<K>> {
    const r = resourceOf(kind);
    const obj = this.rt.store.get(kind, r.namespaced ? namespace : undefined, name);
    return obj ? ok(obj) : fail(notFound(qualifiedPlural(r), name));
  }

  create<T extends AnyObject>(input: T, opts: CreateOptions = {}): Result<T> {
    const rt = this.rt;
    const r = resourceOf(input.kind);
    const obj = clone(input);
    const meta = (obj.metadata ??= {} as T["metadata"]);
    if (r.namespaced) {
      meta.namespace ??= "default";
      const ns = rt.store.get("Namespace", undefined, meta.namespace);
      if (!ns) return fail(notFound("namespaces", meta.namespace));
      if (ns.status.phase === "Terminating") {
        return fail(
          forbidden(
            `${qualifiedPlural(r)} "${meta.name ?? meta.generateName ?? ""}" is forbidden: unable to create new content in namespace ${meta.namespace} because it is being terminated`,
          ),
        );
      }
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = meta.generateName.slice(0, 58) + rt.prng.k8sString(5);
    meta.name ??= "";

    prepareForCreate(obj, () => rt.uids.k8sString(5));
    const errors = validateObject(obj, undefined);
    if (errors.length > 0) return fail(invalid(obj.kind, meta.name, errors, groupKind(obj.kind)));
    if (rt.store.get(obj.kind, meta.namespace, meta.name)) return fail(alreadyExists(qualifiedPlural(r), meta.name));
    const full = opts.dryRun ? undefined : storageQuotaExceeded(rt.store);
    if (full) return fail(full);

    if (obj.kind === "Service") {
      const alloc = allocateServiceAddresses(this.ipam, obj as Service, undefined, !!opts.dryRun);
      if (!alloc.ok) return fail(alloc.error);
    }

    meta.uid = rt.uids.uuid();
    meta.creationTimestamp = rfc3339(rt.clock.now);
    if (hasGeneration(obj.kind)) meta.generation = 1;
    if (opts.dryRun) {
      meta.resourceVersion = "";
      return ok(obj);
    }
    return ok(rt.store.put(obj));
  }

  /**
   * Replaces an object (PUT). Server-owned fields the client did not send are kept: uid,
   * creationTimestamp, allocated ClusterIPs and NodePorts, and status (controllers write status
   * through {@link write}).
   */
  update<T extends AnyObject>(input: T): Result<T> {
    const rt = this.rt;
    const r = resourceOf(input.kind);
    const ns = r.namespaced ? (input.metadata.namespace ?? "default") : undefined;
    const old = rt.store.get(input.kind, ns, input.metadata.name) as T | undefined;
    if (!old) return fail(notFound(qualifiedPlural(r), input.metadata.name));
    const obj = clone(input);
    obj.metadata = {
      ...obj.metadata,
      namespace: ns,
      uid: old.metadata.uid,
      creationTimestamp: old.metadata.creationTimestamp,
      deletionTimestamp: old.metadata.deletionTimestamp,
      deletionGracePeriodSeconds: old.metadata.deletionGracePeriodSeconds,
      generation: old.metadata.generation,
    };
    if ("status" in old) (obj as { status?: unknown }).status = clone((old as { status?: unknown }).status);
    prepareForUpdate(obj);
    if (obj.kind === "Service") {
      const alloc = allocateServiceAddresses(this.ipam, obj as Service, old as unknown as Service, false);
      if (!alloc.ok) return fail(alloc.error);
    }
    const errors = validateObject(obj, old);
    if (errors.length > 0) {
      if (obj.kind === "Service") releaseServiceAddresses(this.ipam, obj as Service, old as unknown as Service);
      return fail(invalid(obj.kind, obj.metadata.name, errors, groupKind(obj.kind)));
    }
    bumpGeneration(obj, old);
    if (obj.kind === "Service") releaseServiceAddresses(this.ipam, old as unknown as Service, obj as Service);
    if (deepEqual(obj, { ...old, metadata: { ...old.metadata, resourceVersion: obj.metadata.resourceVersion } })) {
      return ok(old);
    }
    return ok(rt.store.put(obj));
  }

  /** Writes controller-owned fields (status, ownerReferences) without admission: trusted callers only. */
  write<T extends AnyObject>(obj: T): T {
    const old = this.rt.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
    if (old) bumpGeneration(obj, old);
    return this.rt.store.put(obj);
  }

  /**
   * DELETE. Pods on a node terminate gracefully (deletionTimestamp set, the kubelet finishes);
   * namespaces go Terminating (the namespace controller empties them); everything else goes at
   * once and the garbage collector removes its dependents (kubectl's default, background).
   */
  delete<K extends Kind>(kind: K, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Result<ObjectOfKind<K>> {
    const rt = this.rt;
    const r = resourceOf(kind);
    const ns = r.namespaced ? (namespace ?? "default") : undefined;
    const obj = rt.store.get(kind, ns, name);
    if (!obj) return fail(notFound(qualifiedPlural(r), name));
    if (kind === "Namespace") {
      if (name === "default" || name === "kube-system" || name === "kube-public" || name === "kube-node-lease") {
        return fail(forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`));
      }
      if (obj.metadata.deletionTimestamp) return ok(obj);
      const nsObj = clone(obj) as ObjectOfKind<"Namespace">;
      nsObj.metadata.deletionTimestamp = rfc3339(rt.clock.now);
      nsObj.status.phase = "Terminating";
      return ok(rt.store.put(nsObj) as ObjectOfKind<K>);
    }
    if (kind === "Pod") {
      const pod = obj as Pod;
      const grace = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
      if (pod.spec.nodeName && grace > 0 && pod.status.phase !== "Succeeded" && pod.status.phase !== "Failed") {
        if (pod.metadata.deletionTimestamp) {
          // A second delete may only shorten the grace period.
          if (grace >= (pod.metadata.deletionGracePeriodSeconds ?? grace)) return ok(obj);
        }
        const p = clone(pod);
        p.metadata.deletionTimestamp = rfc3339(rt.clock.now + grace * 1000);
        p.metadata.deletionGracePeriodSeconds = grace;
        return ok(rt.store.put(p) as ObjectOfKind<K>);
      }
    }
    const removed = rt.store.remove(kind, ns, name)!;
    if (kind === "Service") releaseServiceAddresses(this.ipam, removed as unknown as Service, undefined);
    return ok(removed);
  }
}

/**
 * The DefaultTolerationSeconds admission plugin: pods that do not already tolerate the
 * not-ready / unreachable NoExecute taints get them for 300 s.
 */
function addDefaultTolerations(pod: Pod): void {
  const tol = (pod.spec.tolerations ??= []);
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    const covered = tol.some((t) => (t.effect === "NoExecute" || !t.effect) && (t.key === key || (!t.key && t.operator === "Exists")));
    if (!covered) tol.push({ effect: "NoExecute", key, operator: "Exists", tolerationSeconds: 300 });
  }
}

/** `qos.GetPodQOS`: Guaranteed when every container's cpu and memory limits equal its requests. */
function qosClass(pod: Pod): string {
  const res = pod.spec.containers.map((c) => (c.resources ?? {}) as { limits?: Record<string, string>; requests?: Record<string, string> });
  if (res.every((r) => Object.keys(r.requests ?? {}).length === 0 && Object.keys(r.limits ?? {}).length === 0)) return "BestEffort";
  const guaranteed = res.every((r) => ["cpu", "memory"].every((k) => r.limits?.[k] !== undefined && (r.requests?.[k] ?? r.limits[k]) === r.limits[k]));
  return guaranteed ? "Guaranteed" : "Burstable";
}

/**
 * The ServiceAccount admission plugin: every pod (but static mirror pods) gets the projected
 * `kube-api-access-xxxxx` volume with the token, the CA and its namespace, mounted read-only.
 */
function mountServiceAccountToken(pod: Pod, rngName: () => string): void {
  if (pod.metadata.annotations?.["kubernetes.io/config.source"] === "file") return;
  if (pod.spec.volumes?.some((v) => String(v.name).startsWith("kube-api-access-"))) return;
  const name = `kube-api-access-${rngName()}`;
  pod.spec.volumes = [
    ...(pod.spec.volumes ?? []),
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
          { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
        ],
      },
    },
  ];
  for (const c of pod.spec.containers) {
    c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", name, readOnly: true }];
  }
}

/** What a real server resets or fills on create. */
function prepareForCreate(obj: AnyObject, rngName: () => string): void {
  delete obj.metadata.deletionTimestamp;
  delete obj.metadata.deletionGracePeriodSeconds;
  switch (obj.kind) {
    case "Pod":
      obj.spec ??= { containers: [] };
      defaultPodSpec(obj.spec);
      obj.spec.enableServiceLinks ??= true;
      obj.spec.preemptionPolicy ??= "PreemptLowerPriority";
      // The Priority admission plugin resolves the built-in priority classes.
      obj.spec.priority ??= obj.spec.priorityClassName === "system-node-critical" ? 2000001000 : obj.spec.priorityClassName === "system-cluster-critical" ? 2000000000 : 0;
      obj.spec.serviceAccountName ??= "default";
      obj.spec.serviceAccount ??= obj.spec.serviceAccountName;
      addDefaultTolerations(obj);
      obj.status = { phase: "Pending", qosClass: qosClass(obj) };
      mountServiceAccountToken(obj, rngName);
      break;
    case "Deployment":
      obj.spec ??= {} as typeof obj.spec;
      defaultDeployment(obj);
      obj.status = {};
      break;
    case "ReplicaSet":
      defaultReplicaSet(obj);
      obj.status = { replicas: 0 };
      break;
    case "DaemonSet":
      defaultDaemonSet(obj);
      break;
    case "Service":
      obj.spec ??= {} as typeof obj.spec;
      defaultService(obj);
      obj.status = { loadBalancer: {} };
      break;
    case "Namespace":
      obj.spec = { finalizers: ["kubernetes"] };
      obj.status = { phase: "Active" };
      obj.metadata.labels = { ...obj.metadata.labels, "kubernetes.io/metadata.name": obj.metadata.name };
      break;
    default:
      break;
  }
}

/** Defaulting on update (a PUT carries the whole object; missing defaults are filled again). */
function prepareForUpdate(obj: AnyObject): void {
  switch (obj.kind) {
    case "Pod":
      defaultPodSpec(obj.spec);
      break;
    case "Deployment":
      defaultDeployment(obj);
      break;
    case "ReplicaSet":
      defaultReplicaSet(obj);
      break;
    case "DaemonSet":
      defaultDaemonSet(obj);
      break;
    case "Service":
      defaultService(obj);
      break;
    case "Namespace":
      obj.metadata.labels = { ...obj.metadata.labels, "kubernetes.io/metadata.name": obj.metadata.name };
      break;
    default:
      break;
  }
}

/** `metadata.generation` counts changes to the desired state (spec; an EndpointSlice's endpoints and ports). */
function bumpGeneration(obj: AnyObject, old: AnyObject): void {
  if (!hasGeneration(obj.kind)) return;
  const desired = (o: AnyObject) => (o.kind === "EndpointSlice" ? [o.endpoints, o.ports] : (o as { spec?: unknown }).spec);
  if (!deepEqual(desired(obj), desired(old))) obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
}

function hasGeneration(kind: Kind): boolean {
  return kind === "Deployment" || kind === "ReplicaSet" || kind === "DaemonSet" || kind === "EndpointSlice";
}

function groupKind(kind: Kind): string {
  const g = resourceOf(kind).group;
  return g ? `${kind}.${g}` : kind;
}

export type { ApiError };
