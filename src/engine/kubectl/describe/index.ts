/**
 * `kubectl describe` printers, one file per kind, each a port of its describer in kubectl v1.33
 * `pkg/describe/describe.go`. `describeObject` picks the describer from ./registry.ts; kinds
 * without one get the generic describer, as in kubectl.
 */
import type { AnyObject } from "../../cluster/types";
import type { DescribeEnv } from "./env";
import { describeGeneric } from "./generic";
import { DESCRIBERS, type Describer } from "./registry";

export type { DescribeEnv } from "./env";

/** The full `describe` text of one object (ends with a newline). */
export function describeObject(obj: AnyObject, env: DescribeEnv): string {
  const describer = DESCRIBERS[obj.kind] as Describer<AnyObject["kind"]> | undefined;
  return describer ? describer(obj, env) : describeGeneric(obj, env);
}
