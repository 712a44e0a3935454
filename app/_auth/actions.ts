"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentSession, originOf } from "@/app/_server/context";
import { passwordProblems } from "@/lib/auth";
import { beginTwoFactorEnrolment, changeOwnPassword, endSession, finishTwoFactorEnrolment, passwordSignIn, secondFactorSignIn } from "@/lib/auth/requests";
import { safeNext } from "./next-path";

export interface AuthFormState {
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  ok?: boolean;
}

export async function signInAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const next = safeNext(form.get("next"));
  const fieldErrors: Record<string, string[]> = {};
  if (!email.trim()) fieldErrors.email = ["Enter your email address"];
  if (!password) fieldErrors.password = ["Enter your password"];
  if (Object.keys(fieldErrors).length > 0) return { message: "Enter your email and password.", fieldErrors, values: { email } };
  const headerList = await headers();
  const result = await passwordSignIn({ email, password }, headerList, originOf(headerList));
  if (result.kind === "two-factor") redirect(`/sign-in/two-factor?next=${encodeURIComponent(next)}`);
  if (result.kind === "signed-in") redirect(next);
  return { message: result.message, values: { email } };
}

export async function secondFactorAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const code = String(form.get("code") ?? "");
  const next = safeNext(form.get("next"));
  const headerList = await headers();
  const result = await secondFactorSignIn({ code }, headerList, originOf(headerList));
  if (result.kind === "signed-in") redirect(next);
  if (result.kind === "two-factor") return { message: "Enter the code again." };
  return { message: result.message, fieldErrors: result.kind === "failed" ? { code: [result.message] } : undefined };
}

export async function signOutAction(form: FormData): Promise<void> {
  const headerList = await headers();
  const session = await currentSession();
  await endSession(session.kind === "signed-in" ? session : null, headerList, originOf(headerList), String(form.get("reason") ?? "signed out"));
  redirect(form.get("reason") === "idle" ? "/sign-in?reason=idle" : "/sign-in?reason=signed-out");
}

export interface EnrolmentState extends AuthFormState {
  totpURI?: string;
  secret?: string;
  backupCodes?: string[];
  qrSvg?: string;
}

export async function startEnrolmentAction(_: EnrolmentState, form: FormData): Promise<EnrolmentState> {
  const session = await currentSession();
  if (session.kind !== "signed-in") redirect("/sign-in?next=/account/two-factor");
  const password = String(form.get("password") ?? "");
  if (!password) return { fieldErrors: { password: ["Enter your password to confirm it is you"] } };
  const headerList = await headers();
  const started = await beginTwoFactorEnrolment(session, password, headerList, originOf(headerList));
  if (!started.ok) return { fieldErrors: { password: [started.message] } };
  const secret = new URL(started.totpURI).searchParams.get("secret") ?? "";
  const { toString } = await import("qrcode");
  const qrSvg = await toString(started.totpURI, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { totpURI: started.totpURI, secret, backupCodes: started.backupCodes, qrSvg };
}

export async function confirmEnrolmentAction(state: EnrolmentState, form: FormData): Promise<EnrolmentState> {
  const session = await currentSession();
  if (session.kind !== "signed-in") redirect("/sign-in?next=/account/two-factor");
  const headerList = await headers();
  const confirmed = await finishTwoFactorEnrolment(session, String(form.get("code") ?? ""), headerList, originOf(headerList));
  if (!confirmed.ok) return { ...state, fieldErrors: { code: [confirmed.message] } };
  // Signing in again with the code replaced the session cookie: a fresh page, not a re-render.
  redirect("/account?two-factor=on");
}

export async function changePasswordAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const session = await currentSession();
  if (session.kind !== "signed-in") redirect("/sign-in?next=/account");
  const currentPassword = String(form.get("currentPassword") ?? "");
  const newPassword = String(form.get("newPassword") ?? "");
  const problems = passwordProblems(newPassword, [session.actor.name, session.email]);
  if (!currentPassword) return { fieldErrors: { currentPassword: ["Enter your current password"] } };
  if (problems.length > 0) return { fieldErrors: { newPassword: problems } };
  const headerList = await headers();
  const changed = await changeOwnPassword(session, { currentPassword, newPassword }, headerList, originOf(headerList));
  if (!changed.ok) return changed.locked ? { message: changed.message } : { fieldErrors: { currentPassword: [changed.message] } };
  return { ok: true, message: "Password changed. Your other sessions have been signed out." };
}
