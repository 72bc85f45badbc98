/**
 * API errors as the API server returns them (a metav1.Status). kubectl turns them into text in
 * `kubectl/errors.ts`. User mistakes are results, not exceptions (DESIGN.md principle 6).
 */
export type ApiReason =
  | "NotFound"
  | "AlreadyExists"
  | "Invalid"
  | "BadRequest"
  | "Forbidden"
  | "InternalError"
  | "Conflict"
  | "MethodNotAllowed"
  /** metav1.StatusReasonUnknown (""): kubectl prints `Error from server: message`. */
  | "Unknown";

export interface Cause {
  field: string;
  /** The whole rendered field error, e.g. `spec.ports[0].port: Invalid value: 0: must be …`. */
  text: string;
}

export interface ApiError {
  reason: ApiReason;
  code: number;
  message: string;
  /** For Invalid: the bare Kind and name kubectl prints (`The Service "x" is invalid`). */
  kind?: string;
  name?: string;
  causes?: Cause[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: ApiError): Result<T> => ({ ok: false, error });

export function notFound(qualifiedPlural: string, name: string): ApiError {
  return { reason: "NotFound", code: 404, message: `${qualifiedPlural} "${name}" not found` };
}

export function alreadyExists(qualifiedPlural: string, name: string): ApiError {
  return { reason: "AlreadyExists", code: 409, message: `${qualifiedPlural} "${name}" already exists` };
}

export function badRequest(message: string): ApiError {
  return { reason: "BadRequest", code: 400, message };
}

export function internalError(message: string): ApiError {
  return { reason: "InternalError", code: 500, message: `Internal error occurred: ${message}` };
}

export function forbidden(message: string): ApiError {
  return { reason: "Forbidden", code: 403, message };
}

/** A 422 with field causes; `message` is the server's own summary (kubectl rebuilds its text). */
export function invalid(kind: string, name: string, causes: Cause[], groupKind = kind): ApiError {
  const agg = causes.length === 1 ? causes[0].text : `[${causes.map((c) => c.text).join(", ")}]`;
  return { reason: "Invalid", code: 422, kind, name, causes, message: `${groupKind} "${name}" is invalid: ${agg}` };
}
