import "server-only";
import { notFound } from "next/navigation";
import type { Result, ServiceError } from "@/lib/patients";
import type { AdminFormState } from "../_components/AdminForm";

/**
 * The value of an admin service's answer on a page. A non-administrator is refused by the service
 * itself; the page then answers 404, so the admin screens do not even show that they exist.
 */
export function adminValue<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  if (result.error.kind === "forbidden" || result.error.kind === "not_found") notFound();
  throw new Error(`admin page: unexpected ${result.error.kind}: ${result.error.message}`);
}

/** A refused form: its messages beside their fields, a message for the whole form, and what was typed. */
export function refused(error: ServiceError, values: AdminFormState["values"]): AdminFormState {
  if (error.kind !== "invalid") return { ok: false, message: error.message, values };
  // "teamIds.2" is about the team checkboxes as a whole: one field on the form.
  const fieldErrors: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(error.fieldErrors)) {
    const field = (fieldErrors[path.split(".")[0]] ??= []);
    for (const message of messages) if (!field.includes(message)) field.push(message);
  }
  return { ok: false, fieldErrors, values };
}

export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export function listOf(form: FormData, name: string): string[] {
  return form.getAll(name).filter((value): value is string => typeof value === "string");
}
