"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/app/_server/context";
import { formValuesOf, listOf, refusal, textOf, type FormState } from "@/app/_components/form/form-values";
import { createUser, resetPassword, resetTwoFactor, updateUser } from "@/lib/admin";

export async function createUserAction(_: FormState, form: FormData): Promise<FormState> {
  // What was typed goes back on a refusal, but never the password: the browser keeps it in its field.
  const values = formValuesOf(form);
  const password = values.password;
  delete values.password;
  const input = { name: textOf(values, "name"), email: textOf(values, "email"), role: textOf(values, "role"), teamIds: listOf(values, "teamIds") };
  const result = await createUser(await requestContext(), { ...input, password: typeof password === "string" ? password : "" });
  if (!result.ok) return refusal(result.error, values);
  revalidatePath("/admin/users");
  return {
    ok: true,
    message: `Account created for ${input.email.toLowerCase()}. Hand the initial password over in person or by phone, never by email.`,
    link: { href: `/admin/users/${result.value.id}`, text: "Open the account" },
  };
}

export async function updateUserAction(userId: string, _: FormState, form: FormData): Promise<FormState> {
  const values = formValuesOf(form);
  const result = await updateUser(await requestContext(), userId, { name: textOf(values, "name"), role: textOf(values, "role"), teamIds: listOf(values, "teamIds") });
  if (!result.ok) return refusal(result.error, values);
  revalidatePath("/admin", "layout");
  return { ok: true, message: "Changes saved. A new role applies at the user's next sign-in; team changes at their next page." };
}

export async function setActiveAction(userId: string, active: boolean): Promise<FormState> {
  const result = await updateUser(await requestContext(), userId, { active });
  if (!result.ok) return refusal(result.error, {});
  revalidatePath("/admin", "layout");
  redirect(`/admin/users/${userId}?done=${active ? "reactivated" : "deactivated"}`);
}

export async function resetPasswordAction(userId: string, _: FormState, form: FormData): Promise<FormState> {
  const password = form.get("password");
  const result = await resetPassword(await requestContext(), userId, { password: typeof password === "string" ? password : "" });
  // The password is not sent back: the browser keeps what was typed in the field.
  if (!result.ok) return refusal(result.error, {});
  return { ok: true, message: "Password changed and the user's sessions ended. Hand the new password over in person or by phone." };
}

export async function resetTwoFactorAction(userId: string): Promise<FormState> {
  const result = await resetTwoFactor(await requestContext(), userId);
  if (!result.ok) return refusal(result.error, {});
  revalidatePath("/admin", "layout");
  redirect(`/admin/users/${userId}?done=two-factor-removed`);
}
