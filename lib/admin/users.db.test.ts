import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Actor } from "@/lib/auth";
import { authFor } from "@/lib/auth/server";
import { describeEachDatabase } from "@/lib/db/testing";
import type { Database } from "@/lib/db";
import type { ServiceContext } from "@/lib/patients";
import { value } from "@/lib/patients/testing";
import { createTeam } from "./teams";
import { createUser, listUsers, resetPassword, resetTwoFactor, updateUser } from "./users";

const admin: Actor = { id: "admin-1", name: "Ada Admin", role: "admin", teams: [] };
const nurse: Actor = { id: "nurse-1", name: "Nina Nurse", role: "nurse", teams: [] };
const goodPassword = "velvet-glacier-compass-71";

let n = 0;
function email(label: string): string {
  n += 1;
  return `${label}.${n}.${Date.now().toString(36)}@hospital.example`;
}

async function lastRow(db: Database) {
  return db.prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
}

async function signedIn(db: Database, userId: string): Promise<void> {
  await db.prisma.session.create({ data: { id: randomUUID(), token: randomUUID(), userId, expiresAt: new Date(Date.now() + 3_600_000) } });
}

async function sessions(db: Database, userId: string): Promise<number> {
  return db.prisma.session.count({ where: { userId } });
}

async function passwordWorks(db: Database, userId: string, password: string): Promise<boolean> {
  const account = await db.prisma.account.findFirstOrThrow({ where: { userId, providerId: "credential" } });
  const auth = await authFor(db);
  return (await auth.$context).password.verify({ hash: account.password!, password });
}

