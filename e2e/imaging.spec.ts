import { expect, test, type APIRequestContext } from "@playwright/test";
import { horizontalOverflow, json, newPatient, recordViaApi, seriousAxeViolations } from "./data-entry-helpers";
import { referenceCaseCopy } from "./support/fixtures";
import { PatientPage } from "./support/pages";

const lesion = (id: string, organ: string, organCode: string, diameterMm: number) => ({ id, organ, organCode, nodal: false, diameterMm });
const cycle = (occurredAt: string, regimen: string, lineOfTherapy: number) => ({ kind: "treatment_cycle", occurredAt, payload: { regimen, lineOfTherapy, cycleNumber: 1 } });

test("on a copy of the reference case, a scan after line 2 started without a baseline is NE, and the form says how to fix it", async ({ page, request }) => {
  const copy = await referenceCaseCopy(request, { familyName: "Imaging" });
  const patientPage = await new PatientPage(page, copy.id).goto();
  await patientPage.addImaging();
  await expect(page.getByRole("note")).toContainText(/Line 2 \(trabectedin\) started on .* without a baseline scan of its own/);

  await page.getByLabel("Modality").selectOption("CT");
  // The baseline's lesions are offered for re-measurement, each by its id.
  const lesions = page.getByRole("group", { name: /^Target lesion T\d$/ });
  await expect(lesions).toHaveCount(4);
  await expect(lesions.nth(0).getByLabel("Organ")).toHaveValue("lung");
  for (const [index, diameter] of [30, 36, 25, 22].entries()) await lesions.nth(index).getByLabel("Diameter").fill(String(diameter));
  await page.getByLabel("Non-target lesions").selectOption("non-CR/non-PD");

  const panel = page.getByRole("region", { name: "RECIST 1.1" });
  await expect(panel).toContainText("Sum of diameters113 mm");
  const result = panel.getByRole("status");
  await expect(result).toContainText("Computed response: NE (not evaluable)");
  await expect(result).toContainText(/line 2 started on .* without a baseline scan of its own/);
  await page.screenshot({ path: "e2e/screenshots/imaging-line-without-baseline.png", fullPage: true });
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imaging saved." })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^CT: NE \(not evaluable\), target sum 113 mm/ })).toBeVisible();
});

