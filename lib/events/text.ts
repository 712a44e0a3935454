import type { FieldErrors } from "./problems";

/**
 * Characters that are not text a clinician typed: NUL (U+0000), which PostgreSQL cannot store in text or
 * JSON, and unpaired UTF-16 surrogates (half of a character, e.g. from a JSON "\ud800" escape), which
 * are not Unicode text at all and would be stored as U+FFFD or refused by the database. Input holding
 * either is refused whole, with the field it was in, instead of failing inside the database.
 */
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_MESSAGE = {
  nul: "Remove the invisible NUL character (U+0000) from this text",
  surrogate: "This text contains a broken character (half of a UTF-16 pair); retype it",
};

/** Why this string cannot be stored as text, or null when it can. */
export function unsafeTextProblem(value: string): string | null {
  if (NUL.test(value)) return UNSAFE_TEXT_MESSAGE.nul;
  if (LONE_SURROGATE.test(value)) return UNSAFE_TEXT_MESSAGE.surrogate;
  return null;
}

/** Every string in a parsed JSON value (object keys too) that cannot be stored, by its path (`payload.text`, `entry[2]`). */
export function unsafeTextErrors(value: unknown, path = ""): FieldErrors {
  const errors: FieldErrors = {};
  const visit = (node: unknown, at: string) => {
    if (typeof node === "string") {
      const problem = unsafeTextProblem(node);
      if (problem) (errors[at || "(body)"] ??= []).push(problem);
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${at}[${i}]`));
    } else if (node && typeof node === "object") {
      for (const [key, item] of Object.entries(node)) {
        const keyProblem = unsafeTextProblem(key);
        const label = keyProblem ? `${at ? `${at}.` : ""}${replaceUnsafeText(key)}` : `${at ? `${at}.` : ""}${key}`;
        if (keyProblem) (errors[label] ??= []).push(`${keyProblem} (in the field name)`);
        visit(item, label);
      }
    }
  };
  visit(value, path);
  return errors;
}

/** The string with NUL and unpaired surrogates replaced by U+FFFD: for records about refused input (audit details). */
export function replaceUnsafeText(value: string): string {
  return value.replace(/\u0000/g, "\uFFFD").replace(new RegExp(LONE_SURROGATE.source, "g"), "\uFFFD");
}
