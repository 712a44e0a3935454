import "server-only";
import { appendAudit, type AuditAction, type AuditActor, type AuditOrigin } from "@/lib/audit";
import type { Database } from "@/lib/db";
import type { Role } from "./actor";

/**
 * Guessing limits, counted in the database over a sliding window so they hold across restarts and
 * servers. After `slowAfter` failures each further attempt waits longer before it is answered; at
 * `accountLimit` failures for one email, or `addressLimit` from one address, attempts are refused
 * (HTTP 429) until the oldest counted failure leaves the window. Every place that checks a password
 * (sign-in, changing the password, starting second-factor enrolment) counts against the same limits,
 * so none of them is a way round the others.
 */
export const signInLimits = {
  windowMinutes: 15,
  slowAfter: 3,
  accountLimit: 5,
  addressLimit: 20,
  /** Delay before answering the n-th failure beyond slowAfter: 1 s, 2 s, 4 s, at most 8 s. */
  delayMs: (failuresBeyond: number) => Math.min(8000, 1000 * 2 ** Math.max(0, failuresBeyond - 1)),
};

export interface SignInOptions {
  now?: Date;
  sleep?: (ms: number) => Promise<void>;
}

export type Locked = { kind: "locked"; message: string; retryAfterSeconds: number };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function claimed(email: string, user?: { id: string; name: string; role: Role } | null): AuditActor {
  return user ? { id: user.id, name: user.name, role: user.role } : { id: "unknown", name: email || "(no email)", role: "unknown" };
}

export async function audit(db: Database, actor: AuditActor, origin: AuditOrigin, action: AuditAction, outcome: "ok" | "failed" | "locked", detail?: string) {
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

export function lockedMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask an administrator to reset your password.`;
}

/** Refuses, or slows, an attempt that follows too many failures; records the refusal. */
export async function throttle(db: Database, email: string, origin: AuditOrigin, action: AuditAction, options: SignInOptions): Promise<Locked | null> {
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

export async function recordFailure(db: Database, email: string, origin: AuditOrigin, action: AuditAction, detail: string, options: SignInOptions, actor?: AuditActor) {
  const user = !actor && email ? await db.prisma.user.findUnique({ where: { email }, select: { id: true, name: true, role: true } }) : null;
  const now = options.now ?? new Date();
  await db.prisma.signInFailure.create({ data: { email, address: origin.address ?? "unknown", at: now } });
  // Only the last window counts; older failures live on in the audit trail alone.
  await db.prisma.signInFailure.deleteMany({ where: { at: { lt: new Date(now.getTime() - 24 * 60 * 60_000) } } });
  await audit(db, actor ?? claimed(email, user), origin, action, "failed", detail);
}
