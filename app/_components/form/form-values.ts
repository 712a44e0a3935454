import { readNumber, type Confirmation, type EntryWarning, type FieldErrors } from "@/lib/events";
import type { ServiceError } from "@/lib/patients";

/**
 * What the clinician typed, keyed by field name, exactly as typed: the form is filled again from it
 * after a failed submit, so nothing is lost. Field names are the schema's paths ("payload.dose.value"),
 * so a zod issue's path is the name of the field it belongs to.
 */
export type FormValues = Record<string, string | string[]>;

/**
 * The one state of every form's server action (through useActionState): null before the first
 * submit; a failure with its errors by field and what was typed, so nothing is lost; or a success
 * with a notice to show, a link, and `data` for a form that shows what the server made (the
 * authenticator key and backup codes of an enrolment, the result of verifying the audit chain).
 */
export type FormState<D = undefined> =
  | {
      ok: false;
      fieldErrors: FieldErrors;
      /** What was typed (never a password: a password field is never filled again). */
      values: FormValues;
      /** A message for the whole form: a conflict, a refusal, or an unexpected error with its id. */
      message?: string;
      /** Set on a conflict (someone else changed the event): where to reload the latest version. */
      reloadHref?: string;
      /** What the server asks the writer to confirm (an implausible value, the same flare twice); the form offers to save anyway. */
      warnings?: EntryWarning[];
    }
  | {
      ok: true;
      /** Shown as a notice in the form ("Account created…"). */
      message?: string;
      link?: { href: string; text: string };
      data?: D;
    }
  | null;

/** A failed submit's state: its messages by field, what was typed, and a message for the whole form. */
export function failed(fieldErrors: FieldErrors, values: FormValues, message?: string): FormState<never> {
  return { ok: false, fieldErrors, values, ...(message !== undefined ? { message } : {}) };
}

/**
 * A service's refusal as a form's state: invalid fields beside their fields; warnings to confirm (an
 * implausible value, the same thing twice) as warnings, which the form offers to save anyway; anything
 * else (not found, forbidden, a conflict) as the form's message. A message about a list item
 * ("teamIds.2") belongs to the list's field ("teamIds"), since the form shows the list as one field.
 */
export function refusal(error: ServiceError, values: FormValues): FormState<never> {
  if (error.kind === "needs_confirmation") return { ok: false, fieldErrors: {}, values, message: error.message, warnings: error.warnings };
  if (error.kind !== "invalid") return failed({}, values, error.message);
  const fieldErrors: FieldErrors = {};
  for (const [path, messages] of Object.entries(error.fieldErrors)) {
    const field = (fieldErrors[/^(.*?)\.\d+$/.exec(path)?.[1] ?? path] ??= []);
    for (const message of messages) if (!field.includes(message)) field.push(message);
  }
  return failed(fieldErrors, values);
}

/** The confirmations ticked in a form after it showed the server's warnings ("confirm" checkboxes). */
export function confirmationsOf(values: FormValues): Confirmation[] {
  const ticked = listOf(values, "confirm");
  return (["implausible", "duplicate"] as const).filter((c) => ticked.includes(c));
}

export function formValuesOf(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION")) continue;
    const existing = values[name];
    values[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}

/** The single value of a field, trimmed; "" when absent. */
export function textOf(values: FormValues, name: string): string {
  const value = values[name];
  return (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();
}

export function optionalText(values: FormValues, name: string): string | undefined {
  const value = textOf(values, name);
  return value === "" ? undefined : value;
}

/**
 * A number as typed, read by the one number reader (lib/events/numbers: "1,250" and "12,5" are
 * refused, never guessed): empty is absent, a refused number is NaN so the schema fails, and
 * numberErrors gives the reader's own message for it.
 */
export function numberOf(values: FormValues, name: string): number | undefined {
  const read = readNumber(textOf(values, name));
  return read.ok ? read.value : Number.NaN;
}

/** The number reader's message for each of these fields whose number was refused as ambiguous ("could be 1250 or 1.25"); plain non-numbers keep the schema's message. */
export function numberErrors(values: FormValues, names: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const name of names) {
    const read = readNumber(textOf(values, name));
    if (!read.ok && !read.generic) errors[name] = [read.message];
  }
  return errors;
}

export function listOf(values: FormValues, name: string): string[] {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A checkbox: checked is true, unchecked is absent. */
export function checkedOf(values: FormValues, name: string): true | undefined {
  return values[name] !== undefined ? true : undefined;
}

/** A yes / no / not recorded choice. */
export function yesNoOf(values: FormValues, name: string): boolean | undefined {
  const value = textOf(values, name);
  return value === "yes" ? true : value === "no" ? false : undefined;
}

/** A date field and its optional time field, as one clinical date ("2021-03-12" or "2021-03-12T14:05"). */
export function clinicalDateOf(values: FormValues, name: string): string | undefined {
  const day = textOf(values, name);
  const time = textOf(values, `${name}Time`);
  if (day === "") return undefined;
  return time === "" ? day : `${day}T${time.slice(0, 5)}`;
}

export function clinicalDateValues(name: string, date: string | undefined): FormValues {
  if (!date) return {};
  return date.length > 10 ? { [name]: date.slice(0, 10), [`${name}Time`]: date.slice(11, 16) } : { [name]: date };
}

/** Sets a value at a dotted path, making objects on the way; undefined values are left out. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  if (value === undefined) return;
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

export function getPath(source: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), source);
}

/** Errors for a form whose fields sit under a prefix in the service's input ("event.payload.x" → "payload.x"). */
export function withoutPrefix(errors: FieldErrors, prefix: string): FieldErrors {
  const result: FieldErrors = {};
  for (const [path, messages] of Object.entries(errors)) {
    const key = path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;
    (result[key] ??= []).push(...messages);
  }
  return result;
}
