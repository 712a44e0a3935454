"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentSession, originOf } from "@/app/_server/context";
import { passwordProblems } from "@/lib/auth";
import { beginTwoFactorEnrolment, changeOwnPassword, endSession, finishTwoFactorEnrolment, passwordSignIn, secondFactorSignIn } from "@/lib/auth/requests";
import { failed, formValuesOf, textOf, type FormState } from "@/app/_components/form/form-values";
import { safeNext } from "./next-path";

export async function signInAction(_: FormState, form: FormData): Promise<FormState> {
  // What was typed, but never the password: the browser keeps it in its field.
  const values = formValuesOf(form);
  delete values.password;
  const email = textOf(values, "email");
  const password = String(form.get("password") ?? "");
  const next = safeNext(form.get("next"));
  const fieldErrors: Record<string, string[]> = {};
  if (!email) fieldErrors.email = ["Enter your email address"];
  if (!password) fieldErrors.password = ["Enter your password"];
  if (Object.keys(fieldErrors).length > 0) return failed(fieldErrors, values, "Enter your email and password.");
  const headerList = await headers();
  const result = await passwordSignIn({ email, password }, headerList, originOf(headerList));
  if (result.kind === "two-factor") redirect(`/sign-in/two-factor?next=${encodeURIComponent(next)}`);
  if (result.kind === "signed-in") redirect(next);
  return failed({}, values, result.message);
}

export async function secondFactorAction(_: FormState, form: FormData): Promise<FormState> {
  const code = String(form.get("code") ?? "");
  const next = safeNext(form.get("next"));
  const headerList = await headers();
  const result = await secondFactorSignIn({ code }, headerList, originOf(headerList));
  if (result.kind === "signed-in") redirect(next);
  if (result.kind === "two-factor") return failed({}, {}, "Enter the code again.");
  // A wrong code is said beside the code field (and linked from the summary); anything else is the form's message.
  return result.kind === "failed" ? failed({ code: [result.message] }, {}) : failed({}, {}, result.message);
}

export async function signOutAction(form: FormData): Promise<void> {
  const headerList = await headers();
  const session = await currentSession();
  await endSession(session.kind === "signed-in" ? session : null, headerList, originOf(headerList), String(form.get("reason") ?? "signed out"));
  redirect(form.get("reason") === "idle" ? "/sign-in?reason=idle" : "/sign-in?reason=signed-out");
}

/** What starting an enrolment shows: the key as a QR code and as text, and the backup codes (shown once). */
export interface Enrolment {
  totpURI: string;
  secret: string;
  backupCodes: string[];
  qrSvg: string;
}

export async function startEnrolmentAction(_: FormState<Enrolment>, form: FormData): Promise<FormState<Enrolment>> {
  const session = await currentSession();
  if (session.kind !== "signed-in") redirect("/sign-in?next=/account/two-factor");
  const password = String(form.get("password") ?? "");
  if (!password) return failed({ password: ["Enter your password to confirm it is you"] }, {});
  const headerList = await headers();
  const started = await beginTwoFactorEnrolment(session, password, headerList, originOf(headerList));
  if (!started.ok) return failed({ password: [started.message] }, {});
  const secret = new URL(started.totpURI).searchParams.get("secret") ?? "";
  const { toString } = await import("qrcode");
  const qrSvg = await toString(started.totpURI, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { ok: true, data: { totpURI: started.totpURI, secret, backupCodes: started.backupCodes, qrSvg } };
}

export async function confirmEnrolmentAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await currentSession();
  if (session.kind !== "signed-in") redirect("/sign-in?next=/account/two-factor");
  const headerList = await headers();
  const confirmed = await finishTwoFactorEnrolment(session, String(form.get("code") ?? ""), headerList, originOf(headerList));
  if (!confirmed.ok) return failed({ code: [confirmed.message] }, {});
  // Signing in again with the code replaced the session cookie: a fresh page, not a re-render.
  redirect("/account?two-factor=on");
}

export async function changePasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const session = await currentSession();
  if (session.kind !== "signed-in") redirect("/sign-in?next=/account");
  const currentPassword = String(form.get("currentPassword") ?? "");
  const newPassword = String(form.get("newPassword") ?? "");
  const problems = passwordProblems(newPassword, [session.actor.name, session.email]);
  if (!currentPassword) return failed({ currentPassword: ["Enter your current password"] }, {});
  if (problems.length > 0) return failed({ newPassword: problems }, {});
  const headerList = await headers();
  const changed = await changeOwnPassword(session, { currentPassword, newPassword }, headerList, originOf(headerList));
  if (!changed.ok) return changed.locked ? failed({}, {}, changed.message) : failed({ currentPassword: [changed.message] }, {});
  return { ok: true, message: "Password changed. Your other sessions have been signed out." };
}
