"use server";

import { revalidatePath } from "next/cache";
import { requestContext } from "@/app/_server/context";
import type { FieldErrors } from "@/lib/events";
import { alertSettingFields } from "@/lib/alerts";
import { acknowledgeAlert, dismissAlert, updateAlertSettings } from "@/lib/patients";

const choiceKeys = new Set<string>(alertSettingFields.filter((field) => field.type === "choices").map((field) => field.key));
const wordKeys = new Set<string>(alertSettingFields.filter((field) => field.type === "words").map((field) => field.key));

export interface ActionState {
  ok?: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
}

export async function acknowledgeAction(_: ActionState, form: FormData): Promise<ActionState> {
  const note = String(form.get("note") ?? "");
  const reviewDate = String(form.get("reviewDate") ?? "");
  const result = await acknowledgeAlert(await requestContext(), String(form.get("alertId")), { note, reviewDate });
  if (!result.ok) return { message: result.error.message, fieldErrors: result.error.kind === "invalid" ? result.error.fieldErrors : undefined, values: { note, reviewDate } };
  revalidatePath("/", "layout");
  return { ok: true, message: "Acknowledged." };
}

export async function dismissAction(_: ActionState, form: FormData): Promise<ActionState> {
  const reason = String(form.get("reason") ?? "");
  const result = await dismissAlert(await requestContext(), String(form.get("alertId")), { reason });
  if (!result.ok) return { message: result.error.message, fieldErrors: result.error.kind === "invalid" ? result.error.fieldErrors : undefined, values: { reason } };
  revalidatePath("/", "layout");
  return { ok: true, message: "Resolved." };
}

export async function saveSettingsAction(_: ActionState, form: FormData): Promise<ActionState> {
  const values: Record<string, string> = {};
  const input: Record<string, unknown> = {};
  for (const [key, raw] of form.entries()) {
    if (key.startsWith("$")) continue;
    const text = String(raw);
    values[key] = text;
    if (choiceKeys.has(key)) {
      input[key] = [...((input[key] as string[] | undefined) ?? []), text];
    } else if (wordKeys.has(key)) {
      // One per line; commas too, so a pasted list works.
      input[key] = text.split(/[\n,]/).map((word) => word.trim()).filter((word) => word !== "");
    } else {
      input[key] = text.trim() === "" ? undefined : Number(text);
    }
  }
  // An unticked set of checkboxes sends nothing: that is an empty choice, not "use the default".
  for (const key of choiceKeys) input[key] ??= [];
  const result = await updateAlertSettings(await requestContext(), input);
  if (!result.ok) return { message: "Some settings need correcting; nothing was saved.", fieldErrors: result.error.kind === "invalid" ? result.error.fieldErrors : undefined, values };
  revalidatePath("/", "layout");
  return { ok: true, message: `Saved as version ${result.value.version}; ${result.value.reevaluated} patients re-evaluated.` };
}
