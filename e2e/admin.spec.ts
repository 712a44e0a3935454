import fs from "node:fs";
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { seriousAxeViolations } from "./data-entry-helpers";
import { signInAsAdmin as signInAsDemoAdmin } from "./support/users";

/**
 * The admin screens, signed in as the demo administrator. An administrator must set up an
 * authenticator app before anything else: the first sign-in of a run enrols one here (the key is kept
 * in a file of this run, per server, so a later sign-in can answer the code).
 */
const clinician = { email: "oncologist@flarewatch.example", password: "copper-meadow-violin-17" };

const auditCsvHeader = "seq,at,actor,actor id,role,patient identifier,action,event ids,address,user agent,outcome,detail,hash";

async function signIn(page: Page, who: { email: string; password: string }, next: string) {
  await page.goto(next);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The shared admin sign-in (enrols the authenticator the first time in a run), then the admin index. */
async function signInAsAdmin(page: Page, project: string) {
  await signInAsDemoAdmin(page, project);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Admin", level: 1 })).toBeVisible();
}

test.describe.configure({ mode: "serial" });

let page: Page;
const email = `e2e.${Date.now().toString(36)}@hospital.example`;

async function adminPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const baseURL = testInfo.project.use.baseURL!;
  const opened = await (await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } })).newPage();
  await signInAsAdmin(opened, testInfo.project.name);
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

test("the account forms: a new-user form empties once saved; details, password and status forms keep what was typed on a refusal, focus the summary, and say what was saved", async () => {
  await page.goto("/admin/users");
  const email = `forms.${Date.now().toString(36)}@hospital.example`;
  await page.getByLabel("Name", { exact: true }).fill("Dr Fiona Formkit");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption({ label: "Nurse" });
  await page.getByRole("checkbox", { name: "Sarcoma MDT" }).check();
  await page.getByLabel("Initial password").fill("quartz-lantern-meadow-58");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Account created for ${email}` })).toBeVisible();
  // Emptied once saved.
  await expect(page.getByLabel("Email")).toHaveValue("");
  await expect(page.getByRole("checkbox", { name: "Sarcoma MDT" })).not.toBeChecked();
  await page.getByRole("link", { name: "Open the account" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Dr Fiona Formkit");
  await expect(page.getByRole("checkbox", { name: "Sarcoma MDT" })).toBeChecked();
  await page.getByLabel("Name", { exact: true }).fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  const summary = page.getByRole("group", { name: "Not saved: please check" });
  await expect(summary).toBeFocused();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAccessibleDescription(/./);
  await page.getByLabel("Name", { exact: true }).fill("Dr Fiona Formkit-Reyes");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Dr Fiona Formkit-Reyes");
  await page.getByLabel("New password").fill("password1234");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("group", { name: "Not saved: please check" })).toBeFocused();
  await expect(page.getByLabel("New password")).toHaveAccessibleDescription(/most commonly used/);
  await page.getByLabel("New password").fill("violet-harbour-ladder-9417-quartz");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();
  await expect(page.getByLabel("New password")).toHaveValue("");
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await expect(page.getByRole("button", { name: "Reactivate account" })).toBeVisible();
  await page.getByRole("button", { name: "Reactivate account" }).click();
  await expect(page.getByRole("button", { name: "Deactivate account" })).toBeVisible();
  await page.goto("/admin/teams");
  await page.getByLabel("Team name").fill("A");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("group", { name: "Not saved: please check" })).toBeFocused();
  await expect(page.getByLabel("Team name")).toHaveValue("A");
  await page.getByLabel("Team name").fill(`Forms team ${Date.now()}`);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("status").filter({ hasText: "created" })).toBeVisible();
  await expect(page.getByLabel("Team name")).toHaveValue("");
});

test("adding an unknown patient to a team is refused beside the field, the summary takes the focus, and the page fits 390 px", async () => {
  await page.goto("/admin/teams");
  const field = page.getByLabel(/hospital identifier for Sarcoma MDT/);
  await field.fill("NO-SUCH-PATIENT");
  await field.press("Enter");
  const summary = page.getByRole("group", { name: "Not saved: please check" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "No patient with identifier NO-SUCH-PATIENT" })).toBeVisible();
  await expect(field).toHaveAccessibleDescription(/No patient with identifier NO-SUCH-PATIENT/);
  await expect(field).toHaveValue("NO-SUCH-PATIENT");
  // The summary's link leads to the field.
  await summary.getByRole("link").click();
  await expect(page).toHaveURL(/#team-[0-9a-f-]+-identifier$/);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });
});

test("the chain check says the trail is intact", async () => {
  await page.goto("/admin/audit");
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Intact: all [\d,]+ rows checked/ })).toBeVisible();
});

test("a clinician gets not-found on every admin screen and a refusal from the CSV", async ({ browser }, testInfo) => {
  const clinicianPage = await (await browser.newContext({ baseURL: testInfo.project.use.baseURL, storageState: { cookies: [], origins: [] } })).newPage();
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
