"use server";

import { revalidatePath } from "next/cache";
import { requestContext } from "@/app/_server/context";
import { failed, formValuesOf, listOf, numberErrors, numberOf, refusal, textOf, type FormState } from "@/app/_components/form/form-values";
import { alertSettingFields } from "@/lib/alerts";
import { acknowledgeAlert, dismissAlert, updateAlertSettings } from "@/lib/patients";

export async function acknowledgeAction(_: FormState, form: FormData): Promise<FormState> {
  const values = formValuesOf(form);
  const result = await acknowledgeAlert(await requestContext(), textOf(values, "alertId"), { note: textOf(values, "note"), reviewDate: textOf(values, "reviewDate") });
  if (!result.ok) return refusal(result.error, values);
  revalidatePath("/", "layout");
  return { ok: true, message: "Acknowledged." };
}

export async function dismissAction(_: FormState, form: FormData): Promise<FormState> {
  const values = formValuesOf(form);
  const result = await dismissAlert(await requestContext(), textOf(values, "alertId"), { reason: textOf(values, "reason") });
  if (!result.ok) return refusal(result.error, values);
  revalidatePath("/", "layout");
  return { ok: true, message: "Resolved." };
}

export async function saveSettingsAction(_: FormState, form: FormData): Promise<FormState> {
  const values = formValuesOf(form);
  const input: Record<string, unknown> = {};
  const numberKeys: string[] = [];
  for (const field of alertSettingFields) {
    // An unticked set of checkboxes sends nothing: that is an empty choice, not "use the default".
    if (field.type === "choices") input[field.key] = listOf(values, field.key);
    // One per line; commas too, so a pasted list works.
    else if (field.type === "words") input[field.key] = textOf(values, field.key).split(/[\n,]/).map((word) => word.trim()).filter((word) => word !== "");
    else {
      input[field.key] = numberOf(values, field.key);
      numberKeys.push(field.key);
    }
  }
  const result = await updateAlertSettings(await requestContext(), input);
  const message = "Some settings need correcting; nothing was saved.";
  if (!result.ok) {
    const refused = refusal(result.error, values);
    if (result.error.kind !== "invalid" || refused?.ok !== false) return refused;
    // A number the reader refused as ambiguous ("1,5") gets the reader's own words, not the schema's.
    return failed({ ...refused.fieldErrors, ...numberErrors(values, numberKeys) }, values, message);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: `Saved as version ${result.value.version}; ${result.value.reevaluated} patients re-evaluated.` };
}
