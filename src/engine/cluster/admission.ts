import type { Cause } from "./errors";
import type { AnyObject } from "./types";
import {
  fieldErrorsToCauses,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validateDaemonSet,
  validateDeployment,
  validateObjectMeta,
  validatePod,
  validateReplicaSet,
  validateService,
  type FieldError,
} from "./validation";
import { resourceOf } from "./resources";




/**
 * Validation on create (`old` undefined) and update, per kind, with the API server's exact
 * messages. Kinds with their own validator check their metadata there.
 */
export function validateObject(obj: AnyObject, old: AnyObject | undefined): Cause[] {
  let errs: FieldError[];
  switch (obj.kind) {
    case "Service":
      errs = validateService(obj, old as typeof obj | undefined);
      break;
    case "Pod":
      errs = validatePod(obj, old as typeof obj | undefined);
      break;
    case "Deployment":
      errs = validateDeployment(obj, old as typeof obj | undefined);
      break;
    case "ReplicaSet":
      errs = validateReplicaSet(obj, old as typeof obj | undefined);
      break;
    case "DaemonSet":
      errs = validateDaemonSet(obj, old as typeof obj | undefined);
      break;
    case "Namespace":
      errs = validateObjectMeta(obj.metadata, { namespaced: false, nameValidator: nameIsDNSLabel });
      break;
    default:
      errs = validateObjectMeta(obj.metadata, { namespaced: resourceOf(obj.kind).namespaced, nameValidator: nameIsDNSSubdomain });
  }
  return fieldErrorsToCauses(errs);
}
