/**
 * Object-metadata validation: apimachinery `pkg/api/validation/objectmeta.go`
 * (`ValidateObjectMetaAccessor`, `ValidateObjectMetaAccessorUpdate`, `ValidateAnnotations`,
 * `NameIs*`) and `pkg/apis/meta/v1/validation` (`ValidateLabels`, `ValidateLabelSelector`).
 *
 * Go iterates label/annotation maps in random order; we use sorted key order so the output is
 * deterministic (with one bad key, which is the usual case, the text is identical).
 */

import type { LabelSelector, LabelSelectorRequirement, Labels, ObjectMetaInput } from "../types";
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  utf8Length,
} from "./content";
import { FieldPath, forbidden, goStringCompare, invalid, required, tooLong, type FieldError } from "./field";

/** `ValidateNameFunc`: `prefix` is true when validating a generateName. */
export type NameValidator = (name: string, prefix: boolean) => string[];

/**
 * `maskTrailingDash`: a generateName may end in `-`. Upstream replaces the last **two**
 * characters with `a` (`name[:len(name)-2] + "a"`); we keep that quirk.
 */
export function maskTrailingDash(name: string): string {
  if (name.length > 1 && name.endsWith("-")) return name.slice(0, name.length - 2) + "a";
  return name;
}

/** `NameIsDNSSubdomain` (Pods, Deployments, ReplicaSets, DaemonSets, ConfigMaps…). */
export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

/** `NameIsDNSLabel` (Namespaces). */
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

/** `NameIsDNS1035Label` (Services). */
export const nameIsDNS1035Label: NameValidator = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** `IsNegativeErrorMsg`. */
export const IS_NEGATIVE_ERROR_MSG = "must be greater than or equal to 0";

/** `FieldImmutableErrorMsg`. */
export const FIELD_IMMUTABLE_ERROR_MSG = "field is immutable";

