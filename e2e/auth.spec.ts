import { expect, test, type Browser } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { apiSignIn, demoUser, signInAsAdmin, uiSignIn, type DemoRole } from "./support/users";

// Each test here starts signed out, in its own browser context.
test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial" });

/**
 * Who sees which demo patient (prisma/seed/users.ts): FW-0001 is followed by the sarcoma MDT and the
 * myositis clinic; FW-1005 (cancer without DM) by the sarcoma MDT only; FW-1006 (DM without cancer)
 * by the myositis clinic only; FW-1002 (cancer with DM) by the thoracic MDT and the myositis clinic.
 */
const sees: Record<Exclude<DemoRole, "admin">, Record<string, boolean>> = {
  oncologist: { "FW-0001": true, "FW-1005": true, "FW-1006": false, "FW-1002": false },
  rheumatologist: { "FW-0001": true, "FW-1005": false, "FW-1006": true, "FW-1002": true },
  dermatologist: { "FW-0001": true, "FW-1005": false, "FW-1006": true, "FW-1002": true },
  nurse: { "FW-0001": true, "FW-1005": true, "FW-1006": false, "FW-1002": true },
  viewer: { "FW-0001": true, "FW-1005": true, "FW-1006": false, "FW-1002": false },
};

async function patientIds(browser: Browser, baseURL: string): Promise<Record<string, string>> {
  // The nurse and the rheumatologist between them see all four.
  const ids: Record<string, string> = {};
  for (const role of ["nurse", "rheumatologist"] as const) {
    const context = await browser.newContext({ baseURL });
    await apiSignIn(context.request, role);
    for (const identifier of Object.keys(sees.nurse)) {
      const [found] = (await (await context.request.get(`/api/v1/patients?q=${identifier}`)).json()) as { id: string; identifier: string }[];
      if (found?.identifier === identifier) ids[identifier] = found.id;
    }
    await context.close();
  }
  return ids;
}

