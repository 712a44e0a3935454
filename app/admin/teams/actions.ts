"use server";

import { revalidatePath } from "next/cache";
import { requestContext } from "@/app/_server/context";
import { formValuesOf, refusal, textOf, type FormState } from "@/app/_components/form/form-values";
import { createTeam, setPatientTeam } from "@/lib/admin";

export async function createTeamAction(_: FormState, form: FormData): Promise<FormState> {
  const values = formValuesOf(form);
  const name = textOf(values, "name");
  const result = await createTeam(await requestContext(), { name });
  if (!result.ok) return refusal(result.error, values);
  revalidatePath("/admin", "layout");
  return { ok: true, message: `Team “${name}” created. Add its members on each user's page, and its patients below.` };
}

/** One form, two buttons: "member" says whether the patient joins the team or leaves it. */
export async function patientTeamAction(teamId: string, _: FormState, form: FormData): Promise<FormState> {
  const values = formValuesOf(form);
  const identifier = textOf(values, "identifier");
  const member = textOf(values, "member") !== "remove";
  const result = await setPatientTeam(await requestContext(), { identifier, teamId, member });
  if (!result.ok) return refusal(result.error, { identifier });
  revalidatePath("/admin", "layout");
  return { ok: true, message: member ? `${identifier} is in this team.` : `${identifier} is no longer in this team.` };
}