describeEachDatabase("managing users", (db) => {
  const ctx = (actor: Actor = admin): ServiceContext => ({ db: db(), actor, origin: { address: "10.1.1.1", userAgent: "vitest" } });

  it("creates a user who can then be listed, with role and teams, and whose password works", async () => {
    const team = value(await createTeam(ctx(), { name: `Sarcoma ${email("t")}` }));
    const address = email("Olivia");
    const { id } = value(await createUser(ctx(), { name: " Dr Olivia Okafor ", email: address.toUpperCase(), role: "oncologist", password: goodPassword, teamIds: [team.id] }));
    const listed = value(await listUsers(ctx())).find((user) => user.id === id);
    expect(listed).toMatchObject({ name: "Dr Olivia Okafor", email: address.toLowerCase(), role: "oncologist", active: true, twoFactorEnabled: false, teams: [{ id: team.id }] });
    expect(listed?.lastSignInAt).toBeUndefined();
    expect(await passwordWorks(db(), id, goodPassword)).toBe(true);
    expect(await lastRow(db())).toMatchObject({ action: "admin.users.list", outcome: "ok" });
    const created = await db().prisma.auditEntry.findFirstOrThrow({ where: { action: "user.create", detail: { contains: address.toLowerCase() } } });
    expect(created).toMatchObject({ actorId: admin.id, outcome: "ok", detail: `created ${address.toLowerCase()} as oncologist in 1 team(s)` });
  });

  it("refuses a weak password with the rule it breaks, and creates nothing", async () => {
    for (const [password, message] of [
      ["short-one", "Use at least 12 characters (this one has 9)."],
      ["password1234", "This is one of the most commonly used passwords, or built on one. Choose something less predictable."],
      ["okafor-okafor-okafor", "Do not build the password from your name or email address."],
    ]) {
      const address = email("weak");
      const result = await createUser(ctx(), { name: "Dr Olivia Okafor", email: address, role: "oncologist", password });
      expect(result).toEqual({ ok: false, error: { kind: "invalid", message: "Some fields need correcting", fieldErrors: { password: [message] } } });
      expect(await db().prisma.user.count({ where: { email: address } })).toBe(0);
      expect(await lastRow(db())).toMatchObject({ action: "user.create", outcome: "invalid" });
    }
  });

  it("names each field a new user is missing", async () => {
    const result = await createUser(ctx(), { name: "", email: "not-an-email", role: "surgeon", password: goodPassword });
    expect(!result.ok && result.error.kind === "invalid" && Object.keys(result.error.fieldErrors).sort()).toEqual(["email", "name", "role"]);
  });

  it("refuses a second account for the same email, whatever its case", async () => {
    const address = email("twice");
    value(await createUser(ctx(), { name: "First Person", email: address, role: "nurse", password: goodPassword }));
    const again = await createUser(ctx(), { name: "Second Person", email: address.toUpperCase(), role: "viewer", password: goodPassword });
    expect(again).toEqual({ ok: false, error: { kind: "conflict", message: `There is already an account for ${address}.` } });
    expect(await db().prisma.user.count({ where: { email: address } })).toBe(1);
    expect(await lastRow(db())).toMatchObject({ action: "user.create", outcome: "conflict" });
  });

  it("lets only an administrator manage users, and records each refusal as denied", async () => {
    const target = value(await createUser(ctx(), { name: "Target User", email: email("target"), role: "nurse", password: goodPassword })).id;
    for (const [call, action] of [
      [() => listUsers(ctx(nurse)), "admin.users.list"],
      [() => createUser(ctx(nurse), { name: "Sneaky", email: email("sneaky"), role: "admin", password: goodPassword }), "user.create"],
      [() => updateUser(ctx(nurse), nurse.id, { role: "admin" }), "user.update"],
      [() => resetPassword(ctx(nurse), target, { password: goodPassword }), "user.reset-password"],
      [() => resetTwoFactor(ctx(nurse), target), "user.reset-two-factor"],
    ] as const) {
      const result = await call();
      expect(!result.ok && result.error.kind).toBe("forbidden");
      expect(await lastRow(db())).toMatchObject({ actorId: nurse.id, action, outcome: "denied" });
    }
  });

  it("records what each change changed: name, role, teams, deactivation", async () => {
    const [sarcoma, myositis] = [value(await createTeam(ctx(), { name: `Sarcoma MDT ${n}${Date.now()}` })), value(await createTeam(ctx(), { name: `Myositis clinic ${n}${Date.now()}` }))];
    const address = email("changes");
    const id = value(await createUser(ctx(), { name: "Raj Rao", email: address, role: "nurse", password: goodPassword, teamIds: [sarcoma.id] })).id;
    const teamNames = (await db().prisma.careTeam.findMany({ where: { id: { in: [sarcoma.id, myositis.id] } }, orderBy: { name: "asc" } })).map((t) => t.name);
    const [myositisName, sarcomaName] = teamNames;

    value(await updateUser(ctx(), id, { name: "Dr Raj Rao", role: "rheumatologist", teamIds: [myositis.id] }));
    expect(await lastRow(db())).toMatchObject({
      action: "user.update",
      outcome: "ok",
      detail: `${address}: name "Raj Rao" → "Dr Raj Rao"; role nurse → rheumatologist; added to ${myositisName}; removed from ${sarcomaName}`,
    });
    expect(value(await listUsers(ctx())).find((u) => u.id === id)).toMatchObject({ name: "Dr Raj Rao", role: "rheumatologist", teams: [{ id: myositis.id }] });

    // A change that does not mention teams leaves them as they are.
    value(await updateUser(ctx(), id, { active: false }));
    expect(await lastRow(db())).toMatchObject({ action: "user.update", detail: `${address}: deactivated` });
    expect(await db().prisma.careTeamMember.findMany({ where: { userId: id }, select: { teamId: true } })).toEqual([{ teamId: myositis.id }]);
    value(await updateUser(ctx(), id, { active: true }));
    expect(await lastRow(db())).toMatchObject({ action: "user.update", detail: `${address}: reactivated` });
    value(await updateUser(ctx(), id, { name: "Dr Raj Rao" }));
    expect(await lastRow(db())).toMatchObject({ action: "user.update", detail: `${address}: no change` });
  });

  it("ends a user's sessions when they are deactivated or change role, but not for a new name", async () => {
    const id = value(await createUser(ctx(), { name: "Dana Demir", email: email("sessions"), role: "dermatologist", password: goodPassword })).id;
    await signedIn(db(), id);
    value(await updateUser(ctx(), id, { name: "Dr Dana Demir" }));
    expect(await sessions(db(), id)).toBe(1);
    value(await updateUser(ctx(), id, { active: false }));
    expect(await sessions(db(), id)).toBe(0);
    value(await updateUser(ctx(), id, { active: true }));
    await signedIn(db(), id);
    value(await updateUser(ctx(), id, { role: "viewer" }));
    expect(await sessions(db(), id)).toBe(0);
  });

  it("resets a password (ending sessions), refuses a weak one, and says which happened", async () => {
    const address = email("reset");
    const id = value(await createUser(ctx(), { name: "Victor Vale", email: address, role: "viewer", password: goodPassword })).id;
    await signedIn(db(), id);

    const weak = await resetPassword(ctx(), id, { password: "short" });
    expect(weak).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { password: ["Use at least 12 characters (this one has 5)."] } } });
    expect(await sessions(db(), id)).toBe(1);
    expect(await passwordWorks(db(), id, goodPassword)).toBe(true);
    const refused = await lastRow(db());
    expect(refused).toMatchObject({ action: "user.reset-password", outcome: "invalid" });
    expect(refused.detail).not.toMatch(/sessions ended/);

    value(await resetPassword(ctx(), id, { password: "harbour-quartz-meadow-35" }));
    expect(await sessions(db(), id)).toBe(0);
    expect(await passwordWorks(db(), id, "harbour-quartz-meadow-35")).toBe(true);
    expect(await lastRow(db())).toMatchObject({ action: "user.reset-password", outcome: "ok", detail: `password of ${address} reset; sessions ended` });

    expect(await resetPassword(ctx(), "no-such-user", { password: "harbour-quartz-meadow-35" })).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  it("removes a second factor and ends the user's sessions", async () => {
    const address = email("phone");
    const id = value(await createUser(ctx(), { name: "Lost Phone", email: address, role: "nurse", password: goodPassword })).id;
    await db().prisma.twoFactor.create({ data: { id: randomUUID(), userId: id, secret: "x", backupCodes: "y" } });
    await db().prisma.user.update({ where: { id }, data: { twoFactorEnabled: true } });
    await signedIn(db(), id);
    expect(value(await listUsers(ctx())).find((u) => u.id === id)?.twoFactorEnabled).toBe(true);

    value(await resetTwoFactor(ctx(), id));
    expect(await lastRow(db())).toMatchObject({ action: "user.reset-two-factor", outcome: "ok", detail: `second factor of ${address} removed; sessions ended` });
    expect(await db().prisma.twoFactor.count({ where: { userId: id } })).toBe(0);
    expect(await sessions(db(), id)).toBe(0);
    expect(value(await listUsers(ctx())).find((u) => u.id === id)?.twoFactorEnabled).toBe(false);
  });
});

