import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { authFor } from "@/lib/auth/server";
import { passwordProblems, roles, type Role } from "@/lib/auth";
import { fieldErrorsOf } from "@/lib/events";
import { adminCall, type Tx } from "@/lib/service";
import type { ServiceContext } from "@/lib/patients/context";
import { conflict, invalid, notFound, ok, type Result } from "@/lib/patients/result";

export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  twoFactorEnabled: boolean;
  teams: { id: string; name: string }[];
  createdAt: string;
  lastSignInAt?: string;
}

const email = z
  .string({ error: "Enter the email address" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address, like name@hospital.org" }).max(254));
const name = z.string({ error: "Enter the person's name" }).trim().min(2, { error: "Enter the person's name" }).max(100);
const role = z.enum(roles, { error: "Choose a role" });
const teamIds = z.array(z.uuid({ error: "Choose care teams from the list" })).max(50);

export const newUserInput = z.object({ name, email, role, password: z.string({ error: "Enter an initial password" }), teamIds: teamIds.default([]) });
// No default for teams here: zod 4 applies a default even under .optional(), and a change that does
// not mention teams (a deactivation, a new name) must leave them alone.
export const userChangeInput = z.object({ name: name.optional(), role: role.optional(), active: z.boolean().optional(), teamIds: teamIds.optional() });
export const passwordInput = z.object({ password: z.string({ error: "Enter the new password" }) });

function checkPassword(password: string, personal: string[]): Result<true> {
  const problems = passwordProblems(password, personal);
  return problems.length > 0 ? invalid({ password: problems }) : ok(true);
}

async function hashPassword(ctx: ServiceContext, password: string): Promise<string> {
  // Better Auth's own hasher (scrypt), so its sign-in verifies what we store.
  const auth = await authFor(ctx.db);
  return (await auth.$context).password.hash(password);
}

/**
 * Locks the rows of the active administrators until the transaction ends, so that two demotions at
 * the same time cannot each count the other as the one who remains: the second waits, then counts again.
 */
async function lockActiveAdmins(tx: Tx): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT id FROM "user" WHERE role = 'admin' AND active FOR UPDATE`);
}

async function activeAdmins(tx: Tx, except?: string): Promise<number> {
  return tx.user.count({ where: { role: "admin", active: true, ...(except ? { id: { not: except } } : {}) } });
}

async function teamsExist(tx: Tx, ids: string[]): Promise<boolean> {
  return (await tx.careTeam.count({ where: { id: { in: ids } } })) === new Set(ids).size;
}

export async function listUsers(ctx: ServiceContext): Promise<Result<UserView[]>> {
  return adminCall(ctx, "admin.users.list", async (tx) => {
    const rows = await tx.user.findMany({
      orderBy: [{ active: "desc" }, { name: "asc" }],
      include: { teams: { include: { team: true } } },
    });
    return ok(
      rows.map((row) => ({
        id: row.id,
        name: row.name,
        email: row.email,
        role: row.role,
        active: row.active,
        twoFactorEnabled: Boolean(row.twoFactorEnabled),
        teams: row.teams.map((t) => ({ id: t.team.id, name: t.team.name })).sort((a, b) => a.name.localeCompare(b.name)),
        createdAt: row.createdAt.toISOString(),
        lastSignInAt: row.lastSignInAt?.toISOString(),
      })),
    );
  });
}

/** An admin creates every account (there is no sign-up), with an initial password to hand over. */
export async function createUser(ctx: ServiceContext, input: unknown): Promise<Result<{ id: string }>> {
  const parsed = newUserInput.safeParse(input);
  const hash = parsed.success && passwordProblems(parsed.data.password, [parsed.data.name, parsed.data.email]).length === 0 ? await hashPassword(ctx, parsed.data.password) : undefined;
  return adminCall(ctx, "user.create", async (tx, note) => {
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const { name, email, role, password, teamIds } = parsed.data;
    const strong = checkPassword(password, [name, email]);
    if (!strong.ok || !hash) return strong.ok ? invalid({ password: ["Choose another password"] }) : strong;
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) return conflict(`There is already an account for ${email}.`);
    if (!(await teamsExist(tx, teamIds))) return invalid({ teamIds: ["Choose care teams from the list"] });
    const id = randomUUID();
    await tx.user.create({ data: { id, name, email, role, active: true, emailVerified: true, teams: { create: teamIds.map((teamId) => ({ teamId })) } } });
    await tx.account.create({ data: { id: randomUUID(), userId: id, accountId: id, providerId: "credential", password: hash } });
    note.detail = `created ${email} as ${role}${teamIds.length ? ` in ${teamIds.length} team(s)` : ""}`;
    return ok({ id });
  });
}

/** Sets a new password chosen by an admin and ends the user's sessions. */
export async function resetPassword(ctx: ServiceContext, userId: string, input: unknown): Promise<Result<true>> {
  const parsed = passwordInput.safeParse(input);
  const target = await ctx.db.prisma.user.findUnique({ where: { id: userId }, select: { name: true, email: true } });
  const acceptable = parsed.success && target && passwordProblems(parsed.data.password, [target.name, target.email]).length === 0;
  const hash = acceptable ? await hashPassword(ctx, parsed.data!.password) : undefined;
  return adminCall(ctx, "user.reset-password", async (tx, note) => {
    if (!target) return notFound(`No user with id ${userId}`);
    // A refused attempt says so; only a reset that happened says the sessions ended.
    note.detail = `new password for ${target.email} not accepted`;
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const strong = checkPassword(parsed.data.password, [target.name, target.email]);
    if (!strong.ok || !hash) return strong.ok ? invalid({ password: ["Choose another password"] }) : strong;
    note.detail = `password of ${target.email} reset; sessions ended`;
    const updated = await tx.account.updateMany({ where: { userId, providerId: "credential" }, data: { password: hash } });
    if (updated.count === 0) await tx.account.create({ data: { id: randomUUID(), userId, accountId: userId, providerId: "credential", password: hash } });
    await tx.session.deleteMany({ where: { userId } });
    await tx.signInFailure.deleteMany({ where: { email: target.email } });
    return ok(true);
  });
}

/** Changes name, role, active state or teams; every change is a row in the audit trail. */
export async function updateUser(ctx: ServiceContext, userId: string, input: unknown): Promise<Result<true>> {
  return adminCall(ctx, "user.update", async (tx, note) => {
    const parsed = userChangeInput.safeParse(input);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const change = parsed.data;
    if ((change.role !== undefined && change.role !== "admin") || change.active === false) await lockActiveAdmins(tx);
    const before = await tx.user.findUnique({ where: { id: userId }, include: { teams: true } });
    if (!before) return notFound(`No user with id ${userId}`);
    const changes: string[] = [];
    const losesAdmin = before.role === "admin" && before.active && ((change.role && change.role !== "admin") || change.active === false);
    if (losesAdmin && (await activeAdmins(tx, userId)) === 0) {
      note.detail = `${before.email}: refused, the last active administrator`;
      return conflict("This is the last active administrator; make someone else an administrator first.");
    }
    if (change.name !== undefined && change.name !== before.name) changes.push(`name "${before.name}" → "${change.name}"`);
    if (change.role !== undefined && change.role !== before.role) changes.push(`role ${before.role} → ${change.role}`);
    if (change.active !== undefined && change.active !== before.active) changes.push(change.active ? "reactivated" : "deactivated");
    if (change.teamIds !== undefined) {
      if (!(await teamsExist(tx, change.teamIds))) return invalid({ teamIds: ["Choose care teams from the list"] });
      const was = new Set(before.teams.map((t) => t.teamId));
      const now = new Set(change.teamIds);
      const added = [...now].filter((id) => !was.has(id));
      const removed = [...was].filter((id) => !now.has(id));
      if (added.length) await tx.careTeamMember.createMany({ data: added.map((teamId) => ({ teamId, userId })) });
      if (removed.length) await tx.careTeamMember.deleteMany({ where: { userId, teamId: { in: removed } } });
      const names = async (ids: string[]) => (await tx.careTeam.findMany({ where: { id: { in: ids } }, select: { name: true } })).map((t) => t.name).join(", ");
      if (added.length) changes.push(`added to ${await names(added)}`);
      if (removed.length) changes.push(`removed from ${await names(removed)}`);
    }
    await tx.user.update({ where: { id: userId }, data: { name: change.name, role: change.role, active: change.active } });
    // A deactivated user, or one whose role changed, signs in again; team changes apply at the next request.
    if (change.active === false || (change.role !== undefined && change.role !== before.role)) await tx.session.deleteMany({ where: { userId } });
    note.detail = `${before.email}: ${changes.join("; ") || "no change"}`;
    return ok(true);
  });
}

/** For a lost phone: removes the user's second factor (an admin must then enrol again at next sign-in). */
export async function resetTwoFactor(ctx: ServiceContext, userId: string): Promise<Result<true>> {
  return adminCall(ctx, "user.reset-two-factor", async (tx, note) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) return notFound(`No user with id ${userId}`);
    await tx.twoFactor.deleteMany({ where: { userId } });
    await tx.user.update({ where: { id: userId }, data: { twoFactorEnabled: false } });
    await tx.session.deleteMany({ where: { userId } });
    note.detail = `second factor of ${user.email} removed; sessions ended`;
    return ok(true);
  });
}