/** `TotalAnnotationSizeLimitB`: 256 KiB. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

/** `ValidateNonnegativeField`. */
export function validateNonnegativeField(value: number, path: FieldPath): FieldError[] {
  return value < 0 ? [invalid(path, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

/** `ValidateImmutableField` (Go's semantic deep-equal: nil and empty maps/slices are equal). */
export function validateImmutableField(newVal: unknown, oldVal: unknown, path: FieldPath, shown: unknown = newVal): FieldError[] {
  return semanticEqual(newVal, oldVal) ? [] : [invalid(path, shown, FIELD_IMMUTABLE_ERROR_MSG)];
}

/** `equality.Semantic.DeepEqual` for JSON-ish values: undefined/null/empty collections are alike. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const emptyish = (v: unknown): boolean =>
    v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  if (a === b) return true;
  if (emptyish(a) && emptyish(b)) {
    // nil == empty for maps and slices, but a nil pointer is not an empty struct: close enough here
    return true;
  }
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => semanticEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
  return true;
}

const sortedKeys = (m: Readonly<Record<string, unknown>>): string[] => Object.keys(m).sort(goStringCompare);

/** `ValidateLabelName`: one error per message (not joined). */
export function validateLabelName(key: string, path: FieldPath): FieldError[] {
  return isQualifiedName(key).map((msg) => invalid(path, key, msg));
}

/** `metav1validation.ValidateLabels`: bad keys report the key, bad values report the value. */
export function validateLabels(labels: Readonly<Labels> | undefined | null, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const k of sortedKeys(labels)) {
    errs.push(...validateLabelName(k, path));
    for (const msg of isValidLabelValue(labels[k])) errs.push(invalid(path, labels[k], msg));
  }
  return errs;
}

/** `ValidateAnnotations`: keys are qualified names compared lower-cased; total size ≤ 256 KiB. */
export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined | null, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let size = 0;
  for (const k of sortedKeys(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    size += utf8Length(k) + utf8Length(annotations[k] ?? "");
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

export interface ObjectMetaOptions {
  /** Namespaced kinds require `metadata.namespace`; cluster-scoped kinds forbid it. */
  namespaced: boolean;
  nameValidator: NameValidator;
}

/**
 * `ValidateObjectMeta`. The API server generates `name` from `generateName` before validating,
 * so callers should pass the metadata as it will be stored.
 */
export function validateObjectMeta(meta: ObjectMetaInput, opts: ObjectMetaOptions, path: FieldPath = FieldPath.of("metadata")): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const msg of opts.nameValidator(meta.generateName, true)) errs.push(invalid(path.child("generateName"), meta.generateName, msg));
  }
  if (!meta.name) {
    errs.push(required(path.child("name"), "name or generateName is required"));
  } else {
    for (const msg of opts.nameValidator(meta.name, false)) errs.push(invalid(path.child("name"), meta.name, msg));
  }
  if (opts.namespaced) {
    if (!meta.namespace) errs.push(required(path.child("namespace")));
    else for (const msg of nameIsDNSLabel(meta.namespace, false)) errs.push(invalid(path.child("namespace"), meta.namespace, msg));
  } else if (meta.namespace) {
    errs.push(forbidden(path.child("namespace"), "not allowed on this type"));
  }
  if (meta.generation !== undefined) errs.push(...validateNonnegativeField(meta.generation, path.child("generation")));
  errs.push(...validateLabels(meta.labels, path.child("labels")));
  errs.push(...validateAnnotations(meta.annotations, path.child("annotations")));
  errs.push(...validateFinalizers(meta.finalizers, path.child("finalizers")));
  return errs;
}

/** `ValidateFinalizers` (name check only): each must be a qualified name, no duplicates is not checked. */
function validateFinalizers(finalizers: readonly string[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) {
    for (const msg of isQualifiedName(f)) errs.push(invalid(path, f, msg));
  }
  return errs;
}

/**
 * `ValidateObjectMetaUpdate`: name, namespace, uid and creationTimestamp are immutable; labels and
 * annotations are validated again. (resourceVersion / generation checks are the store's job.)
 */
export function validateObjectMetaUpdate(
  meta: ObjectMetaInput,
  old: ObjectMetaInput,
  path: FieldPath = FieldPath.of("metadata"),
): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generation !== undefined && old.generation !== undefined && meta.generation < old.generation) {
    errs.push(invalid(path.child("generation"), meta.generation, "must not be decremented"));
  }
  errs.push(...validateImmutableField(meta.name ?? "", old.name ?? "", path.child("name")));
  errs.push(...validateImmutableField(meta.namespace ?? "", old.namespace ?? "", path.child("namespace")));
  if (meta.uid !== undefined && old.uid !== undefined) errs.push(...validateImmutableField(meta.uid, old.uid, path.child("uid")));
  if (meta.creationTimestamp !== undefined && old.creationTimestamp !== undefined) {
    errs.push(...validateImmutableField(meta.creationTimestamp, old.creationTimestamp, path.child("creationTimestamp")));
  }
  errs.push(...validateLabels(meta.labels, path.child("labels")));
  errs.push(...validateAnnotations(meta.annotations, path.child("annotations")));
  return errs;
}

/** `ValidateLabelSelectorRequirement` (values validated strictly, as for workloads). */
export function validateLabelSelectorRequirement(sr: LabelSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator as string) {
    case "In":
    case "NotIn":
      if (values.length === 0) errs.push(required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) errs.push(forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(path.child("operator"), sr.operator, "not a valid selector operator"));
  }
  errs.push(...validateLabelName(sr.key, path.child("key")));
  values.forEach((v, i) => {
    for (const msg of isValidLabelValue(v)) errs.push(invalid(path.child("values").index(i), v, msg));
  });
  return errs;
}

/** `ValidateLabelSelector` (nil is valid here; callers that need one report Required). */
export function validateLabelSelector(ls: LabelSelector | undefined | null, path: FieldPath): FieldError[] {
  if (!ls) return [];
  const errs = validateLabels(ls.matchLabels, path.child("matchLabels"));
  (ls.matchExpressions ?? []).forEach((expr, i) => errs.push(...validateLabelSelectorRequirement(expr, path.child("matchExpressions").index(i))));
  return errs;
}
