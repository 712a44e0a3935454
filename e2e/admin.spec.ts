import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { seriousAxeViolations } from "./data-entry-helpers";

/**
 * The admin screens, signed in as the demo administrator. An administrator must set up an
 * authenticator app before anything else: the first sign-in of a run enrols one here (the key is kept
 * in a file of this run, per server, so a later sign-in can answer the code).
 */
const admin = { email: "admin@flarewatch.example", password: "amber-harbour-lantern-42" };
const clinician = { email: "oncologist@flarewatch.example", password: "copper-meadow-violin-17" };

const auditCsvHeader = "seq,at,actor,actor id,role,patient identifier,action,event ids,address,user agent,outcome,detail,hash";

function base32(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of text.replace(/[\s=]/g, "").toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

/** RFC 6238: the 6-digit code an authenticator app shows for this key now. */
function totp(secret: string, now = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30_000)));
  const hmac = createHmac("sha1", base32(secret)).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** A code that stays valid for a few seconds more, so it is not refused for changing on the way. */
async function freshCode(secret: string): Promise<string> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 4_000) await new Promise((resolve) => setTimeout(resolve, left + 200));
  return totp(secret);
}

function secretFile(baseURL: string): string {
  return path.join(os.tmpdir(), `flarewatch-e2e-${process.env.E2E_RUN_ID ?? "local"}-${new URL(baseURL).port}-admin-totp`);
}

async function signIn(page: Page, who: { email: string; password: string }, next: string) {
  await page.goto(next);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signInAsAdmin(page: Page, baseURL: string) {
  await signIn(page, admin, "/admin");
  await page.waitForURL(/\/(account\/two-factor|sign-in\/two-factor|admin)\b/);
  const file = secretFile(baseURL);
  if (new URL(page.url()).pathname === "/account/two-factor") {
    await page.getByLabel("Your password").fill(admin.password);
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    fs.writeFileSync(file, secret);
    await page.getByLabel("6-digit code").fill(await freshCode(secret));
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Two-factor sign-in is on" })).toBeVisible();
  } else if (new URL(page.url()).pathname === "/sign-in/two-factor") {
    expect(fs.existsSync(file), "the demo admin already has a second factor, but this run did not enrol it").toBe(true);
    await page.getByLabel("Code from your authenticator app").fill(await freshCode(fs.readFileSync(file, "utf8")));
    await page.getByRole("button", { name: "Verify" }).click();
  }
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Admin", level: 1 })).toBeVisible();
}

test.describe.configure({ mode: "serial" });

let page: Page;
const email = `e2e.${Date.now().toString(36)}@hospital.example`;

async function adminPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const baseURL = testInfo.project.use.baseURL!;
  const opened = await browser.newPage({ baseURL });
  await signInAsAdmin(opened, baseURL);
  return opened;
}

test.beforeAll(async ({ browser }, testInfo) => {
  page = await adminPage(browser, testInfo);
});

test.afterAll(async () => {
  await page?.close();
});

test("an administrator creates a user, who then appears in the list", async () => {
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();

  // A weak password is refused beside its field, and what was typed stays.
  await page.getByLabel("Name", { exact: true }).fill("Dr Erin Endtoend");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption({ label: "Rheumatologist" });
  await page.getByRole("checkbox", { name: "Myositis clinic" }).check();
  await page.getByLabel("Initial password").fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  const summary = page.getByRole("group", { name: "Not saved: please check" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("most commonly used passwords");
  await expect(page.getByLabel("Initial password")).toHaveAccessibleDescription(/most commonly used passwords/);
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await page.getByLabel("Initial password").fill("quartz-lantern-meadow-58");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Account created for ${email}` })).toBeVisible();
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Dr Erin Endtoend");
  await expect(row).toContainText("Rheumatologist");
  await expect(row).toContainText("Myositis clinic");
  await expect(row).toContainText("Active");
});

test("the audit trail filters by action, and its URL keeps the filter", async () => {
  await page.goto("/admin/audit");
  await page.getByLabel("Action").fill("user.create");
  await page.getByRole("button", { name: "Show entries" }).click();
  await expect(page).toHaveURL(/[?&]action=user\.create\b/);
  const rows = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows.filter({ hasText: email })).toHaveCount(1);
  for (const action of await rows.getByRole("cell").filter({ hasText: /^user\./ }).allTextContents()) expect(action).toBe("user.create");
  await expect(rows.filter({ hasText: email })).toContainText("Alex Morgan");
  await expect(page.getByRole("status").filter({ hasText: "Filter: action starting “user.create”" })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test("the CSV download has a header row and the rows of the filter", async () => {
  await page.goto("/admin/audit?action=user.create");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^flarewatch-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs.readFileSync((await download.path())!, "utf8").split("\r\n");
  expect(lines[0]).toBe(auditCsvHeader);
  expect(lines.filter((line) => line.includes(email) && line.includes(",user.create,"))).toHaveLength(1);
});

test("the chain check says the trail is intact", async () => {
  await page.goto("/admin/audit");
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Intact: all [\d,]+ rows checked/ })).toBeVisible();
});

test("a clinician gets not-found on every admin screen and a refusal from the CSV", async ({ browser }, testInfo) => {
  const clinicianPage = await browser.newPage({ baseURL: testInfo.project.use.baseURL });
  await signIn(clinicianPage, clinician, "/patients");
  await expect(clinicianPage).toHaveURL(/\/patients/);
  for (const screen of ["/admin", "/admin/users", "/admin/teams", "/admin/audit"]) {
    const response = await clinicianPage.goto(screen);
    expect(response?.status(), screen).toBe(404);
  }
  const csv = await clinicianPage.request.get("/admin/audit/export");
  expect(csv.status()).toBe(403);
  await clinicianPage.close();
});
