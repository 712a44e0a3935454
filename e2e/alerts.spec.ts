import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { seedCaseEvents, seedCasePatient } from "../prisma/seed/seed-case";

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

test("a logged flare raises a high-priority alert in the inbox; acknowledging it needs a note; the CT resolves it", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const patient = await seedCaseBeforeFlare(request, suffix);
  const name = `FLARE${suffix.toUpperCase()}, Case`;
  for (const event of seedCaseEvents.filter((e) => e.occurredAt === "2020-08-03")) {
    await request.post(`/api/v1/patients/${patient.id}/events`, { headers: json, data: event });
  }

  await page.goto("/alerts");
  const card = page.getByRole("listitem").filter({ hasText: name });
  await expect(card).toContainText("High priority");
  await expect(card).toContainText("Skin grade rose from 0 to 3");
  await expect(card).toContainText("Skin and muscle flared together");

  await card.getByText("Acknowledge or resolve").click();
  await card.getByRole("button", { name: "Acknowledge" }).click();
  await expect(card.getByText("Add a note saying what is planned")).toBeVisible();
  await card.getByLabel("Acknowledge with a note").fill("CT booked for 18 Aug");
  await card.getByRole("button", { name: "Acknowledge" }).click();
  await expect(card).toContainText("Acknowledged by Local clinician (oncologist): “CT booked for 18 Aug”");

  const ct = seedCaseEvents.find((e) => e.kind === "imaging" && e.payload.response === "PD")!;
  await request.post(`/api/v1/patients/${patient.id}/events`, { headers: json, data: ct });
  await page.goto("/alerts?status=resolved");
  const resolved = page.getByRole("listitem").filter({ hasText: name });
  await expect(resolved).toContainText("Resolved by imaging on 18 Aug 2020: PD.");
  await page.goto("/alerts");
  await expect(page.getByRole("listitem").filter({ hasText: name })).toHaveCount(0);
});

test("the inbox, thresholds and backtest pages have no serious accessibility problems", async ({ page }) => {
  for (const path of ["/alerts", "/alerts/settings", "/alerts/backtest"]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${path}: ${v.id} ${v.help}`)).toEqual([]);
  }
});

test("a threshold outside its range is refused next to the field and nothing is saved", async ({ page }) => {
  await page.goto("/alerts/settings");
  await page.getByLabel("Skin grade that can count as a flare").fill("7");
  await page.getByRole("button", { name: /Save as a new version/ }).click();
  await expect(page.getByText("Some settings need correcting; nothing was saved.")).toBeVisible();
  await expect(page.getByLabel("Skin grade that can count as a flare")).toHaveValue("7");
  await page.reload();
  await expect(page.getByText("The defaults are in force.")).toBeVisible();
});

test("the backtest lists the reference case's flare with its PD and lead time", async ({ page }) => {
  await page.goto("/alerts/backtest");
  const row = page.getByRole("row").filter({ hasText: "REFERENCE, Case" });
  await expect(row).toContainText("3 Aug 2020");
  await expect(row).toContainText("18 Aug 2020: PD");
  await expect(row).toContainText("15 days");
});
