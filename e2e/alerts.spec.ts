import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { seedCaseEvents, seedCasePatient } from "../prisma/seed/seed-case";
import { AlertsInbox } from "./support/pages";
import { signInAsAdmin } from "./support/users";

const json = { "content-type": "application/json" };

/** The reference case up to the day before its flare, entered through the API like an import would. */
async function seedCaseBeforeFlare(request: APIRequestContext, suffix: string) {
  const created = await request.post("/api/v1/patients", {
    headers: json,
    data: { ...seedCasePatient, identifier: `FLARE-${suffix}`, familyName: `Flare${suffix}` },
  });
  expect(created.status()).toBe(201);
  const patient = (await created.json()) as { id: string };
  for (const event of seedCaseEvents.filter((e) => e.occurredAt < "2020-08-03")) {
    expect((await request.post(`/api/v1/patients/${patient.id}/events`, { headers: json, data: event })).status()).toBe(201);
  }
  return patient;
}

test("a flare logged in the form raises a high-priority alert in the inbox and on the chart; acknowledging it needs a note; the CT resolves it", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const patient = await seedCaseBeforeFlare(request, suffix);
  const name = `FLARE${suffix.toUpperCase()}, Case`;

  // The rheumatologist logs the 3 Aug 2020 flare in the quick form.
  await page.goto(`/patients/${patient.id}/flare`);
  await page.getByLabel("Date seen").fill("2020-08-03");
  await page.getByLabel("Skin grade").selectOption("3");
  for (const sign of ["Shawl sign", "V-sign", "Heliotrope rash", "Gottron's papules"]) await page.getByLabel(sign).check();
  await page.getByLabel("CDASI activity (optional)").fill("34");
  await page.getByLabel("CK", { exact: true }).fill("695");
  await page.getByLabel("Range low").fill("25");
  await page.getByLabel("Range high").fill("200");
  await page.getByRole("button", { name: "Log flare" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Flare logged." })).toBeVisible();

  // On the patient's page: the alert, what fired it, and its marker on the chart's alerts lane.
  const panel = page.getByRole("region", { name: "Active alerts" });
  await expect(panel).toContainText("Skin grade 3 on 3 Aug 2020, against skin grade 0 on 4 Jun 2020");
  await expect(panel.getByRole("list", { name: "Evidence" })).toContainText("3 Aug 2020: CK 695 U/L (25–200 U/L), high: 3.48×ULN");
  await page.getByText(/^Alerts: table of 1 row$/).click();
  await expect(page.getByRole("table", { name: /^Alerts/ }).getByRole("row").filter({ hasText: "3 Aug 2020" })).toContainText("high");

  const inbox = await new AlertsInbox(page).goto();
  const card = inbox.card(name);
  await expect(card).toContainText("High priority");
  await expect(card).toContainText("Skin grade 3 on 3 Aug 2020, against skin grade 0 on 4 Jun 2020");
  await expect(card).toContainText("High priority: skin and muscle worsened together");

  await card.getByText("Acknowledge or resolve").click();
  await card.getByRole("button", { name: "Acknowledge" }).click();
  await expect(card.getByLabel("Acknowledge with a note")).toHaveAccessibleDescription(/Add a note saying what is planned/);
  await card.getByLabel("Acknowledge with a note").fill("CT booked for 18 Aug");
  await card.getByRole("button", { name: "Acknowledge" }).click();
  await expect(card).toContainText(/Acknowledged by Dr Olivia Okafor \(oncologist\) on \d{1,2} \w{3} \d{4}: “CT booked for 18 Aug”/);

  const ct = seedCaseEvents.find((e) => e.kind === "imaging" && e.payload.response === "PD")!;
  await request.post(`/api/v1/patients/${patient.id}/events`, { headers: json, data: ct });
  await inbox.goto("resolved");
  await expect(inbox.card(name)).toContainText("Resolved by CT of 18 Aug 2020 (PD)");
  await inbox.goto();
  await expect(inbox.card(name)).toHaveCount(0);
});

test("the inbox, thresholds and backtest pages have no serious accessibility problems", async ({ page }) => {
  for (const path of ["/alerts", "/alerts/settings", "/alerts/backtest"]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${path}: ${v.id} ${v.help}`)).toEqual([]);
  }
});

test("clinicians see the thresholds but cannot change them", async ({ page, request }) => {
  await page.goto("/alerts/settings");
  await expect(page.getByText("Only administrators can change the thresholds.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Save as a new version/ })).toHaveCount(0);
  await expect(page.getByText("Skin grade that can count as worsening")).toBeVisible();
  expect((await request.get("/api/v1/session")).status()).toBe(200);
});

test.describe("as an administrator", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test("a threshold outside its range is refused next to the field and nothing is saved", async ({ page }, info) => {
  await signInAsAdmin(page, info.project.name);
  await page.goto("/alerts/settings");
  await page.getByLabel("Skin grade that can count as worsening").fill("7");
  await page.getByRole("button", { name: /Save as a new version/ }).click();
  await expect(page.getByText("Some settings need correcting; nothing was saved.")).toBeVisible();
  await expect(page.getByLabel("Skin grade that can count as worsening")).toHaveValue("7");
  await page.reload();
  await expect(page.getByText("The defaults are in force.")).toBeVisible();
  });
});

test("the backtest lists the reference case's flare with its PD and lead time, and says the data is the demo cohort", async ({ page }) => {
  await page.goto("/alerts/backtest");
  const row = page.getByRole("row").filter({ hasText: "REFERENCE, Case" }).filter({ hasText: "3 Aug 2020" });
  await expect(row).toContainText("yes, high priority");
  await expect(row).toContainText("18 Aug 2020: PD");
  await expect(row).toContainText("15 days");
  await expect(page.getByRole("note")).toContainText("synthetic demo cohort");
  await expect(page.getByText("Patients with dermatomyositis", { exact: true })).toBeVisible();
});
