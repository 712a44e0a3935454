import { expect, test } from "@playwright/test";
import { json, newPatient, recordViaApi, seedCaseId, seriousAxeViolations } from "./data-entry-helpers";

const ck = (value: number) => ({ kind: "lab_result", occurredAt: "2021-03-12", payload: { analyte: "ck", value, unit: "U/L", referenceRange: { low: 25, high: 200 } } });

test("an amended event shows both versions in its history; one entered in error leaves the list but not the history", async ({ page, request }) => {
  const patient = await newPatient(request, "History");
  await recordViaApi(request, patient.id, ck(695));
  await recordViaApi(request, patient.id, { kind: "note", occurredAt: "2021-03-13", payload: { text: "Belongs to another patient" } });

  await page.goto(`/patients/${patient.id}`);
  await page.getByRole("link", { name: /^Amend lab result .+ of 12 Mar 2021$/ }).click();
  await expect(page.getByRole("heading", { name: /Amend lab result of 12 Mar 2021/ })).toBeVisible();
  await expect(page.getByLabel("Result")).toHaveValue("695");
  await page.getByLabel("Result").fill("660");
  await page.getByLabel("Reason for the change").fill("Transcription error: the report says 660");
  await page.getByRole("button", { name: "Save the amendment" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Saved as version 2." })).toBeVisible();
  const history = page.getByRole("table", { name: /Every version of this event/ });
  const rows = history.getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("Original");
  await expect(rows.nth(1)).toContainText("12 Mar 2021: CK 695 U/L (25–200 U/L), high: 3.48×ULN");
  await expect(rows.nth(2)).toContainText("Amended");
  await expect(rows.nth(2)).toContainText("CK 660 U/L (25–200 U/L), high: 3.30×ULN");
  await expect(rows.nth(2)).toContainText("Transcription error: the report says 660");
  await expect(rows.nth(2)).toContainText("Dr Olivia Okafor (Oncologist)");
  await expect(page).toHaveTitle("Lab result of 12 Mar 2021 · Flarewatch");
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByRole("link", { name: /Back to HISTORY, Test/ }).click();
  await expect(page.getByRole("cell", { name: "CK 660 U/L (25–200 U/L), high: 3.30×ULN (amended, version 2)" })).toBeVisible();
  await page.getByRole("link", { name: /^Entered in error: note .+ of 13 Mar 2021$/ }).click();
  await page.getByLabel("Reason").fill("Recorded in the wrong patient's record");
  await page.getByRole("button", { name: "Mark entered in error" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Marked entered in error" })).toBeVisible();
  const noteRows = page.getByRole("table", { name: /Every version of this event/ }).getByRole("row");
  await expect(noteRows).toHaveCount(3);
  await expect(noteRows.nth(2)).toContainText("Entered in error");
  await expect(noteRows.nth(2)).toContainText("Recorded in the wrong patient's record");
  await expect(page).toHaveTitle("Note of 13 Mar 2021 · Flarewatch");
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByRole("link", { name: /Back to HISTORY, Test/ }).click();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
  await expect(page.getByText("Belongs to another patient")).toHaveCount(0);
});

test("an amendment based on a version someone else changed meanwhile says so, keeps what was typed and links to reload", async ({ page, request }) => {
  const patient = await newPatient(request, "Conflict");
  const event = await recordViaApi(request, patient.id, ck(300));
  await page.goto(`/patients/${patient.id}/events/${event.id}/amend`);
  await page.getByLabel("Result").fill("310");
  await page.getByLabel("Reason for the change").fill("Re-checked with the lab");

  const meanwhile = await request.put(`/api/v1/events/${event.id}`, { headers: json, data: { expectedVersion: 1, event: ck(305) } });
  expect(meanwhile.status()).toBe(200);
  await page.getByRole("button", { name: "Save the amendment" }).click();

  const summary = page.getByRole("group", { name: "Not saved" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("you saw version 1, it is now version 2");
  await expect(page.getByLabel("Result")).toHaveValue("310");
  await expect(page.getByLabel("Reason for the change")).toHaveValue("Re-checked with the lab");
  await summary.getByRole("link", { name: "Reload the latest version" }).click();
  await expect(page.getByLabel("Result")).toHaveValue("305");
});

test("the event list pages through a long record and filters by kind, from the URL", async ({ page, request }) => {
  await page.goto(`/patients/${await seedCaseId(request)}`);
  const caption = page.locator("table.events caption");
  await expect(caption).toContainText(/^Events 1–50 of \d+, most recent first$/);
  await page.getByRole("link", { name: "Older events" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(caption).toContainText(/^Events 51–\d+ of \d+/);

  await page.getByText("Filter events").click();
  await page.getByRole("checkbox", { name: "Imaging" }).check();
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page).toHaveURL(/kind=imaging/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(caption).toContainText("(filtered: Imaging)");
  const kinds = await page.locator("table.events tbody td[data-label=Kind]").allTextContents();
  expect(kinds.length).toBeGreaterThanOrEqual(6);
  expect(new Set(kinds)).toEqual(new Set(["Imaging"]));
});

const kinds = ["lab_result", "treatment_cycle", "imaging", "skin_assessment", "muscle_assessment", "medication", "diagnosis", "antibody_result", "adverse_event", "admission", "note", "procedure", "radiotherapy"];
for (const kind of kinds) {
  test(`the new ${kind} form has no serious accessibility violations, empty or with every error shown`, async ({ page, request }) => {
    // A new patient: nothing to propose from, so an empty submit shows every error.
    await page.goto(`/patients/${(await newPatient(request, "Axe")).id}/events/new?kind=${kind}`);
    await expect(page.getByRole("button", { name: "Save" })).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("group", { name: /Not saved/ })).toBeFocused();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
}

test("the amend form and the patient page have no serious accessibility violations", async ({ page, request }) => {
  const patient = await newPatient(request, "Axe");
  const event = await recordViaApi(request, patient.id, ck(250));
  await page.goto(`/patients/${patient.id}/events/${event.id}/amend`);
  await expect(page.getByRole("button", { name: "Save the amendment" })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.goto(`/patients/${patient.id}`);
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test("a treatment cycle form proposes the next cycle of the current regimen", async ({ page, request }) => {
  await page.goto(`/patients/${await seedCaseId(request)}/events/new?kind=treatment_cycle`);
  await expect(page.getByText("Proposed from the latest cycle, trabectedin cycle 4 (line 2) on 16 Nov 2020")).toBeVisible();
  await expect(page.getByLabel("Regimen")).toHaveValue("trabectedin");
  await expect(page.getByLabel("Line of therapy")).toHaveValue("2");
  await expect(page.getByLabel("Cycle number")).toHaveValue("5");
  await expect(page.getByLabel("Dose", { exact: true })).toHaveValue("1.5");
});

test("a lab result is recorded with the range the lab printed and a result printed with a sign", async ({ page, request }) => {
  const patient = await newPatient(request, "Lab");
  await page.goto(`/patients/${patient.id}/events/new?kind=lab_result`);
  await page.getByLabel("Test").selectOption("crp");
  await expect(page.getByLabel("Unit")).toHaveValue("mg/L");
  await page.getByLabel("Sign (optional)").selectOption("<");
  await page.getByLabel("Result").fill("4");
  await page.getByLabel("High limit").fill("5");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("cell", { name: "CRP < 4 mg/L (≤ 5 mg/L)", exact: true })).toBeVisible();
});
