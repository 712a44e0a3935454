import crypto from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { createUser } from "@/lib/admin/users";
import { describeEachDatabase } from "@/lib/db/testing";
import { testActor, value } from "@/lib/patients/testing";
import { sessionFromHeaders } from "./session";
import { changePassword, confirmTwoFactorEnrolment, signInLimits, signInWithPassword, startTwoFactorEnrolment, verifySecondFactor } from "./sign-in";

function cookieFrom(...responses: Headers[]): Headers {
  const jar = new Map<string, string>();
  for (const headers of responses) {
    for (const cookie of headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      if (/max-age=0/i.test(cookie)) jar.delete(name);
      else jar.set(name, pair);
    }
  }
  return new Headers({ cookie: [...jar.values()].join("; ") });
}

/** What an authenticator app shows (RFC 6238, SHA-1, 6 digits, 30 s). */
function totp(secret: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...secret.replace(/=+$/, "")].map((c) => alphabet.indexOf(c).toString(2).padStart(5, "0")).join("");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const hmac = crypto.createHmac("sha1", key).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

const origin = { address: "10.1.2.3", userAgent: "vitest" };

describeEachDatabase("two-factor sign-in", (db) => {
  it("enrols an authenticator, then asks for its code or a backup code, each backup code once", async () => {
    const user = { email: "second.factor@hospital.example", password: "plinth vellum sorrel 9" };
    value(await createUser({ db: db(), actor: testActor }, { name: "Second Factor", role: "admin", teamIds: [], ...user }));
    const first = await signInWithPassword(db(), user, new Headers(), origin);
    if (first.kind !== "signed-in") throw new Error(first.kind);
    const cookie = cookieFrom(first.headers);
    const session = await sessionFromHeaders(db(), cookie);
    if (session.kind !== "signed-in") throw new Error(session.kind);
    expect(session.mustEnrolTwoFactor).toBe(true);

    const wrongPassword = await startTwoFactorEnrolment(db(), session, "not my password", cookie, origin);
    expect(wrongPassword).toEqual({ ok: false, message: "The password is not right." });
    const started = await startTwoFactorEnrolment(db(), session, user.password, cookie, origin);
    if (!started.ok) throw new Error(started.message);
    const secret = new URL(started.totpURI).searchParams.get("secret")!;
    expect(started.backupCodes.length).toBeGreaterThanOrEqual(8);
    expect(await confirmTwoFactorEnrolment(db(), session, "000000" === totp(secret) ? "111111" : "000000", cookie, origin)).toMatchObject({ ok: false });
    const confirmed = await confirmTwoFactorEnrolment(db(), session, totp(secret), cookie, origin);
    if (!confirmed.ok) throw new Error(confirmed.message);
    const enrolled = await sessionFromHeaders(db(), cookieFrom(first.headers, confirmed.headers));
    expect(enrolled).toMatchObject({ kind: "signed-in", twoFactorEnabled: true, mustEnrolTwoFactor: false });

    // From now on the password alone is not enough.
    const second = await signInWithPassword(db(), user, new Headers(), origin);
    expect(second.kind).toBe("two-factor");
    if (second.kind !== "two-factor") return;
    expect(await verifySecondFactor(db(), { code: "12345" }, cookieFrom(second.headers), origin)).toMatchObject({ kind: "failed", message: expect.stringContaining("6-digit code") });
    const [backup] = started.backupCodes;
    const withBackup = await verifySecondFactor(db(), { code: backup }, cookieFrom(second.headers), origin);
    expect(withBackup.kind).toBe("signed-in");

    const third = await signInWithPassword(db(), user, new Headers(), origin);
    if (third.kind !== "two-factor") throw new Error(third.kind);
    expect(await verifySecondFactor(db(), { code: backup }, cookieFrom(third.headers), origin)).toMatchObject({ kind: "failed", message: "That backup code is not right, or was used before." });
    // The enrolment used the current code; the next one (accepted a step early) signs in.
    const withCode = await verifySecondFactor(db(), { code: totp(secret, Date.now() + 30_000) }, cookieFrom(third.headers), origin);
    expect(withCode.kind).toBe("signed-in");
    if (withCode.kind === "signed-in") expect(await sessionFromHeaders(db(), cookieFrom(withCode.headers))).toMatchObject({ kind: "signed-in", twoFactorEnabled: true });

    const rows = await db().prisma.auditEntry.findMany({ where: { action: { startsWith: "two-factor" } }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ["two-factor.start-enrolment", "failed"],
      ["two-factor.start-enrolment", "ok"],
      ["two-factor.enrol", "failed"],
      ["two-factor.enrol", "ok"],
    ]);
    const second_factor = await db().prisma.auditEntry.findMany({ where: { action: "sign-in.second-factor" }, orderBy: { seq: "asc" } });
    expect(second_factor.map((r) => [r.outcome, r.detail])).toEqual([
      ["ok", "backup code used"],
      ["failed", expect.any(String)],
      ["ok", "authenticator code"],
    ]);
  });
});

