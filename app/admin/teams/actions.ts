"use server";

import { revalidatePath } from "next/cache";
import { requestContext } from "@/app/_server/context";
import { createTeam, setPatientTeam } from "@/lib/admin";
import type { AdminFormState } from "../_components/AdminForm";
import { refused, textOf } from "../_server/results";

export async function createTeamAction(_: AdminFormState, form: FormData): Promise<AdminFormState> {
  const values = { name: textOf(form, "name") };
  const result = await createTeam(await requestContext(), values);
  if (!result.ok) return refused(result.error, values);
  revalidatePath("/admin", "layout");
  return { ok: true, message: `Team “${values.name.trim()}” created. Add its members on each user's page, and its patients below.` };
}

/** One form, two buttons: "member" says whether the patient joins the team or leaves it. */
export async function patientTeamAction(teamId: string, _: AdminFormState, form: FormData): Promise<AdminFormState> {
  const identifier = textOf(form, "identifier").trim();
  const member = textOf(form, "member") !== "remove";
  const result = await setPatientTeam(await requestContext(), { identifier, teamId, member });
  if (!result.ok) return refused(result.error, { identifier });
  revalidatePath("/admin", "layout");
  return { ok: true, message: member ? `${identifier} is in this team.` : `${identifier} is no longer in this team.` };
}
