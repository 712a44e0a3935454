import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

async function seedCaseBundle(request: APIRequestContext, identifier: string) {
  const [patient] = await (await request.get("/api/v1/patients?q=FW-0001")).json();
  const response = await request.get(`/api/v1/patients/${patient.id}/fhir`);
  expect(response.headers()["content-type"]).toContain("application/fhir+json");
  const bundle = await response.json();
  bundle.type = "transaction";
  bundle.entry[0].resource.identifier[0].value = identifier;
  // Another name, so that the reference case stays the only "REFERENCE, Case" for the other specs.
  bundle.entry[0].resource.name = [{ family: "Imported", given: ["Bundle"] }];
  return bundle;
}

const file = (name: string, content: unknown) => ({ name, mimeType: "application/json", buffer: Buffer.from(typeof content === "string" ? content : JSON.stringify(content)) });

test("a FHIR bundle uploaded on the import page is previewed, then creates the patient, and again changes nothing", async ({ page, request }) => {
  const identifier = `E2E-FHIR-${unique()}`;
  const bundle = await seedCaseBundle(request, identifier);
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import and export", level: 1 })).toBeVisible();
  await page.getByLabel("FHIR R4 Bundle").setInputFiles(file("course.json", bundle));
  await page.getByRole("button", { name: "Preview import" }).click();
  // The export's alert Flags are read and ignored: the importing side derives its own alerts from the events.
  const flags = bundle.entry.filter((e: { resource: { resourceType: string } }) => e.resource.resourceType === "Flag").length;
  expect(flags).toBeGreaterThan(0);
  const events = bundle.entry.length - 1 - flags;
  const preview = page.getByRole("status").filter({ hasText: "Preview: nothing written yet" });
  await expect(preview).toContainText(`Would create the new patient IMPORTED, Bundle (${identifier})`);
  await expect(preview.getByRole("list", { name: "Resources" })).toContainText(`${events} to create`);
  await expect(preview.getByRole("table", { name: "Would be ignored" })).toContainText("re-derived from the events");
  expect(await (await request.get(`/api/v1/patients?q=${identifier}`)).json()).toEqual([]);

  await page.getByRole("button", { name: `Import: ${events} new, 0 updated` }).click();
  const report = page.getByRole("status").filter({ hasText: "Bundle imported" });
  await expect(report).toContainText(`New patient IMPORTED, Bundle (${identifier})`);
  await expect(report.getByRole("list", { name: "Resources" })).toContainText(`${bundle.entry.length} resources read`);
  await expect(report).toContainText(`${events} created`);

  await page.getByRole("button", { name: "Preview import" }).click();
  const again = page.getByRole("status").filter({ hasText: "Preview: nothing written yet" });
  await expect(again).toContainText(`${events} unchanged`);
  await expect(again).toContainText("0 to create");

  await again.getByRole("link", { name: "IMPORTED, Bundle" }).click();
  await expect(page.getByRole("cell", { name: "CK 695 U/L (25–200 U/L), high: 3.48×ULN", exact: true })).toBeVisible();
});

