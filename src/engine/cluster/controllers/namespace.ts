import type { ApiServer } from "../apiserver";
import { RESOURCES } from "../resources";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";

const SYNC_DELAY_MS = 50;
const RETRY_MS = 1000;

/**
 * The namespace controller: a Terminating namespace has all its content deleted (pods
 * gracefully); when nothing is left, the namespace itself goes.
 */
export class NamespaceController implements Controller {
  readonly name = "namespace-controller";
  private queue!: WorkQueue;

  constructor(private readonly api: ApiServer) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, SYNC_DELAY_MS, (key) => this.sync(rt, key));
    rt.store.watch("Namespace", (e) => {
      if (e.type !== "DELETED" && e.object.metadata.deletionTimestamp) this.queue.add(e.object.metadata.name);
    });
  }

  private sync(rt: Runtime, name: string): void {
    const ns = rt.store.get("Namespace", undefined, name);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    let left = 0;
    for (const r of RESOURCES) {
      if (!r.namespaced) continue;
      for (const o of rt.store.list(r.kind, name)) {
        left++;
        if (!o.metadata.deletionTimestamp) this.api.delete(r.kind, name, o.metadata.name);
      }
    }
    if (left === 0) rt.store.remove("Namespace", undefined, name);
    else this.queue.addAfter(name, RETRY_MS);
  }
}
