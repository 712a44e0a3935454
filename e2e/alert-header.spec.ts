import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { seedCaseEvents, seedCasePatient } from "../prisma/seed/seed-case";
import { json, seriousAxeViolations } from "./data-entry-helpers";

/**
 * Alerts where clinicians look: a flare logged in the form that raises an alert says so on the page it
 * lands on, the navigation's count changes without a reload, and the patient header lists the alert with
 * its status; "Show on the chart" puts the crosshair on the alert's day. Each test owns its patient.
 */
async function patientBeforeFlare(request: APIRequestContext, tag: string) {
  const suffix = `${tag}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const created = await request.post("/api/v1/patients", { headers: json, data: { ...seedCasePatient, identifier: `HDR-${suffix}`, familyName: `Header${suffix}` } });
  expect(created.status()).toBe(201);
  const patient = (await created.json()) as { id: string };
  for (const event of seedCaseEvents.filter((e) => e.occurredAt < "2020-08-03")) {
    expect((await request.post(`/api/v1/patients/${patient.id}/events`, { headers: json, data: event })).status()).toBe(201);
  }
  return patient;
}

const navCount = (page: Page) => page.getByRole("navigation", { name: "Main" }).locator(".nav-count");

test("saving a flare that raises an alert says so, and the navigation count changes without a reload", async ({ page, request }) => {
  const patient = await patientBeforeFlare(request, "a");
  await page.goto(`/patients/${patient.id}/flare`);
  const before = Number(await navCount(page).textContent());
  // A marker on the window: a full reload would lose it.
  await page.evaluate(() => ((window as unknown as { flarewatchMarker: number }).flarewatchMarker = 1));

  await page.getByLabel("Date seen").fill("2020-08-03");
  await page.getByLabel("Skin grade").selectOption("3");
  for (const sign of ["Shawl sign", "Heliotrope rash"]) await page.getByLabel(sign).check();
  await page.getByLabel("CK", { exact: true }).fill("695");
  await page.getByLabel("Range low").fill("25");
  await page.getByLabel("Range high").fill("200");
  await page.getByRole("button", { name: "Log flare" }).click();

  const raised = page.getByTestId("alert-raised");
  await expect(raised).toContainText("This save raised an alert (high priority)");
  await expect(raised).toContainText("first finding 3 Aug 2020");
  // Other tests raise alerts on the same server meanwhile: the count has gone up, without a reload.
  await expect.poll(async () => Number(await navCount(page).textContent())).toBeGreaterThan(before);
  expect(await page.evaluate(() => (window as unknown as { flarewatchMarker?: number }).flarewatchMarker)).toBe(1);

  const header = page.getByTestId("header-alerts");
  await expect(header).toContainText("Open, raised today");
  expect(await seriousAxeViolations(page)).toEqual([]);

  // "Show on the chart": the crosshair on the alert's day, its status in the readout.
  await header.getByRole("link", { name: /Show on the chart/ }).click();
  await expect(page).toHaveURL(/[?&]at=2020-08-03/);
  const readout = page.getByTestId("readout");
  await expect(readout.getByRole("heading", { level: 3 })).toHaveText(/^3 Aug 2020/);
  await expect(readout.locator('[data-readout-lane="alerts"]')).toContainText("high (Open, raised today)");
});

test("acknowledging with a review date shows who, the plan and the review date in the header, and refuses a past date", async ({ page, request }) => {
  const patient = await patientBeforeFlare(request, "b");
  const flare = seedCaseEvents.filter((e) => e.occurredAt === "2020-08-03");
  for (const event of flare) expect((await request.post(`/api/v1/patients/${patient.id}/events`, { headers: json, data: event })).status()).toBe(201);
  await page.goto(`/patients/${patient.id}`);
  const card = page.getByRole("region", { name: "Active alerts" }).getByRole("listitem").first();
  // Clinical words first; the rule's name and version only in the details line.
  await expect(card.locator(".alert-title")).not.toContainText("reimaging-after-flare");
  await expect(card.getByRole("link", { name: /Add imaging/ })).toHaveAttribute("href", `/patients/${patient.id}/events/new?kind=imaging`);

  await card.getByText("Acknowledge or resolve").click();
  await card.getByLabel("Acknowledge with a note").fill("CT booked");
  await card.getByLabel("Review date (optional)").fill("2020-01-01");
  await card.getByRole("button", { name: "Acknowledge" }).click();
  await expect(card.getByLabel("Review date (optional)")).toHaveAccessibleDescription(/The review date cannot be before today/);

  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await card.getByLabel("Review date (optional)").fill(inAWeek);
  await card.getByRole("button", { name: "Acknowledge" }).click();
  // The acknowledgement form gives way to the card's new status.
  await expect(card.getByTestId("alert-status")).toContainText("Acknowledged by");
  await page.reload();
  const header = page.getByTestId("header-alerts");
  await expect(header).toContainText(/Acknowledged by .+ on \d{1,2} \w{3} \d{4}: “CT booked”; review on \d{1,2} \w{3} \d{4}/);
  expect(await seriousAxeViolations(page)).toEqual([]);
});
