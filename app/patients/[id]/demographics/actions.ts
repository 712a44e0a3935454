"use server";

import { redirect } from "next/navigation";
import { requestContext } from "@/app/_server/context";
import { formValuesOf, listOf, refusal, type FormState } from "@/app/_components/form/form-values";
import { changeCareTeams } from "@/lib/patients";

/**
 * The care teams form: the boxes ticked among the teams offered (the writer's own) are the patient's
 * teams among those; teams the writer is not in are left as they are. The service checks it all again.
 */
export async function editCareTeams(patientId: string, offered: string[], _: FormState, form: FormData): Promise<FormState> {
  const values = formValuesOf(form);
  const ticked = listOf(values, "teamIds");
  const result = await changeCareTeams(await requestContext(), patientId, { add: ticked, remove: offered.filter((id) => !ticked.includes(id)) });
  if (!result.ok) return refusal(result.error, values);
  redirect(`/patients/${patientId}/demographics?saved=teams`);
}