describeEachDatabase("the last administrator", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: admin });

  it("cannot be demoted or deactivated until another administrator is active", async () => {
    const first = value(await createUser(ctx(), { name: "First Admin", email: email("first"), role: "admin", password: goodPassword })).id;
    const lastAdmin = { ok: false, error: { kind: "conflict", message: "This is the last active administrator; make someone else an administrator first." } };
    expect(await updateUser(ctx(), first, { role: "nurse" })).toEqual(lastAdmin);
    expect(await updateUser(ctx(), first, { active: false })).toEqual(lastAdmin);
    expect(await lastRow(db())).toMatchObject({ action: "user.update", outcome: "conflict", detail: expect.stringMatching(/: refused, the last active administrator$/) });
    expect(await db().prisma.user.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ role: "admin", active: true });

    // An inactive administrator does not count.
    const dormant = value(await createUser(ctx(), { name: "Dormant Admin", email: email("dormant"), role: "admin", password: goodPassword })).id;
    value(await updateUser(ctx(), dormant, { active: false }));
    expect(await updateUser(ctx(), first, { role: "nurse" })).toEqual(lastAdmin);

    const second = value(await createUser(ctx(), { name: "Second Admin", email: email("second"), role: "admin", password: goodPassword })).id;
    value(await updateUser(ctx(), first, { role: "nurse" }));
    expect(await updateUser(ctx(), second, { active: false })).toEqual(lastAdmin);
    value(await updateUser(ctx(), dormant, { active: true }));
    value(await updateUser(ctx(), second, { active: false }));
  });

  it("cannot be lost to two demotions at the same time", async () => {
    await db().prisma.user.updateMany({ where: { role: "admin" }, data: { active: false } });
    const a = value(await createUser(ctx(), { name: "Admin A", email: email("a"), role: "admin", password: goodPassword })).id;
    const b = value(await createUser(ctx(), { name: "Admin B", email: email("b"), role: "admin", password: goodPassword })).id;
    const results = await Promise.all([updateUser(ctx(), a, { role: "nurse" }), updateUser(ctx(), b, { active: false })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().prisma.user.count({ where: { role: "admin", active: true } })).toBe(1);
  });
});