test("signed out, every page and API route sends you to sign in", async ({ page, request }) => {
  await page.goto("/patients");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expect(page.getByRole("heading", { name: "Sign in to Flarewatch" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  const api = await request.get("/api/v1/patients");
  expect(api.status()).toBe(401);
  expect((await api.json()).detail).toContain("POST /api/v1/session");
});

for (const role of Object.keys(sees) as (keyof typeof sees)[]) {
  test(`the ${role} signs in and sees only the care team's patients`, async ({ page, browser, baseURL }) => {
    const ids = await patientIds(browser, baseURL!);
    const user = demoUser(role);
    await uiSignIn(page, user.email, user.password);
    await expect(page).toHaveURL(/\/patients$/);
    await expect(page.getByRole("link", { name: new RegExp(user.name) })).toBeVisible();
    for (const [identifier, visible] of Object.entries(sees[role])) {
      // Found by identifier: the worklist pages by 50, and other tests add patients meanwhile.
      await page.goto(`/patients?q=${identifier}`);
      const row = page.getByRole("row").filter({ hasText: identifier });
      if (visible) await expect(row).toHaveCount(1);
      else await expect(row).toHaveCount(0);
      // Typing the address of a patient outside the teams is "not found", exactly like a patient that does not exist.
      const response = await page.goto(`/patients/${ids[identifier]}`);
      expect(response!.status(), `${role} opening ${identifier}`).toBe(visible ? 200 : 404);
      const api = await page.request.get(`/api/v1/patients/${ids[identifier]}/events`);
      expect(api.status()).toBe(visible ? 200 : 404);
    }
  });
}

test("a viewer reads the record but sees no way to change it, and the API refuses writes", async ({ page, browser, baseURL }) => {
  const ids = await patientIds(browser, baseURL!);
  const viewer = demoUser("viewer");
  await uiSignIn(page, viewer.email, viewer.password);
  await expect(page).toHaveURL(/\/patients$/);
  await expect(page.getByRole("link", { name: /Log flare/ })).toHaveCount(0);
  await page.goto(`/patients/${ids["FW-0001"]}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("REFERENCE, Case");
  await expect(page.getByRole("link", { name: "Log flare" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Amend / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Acknowledge/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "MDT summary" })).toBeVisible();
  await page.goto(`/patients/${ids["FW-0001"]}/flare`);
  await expect(page.getByText("can read records but not change them")).toBeVisible();

  const before = ((await (await page.request.get(`/api/v1/patients/${ids["FW-0001"]}/events`)).json()) as unknown[]).length;
  const write = await page.request.post(`/api/v1/patients/${ids["FW-0001"]}/events`, { data: { kind: "note", occurredAt: "2026-01-05", payload: { text: "viewer note" } } });
  expect(write.status()).toBe(403);
  expect((await write.json()).detail).toContain("can read records but not change them");
  const after = ((await (await page.request.get(`/api/v1/patients/${ids["FW-0001"]}/events`)).json()) as unknown[]).length;
  expect(after).toBe(before);
});

// Enrolment itself (an admin must set up a second factor first) is the setup project's: auth.setup.ts.
test("an admin signs in with a code from the authenticator and sees no patients", async ({ page }, info) => {
  await signInAsAdmin(page, info.project.name);
  await expect(page.getByRole("link", { name: "Admin", exact: true })).toBeVisible();
  await expect(page.getByText("No patients in your care teams yet.")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  // The second time round the code is asked for.
  await signInAsAdmin(page, info.project.name);
});

test("after 30 minutes without activity the screen signs out, warning two minutes before", async ({ page, context }) => {
  await page.clock.install();
  const nurse = demoUser("nurse");
  await uiSignIn(page, nurse.email, nurse.password);
  await expect(page).toHaveURL(/\/patients$/);
  await page.clock.fastForward("28:30");
  const warning = page.getByRole("alertdialog");
  await expect(warning).toContainText("You will be signed out in 1 min 30 s");
  await warning.getByRole("button", { name: "Stay signed in" }).click();
  await expect(warning).toHaveCount(0);
  await page.clock.fastForward("30:05");
  await expect(page).toHaveURL(/\/sign-in\?reason=idle/);
  await expect(page.getByText("signed out after 30 minutes without activity")).toBeVisible();
  // The session is over on the server too, not only on this screen.
  expect((await context.request.get("/api/v1/session")).status()).toBe(401);
  expect((await context.request.get("/api/v1/patients")).status()).toBe(401);
});

test("repeated wrong passwords are slowed, then refused for a while", async ({ page, request }) => {
  const dermatologist = demoUser("dermatologist");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await uiSignIn(page, dermatologist.email, `not-the-password-${attempt}`);
    await expect(page.locator(".error-summary")).toContainText("The email or password is not right.");
  }
  // Now even the right password is refused until the window has passed.
  await uiSignIn(page, dermatologist.email, dermatologist.password);
  await expect(page.locator(".error-summary")).toContainText("Too many failed sign-ins. Try again in 15 minutes");
  await expect(page).toHaveURL(/\/sign-in/);
  const api = await request.post("/api/v1/session", { data: { email: dermatologist.email, password: dermatologist.password } });
  expect(api.status()).toBe(429);
  expect(Number(api.headers()["retry-after"])).toBeGreaterThan(800);
});

test("your account page: who you are, your teams, and a new password checked against the rules", async ({ page }) => {
  const nurse = demoUser("nurse");
  await uiSignIn(page, nurse.email, nurse.password);
  await expect(page).toHaveURL(/\/patients$/);
  await page.getByRole("link", { name: /Nina Nowak/ }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByText("Sarcoma MDT, Thoracic oncology MDT")).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByLabel("Current password").fill(nurse.password);
  await page.getByLabel("New password").fill("password1234");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("New password")).toHaveAccessibleDescription(/most commonly used passwords/);
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password").fill("plinth vellum sorrel 9");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("Current password")).toHaveAccessibleDescription(/The current password is not right/);
  // The old password still works: nothing was changed.
  expect((await page.request.get("/api/v1/session")).status()).toBe(200);
  await page.goto("/account/two-factor");
  await expect(page.getByRole("button", { name: "Set up an authenticator app" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test("after signing in, next= never leaves the site, however it is disguised", async ({ page }) => {
  const rheumatologist = demoUser("rheumatologist");
  // As typed into the address bar: a browser would turn "/\t/evil.example" into //evil.example.
  for (const next of ["/%09/evil.example/x", "/%0a/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/"]) {
    await page.context().clearCookies();
    const response = await page.goto(`/sign-in?next=${next}`);
    expect(response?.status(), next).toBe(200);
    await page.getByLabel("Email").fill(rheumatologist.email);
    await page.getByLabel("Password").fill(rheumatologist.password);
    await page.getByLabel("Password").press("Enter");
    await expect(page, next).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/patients$/);
  }
});
