/**
 * What one API kind is, in one place: how `kubectl api-resources` lists it, how the API server
 * decodes, defaults, validates, allocates for and deletes it, and how `kubectl get` prints it.
 * Each kind's folder exports one {@link KindDef}; `registry.ts` lists them.
 *
 * Models the shape of k8s.io/apiserver/pkg/registry/rest (RESTCreateStrategy,
 * RESTUpdateStrategy, RESTDeleteStrategy) and of each kind's `pkg/registry/<group>/<kind>/strategy.go`,
 * with the table columns of `pkg/printers/internalversion/printers.go` beside them.
 */
import type { Clock } from "../cluster/clock";
import type { ApiError, Result } from "../cluster/errors";
import type { ServiceIpam } from "./service/allocation";
import type { ObjectStore } from "../cluster/store";
import type { FieldError } from "../cluster/validation";
import type { Prng } from "../util/prng";
import type { AnyObject, Kind, ObjectOfKind } from "./objects";
import type { StructSchema } from "./schema";

/** One API resource, as `kubectl api-resources` lists it. */
export interface ResourceInfo {
  kind: Kind;
  /** Lower-case plural, the REST resource name: "pods". */
  plural: string;
  singular: string;
  shortNames: string[];
  /** "" for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  verbs: string[];
}

/** The verbs of a resource that supports everything (most built-in kinds). */
export const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

/** What a strategy may use: the store (read), the clock, the random streams and the allocators. */
export interface StrategyContext {
  readonly store: ObjectStore;
  readonly clock: Clock;
  /** Choices a learner sees (generated names). */
  readonly prng: Prng;
  /** Names nobody reads closely (the ServiceAccount volume's suffix). */
  readonly uids: Prng;
  readonly ipam: ServiceIpam;
}

/** One `kubectl get` table: headers, `-o wide` extra headers, and one row per object. */
export interface TableDef<O extends AnyObject = AnyObject> {
  headers: string[];
  wideHeaders: string[];
  row(o: O, now: number, wide: boolean): string[];
  /** The column holding the name (`-o name`-style prefixes go there); -1 for none (events). */
  nameColumn?: number;
}

/** Options of a DELETE the strategy may honour. */
export interface DeleteOptions {
  /** Overrides the pod's terminationGracePeriodSeconds (`--grace-period`). */
  gracePeriodSeconds?: number;
}

export interface KindDef<K extends Kind = Kind> {
  readonly resource: ResourceInfo & { kind: K };
  /**
   * The fields the API server's JSON decoder checks (Go types, for `cannot unmarshal` errors).
   * Fields not described pass untouched.
   */
  readonly schema: StructSchema;
  /** Defaulting (`pkg/apis/<group>/v1/defaults.go`), on create and on update. Mutates. */
  default?(obj: ObjectOfKind<K>): void;
  /** `PrepareForCreate` and mutating admission: reset status, fill server-owned fields. Mutates. */
  prepareForCreate?(obj: ObjectOfKind<K>, ctx: StrategyContext): void;
  /** Validation on create (`old` undefined) and update, with the API server's exact messages. */
  validate(obj: ObjectOfKind<K>, old: ObjectOfKind<K> | undefined): FieldError[];
  /**
   * What `metadata.generation` counts: the desired state (usually spec). Kinds without it have
   * no generation.
   */
  desiredState?(obj: ObjectOfKind<K>): unknown;
  /**
   * Allocates what the object needs (ClusterIPs, NodePorts) before it is stored. On update it
   * runs before validation; a failed validation calls {@link release} with the new object.
   */
  allocate?(obj: ObjectOfKind<K>, old: ObjectOfKind<K> | undefined, ctx: StrategyContext, dryRun: boolean): Result<unknown>;
  /** Releases what `obj` holds and `keep` (the object that replaces it, if any) does not. */
  release?(obj: ObjectOfKind<K>, keep: ObjectOfKind<K> | undefined, ctx: StrategyContext): void;
  /**
   * Graceful deletion: returns the result instead of removing the object (a pod's grace period,
   * a namespace going Terminating), or undefined to remove it now.
   */
  beforeDelete?(obj: ObjectOfKind<K>, ctx: StrategyContext, opts: DeleteOptions): Result<ObjectOfKind<K>> | undefined;
  /**
   * The fields `--field-selector` may name beyond metadata.name and metadata.namespace
   * (the strategy's `ToSelectableFields` / `GetAttrs`).
   */
  readonly selectableFields?: Readonly<Record<string, (obj: ObjectOfKind<K>) => string>>;
  /** The `kubectl get` columns (server-side printing in a real cluster). */
  readonly table: TableDef<ObjectOfKind<K>>;
  /** The garbage collector's view: objects of this kind may have owners / be owners. */
  readonly gc?: { dependent?: boolean; owner?: boolean };
}

/** Helps a kind's folder declare its definition with its own object type. */
export function defineKind<K extends Kind>(def: KindDef<K>): KindDef<K> {
  return def;
}

export type { ApiError };
