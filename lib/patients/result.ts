import type { FieldErrors } from "@/lib/events";

export type ServiceError =
  | { kind: "invalid"; message: string; fieldErrors: FieldErrors }
  | { kind: "not_found"; message: string }
  | { kind: "conflict"; message: string; currentVersion?: number }
  /** The actor may see the record but their role may not do this (a viewer writing, a clinician managing users). */
  | { kind: "forbidden"; message: string };

/** Services return failures a user can act on as values; only the unexpected is thrown. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const invalid = (fieldErrors: FieldErrors, message = "Some fields need correcting"): Result<never> => ({
  ok: false,
  error: { kind: "invalid", message, fieldErrors },
});
export const notFound = (message: string): Result<never> => ({ ok: false, error: { kind: "not_found", message } });
export const conflict = (message: string, currentVersion?: number): Result<never> => ({
  ok: false,
  error: { kind: "conflict", message, currentVersion },
});
export const forbidden = (message: string): Result<never> => ({ ok: false, error: { kind: "forbidden", message } });
