import { storageQuotaExceeded } from "./quota";
import { clone, deepEqual } from "../util/clone";
import { rfc3339 } from "./clock";
import { alreadyExists, fail, forbidden, invalid, notFound, ok, type ApiError, type Result } from "./errors";
import type { ServiceIpam } from "../kinds/service/allocation";
import { fieldErrorsToCauses } from "./validation";
import { qualifiedPlural, resourceOf } from "./resources";
import type { Runtime } from "./runtime";
import type { AnyObject, Kind, ObjectOfKind } from "./types";
import type { DeleteOptions, KindDef, StrategyContext } from "../kinds/kind";
import { kindDef } from "../kinds/registry";

export type { DeleteOptions } from "../kinds/kind";

export interface CreateOptions {
  /** `--dry-run=server`: run admission, store nothing, allocate nothing. */
  dryRun?: boolean;
}

/**
 * The API server's write path, one generic pipeline for every kind (the kind's strategy from
 * kinds/registry.ts supplies each step): namespace checks, generateName, prepare and default,
 * validate, allocate, then the store. Every writer — kubectl, controllers, the UI —
 * goes through here, so the same rules hold whoever acts (DESIGN.md principle 4).
 */
export class ApiServer {
  private readonly ctx: StrategyContext;

  constructor(
    private readonly rt: Runtime,
    readonly ipam: ServiceIpam,
  ) {
    this.ctx = { store: rt.store, clock: rt.clock, prng: rt.prng, uids: rt.uids, ipam };
  }

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

    // What a real server resets or fills on create: defaulting, then the strategy's PrepareForCreate.
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    const def: KindDef = kindDef(obj.kind as string)!;
    def.default?.(obj);
    def.prepareForCreate?.(obj, this.ctx);
    const errors = fieldErrorsToCauses(def.validate(obj, undefined));
    if (errors.length > 0) return fail(invalid(obj.kind, meta.name, errors, groupKind(obj.kind)));
    if (rt.store.get(obj.kind, meta.namespace, meta.name)) return fail(alreadyExists(qualifiedPlural(r), meta.name));
    const full = opts.dryRun ? undefined : storageQuotaExceeded(rt.store);
    if (full) return fail(full);

    if (def.allocate) {
      const alloc = def.allocate(obj, undefined, this.ctx, !!opts.dryRun);
      if (!alloc.ok) return fail(alloc.error);
    }

    meta.uid = rt.uids.uuid();
    meta.creationTimestamp = rfc3339(rt.clock.now);
    if (def.desiredState) meta.generation = 1;
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
    // A PUT carries the whole object: missing defaults are filled again.
    const def: KindDef = kindDef(obj.kind as string)!;
    const o: AnyObject = obj;
    const prev: AnyObject = old;
    def.default?.(o);
    if (def.allocate) {
      const alloc = def.allocate(o, prev, this.ctx, false);
      if (!alloc.ok) return fail(alloc.error);
    }
    const errors = fieldErrorsToCauses(def.validate(o, prev));
    if (errors.length > 0) {
      def.release?.(o, prev, this.ctx);
      return fail(invalid(obj.kind, obj.metadata.name, errors, groupKind(obj.kind)));
    }
    bumpGeneration(obj, old);
    def.release?.(prev, o, this.ctx);
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
    const def: KindDef = kindDef(kind as string)!;
    const graceful = def.beforeDelete?.(obj, this.ctx, opts);
    if (graceful) return graceful as Result<ObjectOfKind<K>>;
    const removed = rt.store.remove(kind, ns, name)!;
    def.release?.(removed, undefined, this.ctx);
    return ok(removed);
  }
}

/** `metadata.generation` counts changes to the desired state (spec; an EndpointSlice's endpoints and ports). */
function bumpGeneration(obj: AnyObject, old: AnyObject): void {
  const desired = kindDef(obj.kind as string)?.desiredState;
  if (!desired) return;
  if (!deepEqual(desired(obj), desired(old))) obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
}

function groupKind(kind: Kind): string {
  const g = resourceOf(kind).group;
  return g ? `${kind}.${g}` : kind;
}

export type { ApiError };
