import crypto from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { demoUsers } from "../../prisma/seed/users";

export { demoUsers };
export type DemoRole = (typeof demoUsers)[number]["role"];

export function demoUser(role: DemoRole) {
  const user = demoUsers.find((u) => u.role === role);
  if (!user) throw new Error(`no demo ${role}`);
  return user;
}

/** Storage state file of the signed-in session each project's tests start with (see auth.setup.ts). */
export function storageStateFor(project: string): string {
  return `test-results/.auth/${project}.json`;
}

/** Signs in through the API (as curl would); the request context keeps the cookie. */
export async function apiSignIn(request: APIRequestContext, role: DemoRole) {
  const user = demoUser(role);
  const response = await request.post("/api/v1/session", { data: { email: user.email, password: user.password } });
  expect(response.status(), await response.text()).toBe(200);
}

/** Signs in through the sign-in page, by keyboard. */
export async function uiSignIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Password").press("Enter");
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret: what an authenticator app shows. */
export function totp(secret: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of secret.replace(/[\s=]/g, "").toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hmac = crypto.createHmac("sha1", key).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, "0");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` while holding a lock shared by every worker of the run (mkdir is atomic): the server
 * accepts each time step once and never an earlier one after a later (RFC 6238 §5.2), so two workers
 * signing the admin in at once must take their codes, and send them, one after the other.
 */
async function withLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  const fs = await import("node:fs");
  fs.mkdirSync("test-results/.auth", { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * A code that stays valid for a few seconds more, so it is not refused for changing on the way, and
 * from a time step later than any used before with this key: the server accepts each step once
 * (RFC 6238 §5.2), and the step after the current one is still accepted (±1 step), so at most one wait
 * is needed. Call it inside withLock, and send the code before leaving the lock.
 */
async function freshCode(secret: string, keyFile: string): Promise<string> {
  const fs = await import("node:fs");
  const stepFile = `${keyFile}.step`;
  const used = fs.existsSync(stepFile) ? Number(fs.readFileSync(stepFile, "utf8")) : -1;
  for (;;) {
    const left = 30_000 - (Date.now() % 30_000);
    if (left < 4_000) await sleep(left + 200);
    const now = Math.floor(Date.now() / 30_000);
    const step = [now, now + 1].find((s) => s > used);
    if (step !== undefined) {
      fs.writeFileSync(stepFile, String(step));
      return totp(secret, step * 30_000);
    }
    await sleep(30_000 - (Date.now() % 30_000) + 200);
  }
}

/**
 * Signs the demo admin in, whatever state the account is in: the first time it must enrol an
 * authenticator (the key is kept in test-results/.auth for later sign-ins of the same server),
 * afterwards it is asked for the current code.
 */
export async function signInAsAdmin(page: Page, project: string, options: { mustEnrol?: boolean } = {}) {
  const admin = demoUser("admin");
  const keyFile = `test-results/.auth/admin-totp-${project}.txt`;
  await uiSignIn(page, admin.email, admin.password);
  await page.waitForURL(/\/account\/two-factor|\/sign-in\/two-factor/);
  const fs = await import("node:fs");
  // The setup project enrols the admin of each server once (auth.setup.ts), before any spec signs in.
  if (options.mustEnrol) expect(page.url()).toContain("/account/two-factor");
  const lock = `${keyFile}.lock`;
  if (page.url().includes("/account/two-factor")) {
    await page.getByLabel("Your password").fill(admin.password);
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    fs.mkdirSync("test-results/.auth", { recursive: true });
    fs.writeFileSync(keyFile, secret);
    await withLock(lock, async () => {
      await page.getByLabel("6-digit code").fill(await freshCode(secret, keyFile));
      await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
      await expect(page.getByText("Two-factor sign-in is on.")).toBeVisible();
    });
    await page.getByRole("link", { name: "Patients" }).click();
  } else {
    const secret = fs.readFileSync(keyFile, "utf8").trim();
    await withLock(lock, async () => {
      await page.getByLabel("Code from your authenticator app").fill(await freshCode(secret, keyFile));
      await page.getByRole("button", { name: "Verify" }).click();
      await page.waitForURL(/\/patients/);
    });
  }
  await page.waitForURL(/\/patients/);
}
