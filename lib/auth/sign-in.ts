import "server-only";
import { APIError } from "better-auth/api";
import type { AuditOrigin } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { replaceUnsafeText } from "@/lib/events/text";
import { authFor } from "./server";
import type { SignedIn } from "./session";
import { audit, claimed, recordFailure, throttle, type Locked, type SignInOptions } from "./throttle";
import { claimTotpStep } from "./totp";

export { signInLimits, type SignInOptions } from "./throttle";
export { changePassword, confirmTwoFactorEnrolment, startTwoFactorEnrolment } from "./account";

export type SignInResult =
  | { kind: "signed-in"; headers: Headers; userId: string }
  | { kind: "two-factor"; headers: Headers }
  | { kind: "failed"; message: string }
  | Locked;

const GENERIC_FAILURE = "The email or password is not right.";

/**
 * Email and password sign-in. A wrong password, an unknown email and a deactivated account all get
 * the same answer; the audit trail says which it was.
 */
export async function signInWithPassword(
  db: Database,
  input: { email: string; password: string },
  requestHeaders: Headers,
  origin: AuditOrigin,
  options: SignInOptions = {},
): Promise<SignInResult> {
  // NUL or half a UTF-16 pair cannot be in anyone's email (nor in the database): such an address is
  // looked up with them replaced, matches nobody, and fails like any unknown email.
  const email = replaceUnsafeText(input.email.trim().toLowerCase());
  const refused = await throttle(db, email, origin, "sign-in", options);
  if (refused) return refused;
  if (!email || !input.password) {
    await recordFailure(db, email, origin, "sign-in", "email or password missing", options);
    return { kind: "failed", message: "Enter your email and password." };
  }
  const user = await db.prisma.user.findUnique({ where: { email }, select: { id: true, name: true, role: true, active: true } });
  if (user && !user.active) {
    await recordFailure(db, email, origin, "sign-in", "account deactivated", options);
    return { kind: "failed", message: GENERIC_FAILURE };
  }
  const auth = await authFor(db);
  try {
    const { headers, response } = await auth.api.signInEmail({
      body: { email, password: input.password, rememberMe: false },
      headers: requestHeaders,
      returnHeaders: true,
    });
    await db.prisma.signInFailure.deleteMany({ where: { email } });
    if (response && "twoFactorRedirect" in response && response.twoFactorRedirect) {
      await audit(db, claimed(email, user), origin, "sign-in", "ok", "password accepted; second factor required");
      return { kind: "two-factor", headers };
    }
    await audit(db, claimed(email, user), origin, "sign-in", "ok");
    if (user) await db.prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: options.now ?? new Date() } });
    return { kind: "signed-in", headers, userId: user?.id ?? "" };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await recordFailure(db, email, origin, "sign-in", user ? "wrong password" : "no account with this email", options);
    return { kind: "failed", message: GENERIC_FAILURE };
  }
}

/**
 * The second step for an account with TOTP: the 6-digit code from the authenticator app, or one of
 * the backup codes shown at enrolment (each works once).
 */
export async function verifySecondFactor(
  db: Database,
  input: { code: string },
  requestHeaders: Headers,
  origin: AuditOrigin,
  options: SignInOptions = {},
): Promise<SignInResult> {
  const refused = await throttle(db, "", origin, "sign-in.second-factor", options);
  if (refused) return refused;
  const code = input.code.replace(/\s+/g, "");
  const totp = /^\d{6}$/.test(code);
  const backup = /^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/.test(code);
  if (!totp && !backup) return { kind: "failed", message: "Enter the 6-digit code from your authenticator app, or one of your backup codes (like Ab1cD-eF2gH)." };
  const auth = await authFor(db);
  try {
    const { headers, response } = totp
      ? await auth.api.verifyTOTP({ body: { code }, headers: requestHeaders, returnHeaders: true })
      : await auth.api.verifyBackupCode({ body: { code }, headers: requestHeaders, returnHeaders: true });
    const { user: signedIn, token } = response as { user: { id: string }; token: string };
    const userId = signedIn.id;
    const user = await db.prisma.user.findUnique({ where: { id: userId }, select: { id: true, name: true, role: true } });
    if (totp && !(await claimTotpStep(db, userId, code))) {
      // The code was right, but it was used before: the session Better Auth just made is taken back.
      await db.prisma.session.deleteMany({ where: { token } });
      await recordFailure(db, "", origin, "sign-in.second-factor", "authenticator code used before", options, claimed("", user));
      return { kind: "failed", message: "That code has already been used. Wait for the next code from your app and enter it." };
    }
    await audit(db, claimed("", user), origin, "sign-in.second-factor", "ok", totp ? "authenticator code" : "backup code used");
    await db.prisma.user.update({ where: { id: userId }, data: { lastSignInAt: options.now ?? new Date() } });
    return { kind: "signed-in", headers, userId };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    const reason = (error.body as { code?: string } | undefined)?.code ?? "";
    await db.prisma.signInFailure.create({ data: { email: "", address: origin.address ?? "unknown", at: options.now ?? new Date() } });
    await audit(db, claimed(""), origin, "sign-in.second-factor", reason === "ACCOUNT_TEMPORARILY_LOCKED" ? "locked" : "failed", error.message);
    return secondFactorFailure(reason, totp);
  }
}

/** What the person at the second step is told, by Better Auth's reason for refusing the code. */
function secondFactorFailure(reason: string, totp: boolean): SignInResult {
  switch (reason) {
    case "ACCOUNT_TEMPORARILY_LOCKED":
      // Better Auth locks an account's second factor for 15 minutes after 10 wrong codes in a row.
      return {
        kind: "locked",
        message: "Too many wrong codes for this account: its second step is locked for up to 15 minutes. Try again later, or ask an administrator.",
        retryAfterSeconds: 15 * 60,
      };
    case "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE":
      return { kind: "failed", message: "Too many wrong codes for this sign-in. Start again with your email and password." };
    case "INVALID_TWO_FACTOR_COOKIE":
      return { kind: "failed", message: "Your sign-in has expired; start again with your email and password." };
    default:
      return { kind: "failed", message: totp ? "That code is not right. Codes change every 30 seconds; enter the current one." : "That backup code is not right, or was used before." };
  }
}

export async function signOut(db: Database, session: SignedIn | null, requestHeaders: Headers, origin: AuditOrigin, reason = "signed out") {
  const auth = await authFor(db);
  const { headers } = await auth.api.signOut({ headers: requestHeaders, returnHeaders: true });
  if (session) await audit(db, session.actor, origin, "sign-out", "ok", reason);
  return headers;
}