test("HL7's mCODE example bundle is previewed with what it maps, converts and ignores, and imports", async ({ page, request }) => {
  const identifier = `E2E-MCODE-${unique()}`;
  const bundle = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("hl7.fhir.us.mcode/example/Bundle-mcode-patient-bundle-jenny-m.json"), "utf8"));
  bundle.entry[0].resource.identifier[0].value = identifier;
  await page.goto("/import");
  await page.getByLabel("FHIR R4 Bundle").setInputFiles(file("jenny-m.json", bundle));
  await page.getByRole("button", { name: "Preview import" }).click();
  const preview = page.getByRole("status").filter({ hasText: "Preview: nothing written yet" });
  await expect(preview).toContainText(`Would create the new patient M, Jenny (${identifier}, http://hospital.example.org)`);
  const created = preview.getByRole("table", { name: "Would be created" });
  await expect(created.getByRole("row").filter({ hasText: "Entry 11: Procedure" })).toContainText("Dose 6000 cGy converted to 60 Gy (UCUM)");
  await expect(created.getByRole("row").filter({ hasText: "Entry 6: Observation" })).toContainText("not as a RECIST response");
  await expect(preview.getByRole("table", { name: "Would be ignored" }).getByRole("row").filter({ hasText: "Entry 26: Observation" })).toContainText("LOINC 26499-4 (Neutrophils [#/volume] in Blood) is not a lab Flarewatch tracks");
  await page.getByRole("button", { name: "Import: 4 new, 0 updated" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bundle imported" })).toContainText("4 created");
  const [patient] = await (await request.get(`/api/v1/patients?q=${identifier}`)).json();
  const everything = await request.get(`/api/fhir/Patient/${patient.id}/$everything?_count=2`);
  expect(everything.headers()["content-type"]).toContain("application/fhir+json");
  const page1 = await everything.json();
  expect(page1).toMatchObject({ resourceType: "Bundle", type: "searchset", total: 5 });
  expect(page1.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual(["Patient", "Condition"]);
  const next = page1.link.find((l: { relation: string }) => l.relation === "next").url;
  expect((await (await request.get(next)).json()).entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual(["Procedure", "Procedure"]);
  expect((await request.get(`/api/fhir/Patient/00000000-0000-4000-8000-000000000000/$everything`)).status()).toBe(404);
  expect((await (await request.get("/api/fhir/metadata")).json()).resourceType).toBe("CapabilityStatement");
});

test("a rejected bundle lists each problem with its resource and field, and writes nothing", async ({ page, request }) => {
  const identifier = `E2E-BAD-${unique()}`;
  const bundle = await seedCaseBundle(request, identifier);
  const ck = bundle.entry.find((e: { resource: { code?: { text?: string } } }) => e.resource.code?.text === "CK");
  ck.resource.valueQuantity.code = "mg/L";
  bundle.entry.push({ fullUrl: "urn:uuid:0f0e0d0c-0b0a-4909-8807-060504030201", resource: { resourceType: "Immunization", status: "completed" } });
  await page.goto("/import");
  await page.getByLabel("FHIR R4 Bundle").setInputFiles(file("bad.json", bundle));
  await page.getByRole("button", { name: "Preview import" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Bundle rejected" });
  await expect(alert).toBeVisible();
  const row = alert.getByRole("row").filter({ hasText: "Observation.valueQuantity.code" });
  await expect(row).toContainText("CK is reported in U/L; mg/L cannot be converted to it");
  await expect(row).toContainText(`Entry ${bundle.entry.indexOf(ck)}: Observation`);
  expect(await (await request.get(`/api/v1/patients?q=${identifier}`)).json()).toEqual([]);

  await page.getByLabel("FHIR R4 Bundle").setInputFiles(file("broken.json", JSON.stringify(bundle).slice(0, 500)));
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not imported" })).toContainText(/Malformed JSON at character \d+: the JSON ends before the Bundle is closed/);
});

test("a lab CSV is previewed row by row, bad rows with their reason, before anything is written", async ({ page, request }) => {
  const identifier = `E2E-CSV-${unique()}`;
  const created = await request.post("/api/v1/patients", { data: { identifier, familyName: "Csv", givenName: "Preview", sex: "female" } });
  const patient = await created.json();
  await page.goto("/import");
  await page.getByLabel("Patient", { exact: true }).selectOption({ label: `CSV, Preview (${identifier})` });
  await page.getByLabel("Or paste the rows").fill("date,analyte,value,unit,range low,range high\n2021-03-12,CK,695,U/L,25,200\n2021-03-12,2157-6,1 200,U/L,25,200\n2021-03-12T09:30,CRP,<4,mg/L,,5\n");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const table = page.getByRole("table", { name: "Each row as it will be stored" });
  await expect(table.getByRole("row").filter({ hasText: "695 U/L" })).toContainText("12 Mar 2021");
  await expect(table.getByRole("row").filter({ hasText: "695 U/L" })).toContainText("25–200 U/L");
  await expect(table.getByRole("row").filter({ hasText: "< 4 mg/L" })).toContainText("12 Mar 2021 09:30");
  await expect(table.getByRole("row").filter({ hasText: "Cannot import" })).toContainText("value: The result “1 200”: Type the number without spaces or separators between the digits: 1200");
  await expect(page.getByRole("button", { name: /Import \d+ result/ })).toBeDisabled();
  expect(await (await request.get(`/api/v1/patients/${patient.id}/events`)).json()).toEqual([]);

  await page.getByLabel("Or paste the rows").fill("date,analyte,value,unit,range low,range high\n2021-03-12,CK,695,U/L,25,200\n2021-03-12T09:30,CRP,<4,mg/L,,5\n");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await page.getByRole("button", { name: "Import 2 results" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Results imported" })).toContainText("2 new results");
  const events = await (await request.get(`/api/v1/patients/${patient.id}/events`)).json();
  expect(events.map((e: { occurredAt: string; payload: { value: number } }) => [e.occurredAt, e.payload.value])).toEqual([
    ["2021-03-12", 695],
    ["2021-03-12T09:30", 4],
  ]);
  const csv = await request.get(`/api/v1/patients/${patient.id}/events.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("CK 695 U/L (25–200 U/L), high: 3.48×ULN");
});

test("a lab CSV with a CK above 100 000 U/L asks for the value to be checked, and imports it only once confirmed", async ({ page, request }) => {
  const identifier = `E2E-CSV-${unique()}`;
  const patient = await (await request.post("/api/v1/patients", { data: { identifier, familyName: "Csv", givenName: "Implausible", sex: "female" } })).json();
  await page.goto("/import");
  await page.getByLabel("Patient", { exact: true }).selectOption({ label: `CSV, Implausible (${identifier})` });
  await page.getByLabel("Or paste the rows").fill("date,analyte,value,unit,range low,range high\n2021-03-12,CK,695,U/L,25,200\n2021-03-13,CK,250000,U/L,25,200\n");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const table = page.getByRole("table", { name: "Each row as it will be stored" });
  await expect(table.getByRole("row").filter({ hasText: "250000 U/L" })).toContainText("Check: CK 250000 U/L is above 100,000 U/L");
  await expect(page.getByRole("status").filter({ hasText: "2 rows" })).toContainText("1 value to check against the lab report before importing");

  await page.getByRole("button", { name: "Import 2 results" }).click();
  const summary = page.getByRole("group", { name: "Not imported" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("A value is far outside what is usually seen");
  await expect(summary.getByRole("link", { name: /CK 250000 U\/L is above/ })).toHaveAttribute("href", "#lab-csv-import-line-3-value");
  expect(await (await request.get(`/api/v1/patients/${patient.id}/events`)).json()).toEqual([]);
  expect(await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze().then((r) => r.violations.map((v) => v.id))).toEqual([]);

  await page.getByLabel("I have checked the value against its source: it is right").check();
  await page.getByRole("button", { name: "Import 2 results" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Results imported" })).toContainText("2 new results");
  const events = await (await request.get(`/api/v1/patients/${patient.id}/events`)).json();
  expect(events.map((e: { payload: { value: number } }) => e.payload.value)).toEqual([695, 250000]);
});

test("a lab CSV preview with no patient and no rows is refused beside each field, with the summary focused, at 390 px too", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/import");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const summary = page.getByRole("group", { name: "Not read" });
  await expect(summary).toBeFocused();
  await expect(page.getByLabel("Patient", { exact: true })).toHaveAccessibleDescription(/Choose a patient/);
  await expect(page.getByLabel(/^Or paste the rows/)).toHaveAccessibleDescription(/Choose a CSV file or paste the rows first/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // What was pasted stays after a refusal.
  await page.getByLabel(/^Or paste the rows/).fill("2021-03-12,CK,695,U/L,25,200");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByLabel(/^Or paste the rows/)).toHaveAccessibleDescription(/^(?!.*Choose a CSV file)/);
  await expect(summary).not.toContainText("Choose a CSV file");
  await expect(page.getByLabel(/^Or paste the rows/)).toHaveValue("2021-03-12,CK,695,U/L,25,200");
});

test("the import page is keyboard-usable, labelled, and has no automatically detectable accessibility problems", async ({ page }) => {
  await page.goto("/import");
  for (const label of [/^FHIR R4 Bundle/, /^Patient$/, /^CSV file/, /^Or paste the rows/, /^Patient to export$/]) await expect(page.getByLabel(label)).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Every control is reached with Tab, in reading order, and a CSV preview runs from the keyboard alone.
  const reached: string[] = [];
  for (let i = 0; i < 20 && !reached.includes("Patient to export"); i++) {
    await page.keyboard.press("Tab");
    reached.push(await page.evaluate(() => (document.activeElement as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> }).labels?.[0]?.textContent?.replace(/\s*\(.*$/, "") ?? document.activeElement?.textContent ?? ""));
  }
  const order = ["FHIR R4 Bundle", "Preview import", "Patient", "CSV file", "Or paste the rows", "Preview", "Patient to export"];
  expect(reached.filter((name) => order.includes(name))).toEqual(order);
  await page.getByLabel(/^Patient$/).focus();
  await page.keyboard.press("ArrowDown");
  await page.getByLabel(/^Or paste the rows/).focus();
  await page.keyboard.type("2021-03-12,CK,695,U/L,25,200");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("table", { name: "Each row as it will be stored" })).toContainText("695 U/L");
});

test("the FHIR API answers malformed JSON with 400 and a non-bundle with 422, writing nothing", async ({ request }) => {
  const malformed = await request.post("/api/v1/fhir", { headers: { "content-type": "application/fhir+json" }, data: Buffer.from('{"resourceType":"Bundle","entry":[{') });
  expect(malformed.status()).toBe(400);
  expect(malformed.headers()["content-type"]).toContain("application/problem+json");
  const notBundle = await request.post("/api/v1/fhir", { headers: { "content-type": "application/fhir+json" }, data: { resourceType: "Patient" } });
  expect(notBundle.status()).toBe(422);
  expect((await notBundle.json()).problems[0]).toMatchObject({ path: "Bundle.resourceType" });
  const wrongType = await request.post("/api/v1/fhir", { headers: { "content-type": "text/plain" }, data: "{}" });
  expect(wrongType.status()).toBe(415);
});

test("?dryRun=true reports what an import would do and writes nothing", async ({ request }) => {
  const identifier = `E2E-DRY-${unique()}`;
  const bundle = await seedCaseBundle(request, identifier);
  const dry = await request.post("/api/v1/fhir?dryRun=true", { headers: { "content-type": "application/fhir+json" }, data: bundle });
  expect(dry.status()).toBe(200);
  expect(await dry.json()).toMatchObject({ dryRun: true, patient: { status: "created", identifier }, counts: { updated: 0, unchanged: 0 } });
  expect(await (await request.get(`/api/v1/patients?q=${identifier}`)).json()).toEqual([]);
});
