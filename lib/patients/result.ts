import { unsafeTextErrors, type EntryWarning, type FieldErrors } from "@/lib/events";

export type ServiceError =
  | { kind: "invalid"; message: string; fieldErrors: FieldErrors }
  | { kind: "not_found"; message: string }
  | { kind: "conflict"; message: string; currentVersion?: number }
  /** The actor may see the record but their role may not do this (a viewer writing, a clinician managing users). */
  | { kind: "forbidden"; message: string }
  /**
   * Nothing was written: the input looks like a slip (a CK above 100 000 U/L, a second flare the same
   * day). The writer sees the warnings and may send it again confirming them (docs/data-entry.md).
   */
  | { kind: "needs_confirmation"; message: string; warnings: EntryWarning[] };

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
export const needsConfirmation = (warnings: EntryWarning[]): Result<never> => ({
  ok: false,
  error: {
    kind: "needs_confirmation",
    message: warnings.some((w) => w.kind === "duplicate") ? "This may already be recorded: check before saving it again." : "A value is far outside what is usually seen: check it before saving.",
    warnings,
  },
});
export const forbidden = (message: string): Result<never> => ({ ok: false, error: { kind: "forbidden", message } });

/**
 * Input holding NUL or half a UTF-16 pair (which the database cannot store as text) is refused whole,
 * field by field, before it is parsed, whether it came from the API, a form or an import.
 */
export function unsafeTextRefusal(input: unknown): Result<never> | null {
  const errors = unsafeTextErrors(input);
  return Object.keys(errors).length > 0 ? invalid(errors, "Some text contains a character that cannot be stored (NUL, or half of a UTF-16 pair).") : null;
}
