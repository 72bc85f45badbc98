import type { ApiServer } from "../apiserver";
import type { Controller, Runtime } from "../runtime";
import type { AnyObject, Kind } from "../types";
import { KINDS, kindDef } from "../../kinds/registry";

const GC_DELAY_MS = 20;
/** Kinds that have owners in Podflow's cluster, and kinds that own others (from the kind registry). */
const DEPENDENT_KINDS: Kind[] = KINDS.filter((k) => k.gc?.dependent).map((k) => k.resource.kind);
const OWNER_KINDS: Kind[] = KINDS.filter((k) => k.gc?.owner).map((k) => k.resource.kind);

/**
 * The garbage collector: when an owner is gone, its dependents are deleted (background
 * propagation, kubectl's default). Deleting a Deployment removes its ReplicaSets, whose removal
 * in turn removes their pods (gracefully).
 */
export class GarbageCollector implements Controller {
  readonly name = "garbage-collector";
  /** owner uid → dependents ("Kind/ns/name"). */
  private readonly dependents = new Map<string, Set<string>>();

  constructor(private readonly api: ApiServer) {}

  register(rt: Runtime): void {
    for (const kind of DEPENDENT_KINDS) {
      rt.store.watch(kind, (e) => {
        if (e.old) this.unindex(e.old);
        if (e.type !== "DELETED") this.index(e.object);
      });
    }
    const onOwnerGone = (o: AnyObject) => {
      const deps = this.dependents.get(o.metadata.uid);
      if (!deps || deps.size === 0) return;
      const uid = o.metadata.uid;
      rt.clock.schedule(GC_DELAY_MS, () => this.collect(rt, uid));
    };
    for (const kind of OWNER_KINDS) {
      rt.store.watch(kind, (e) => {
        if (e.type === "DELETED") onOwnerGone(e.object);
      });
    }
  }

  private collect(rt: Runtime, ownerUid: string): void {
    for (const dep of [...(this.dependents.get(ownerUid) ?? [])]) {
      const [kind, ns, name] = dep.split("/") as [Kind, string, string];
      const obj = rt.store.get(kind, ns || undefined, name);
      if (!obj || obj.metadata.deletionTimestamp) continue;
      // Only when no other owner remains (all owners must be gone).
      const others = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
      if (others.some((r) => this.ownerExists(rt, r.kind as Kind, ns, r.name, r.uid))) continue;
      this.api.delete(kind, ns || undefined, name);
    }
  }

  private ownerExists(rt: Runtime, kind: Kind, ns: string, name: string, uid: string): boolean {
    const o = rt.store.get(kind, kindDef(kind as string)?.resource.namespaced === false ? undefined : ns, name);
    return !!o && o.metadata.uid === uid;
  }

  private index(o: AnyObject): void {
    for (const r of o.metadata.ownerReferences ?? []) {
      let s = this.dependents.get(r.uid);
      if (!s) this.dependents.set(r.uid, (s = new Set()));
      s.add(`${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`);
    }
  }

  private unindex(o: AnyObject): void {
    for (const r of o.metadata.ownerReferences ?? []) {
      const s = this.dependents.get(r.uid);
      s?.delete(`${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`);
      if (s && s.size === 0) this.dependents.delete(r.uid);
    }
  }
}
