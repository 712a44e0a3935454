import crypto from "node:crypto";
import { expect, it } from "vitest";
import { createUser } from "@/lib/admin/users";
import { describeEachDatabase } from "@/lib/db/testing";
import { testActor, value } from "@/lib/patients/testing";
import { sessionFromHeaders } from "./session";
import { confirmTwoFactorEnrolment, signInWithPassword, startTwoFactorEnrolment, verifySecondFactor } from "./sign-in";

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
    const withCode = await verifySecondFactor(db(), { code: totp(secret) }, cookieFrom(third.headers), origin);
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
