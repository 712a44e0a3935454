import { expect, test, type Page } from "@playwright/test";
import { newPatient, recordViaApi } from "./data-entry-helpers";

/**
 * Rule version 2 as a rheumatologist meets it: a flare that begins ten days after a stable CT and
 * escalates over three visits alerts at the first visit 28 days or more after the scan, naming the scan
 * and the findings; a CT read as not evaluable leaves the alert open and says so.
 */

async function logFlare(page: Page, patientId: string, visit: { date: string; grade: string; ck: string; signs?: string[] }) {
  await page.goto(`/patients/${patientId}/flare`);
  await page.getByLabel("Date seen").fill(visit.date);
  await page.getByLabel("Skin grade").selectOption(visit.grade);
  for (const sign of visit.signs ?? []) await page.getByLabel(sign).check();
  await page.getByLabel("CK", { exact: true }).fill(visit.ck);
  await page.getByLabel("Range low").fill("25");
  await page.getByLabel("Range high").fill("200");
  await page.getByRole("button", { name: "Log flare" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Flare logged." })).toBeVisible();
}

test("an escalating flare alerts at the visit 28 days after the scan, naming the scan and the findings; an NE CT leaves it open", async ({ page, request }) => {
  const patient = await newPatient(request, "Escalation");
  const record = (event: unknown) => recordViaApi(request, patient.id, event);
  await record({ kind: "diagnosis", occurredAt: "2025-01-10", payload: { role: "cancer", name: "Leiomyosarcoma" } });
  await record({ kind: "diagnosis", occurredAt: "2025-01-10", payload: { role: "dermatomyositis", name: "Dermatomyositis" } });
  await record({ kind: "skin_assessment", occurredAt: "2025-02-25", payload: { grade: 0, signs: [] } });
  await record({ kind: "lab_result", occurredAt: "2025-02-25", payload: { analyte: "ck", value: 100, unit: "U/L", referenceRange: { low: 25, high: 200 } } });
  await record({ kind: "imaging", occurredAt: "2025-03-01", payload: { modality: "CT", response: "SD" } });

  // Visits 10 and 24 days after the CT: worse, but the scan is recent.
  await logFlare(page, patient.id, { date: "2025-03-11", grade: "2", ck: "600" });
  await expect(page.getByRole("region", { name: "Active alerts" })).toHaveCount(0);
  await logFlare(page, patient.id, { date: "2025-03-25", grade: "3", ck: "1600", signs: ["Gottron's papules"] });
  await expect(page.getByRole("region", { name: "Active alerts" })).toHaveCount(0);

  // 45 days after it: the alert, with the scan and the findings in its reason.
  await logFlare(page, patient.id, { date: "2025-04-15", grade: "4", ck: "3200", signs: ["Ulceration"] });
  const panel = page.getByRole("region", { name: "Active alerts" });
  await expect(panel).toContainText("Skin grade 4 on 15 Apr 2025, against skin grade 0 on 25 Feb 2025");
  await expect(panel).toContainText("CK 3200 U/L (16×ULN) on 15 Apr 2025, against CK 100 U/L (0.5×ULN) on 25 Feb 2025");
  await expect(panel).toContainText("Findings from 10 to 45 days after the last answering scan (CT on 1 Mar 2025: stable disease (SD))");
  await expect(panel).toContainText("consider re-staging imaging");

  // A CT read as not evaluable does not answer it.
  await record({ kind: "imaging", occurredAt: "2025-04-22", payload: { modality: "CT", response: "NE", findings: "Motion artefact." } });
  await page.goto("/alerts");
  const card = page.getByRole("listitem").filter({ hasText: "ESCALATION, Test" });
  await expect(card).toContainText("Open");
  await expect(card).toContainText("CT on 22 Apr 2025 was not evaluable (NE): not an answer.");
  await expect(card).toContainText("Dermatomyositis worse since the last answering scan");

  // An answering CT resolves it.
  await record({ kind: "imaging", occurredAt: "2025-04-29", payload: { modality: "CT", response: "PD" } });
  await page.goto("/alerts?status=resolved");
  await expect(page.getByRole("listitem").filter({ hasText: "ESCALATION, Test" })).toContainText("Answered by CT on 29 Apr 2025: progressive disease (PD).");
});
