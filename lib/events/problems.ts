import type { z } from "zod";

/** Field path ("payload.referenceRange.low") → messages, for forms and problem+json alike. */
export type FieldErrors = Record<string, string[]>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(body)";
    (errors[path] ??= []).push(issue.message);
  }
  return errors;
}
