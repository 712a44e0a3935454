import { expect, it } from "vitest";
import { createUser } from "@/lib/admin/users";
import { describeEachDatabase } from "@/lib/db/testing";
import { testActor, value } from "@/lib/patients/testing";
import { sessionFromHeaders } from "./session";
import { signInLimits, signInWithPassword, verifySecondFactor } from "./sign-in";

/** The Cookie header a browser would send back after these Set-Cookie headers. */
function cookieFrom(setCookies: Headers): Headers {
  const pairs = setCookies.getSetCookie().map((cookie) => cookie.split(";")[0]);
  return new Headers({ cookie: pairs.join("; ") });
}

const origin = { address: "10.0.0.7", userAgent: "vitest" };
const noSleep = async () => {};

describeEachDatabase("sessions and sign-in", (db) => {
  let n = 0;
  async function newUser(role: "nurse" | "admin" = "nurse") {
    n += 1;
    const email = `user${n}@hospital.example`;
    const password = "plinth vellum sorrel 9";
    value(await createUser({ db: db(), actor: testActor }, { name: `Test User ${n}`, email, role, password, teamIds: [] }));
    return { email, password };
  }

  it("signs in with the right password and reads the session back with role and teams", async () => {
    const user = await newUser();
    const result = await signInWithPassword(db(), { email: user.email.toUpperCase(), password: user.password }, new Headers(), origin);
    expect(result.kind).toBe("signed-in");
    if (result.kind !== "signed-in") return;
    const session = await sessionFromHeaders(db(), cookieFrom(result.headers));
    expect(session).toMatchObject({ kind: "signed-in", email: user.email, actor: { role: "nurse", teams: [] }, mustEnrolTwoFactor: false });
    // Admins see when each account last signed in.
    const stored = await db().prisma.user.findUniqueOrThrow({ where: { email: user.email } });
    expect(Date.now() - stored.lastSignInAt!.getTime()).toBeLessThan(60_000);
  });

  it("ends a session after 30 minutes without a request, but not while requests keep coming", async () => {
    const user = await newUser();
    const result = await signInWithPassword(db(), user, new Headers(), origin);
    if (result.kind !== "signed-in") throw new Error(result.kind);
    const cookie = cookieFrom(result.headers);
    const start = Date.now();
    const at = (minutes: number) => new Date(start + minutes * 60_000);
    // A request every 20 minutes keeps it alive past the first 30.
    expect((await sessionFromHeaders(db(), cookie, at(20))).kind).toBe("signed-in");
    expect((await sessionFromHeaders(db(), cookie, at(40))).kind).toBe("signed-in");
    // Then 30 minutes of nothing.
    expect(await sessionFromHeaders(db(), cookie, at(70.5))).toEqual({ kind: "signed-out", reason: "idle" });
    // Gone on the server: the same cookie later is simply signed out.
    expect((await sessionFromHeaders(db(), cookie, at(71))).kind).toBe("signed-out");
  });

  it("ends a session 12 hours after sign-in however active it was", async () => {
    const user = await newUser();
    const result = await signInWithPassword(db(), user, new Headers(), origin);
    if (result.kind !== "signed-in") throw new Error(result.kind);
    const cookie = cookieFrom(result.headers);
    const start = Date.now();
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      expect((await sessionFromHeaders(db(), cookie, new Date(start + minutes * 60_000))).kind).toBe("signed-in");
    }
    expect(await sessionFromHeaders(db(), cookie, new Date(start + 12 * 60 * 60_000 + 1000))).toEqual({ kind: "signed-out", reason: "expired" });
  });

  it("a session that reached its 12 hours is told so, as the clock really moves (not only when asked about a later time)", async () => {
    const user = await newUser();
    const result = await signInWithPassword(db(), user, new Headers(), origin);
    if (result.kind !== "signed-in") throw new Error(result.kind);
    const cookie = cookieFrom(result.headers);
    // Twelve hours and a minute pass, with the user active until just now.
    const shift = 12 * 60 * 60_000 + 60_000;
    const stored = await db().prisma.session.findFirstOrThrow({ where: { user: { email: user.email } } });
    await db().prisma.session.update({ where: { id: stored.id }, data: { createdAt: new Date(stored.createdAt.getTime() - shift), expiresAt: new Date(stored.expiresAt.getTime() - shift), lastActiveAt: new Date() } });
    expect(await sessionFromHeaders(db(), cookie)).toEqual({ kind: "signed-out", reason: "expired" });
  });

  it("an admin without a second factor must enrol one", async () => {
    const admin = await newUser("admin");
    const result = await signInWithPassword(db(), admin, new Headers(), origin);
    if (result.kind !== "signed-in") throw new Error(result.kind);
    expect(await sessionFromHeaders(db(), cookieFrom(result.headers))).toMatchObject({ kind: "signed-in", mustEnrolTwoFactor: true });
  });

  it("answers a wrong password and an unknown email alike, slows after 3 failures and refuses after 5, and audits each", async () => {
    const user = await newUser();
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
    };
    const before = await db().prisma.auditEntry.count();
    const unknown = await signInWithPassword(db(), { email: "nobody@hospital.example", password: "whatever-it-is" }, new Headers(), { address: "10.0.0.99" }, { sleep });
    const results = [];
    for (let i = 0; i < signInLimits.accountLimit; i++) results.push(await signInWithPassword(db(), { email: user.email, password: `wrong ${i}` }, new Headers(), origin, { sleep }));
    expect(unknown).toEqual(results[0]);
    expect(results.every((r) => r.kind === "failed" && r.message === "The email or password is not right.")).toBe(true);
    expect(sleeps).toEqual([1000, 2000]);
    const locked = await signInWithPassword(db(), user, new Headers(), origin, { sleep });
    expect(locked).toMatchObject({ kind: "locked", retryAfterSeconds: expect.any(Number) });
    if (locked.kind === "locked") expect(locked.retryAfterSeconds).toBeGreaterThan(14 * 60);
    // Fifteen minutes after the failures, the right password works again.
    const later = await signInWithPassword(db(), user, new Headers(), origin, { now: new Date(Date.now() + 16 * 60_000), sleep: noSleep });
    expect(later.kind).toBe("signed-in");
    const rows = await db().prisma.auditEntry.findMany({ where: { seq: { gt: before } }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ["sign-in", "failed"],
      ...Array.from({ length: signInLimits.accountLimit }, () => ["sign-in", "failed"]),
      ["sign-in", "locked"],
      ["sign-in", "ok"],
    ]);
    expect(rows[0]).toMatchObject({ actorName: "nobody@hospital.example", detail: "no account with this email", address: "10.0.0.99" });
    expect(rows[1]).toMatchObject({ actorName: expect.stringMatching(/^Test User \d+$/), role: "nurse", detail: "wrong password", address: "10.0.0.7", userAgent: "vitest" });
  });

  it("refuses an address that keeps failing across many accounts", async () => {
    const address = { address: "10.9.9.9" };
    let last;
    for (let i = 0; i < signInLimits.addressLimit; i++) last = await signInWithPassword(db(), { email: `guess${i}@hospital.example`, password: "wrong password" }, new Headers(), address, { sleep: noSleep });
    expect(last?.kind).toBe("failed");
    const user = await newUser();
    expect((await signInWithPassword(db(), user, new Headers(), address, { sleep: noSleep })).kind).toBe("locked");
    expect((await signInWithPassword(db(), user, new Headers(), origin, { sleep: noSleep })).kind).toBe("signed-in");
  });

  it("wrong second-factor codes count against their own address only, never against everyone's second factor", async () => {
    for (let i = 0; i < signInLimits.accountLimit + 2; i++) {
      const result = await verifySecondFactor(db(), { code: "123456" }, new Headers(), { address: `10.7.0.${i}` }, { sleep: noSleep });
      expect(result.kind).toBe("failed");
    }
    expect((await verifySecondFactor(db(), { code: "123456" }, new Headers(), { address: "10.7.1.1" }, { sleep: noSleep })).kind).toBe("failed");
  });

  it("a deactivated account cannot sign in, and its open sessions end", async () => {
    const user = await newUser();
    const result = await signInWithPassword(db(), user, new Headers(), origin);
    if (result.kind !== "signed-in") throw new Error(result.kind);
    await db().prisma.user.update({ where: { email: user.email }, data: { active: false } });
    expect(await sessionFromHeaders(db(), cookieFrom(result.headers))).toEqual({ kind: "signed-out", reason: "deactivated" });
    expect(await signInWithPassword(db(), user, new Headers(), origin, { sleep: noSleep })).toEqual({ kind: "failed", message: "The email or password is not right." });
  });
});
