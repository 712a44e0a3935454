"use server";

import { requestContext } from "@/app/_server/context";
import { confirmationsOf, failed, formValuesOf, refusal, textOf, type FormState, type FormValues } from "@/app/_components/form/form-values";
import { importLabCsv, previewLabCsv, type LabCsvImport, type LabCsvPreview } from "@/lib/patients";

/** What a preview shows, and what the import form sends back unchanged to import exactly those rows. */
export interface LabCsvPreviewData {
  preview: LabCsvPreview;
  csv: string;
  patientId: string;
}

/** The rows as sent: a chosen file wins over pasted text (kept as typed, not trimmed: a CSV's lines are its data). */
async function csvOf(form: FormData, values: FormValues): Promise<string> {
  const file = form.get("file");
  if (file instanceof File && file.size > 0) return file.text();
  return typeof values.rows === "string" ? values.rows : "";
}

/** Reads the CSV and shows every row as it would be stored; nothing is written. */
export async function previewLabCsvAction(_: FormState<LabCsvPreviewData>, form: FormData): Promise<FormState<LabCsvPreviewData>> {
  const values = formValuesOf(form);
  const patientId = textOf(values, "patient");
  const csv = await csvOf(form, values);
  const errors: Record<string, string[]> = {};
  if (!patientId) errors.patient = ["Choose a patient"];
  if (csv.trim() === "") errors.rows = ["Choose a CSV file or paste the rows first."];
  if (Object.keys(errors).length > 0) return failed(errors, values);
  const result = await previewLabCsv(await requestContext(), patientId, csv);
  if (!result.ok) return refusal(result.error, values);
  return { ok: true, data: { preview: result.value, csv, patientId } };
}

/** Imports the rows previewed (sent back with the form), checked again by the service. */
export async function importLabCsvAction(_: FormState<LabCsvImport>, form: FormData): Promise<FormState<LabCsvImport>> {
  const values = formValuesOf(form);
  const result = await importLabCsv(await requestContext(), textOf(values, "patient"), typeof values.csv === "string" ? values.csv : "", { confirm: confirmationsOf(values) });
  if (!result.ok) {
    // A value far outside what is usually seen: each warning links to its row of the preview ("line 5: value"),
    // and the form offers to import anyway once checked, as a data-entry form does.
    if (result.error.kind === "needs_confirmation") return refusal(result.error, values);
    // A row refused now (the record changed since the preview) is named in the service's message.
    return failed({}, {}, result.error.message);
  }
  return { ok: true, data: result.value };
}
