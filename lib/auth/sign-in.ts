import "server-only";
import { APIError } from "better-auth/api";
import { appendAudit, type AuditActor, type AuditOrigin } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { authFor } from "./server";
import type { SignedIn } from "./session";

/**
 * Guessing limits, counted in the database over a sliding window so they hold across restarts and
 * servers. After `slowAfter` failures each further attempt waits longer before it is answered; at
 * `accountLimit` failures for one email, or `addressLimit` from one address, attempts are refused
 * (HTTP 429) until the oldest counted failure leaves the window.
 */
export const signInLimits = {
  windowMinutes: 15,
  slowAfter: 3,
  accountLimit: 5,
  addressLimit: 20,
  /** Delay before answering the n-th failure beyond slowAfter: 1 s, 2 s, 4 s, at most 8 s. */
  delayMs: (failuresBeyond: number) => Math.min(8000, 1000 * 2 ** Math.max(0, failuresBeyond - 1)),
};

export type SignInResult =
  | { kind: "signed-in"; headers: Headers; userId: string }
  | { kind: "two-factor"; headers: Headers }
  | { kind: "failed"; message: string }
  | { kind: "locked"; message: string; retryAfterSeconds: number };

export interface SignInOptions {
  now?: Date;
  sleep?: (ms: number) => Promise<void>;
}

const GENERIC_FAILURE = "The email or password is not right.";
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function claimed(email: string, user?: { id: string; name: string; role: string } | null): AuditActor {
  return user ? { id: user.id, name: user.name, role: user.role } : { id: "unknown", name: email || "(no email)", role: "unknown" };
}

async function audit(db: Database, actor: AuditActor, origin: AuditOrigin, action: string, outcome: "ok" | "failed" | "locked", detail?: string) {
  await db.prisma.$transaction((tx) => appendAudit(tx, actor, origin, { action, outcome, detail }));
}

async function lockState(db: Database, email: string, address: string, now: Date) {
  const since = new Date(now.getTime() - signInLimits.windowMinutes * 60_000);
  const [byAccount, byAddress] = await Promise.all([
    // A second-factor attempt names no email (""): it counts against its address only, never against a shared "" account.
    email ? db.prisma.signInFailure.findMany({ where: { email, at: { gt: since } }, orderBy: { at: "desc" }, take: signInLimits.accountLimit, select: { at: true } }) : Promise.resolve([]),
    db.prisma.signInFailure.findMany({ where: { address, at: { gt: since } }, orderBy: { at: "desc" }, take: signInLimits.addressLimit, select: { at: true } }),
  ]);
  const windowMs = signInLimits.windowMinutes * 60_000;
  // Refused until the oldest of the last `limit` failures leaves the window.
  const until = (rows: { at: Date }[], limit: number) => (rows.length >= limit ? rows[limit - 1].at.getTime() + windowMs : 0);
  const lockedUntil = Math.max(until(byAccount, signInLimits.accountLimit), until(byAddress, signInLimits.addressLimit));
  return { failures: Math.max(byAccount.length, byAddress.length), lockedUntil };
}

function lockedMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask an administrator to reset your password.`;
}

/** Refuses, or slows, an attempt that follows too many failures; records the refusal. */
async function throttle(db: Database, email: string, origin: AuditOrigin, action: string, options: SignInOptions): Promise<SignInResult | null> {
  const now = options.now ?? new Date();
  const address = origin.address ?? "unknown";
  const state = await lockState(db, email, address, now);
  if (state.lockedUntil > now.getTime()) {
    const retryAfterSeconds = Math.ceil((state.lockedUntil - now.getTime()) / 1000);
    const user = email ? await db.prisma.user.findUnique({ where: { email }, select: { id: true, name: true, role: true } }) : null;
    await audit(db, claimed(email, user), origin, action, "locked", `refused for ${retryAfterSeconds} s after repeated failures`);
    return { kind: "locked", message: lockedMessage(retryAfterSeconds), retryAfterSeconds };
  }
  if (state.failures >= signInLimits.slowAfter) await (options.sleep ?? defaultSleep)(signInLimits.delayMs(state.failures - signInLimits.slowAfter + 1));
  return null;
}

async function recordFailure(db: Database, email: string, origin: AuditOrigin, action: string, detail: string, options: SignInOptions) {
  const user = email ? await db.prisma.user.findUnique({ where: { email }, select: { id: true, name: true, role: true } }) : null;
  const now = options.now ?? new Date();
  await db.prisma.signInFailure.create({ data: { email, address: origin.address ?? "unknown", at: now } });
  // Only the last window counts; older failures live on in the audit trail alone.
  await db.prisma.signInFailure.deleteMany({ where: { at: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } } });
  await audit(db, claimed(email, user), origin, action, "failed", detail);
}

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
  const email = input.email.trim().toLowerCase();
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
    const userId = (response as { user: { id: string } }).user.id;
    const user = await db.prisma.user.findUnique({ where: { id: userId }, select: { id: true, name: true, role: true } });
    await audit(db, claimed("", user), origin, "sign-in.second-factor", "ok", totp ? "authenticator code" : "backup code used");
    await db.prisma.user.update({ where: { id: userId }, data: { lastSignInAt: options.now ?? new Date() } });
    return { kind: "signed-in", headers, userId };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await db.prisma.signInFailure.create({ data: { email: "", address: origin.address ?? "unknown", at: options.now ?? new Date() } });
    await audit(db, claimed(""), origin, "sign-in.second-factor", "failed", error.message);
    const expired = /cookie|session|expired|invalid two factor/i.test(error.message);
    return {
      kind: "failed",
      message: expired && !/code/i.test(error.message) ? "Your sign-in has expired; start again with your email and password." : totp ? "That code is not right. Codes change every 30 seconds; enter the current one." : "That backup code is not right, or was used before.",
    };
  }
}

/** Starts TOTP enrolment for the signed-in user: the secret (as an otpauth:// URI) and backup codes. */
export async function startTwoFactorEnrolment(db: Database, session: SignedIn, password: string, requestHeaders: Headers, origin: AuditOrigin) {
  const auth = await authFor(db);
  try {
    const result = await auth.api.enableTwoFactor({ body: { password }, headers: requestHeaders });
    if (result.method !== "totp") throw new Error("two-factor enrolment did not return a TOTP secret");
    await audit(db, session.actor, origin, "two-factor.start-enrolment", "ok");
    return { ok: true as const, totpURI: result.totpURI, backupCodes: result.backupCodes };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await audit(db, session.actor, origin, "two-factor.start-enrolment", "failed", error.message);
    return { ok: false as const, message: "The password is not right." };
  }
}

/** Confirms enrolment with a first code; from then on the account needs the code at every sign-in. */
export async function confirmTwoFactorEnrolment(db: Database, session: SignedIn, code: string, requestHeaders: Headers, origin: AuditOrigin) {
  const auth = await authFor(db);
  const digits = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(digits)) return { ok: false as const, message: "Enter the 6-digit code from your authenticator app." };
  try {
    const { headers } = await auth.api.verifyTOTP({ body: { code: digits }, headers: requestHeaders, returnHeaders: true });
    await audit(db, session.actor, origin, "two-factor.enrol", "ok");
    return { ok: true as const, headers };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await audit(db, session.actor, origin, "two-factor.enrol", "failed", error.message);
    return { ok: false as const, message: "That code is not right. Check the time on your phone and enter the current code." };
  }
}

export async function signOut(db: Database, session: SignedIn | null, requestHeaders: Headers, origin: AuditOrigin, reason = "signed out") {
  const auth = await authFor(db);
  const { headers } = await auth.api.signOut({ headers: requestHeaders, returnHeaders: true });
  if (session) await audit(db, session.actor, origin, "sign-out", "ok", reason);
  return headers;
}
