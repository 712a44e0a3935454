"use server";

import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { requestContext } from "@/app/_server/context";
import { eventKinds, type EventKind, type FieldErrors } from "@/lib/events";
import { amendEvent, markEnteredInError, recordEvent, recordEvents, type Result } from "@/lib/patients";
import { flareEntryEvents, validateAmendment, validateEnteredInError, validateEvent, validateFlare } from "./decode";
import { confirmationsOf, formValuesOf, withoutPrefix, type FormState, type FormValues } from "@/app/_components/form/form-values";

/**
 * Server actions of the data-entry forms. Each one reads what was typed, checks it with the same
 * shared schema as the browser did, calls one service, and either redirects to what was saved or
 * answers { ok: false, fieldErrors, values } so the form shows the errors and keeps what was typed.
 */

const eventPage = (patientId: string, eventId: string) => `/patients/${patientId}/events/${eventId}`;

function failed(values: FormValues, fieldErrors: FieldErrors, message?: string, reloadHref?: string): FormState {
  return { ok: false, fieldErrors, values, message, reloadHref };
}

/** A service failure as the form shows it; unexpected errors are logged with an id and shown as that id only. */
async function save<T>(values: FormValues, mapErrors: (errors: FieldErrors) => FieldErrors, reloadHref: string | undefined, write: () => Promise<Result<T>>) {
  try {
    const result = await write();
    if (result.ok) return { saved: result.value };
    const error = result.error;
    if (error.kind === "invalid") return { state: failed(values, mapErrors(error.fieldErrors), "Some fields need correcting.") };
    if (error.kind === "conflict") return { state: failed(values, {}, error.message, reloadHref) };
    if (error.kind === "needs_confirmation") {
      // Each warning also sits beside its field; the form offers "save anyway" for exactly these.
      // Mapped one by one: two warnings may land on the same field (a flare's skin and muscle duplicates on its date).
      const pathOf = (path: string) => Object.keys(mapErrors({ [path]: [""] }))[0] ?? path;
      const state: FormState = { ok: false, fieldErrors: {}, values, message: error.message, warnings: error.warnings.map((w) => ({ ...w, path: pathOf(w.path) })) };
      return { state };
    }
    return { state: failed(values, {}, error.message) };
  } catch (error) {
    const id = randomUUID();
    console.error(`[error ${id}]`, error);
    return { state: failed(values, {}, `Something went wrong on the server (error id ${id}). Nothing was saved; what you typed is still here.`) };
  }
}

/** The flare's events are given to the service as [skin, ck?, muscle?, note?]: their errors go back to the flare's fields. */
function flareErrors(fields: readonly string[]): (errors: FieldErrors) => FieldErrors {
  return (errors) => {
    const mapped: FieldErrors = {};
    for (const [path, messages] of Object.entries(errors)) {
      const [index, ...rest] = path.split(".");
      const field = rest.join(".");
      const prefix = fields[Number(index)];
      const key = field === "occurredAt" ? "occurredAt" : field.startsWith("payload.") && prefix ? `${prefix}.${field.slice("payload.".length)}` : path;
      (mapped[key] ??= []).push(...messages);
    }
    return mapped;
  };
}

/** One save, one transaction: the skin assessment, and the CK, muscle examination and note when given. */
export async function logFlare(patientId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const values = formValuesOf(formData);
  const checked = validateFlare(values);
  if (!checked.ok) return failed(values, checked.fieldErrors);
  const { events, fields } = flareEntryEvents(checked.data);
  const outcome = await save(values, flareErrors(fields), undefined, async () => recordEvents(await requestContext(), patientId, events, { confirm: confirmationsOf(values) }));
  if (outcome.state) return outcome.state;
  redirect(`/patients/${patientId}?saved=flare#events-heading`);
}

export async function addEvent(patientId: string, kind: EventKind, _state: FormState, formData: FormData): Promise<FormState> {
  const values = formValuesOf(formData);
  if (!eventKinds.includes(kind)) return failed(values, {}, `There is no kind of event called “${kind}”.`);
  const checked = validateEvent(kind, values);
  if (!checked.ok) return failed(values, checked.fieldErrors);
  const outcome = await save(values, (errors) => errors, undefined, async () => recordEvent(await requestContext(), patientId, checked.data, { confirm: confirmationsOf(values) }));
  if (outcome.state) return outcome.state;
  redirect(`/patients/${patientId}?saved=${kind}#events-heading`);
}

/** The amendment is checked against the version the clinician saw (expectedVersion, a hidden field of the page). */
export async function amend(patientId: string, eventId: string, kind: EventKind, _state: FormState, formData: FormData): Promise<FormState> {
  const values = formValuesOf(formData);
  const checked = validateAmendment(kind, values);
  if (!checked.ok) return failed(values, checked.fieldErrors);
  const outcome = await save(values, (errors) => withoutPrefix(errors, "event"), `${eventPage(patientId, eventId)}/amend`, async () =>
    amendEvent(await requestContext(), eventId, checked.data, { confirm: confirmationsOf(values) }),
  );
  if (outcome.state) return outcome.state;
  redirect(`${eventPage(patientId, eventId)}?saved=amended`);
}

export async function enterInError(patientId: string, eventId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const values = formValuesOf(formData);
  const checked = validateEnteredInError(values);
  if (!checked.ok) return failed(values, checked.fieldErrors);
  const outcome = await save(values, (errors) => errors, eventPage(patientId, eventId), async () => markEnteredInError(await requestContext(), eventId, checked.data));
  if (outcome.state) return outcome.state;
  redirect(`${eventPage(patientId, eventId)}?saved=entered-in-error`);
}
