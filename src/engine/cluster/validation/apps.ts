/**
 * apps/v1 validation: `pkg/apis/apps/validation/validation.go` (`ValidateDeploymentSpec`,
 * `ValidateReplicaSetSpec`, `ValidateDaemonSetSpec`, `ValidatePodTemplateSpecForReplicaSet`,
 * `ValidateRollingUpdateDeployment`) plus the selector-immutability check the registry
 * strategies append after spec validation on update (`pkg/registry/apps/{deployment,replicaset,daemonset}/strategy.go`).
 */

import type { DaemonSet, Deployment, IntOrString, LabelSelector, PodTemplateSpec, ReplicaSet } from "../types";
import { labelSelectorAsSelector, type Selector } from "../labels/selector";
import { isValidPercent } from "./content";
import { FieldPath, forbidden, goIntOrString, goLabelSelector, goStringMap, invalid, notSupported, required, type FieldError } from "./field";
import {
  nameIsDNSSubdomain,
  validateImmutableField,
  validateLabelSelector,
  validateNonnegativeField,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from "./metadata";
import { validatePodTemplateSpec } from "../../kinds/pod/validation";

const SELECTOR_MISMATCH = "`selector` does not match template `labels`";

/** The bad value a `*metav1.LabelSelector` renders as (`"null"` when nil). */
function selectorValue(ls: LabelSelector | undefined | null): unknown {
  return ls == null ? undefined : goLabelSelector(ls);
}

/** `ValidatePodTemplateSpecForReplicaSet`. */
function validatePodTemplateSpecForReplicaSet(
  template: PodTemplateSpec | undefined,
  selector: Selector,
  path: FieldPath,
): FieldError[] {
  if (!template) return [required(path)];
  const errs: FieldError[] = [];
  if (!selector.empty()) {
    if (!selector.matches(template.metadata?.labels)) {
      errs.push(invalid(path.child("metadata", "labels"), goStringMap(template.metadata?.labels), SELECTOR_MISMATCH));
    }
  }
  errs.push(...validatePodTemplateSpec(template, path));
  const rp = template.spec?.restartPolicy ?? "Always";
  if (rp !== "Always") errs.push(notSupported(path.child("spec", "restartPolicy"), rp, ["Always"]));
  const ads = (template.spec as { activeDeadlineSeconds?: number } | undefined)?.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null) {
    // the same wording for Deployments: the helper is shared upstream
    errs.push(forbidden(path.child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicaSet is not Supported"));
  }
  return errs;
}

/**
 * The selector part shared by Deployments and ReplicaSets: Required when nil, strict label
 * validation, `empty selector is invalid for deployment` for `{}` (upstream uses that wording for
 * ReplicaSets too), then the template checked against the converted selector (nil → Nothing, so a
 * nil selector also reports the template mismatch).
 */
function validateSelectorAndTemplate(
  selector: LabelSelector | undefined | null,
  template: PodTemplateSpec | undefined,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (selector == null) {
    errs.push(required(path.child("selector")));
  } else {
    errs.push(...validateLabelSelector(selector, path.child("selector")));
    const n = Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions?.length ?? 0);
    if (n === 0) errs.push(invalid(path.child("selector"), selectorValue(selector), "empty selector is invalid for deployment"));
  }
  const sel = labelSelectorAsSelector(selector);
  if (!sel.ok) errs.push(invalid(path.child("selector"), selectorValue(selector), "invalid label selector"));
  else errs.push(...validatePodTemplateSpecForReplicaSet(template, sel.selector, path.child("template")));
  return errs;
}

function intOrPercentValue(v: IntOrString): { value: number; percent: boolean } {
  if (typeof v === "number") return { value: v, percent: false };
  if (isValidPercent(v).length === 0) return { value: Number(v.slice(0, -1)), percent: true };
  return { value: 0, percent: false };
}

/** `ValidatePositiveIntOrPercent`. */
function validatePositiveIntOrPercent(v: IntOrString, path: FieldPath): FieldError[] {
  if (typeof v === "string") return isValidPercent(v).map((m) => invalid(path, goIntOrString(v), m));
  return validateNonnegativeField(v, path);
}

/** `ValidateDeploymentStrategy` (Recreate / RollingUpdate). */
function validateDeploymentStrategy(strategy: Deployment["spec"]["strategy"] | undefined, path: FieldPath): FieldError[] {
  if (!strategy) return [];
  const errs: FieldError[] = [];
  switch (strategy.type as string) {
    case "Recreate":
      if (strategy.rollingUpdate) errs.push(forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
      break;
    case "RollingUpdate": {
      const ru = strategy.rollingUpdate;
      if (!ru) {
        errs.push(required(path.child("rollingUpdate"), "this should be defaulted and never be nil"));
        break;
      }
      const ruPath = path.child("rollingUpdate");
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, ruPath.child("maxUnavailable")));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, ruPath.child("maxSurge")));
      if (intOrPercentValue(ru.maxUnavailable).value === 0 && intOrPercentValue(ru.maxSurge).value === 0) {
        errs.push(invalid(ruPath.child("maxUnavailable"), goIntOrString(ru.maxUnavailable), "may not be 0 when `maxSurge` is 0"));
      }
      const mu = intOrPercentValue(ru.maxUnavailable);
      if (mu.percent && mu.value > 100) errs.push(invalid(ruPath.child("maxUnavailable"), goIntOrString(ru.maxUnavailable), "must not be greater than 100%"));
      break;
    }
    default:
      // Upstream passes the whole strategy struct as the bad value here; we show the type.
      errs.push(notSupported(path.child("type"), strategy.type, ["Recreate", "RollingUpdate"]));
  }
  return errs;
}

