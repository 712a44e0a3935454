"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/app/_server/context";
import { createUser, resetPassword, resetTwoFactor, updateUser } from "@/lib/admin";
import type { AdminFormState } from "../_components/AdminForm";
import { listOf, refused, textOf } from "../_server/results";

export async function createUserAction(_: AdminFormState, form: FormData): Promise<AdminFormState> {
  const values = { name: textOf(form, "name"), email: textOf(form, "email"), role: textOf(form, "role"), teamIds: listOf(form, "teamIds") };
  const result = await createUser(await requestContext(), { ...values, password: textOf(form, "password") });
  if (!result.ok) return refused(result.error, values);
  revalidatePath("/admin/users");
  return {
    ok: true,
    message: `Account created for ${values.email.trim().toLowerCase()}. Hand the initial password over in person or by phone, never by email.`,
    link: { href: `/admin/users/${result.value.id}`, text: "Open the account" },
  };
}

export async function updateUserAction(userId: string, _: AdminFormState, form: FormData): Promise<AdminFormState> {
  const values = { name: textOf(form, "name"), role: textOf(form, "role"), teamIds: listOf(form, "teamIds") };
  const result = await updateUser(await requestContext(), userId, values);
  if (!result.ok) return refused(result.error, values);
  revalidatePath("/admin", "layout");
  return { ok: true, message: "Changes saved. A new role applies at the user's next sign-in; team changes at their next page." };
}

export async function setActiveAction(userId: string, active: boolean): Promise<AdminFormState> {
  const result = await updateUser(await requestContext(), userId, { active });
  if (!result.ok) return refused(result.error, {});
  revalidatePath("/admin", "layout");
  redirect(`/admin/users/${userId}?done=${active ? "reactivated" : "deactivated"}`);
}

export async function resetPasswordAction(userId: string, _: AdminFormState, form: FormData): Promise<AdminFormState> {
  const result = await resetPassword(await requestContext(), userId, { password: textOf(form, "password") });
  if (!result.ok) return refused(result.error, {});
  return { ok: true, message: "Password changed and the user's sessions ended. Hand the new password over in person or by phone." };
}

export async function resetTwoFactorAction(userId: string): Promise<AdminFormState> {
  const result = await resetTwoFactor(await requestContext(), userId);
  if (!result.ok) return refused(result.error, {});
  revalidatePath("/admin", "layout");
  redirect(`/admin/users/${userId}?done=two-factor-removed`);
}