test("a follow-up that measures two of the baseline's three lesions is NE, with the lesion left out named", async ({ page, request }) => {
  const patient = await newPatient(request, "Subset");
  await page.goto(`/patients/${patient.id}/events/new?kind=imaging`);
  await page.getByLabel("Date", { exact: true }).fill("2021-01-10");
  await page.getByLabel("Modality").selectOption("CT");
  await page.getByLabel("What this study assessed").selectOption("baseline");
  const sizes: [string, number][] = [["liver", 40], ["lung", 30], ["lung", 30]];
  for (const [index, [organ, diameter]] of sizes.entries()) {
    if (index > 0) await page.getByRole("button", { name: "Add a target lesion" }).click();
    const row = page.getByRole("group", { name: `Target lesion ${index + 1}` });
    await row.getByLabel("Organ").selectOption(organ);
    await row.getByLabel("Diameter").fill(String(diameter));
  }
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imaging saved." })).toBeVisible();
  await expect(page.getByRole("cell", { name: "CT: baseline, target sum 100 mm", exact: true })).toBeVisible();

  await page.goto(`/patients/${patient.id}/events/new?kind=imaging`);
  await page.getByLabel("Date", { exact: true }).fill("2021-03-10");
  await page.getByLabel("Modality").selectOption("CT");
  await expect(page.getByRole("group", { name: /^Target lesion T\d$/ })).toHaveCount(3);
  await page.getByRole("group", { name: "Target lesion T1" }).getByLabel("Diameter").fill("35");
  await page.getByRole("group", { name: "Target lesion T2" }).getByLabel("Diameter").fill("30");
  await page.getByRole("button", { name: "Remove target lesion T3" }).click();
  await page.getByLabel("Non-target lesions").selectOption("non-CR/non-PD");
  const result = page.getByRole("region", { name: "RECIST 1.1" }).getByRole("status");
  await expect(result).toContainText("Computed response: NE (not evaluable)");
  await expect(result).toContainText("baseline lesion T3 (lung) not measured, and it could change the result (a subset of target lesions is not evaluable): NE");
  await page.screenshot({ path: "e2e/screenshots/imaging-subset-ne.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "e2e/screenshots/imaging-subset-ne-390.png", fullPage: true });
  expect(await horizontalOverflow(page)).toBe(0);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imaging saved." })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^CT: NE \(not evaluable\), target sum 65 mm/ })).toBeVisible();
});

async function lineOneCourse(request: APIRequestContext) {
  const patient = await newPatient(request, "Lines");
  await recordViaApi(request, patient.id, { kind: "imaging", occurredAt: "2021-01-10", payload: { modality: "CT", baseline: true, targetLesions: [lesion("T1", "Liver", "liver", 100)] } });
  await recordViaApi(request, patient.id, cycle("2021-01-20", "doxorubicin", 1));
  await recordViaApi(request, patient.id, { kind: "imaging", occurredAt: "2021-03-10", payload: { modality: "CT", targetLesions: [lesion("T1", "Liver", "liver", 60)], nonTargetResponse: "non-CR/non-PD" } });
  await recordViaApi(request, patient.id, { kind: "imaging", occurredAt: "2021-04-20", payload: { modality: "CT", targetLesions: [lesion("T1", "Liver", "liver", 60)], nonTargetResponse: "non-CR/non-PD" } });
  return patient;
}

test("the scan that showed PD becomes line 2's baseline, and each line has its best response", async ({ page, request }) => {
  const patient = await lineOneCourse(request);
  await page.goto(`/patients/${patient.id}/events/new?kind=imaging`);
  await page.getByLabel("Date", { exact: true }).fill("2021-06-15");
  await page.getByLabel("Modality").selectOption("CT");
  await page.getByRole("group", { name: "Target lesion T1" }).getByLabel("Diameter").fill("90");
  await page.getByLabel("Non-target lesions").selectOption("non-CR/non-PD");
  await expect(page.getByRole("region", { name: "RECIST 1.1" }).getByRole("status")).toContainText("sum 90 mm is +50% over nadir 60 mm and +30 mm: PD");
  await page.getByLabel("Also the baseline for line 2").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imaging saved." })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^CT: PD \(progressive disease\), target sum 90 mm \(−10% from baseline, \+50% from nadir\); baseline for line 2/ })).toBeVisible();

  await recordViaApi(request, patient.id, cycle("2021-07-01", "trabectedin", 2));
  // Without a stated response the server computes it, against line 2's baseline (90 mm), not line 1's nadir.
  const response = await request.post(`/api/v1/patients/${patient.id}/events`, {
    headers: json,
    data: { kind: "imaging", occurredAt: "2021-09-01", payload: { modality: "CT", targetLesions: [lesion("T1", "Liver", "liver", 85)], nonTargetResponse: "non-CR/non-PD" } },
  });
  expect(response.status()).toBe(201);
  expect((await response.json()).payload).toMatchObject({ response: "SD", computedResponse: "SD", recist: { line: 2, baselineSumMm: 90 } });

  await page.goto(`/patients/${patient.id}`);
  const tumourLane = page.locator('[data-lane="tumour"]');
  await expect(tumourLane).toContainText("Best overall response, line 1 (doxorubicin): PR (confirmed): PR on 10 Mar 2021, confirmed on 20 Apr 2021");
  await expect(tumourLane).toContainText("Best overall response, line 2 (trabectedin): SD: SD on 1 Sep 2021");
  await page.screenshot({ path: "e2e/screenshots/imaging-best-response-chart.png", fullPage: true });

  await page.goto(`/patients/${patient.id}/mdt`);
  const cancer = page.getByRole("region", { name: "Cancer" });
  await expect(cancer.getByRole("listitem").filter({ hasText: /^line 1 \(doxorubicin\): PR \(confirmed\)/ })).toBeVisible();
  await expect(cancer.getByRole("listitem").filter({ hasText: /^line 2 \(trabectedin\): SD/ })).toBeVisible();
  await expect(cancer.getByRole("table")).toContainText("PR (partial response)");
  await page.screenshot({ path: "e2e/screenshots/imaging-best-response-mdt.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "e2e/screenshots/imaging-best-response-mdt-390.png", fullPage: true });
});

test("an API write whose response the lesions contradict is refused naming both; with a reason it is kept and shown as overridden", async ({ page, request }) => {
  const patient = await lineOneCourse(request);
  const scan = { kind: "imaging", occurredAt: "2021-06-15", payload: { modality: "CT", response: "PR", targetLesions: [lesion("T1", "Liver", "liver", 90)], nonTargetResponse: "non-CR/non-PD" } };
  const refused = await request.post(`/api/v1/patients/${patient.id}/events`, { headers: json, data: scan });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).errors["payload.response"][0]).toMatch(/^The measurements give PD \(progressive disease\), not PR \(partial response\)/);
  await recordViaApi(request, patient.id, { ...scan, payload: { ...scan.payload, responseOverrideReason: "Radiology: flare after radiotherapy" } });
  await page.goto(`/patients/${patient.id}`);
  await expect(page.getByRole("cell", { name: /^CT: PR \(partial response\) — overridden; computed PD \(progressive disease\): Radiology: flare after radiotherapy/ })).toBeVisible();
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
  await page.getByRole("group", { name: "Target lesion T1" }).getByLabel("Diameter").fill("30");
  await expect(page.getByRole("region", { name: "RECIST 1.1" }).getByRole("status")).toContainText("sum 30 mm is −40% from baseline 50 mm: PR");

  await page.getByLabel("Response to record").selectOption("SD");
  const reason = page.getByLabel("Reason for recording a different response");
  await expect(reason).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(reason).toHaveAccessibleDescription(/The measurements give PR \(partial response\); give the reason for recording SD \(stable disease\) instead/);
  await reason.fill("Radiology report: lesion size overestimated on the earlier scan");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("cell", { name: /^CT: SD \(stable disease\) — overridden; computed PR \(partial response\): Radiology report: lesion size overestimated/ })).toBeVisible();
});
