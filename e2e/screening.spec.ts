import { expect, test } from "@playwright/test";
import { horizontalOverflow, json, recordViaApi, seriousAxeViolations } from "./data-entry-helpers";
import { EventForm } from "./support/pages";

/**
 * Cancer screening when dermatomyositis comes first (issue 11), as a rheumatologist meets it: a new
 * anti-TIF1γ-positive patient of 58 with dysphagia and no cancer on record shows a "cancer screening
 * due" alert in the inbox and a high-risk plan on the patient page; recording the CT of thorax,
 * abdomen and pelvis marks that item done. The spec owns its patient (created through the API).
 */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

test("a new DM patient without cancer: screening due in the inbox, the plan on the patient page, the CT TAP marks its item done", async ({ page, request }) => {
  const identifier = `E2E-SCREEN-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  const birthYear = new Date().getUTCFullYear() - 59;
  const created = await request.post("/api/v1/patients", { headers: json, data: { identifier, familyName: "Screening", givenName: "Maud", sex: "female", birthDate: `${birthYear}-01-15` } });
  expect(created.status()).toBe(201);
  const patient = (await created.json()) as { id: string };
  const record = (event: unknown) => recordViaApi(request, patient.id, event);
  await record({ kind: "diagnosis", occurredAt: daysAgo(6), payload: { role: "dermatomyositis", name: "Dermatomyositis" } });
  await record({ kind: "antibody_result", occurredAt: daysAgo(5), payload: { antibody: "tif1-gamma", result: "positive" } });
  await record({ kind: "muscle_assessment", occurredAt: daysAgo(5), payload: { dysphagia: true, proximalWeaknessMrc: 4 } });

  // The inbox: a high-priority "cancer screening due" alert whose reason states the facts.
  await page.goto("/alerts");
  const card = page.getByRole("listitem").filter({ hasText: identifier });
  await expect(card).toContainText("Cancer screening due");
  await expect(card).toContainText("High risk: anti-TIF1γ positive");
  await expect(card).toContainText("dysphagia");
  await expect(card).toContainText("due at diagnosis");
  await expect(card).toContainText("none recorded");

  // The patient page: the risk and the plan.
  await page.goto(`/patients/${patient.id}`);
  const section = page.getByRole("region", { name: "Cancer screening" });
  await expect(section).toContainText("High risk");
  const atDiagnosis = section.getByRole("list", { name: "Screening at diagnosis" });
  const ctItem = atDiagnosis.getByRole("listitem").filter({ hasText: "CT thorax/abdomen/pelvis" });
  await expect(ctItem).toContainText("Due");
  await expect(section.getByRole("list", { name: "Screening 12 months after onset" }).getByRole("listitem").filter({ hasText: "CT thorax/abdomen/pelvis" })).toContainText("Not yet due");
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Recording the CT TAP marks it done (with its date); the alert stays for what is still missing.
  // Recorded in the imaging form, as the rheumatologist would, with the region it covered.
  const form = await new EventForm(page, patient.id, "imaging").goto();
  await form.field("Date", true).fill(daysAgo(1));
  await form.field("Modality").selectOption("CT");
  await form.field("Region covered (optional)").selectOption("thorax-abdomen-pelvis");
  await form.field("What this study assessed").selectOption("other");
  await form.field("Findings (optional)").fill("No evidence of malignancy.");
  await form.save();
  await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}(?:[?#]|$)`));
  await page.goto(`/patients/${patient.id}`);
  await expect(ctItem).toContainText("Done");
  await expect(ctItem).toContainText("CT thorax, abdomen and pelvis");
  await expect(page.getByRole("region", { name: "Active alerts" })).toContainText("recorded chest radiograph");

  // Readable at 390 px.
  await page.setViewportSize({ width: 390, height: 800 });
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
});
