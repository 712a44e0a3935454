"use server";

import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { requestContext } from "@/app/_server/context";
import { formValuesOf, listOf, optionalText, textOf, type FormState, type FormValues } from "@/app/_components/form/form-values";
import { createPatient, updatePatient, type Result } from "@/lib/patients";

/** The demographics as typed, in the shape patientInput parses (the service checks them). */
function demographicsOf(values: FormValues) {
  return {
    identifier: textOf(values, "identifier"),
    familyName: textOf(values, "familyName"),
    givenName: textOf(values, "givenName"),
    sex: optionalText(values, "sex"),
    birthDate: optionalText(values, "birthDate"),
  };
}

async function save<T>(values: FormValues, write: () => Promise<Result<T>>): Promise<{ saved: T } | { state: FormState }> {
  try {
    const result = await write();
    if (result.ok) return { saved: result.value };
    const error = result.error;
    // A duplicate identifier is the service's conflict, in the API's words, beside the identifier.
    if (error.kind === "conflict") return { state: { ok: false, fieldErrors: { identifier: [error.message] }, values } };
    return { state: { ok: false, fieldErrors: error.kind === "invalid" ? error.fieldErrors : {}, values, message: error.kind === "invalid" ? undefined : error.message } };
  } catch (error) {
    const id = randomUUID();
    console.error(`[error ${id}]`, error);
    return { state: { ok: false, fieldErrors: {}, values, message: `Something went wrong on the server (error id ${id}). Nothing was saved; what you typed is still here.` } };
  }
}

export async function addPatient(_state: FormState, formData: FormData): Promise<FormState> {
  const values = formValuesOf(formData);
  const teamIds = listOf(values, "teamIds");
  const outcome = await save(values, async () => createPatient(await requestContext(), { ...demographicsOf(values), ...(teamIds.length > 0 ? { teamIds } : {}) }));
  if ("state" in outcome) return outcome.state;
  redirect(`/patients/${outcome.saved.id}?saved=patient`);
}

export async function editDemographics(patientId: string, _state: FormState, formData: FormData): Promise<FormState> {
  const values = formValuesOf(formData);
  const outcome = await save(values, async () => updatePatient(await requestContext(), patientId, demographicsOf(values)));
  if ("state" in outcome) return outcome.state;
  redirect(`/patients/${patientId}/demographics?saved=1`);
}
