/**
 * Every API kind the cluster serves, listed once, in `kubectl api-resources` order (the core
 * group first, then the other groups by name). The API server, the decoder, `kubectl get`'s
 * tables, `api-resources`, the namespace controller, the garbage collector and the UI snapshot all
 * read this list, so nothing else names the kinds.
 *
 * Adding a kind:
 *  1. Make a folder `kinds/<kind>/` with `types.ts` (the object's shape) and `index.ts` exporting a
 *     `defineKind({...})`: its resource info (names, short names, group/version, namespaced,
 *     verbs), its decoder schema, defaulting, validation, create/delete strategy (allocation and
 *     its release, graceful deletion) and its table columns. Port from upstream and say which file
 *     with a `Models <upstream path>` comment; split into defaults.ts, validation.ts, table.ts…
 *     when it grows (kinds/service/, kinds/pod/).
 *  2. Add its type to the union in `kinds/objects.ts` (and re-export it from cluster/types.ts),
 *     and its definition to `KINDS` below, at its `kubectl api-resources` place.
 *  3. If it has a describer, add one file to `kubectl/describe/` and list it in
 *     `kubectl/describe/registry.ts`; if it runs pods, add a line to the tables of
 *     `kubectl/polymorphic.ts`; a controller goes in `cluster/controllers/` and is listed in
 *     `cluster/controllers/registry.ts`.
 * `kinds/registry.test.ts` checks every kind is complete and that no per-kind switch grows back.
 */
import type { KindDef } from "./kind";
import type { Kind } from "./objects";
import { configMap } from "./configmap";
import { daemonSet } from "./daemonset";
import { deployment } from "./deployment";
import { endpoints } from "./endpoints";
import { endpointSlice } from "./endpointslice";
import { event } from "./event";
import { namespace } from "./namespace";
import { node } from "./node";
import { pod } from "./pod";
import { replicaSet } from "./replicaset";
import { service } from "./service";

/** In `kubectl api-resources` order. */
export const KINDS: readonly KindDef[] = [
  configMap,
  endpoints,
  event,
  namespace,
  node,
  pod,
  service,
  daemonSet,
  deployment,
  replicaSet,
  endpointSlice,
] as readonly KindDef[];

const byKind = new Map<string, KindDef>(KINDS.map((k) => [k.resource.kind, k]));

/** The definition of a registered kind; undefined for a kind the cluster does not serve. */
export function kindDef<K extends Kind>(kind: K): KindDef<K>;
export function kindDef(kind: string): KindDef | undefined;
export function kindDef(kind: string): KindDef | undefined {
  return byKind.get(kind);
}
