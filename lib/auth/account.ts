import "server-only";
import { APIError } from "better-auth/api";
import type { AuditOrigin } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { authFor } from "./server";
import type { SignedIn } from "./session";
import { audit, recordFailure, throttle, type Locked, type SignInOptions } from "./throttle";
import { claimTotpStep } from "./totp";

/**
 * What a signed-in user does to their own credentials. Each asks for something only the user has (the
 * current password, a code), so each is a guess a stolen session could make: wrong passwords count
 * against the same limits as sign-in (lib/auth/throttle.ts), and a change that makes the account
 * harder to get into ends every other session, which were opened under the old terms.
 */

/** Ends every session of the user but the one making the change; answers how many ended. */
async function endOtherSessions(db: Database, userId: string, keepToken: string | null, keepId?: string): Promise<number> {
  const { count } = await db.prisma.session.deleteMany({
    where: { userId, NOT: keepToken ? { token: keepToken } : { id: keepId ?? "" } },
  });
  return count;
}

function sessionTokenFrom(headers: Headers): string | null {
  for (const cookie of headers.getSetCookie()) {
    const match = /^[^=]*session_token=([^;.]+)/.exec(cookie);
    if (match && !/max-age=0/i.test(cookie)) return decodeURIComponent(match[1]);
  }
  return null;
}

/** Starts TOTP enrolment for the signed-in user: the secret (as an otpauth:// URI) and backup codes. */
export async function startTwoFactorEnrolment(db: Database, session: SignedIn, password: string, requestHeaders: Headers, origin: AuditOrigin, options: SignInOptions = {}) {
  const refused = await throttle(db, session.email, origin, "two-factor.start-enrolment", options);
  if (refused) return { ok: false as const, message: refused.message, locked: refused };
  const auth = await authFor(db);
  try {
    const result = await auth.api.enableTwoFactor({ body: { password }, headers: requestHeaders });
    if (result.method !== "totp") throw new Error("two-factor enrolment did not return a TOTP secret");
    await audit(db, session.actor, origin, "two-factor.start-enrolment", "ok");
    return { ok: true as const, totpURI: result.totpURI, backupCodes: result.backupCodes };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    if ((error.body as { code?: string } | undefined)?.code === "TOTP_ALREADY_ENABLED") {
      await audit(db, session.actor, origin, "two-factor.start-enrolment", "failed", error.message);
      return { ok: false as const, message: "An authenticator app is already set up for this account. To move it to a new phone, ask an administrator to remove the second factor, then set it up again." };
    }
    await recordFailure(db, session.email, origin, "two-factor.start-enrolment", error.message, options, session.actor);
    return { ok: false as const, message: "The password is not right." };
  }
}

/**
 * Confirms enrolment with a first code; from then on the account needs the code at every sign-in, and
 * the sessions opened with the password alone end (they would otherwise count as fully signed in).
 */
export async function confirmTwoFactorEnrolment(db: Database, session: SignedIn, code: string, requestHeaders: Headers, origin: AuditOrigin) {
  const auth = await authFor(db);
  const digits = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(digits)) return { ok: false as const, message: "Enter the 6-digit code from your authenticator app." };
  try {
    const { headers } = await auth.api.verifyTOTP({ body: { code: digits }, headers: requestHeaders, returnHeaders: true });
    await claimTotpStep(db, session.actor.id, digits);
    // Better Auth replaces the current session on first enrolment (a new cookie); otherwise it is kept.
    const ended = await endOtherSessions(db, session.actor.id, sessionTokenFrom(headers), session.sessionId);
    await audit(db, session.actor, origin, "two-factor.enrol", "ok", `other sessions ended: ${ended}`);
    return { ok: true as const, headers };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await audit(db, session.actor, origin, "two-factor.enrol", "failed", error.message);
    return { ok: false as const, message: "That code is not right. Check the time on your phone and enter the current code." };
  }
}

export type PasswordChange = { ok: true; endedSessions: number } | { ok: false; message: string; locked?: Locked };

/** Changes the signed-in user's password (the new one already checked against the rules) and ends their other sessions. */
export async function changePassword(
  db: Database,
  session: SignedIn,
  input: { currentPassword: string; newPassword: string },
  requestHeaders: Headers,
  origin: AuditOrigin,
  options: SignInOptions = {},
): Promise<PasswordChange> {
  const refused = await throttle(db, session.email, origin, "account.change-password", options);
  if (refused) return { ok: false, message: refused.message, locked: refused };
  const auth = await authFor(db);
  try {
    await auth.api.changePassword({ body: { ...input, revokeOtherSessions: false }, headers: requestHeaders });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await recordFailure(db, session.email, origin, "account.change-password", "current password wrong", options, session.actor);
    return { ok: false, message: "The current password is not right" };
  }
  const endedSessions = await endOtherSessions(db, session.actor.id, null, session.sessionId);
  await audit(db, session.actor, origin, "account.change-password", "ok", `other sessions ended: ${endedSessions}`);
  return { ok: true, endedSessions };
}
