import { expect, test } from "@playwright/test";
import { newPatient, recordViaApi, seedCaseId, seriousAxeViolations } from "./data-entry-helpers";

test("measurements on the seed case that make PD show PD with its rule, and are saved", async ({ page, request }) => {
  await page.goto(`/patients/${await seedCaseId(request)}`);
  await page.getByRole("link", { name: "Add imaging" }).click();
  await expect(page.getByRole("heading", { name: /New imaging/, level: 1 })).toBeVisible();

  await page.getByLabel("Modality").selectOption("CT");
  // The lesions of the last measured scan are offered for re-measurement.
  const lesions = page.getByRole("group", { name: /^Target lesion \d$/ });
  await expect(lesions).toHaveCount(4);
  await expect(lesions.nth(0).getByLabel("Organ")).toHaveValue("lung");
  const diameters = [30, 36, 25, 22];
  for (const [index, diameter] of diameters.entries()) await lesions.nth(index).getByLabel("Diameter").fill(String(diameter));
  await page.getByLabel("Non-target lesions").selectOption("non-CR/non-PD");

  const panel = page.getByRole("region", { name: "RECIST 1.1" });
  await expect(panel).toContainText("Baseline96 mm on 9 Jan 2020");
  await expect(panel).toContainText("Nadir88 mm on 4 Jun 2020");
  await expect(panel).toContainText("Sum of diameters113 mm");
  const result = panel.getByRole("status");
  await expect(result).toContainText("Computed response: PD (progressive disease)");
  await expect(result).toContainText("sum 113 mm is +28% over nadir 88 mm and +25 mm: PD");
  await expect(page.getByLabel("Response to record")).toHaveValue("");
  await page.screenshot({ path: "e2e/screenshots/imaging-pd.png", fullPage: true });
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imaging saved." })).toBeVisible();
  await expect(page.getByRole("cell", { name: "CT: PD (progressive disease), target sum 113 mm", exact: true })).toBeVisible();
});

test("recording a response other than the computed one needs a reason", async ({ page, request }) => {
  const patient = await newPatient(request, "Override");
  await recordViaApi(request, patient.id, {
    kind: "imaging",
    occurredAt: "2021-01-10",
    payload: { modality: "CT", baseline: true, targetLesions: [{ organ: "liver", nodal: false, diameterMm: 50 }], targetSumMm: 50 },
  });
  await page.goto(`/patients/${patient.id}/events/new?kind=imaging`);
  await page.getByLabel("Modality").selectOption("CT");
  await page.getByRole("group", { name: "Target lesion 1" }).getByLabel("Diameter").fill("30");
  await expect(page.getByRole("region", { name: "RECIST 1.1" }).getByRole("status")).toContainText("sum 30 mm is −40% from baseline 50 mm: PR");

  await page.getByLabel("Response to record").selectOption("SD");
  const reason = page.getByLabel("Reason for recording a different response");
  await expect(reason).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(reason).toHaveAccessibleDescription(/The measurements give PR \(partial response\); give the reason for recording SD \(stable disease\) instead/);
  await reason.fill("Radiology report: lesion size overestimated on the earlier scan");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("cell", { name: "CT: SD (stable disease), target sum 30 mm", exact: true })).toBeVisible();
});