describeEachDatabase("second factor and password changes: sessions, replays and guessing", (db) => {
  const noSleep = async () => {};
  let n = 0;
  // Each test fails from an address of its own, so that the per-address limit of one does not reach into another.
  let origin = { address: "10.2.0.0", userAgent: "vitest" };
  beforeEach(() => {
    origin = { address: `10.2.0.${n + 1}`, userAgent: "vitest" };
  });
  async function newUser(role: "nurse" | "admin" = "nurse") {
    n += 1;
    const user = { email: `hardening${n}@hospital.example`, password: "plinth vellum sorrel 9" };
    value(await createUser({ db: db(), actor: testActor }, { name: `Hardening ${n}`, role, teamIds: [], ...user }));
    return user;
  }
  async function signedIn(user: { email: string; password: string }) {
    const result = await signInWithPassword(db(), user, new Headers(), origin, { sleep: noSleep });
    if (result.kind !== "signed-in") throw new Error(result.kind);
    const cookie = cookieFrom(result.headers);
    const session = await sessionFromHeaders(db(), cookie);
    if (session.kind !== "signed-in") throw new Error(session.kind);
    return { cookie, session };
  }
  async function enrol(user: { email: string; password: string }) {
    const { cookie, session } = await signedIn(user);
    const started = await startTwoFactorEnrolment(db(), session, user.password, cookie, origin);
    if (!started.ok) throw new Error(started.message);
    const secret = new URL(started.totpURI).searchParams.get("secret")!;
    const confirmed = await confirmTwoFactorEnrolment(db(), session, totp(secret), cookie, origin);
    if (!confirmed.ok) throw new Error(confirmed.message);
    return { secret, cookie: cookieFrom(cookie, confirmed.headers) };
  }

  it("enrolling a second factor ends the sessions opened with the password alone (an admin's would become full admin sessions)", async () => {
    const user = await newUser("admin");
    const passwordOnly = await signedIn(user);
    expect(passwordOnly.session.mustEnrolTwoFactor).toBe(true);
    const { cookie } = await enrol(user);
    expect(await sessionFromHeaders(db(), cookie)).toMatchObject({ kind: "signed-in", twoFactorEnabled: true });
    expect((await sessionFromHeaders(db(), passwordOnly.cookie)).kind).toBe("signed-out");
  });

  it("changing the password ends the other sessions and keeps this one", async () => {
    const user = await newUser();
    const other = await signedIn(user);
    const mine = await signedIn(user);
    const changed = await changePassword(db(), mine.session, { currentPassword: user.password, newPassword: "quartz lintel marrow 4" }, mine.cookie, origin);
    expect(changed).toEqual({ ok: true, endedSessions: 1 });
    expect((await sessionFromHeaders(db(), mine.cookie)).kind).toBe("signed-in");
    expect((await sessionFromHeaders(db(), other.cookie)).kind).toBe("signed-out");
    expect((await signInWithPassword(db(), { ...user, password: "quartz lintel marrow 4" }, new Headers(), origin)).kind).toBe("signed-in");
  });

  it("wrong current passwords are slowed and then refused like sign-in, even the right one, when changing the password", async () => {
    const user = await newUser();
    const { cookie, session } = await signedIn(user);
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
    };
    for (let i = 0; i < signInLimits.accountLimit; i++) {
      expect(await changePassword(db(), session, { currentPassword: `wrong ${i}`, newPassword: "quartz lintel marrow 4" }, cookie, origin, { sleep })).toEqual({ ok: false, message: "The current password is not right" });
    }
    expect(sleeps).toEqual([1000, 2000]);
    const right = await changePassword(db(), session, { currentPassword: user.password, newPassword: "quartz lintel marrow 4" }, cookie, origin, { sleep });
    expect(right).toMatchObject({ ok: false, message: expect.stringContaining("Too many failed sign-ins"), locked: { kind: "locked" } });
    // Nothing changed: the old password is still the password (once the window has passed).
    const later = await signInWithPassword(db(), user, new Headers(), origin, { now: new Date(Date.now() + 16 * 60_000), sleep: noSleep });
    expect(later.kind).toBe("signed-in");
    const rows = await db().prisma.auditEntry.findMany({ where: { action: "account.change-password", actorId: session.actor.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.outcome)).toEqual([...Array.from({ length: signInLimits.accountLimit }, () => "failed"), "locked"]);
  });

  it("starting enrolment with wrong passwords counts against the same limit", async () => {
    const user = await newUser();
    const { cookie, session } = await signedIn(user);
    for (let i = 0; i < signInLimits.accountLimit; i++) expect(await startTwoFactorEnrolment(db(), session, `wrong ${i}`, cookie, origin, { sleep: noSleep })).toEqual({ ok: false, message: "The password is not right." });
    const right = await startTwoFactorEnrolment(db(), session, user.password, cookie, origin, { sleep: noSleep });
    expect(right).toMatchObject({ ok: false, message: expect.stringContaining("Too many failed sign-ins") });
    expect((await signInWithPassword(db(), user, new Headers(), origin, { sleep: noSleep })).kind).toBe("locked");
  });

  it("an authenticator code works once: the same code a second time is refused (RFC 6238 §5.2)", async () => {
    const user = await newUser();
    const { secret } = await enrol(user);
    const code = totp(secret, Date.now() + 30_000);
    const first = await signInWithPassword(db(), user, new Headers(), origin, { sleep: noSleep });
    if (first.kind !== "two-factor") throw new Error(first.kind);
    expect((await verifySecondFactor(db(), { code }, cookieFrom(first.headers), origin, { sleep: noSleep })).kind).toBe("signed-in");
    const second = await signInWithPassword(db(), user, new Headers(), origin, { sleep: noSleep });
    if (second.kind !== "two-factor") throw new Error(second.kind);
    const sessionsBefore = await db().prisma.session.count({ where: { user: { email: user.email } } });
    const replay = await verifySecondFactor(db(), { code }, cookieFrom(second.headers), origin, { sleep: noSleep });
    expect(replay).toEqual({ kind: "failed", message: "That code has already been used. Wait for the next code from your app and enter it." });
    expect(await db().prisma.session.count({ where: { user: { email: user.email } } })).toBe(sessionsBefore);
    // An older code (the enrolment's) is refused too, since a later step has been used.
    const third = await signInWithPassword(db(), user, new Headers(), origin, { sleep: noSleep });
    if (third.kind !== "two-factor") throw new Error(third.kind);
    expect((await verifySecondFactor(db(), { code: totp(secret) }, cookieFrom(third.headers), origin, { sleep: noSleep })).kind).toBe("failed");
  });

  it("once the second step is locked, even the right code is told so, not that it is wrong", async () => {
    const user = await newUser();
    const { secret } = await enrol(user);
    const right = totp(secret, Date.now() + 30_000);
    const wrong = right === "000000" ? "111111" : "000000";
    const messages: string[] = [];
    // Better Auth allows 5 codes per sign-in and locks the account's second factor after 10 wrong in a row.
    for (let attempt = 0; attempt < 2; attempt++) {
      const challenge = await signInWithPassword(db(), user, new Headers(), origin, { sleep: noSleep });
      if (challenge.kind !== "two-factor") throw new Error(challenge.kind);
      for (let i = 0; i < 6; i++) {
        const result = await verifySecondFactor(db(), { code: wrong }, cookieFrom(challenge.headers), origin, { sleep: noSleep });
        if (result.kind === "failed" || result.kind === "locked") messages.push(result.message);
      }
    }
    expect(messages).toContain("Too many wrong codes for this sign-in. Start again with your email and password.");
    const challenge = await signInWithPassword(db(), user, new Headers(), origin, { sleep: noSleep });
    if (challenge.kind !== "two-factor") throw new Error(challenge.kind);
    const locked = await verifySecondFactor(db(), { code: right }, cookieFrom(challenge.headers), origin, { sleep: noSleep });
    expect(locked).toMatchObject({ kind: "locked", message: expect.stringContaining("locked for up to 15 minutes") });
  });
});