/** `ValidateDeploymentSpec`. */
function validateDeploymentSpec(spec: Deployment["spec"], path: FieldPath): FieldError[] {
  const errs = validateNonnegativeField(spec.replicas ?? 0, path.child("replicas"));
  errs.push(...validateSelectorAndTemplate(spec.selector, spec.template, path));
  errs.push(...validateDeploymentStrategy(spec.strategy, path.child("strategy")));
  const minReady = spec.minReadySeconds ?? 0;
  errs.push(...validateNonnegativeField(minReady, path.child("minReadySeconds")));
  if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, path.child("revisionHistoryLimit")));
  }
  if (spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds !== null) {
    errs.push(...validateNonnegativeField(spec.progressDeadlineSeconds, path.child("progressDeadlineSeconds")));
    if (spec.progressDeadlineSeconds <= minReady) {
      errs.push(invalid(path.child("progressDeadlineSeconds"), spec.progressDeadlineSeconds, "must be greater than minReadySeconds"));
    }
  }
  return errs;
}

/**
 * `ValidateDeployment` / `ValidateDeploymentUpdate` + the apps/v1 strategy's selector
 * immutability check, appended last (so it follows any template-mismatch error).
 */
export function validateDeployment(d: Deployment, old?: Deployment): FieldError[] {
  const meta = FieldPath.of("metadata");
  const spec = FieldPath.of("spec");
  const errs = old ? validateObjectMetaUpdate(d.metadata, old.metadata, meta) : validateObjectMeta(d.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain }, meta);
  errs.push(...validateDeploymentSpec(d.spec, spec));
  if (old) errs.push(...validateImmutableField(d.spec.selector, old.spec.selector, spec.child("selector"), selectorValue(d.spec.selector)));
  return errs;
}

/** `ValidateReplicaSet` / `ValidateReplicaSetUpdate` + selector immutability (apps/v1). */
export function validateReplicaSet(rs: ReplicaSet, old?: ReplicaSet): FieldError[] {
  const meta = FieldPath.of("metadata");
  const spec = FieldPath.of("spec");
  const errs = old ? validateObjectMetaUpdate(rs.metadata, old.metadata, meta) : validateObjectMeta(rs.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain }, meta);
  errs.push(...validateNonnegativeField(rs.spec.replicas ?? 0, spec.child("replicas")));
  errs.push(...validateNonnegativeField(rs.spec.minReadySeconds ?? 0, spec.child("minReadySeconds")));
  errs.push(...validateSelectorAndTemplate(rs.spec.selector, rs.spec.template, spec));
  if (old) errs.push(...validateImmutableField(rs.spec.selector, old.spec.selector, spec.child("selector"), selectorValue(rs.spec.selector)));
  return errs;
}

/**
 * `ValidateDaemonSet` / `ValidateDaemonSetUpdate` + selector immutability. Unlike Deployments,
 * upstream has no explicit Required for a nil selector here: a nil selector converts to Nothing and
 * reports the template mismatch. The update strategy is validated only for its type.
 */
export function validateDaemonSet(ds: DaemonSet, old?: DaemonSet): FieldError[] {
  const meta = FieldPath.of("metadata");
  const spec = FieldPath.of("spec");
  const errs = old ? validateObjectMetaUpdate(ds.metadata, old.metadata, meta) : validateObjectMeta(ds.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain }, meta);
  const selector = ds.spec.selector;
  errs.push(...validateLabelSelector(selector, spec.child("selector")));
  const sel = labelSelectorAsSelector(selector);
  if (sel.ok && !sel.selector.matches(ds.spec.template?.metadata?.labels)) {
    errs.push(invalid(spec.child("template", "metadata", "labels"), goStringMap(ds.spec.template?.metadata?.labels), SELECTOR_MISMATCH));
  }
  if (selector != null && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions?.length ?? 0) === 0) {
    errs.push(invalid(spec.child("selector"), selectorValue(selector), "empty selector is invalid for daemonset"));
  }
  if (ds.spec.template) errs.push(...validatePodTemplateSpec(ds.spec.template, spec.child("template")));
  else errs.push(required(spec.child("template")));
  const rp = ds.spec.template?.spec?.restartPolicy ?? "Always";
  if (rp !== "Always") errs.push(notSupported(spec.child("template", "spec", "restartPolicy"), rp, ["Always"]));
  const ads = (ds.spec.template?.spec as { activeDeadlineSeconds?: number } | undefined)?.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null) {
    errs.push(invalid(spec.child("template", "spec", "activeDeadlineSeconds"), ads, "activeDeadlineSeconds in DaemonSet is not Supported"));
  }
  const strategyType = ds.spec.updateStrategy?.type;
  if (strategyType !== undefined && strategyType !== "RollingUpdate" && strategyType !== "OnDelete") {
    errs.push(notSupported(spec.child("updateStrategy", "type"), strategyType, ["RollingUpdate", "OnDelete"]));
  }
  if (ds.spec.revisionHistoryLimit !== undefined && ds.spec.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegativeField(ds.spec.revisionHistoryLimit, spec.child("revisionHistoryLimit")));
  }
  if (old) errs.push(...validateImmutableField(ds.spec.selector, old.spec.selector, spec.child("selector"), selectorValue(ds.spec.selector)));
  return errs;
}
