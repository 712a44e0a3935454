import "server-only";
import type { Database } from "@/lib/db";
import { isRole, type Actor, type Role } from "./actor";
import { authFor, SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from "./server";

/** How often a session's last activity is written: not on every request, but well inside the idle limit. */
const TOUCH_AFTER_MS = 60_000;

export interface SignedIn {
  kind: "signed-in";
  actor: Actor;
  sessionId: string;
  email: string;
  twoFactorEnabled: boolean;
  /** An admin without a second factor may only enrol one until they have. */
  mustEnrolTwoFactor: boolean;
  expiresAt: Date;
}

export type SessionState = SignedIn | { kind: "signed-out"; reason?: "idle" | "expired" | "deactivated" };

/**
 * The session behind a request's cookies, checked against the idle and absolute limits and the
 * user's current role and teams (read fresh, so a role change or deactivation applies at once).
 */
export async function sessionFromHeaders(db: Database, headers: Headers, now = new Date()): Promise<SessionState> {
  const auth = await authFor(db);
  const found = await auth.api.getSession({ headers, query: { disableRefresh: true } });
  if (!found) return { kind: "signed-out" };
  const session = await db.prisma.session.findUnique({
    where: { id: found.session.id },
    select: { id: true, createdAt: true, lastActiveAt: true, expiresAt: true, user: { select: { id: true, name: true, email: true, role: true, active: true, twoFactorEnabled: true, teams: { select: { teamId: true } } } } },
  });
  if (!session) return { kind: "signed-out" };
  const { user } = session;
  if (!user.active) {
    await db.prisma.session.deleteMany({ where: { userId: user.id } });
    return { kind: "signed-out", reason: "deactivated" };
  }
  const absoluteEnd = session.createdAt.getTime() + SESSION_ABSOLUTE_SECONDS * 1000;
  if (now.getTime() >= absoluteEnd || session.expiresAt <= now) {
    await db.prisma.session.deleteMany({ where: { id: session.id } });
    return { kind: "signed-out", reason: "expired" };
  }
  const idleMs = now.getTime() - session.lastActiveAt.getTime();
  if (idleMs >= SESSION_IDLE_SECONDS * 1000) {
    await db.prisma.session.deleteMany({ where: { id: session.id } });
    return { kind: "signed-out", reason: "idle" };
  }
  if (idleMs >= TOUCH_AFTER_MS) {
    await db.prisma.session.updateMany({ where: { id: session.id }, data: { lastActiveAt: now } });
  }
  if (!isRole(user.role)) return { kind: "signed-out" };
  const role: Role = user.role;
  return {
    kind: "signed-in",
    actor: { id: user.id, name: user.name, role, teams: user.teams.map((team) => team.teamId) },
    sessionId: session.id,
    email: user.email,
    twoFactorEnabled: Boolean(user.twoFactorEnabled),
    mustEnrolTwoFactor: role === "admin" && !user.twoFactorEnabled,
    expiresAt: new Date(Math.min(absoluteEnd, session.expiresAt.getTime(), session.lastActiveAt.getTime() + SESSION_IDLE_SECONDS * 1000)),
  };
}
