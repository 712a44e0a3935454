import { expect, test } from "./support/fixtures";

test("the patient list shows the reference case and the cohort, and opens the timeline", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/patients$/);
  await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  // Every demo patient of the oncologist's teams is found by their identifiers' prefix, sorted by
  // identifier on one page (other tests add their own patients meanwhile, and the worklist pages by 50).
  const demo = ((await (await page.request.get("/api/v1/patients")).json()) as { identifier: string }[]).map((p) => p.identifier).filter((i) => /^FW-\d{4}$/.test(i));
  await page.goto("/patients?q=FW-&sort=identifier");
  const shown = (await page.locator("tbody tr").allTextContents()).map((row) => /FW-\d{4}/.exec(row)?.[0]).filter((i) => i !== undefined);
  expect(shown.sort()).toEqual(demo.sort());
  expect(shown.length).toBeGreaterThan(10);
  await page.getByRole("link", { name: "REFERENCE, Case", exact: true }).click();
  await expect(page.getByRole("heading", { name: "REFERENCE, Case", level: 1 })).toBeVisible();
  await expect(page.getByText("Born 14 Sep 1976")).toBeVisible();
  // Demo data says so in the header, and the record's first note says which values are illustrative.
  await expect(page.getByText("Demo data synthetic or illustrative values, not for clinical use")).toBeVisible();
  // The flare admission's labs, with units and the lab's printed range, never rounded.
  await expect(page.getByRole("cell", { name: "CK 695 U/L (25–200 U/L), high: 3.48×ULN", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^CT: PD \(progressive disease\), target sum 118 mm/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "3 Aug 2020", exact: true }).first()).toBeVisible();
});

test("searching narrows the list by name or identifier", async ({ page }) => {
  await page.goto("/patients");
  await page.getByLabel("Find a patient").fill("FW-0001");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.locator("caption")).toHaveText("1 patient matching “FW-0001”");
});

test("an unknown patient is a clear not-found page", async ({ page }) => {
  const response = await page.goto("/patients/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("a patient entered by a clinician carries no demo-data mark", async ({ page, patient }) => {
  await page.goto(`/patients/${patient.id}`);
  await expect(page.getByRole("heading", { name: patient.displayName, level: 1 })).toBeVisible();
  await expect(page.getByText(/synthetic or illustrative values/)).toHaveCount(0);
});
