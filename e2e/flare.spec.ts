import { formatClinicalDate, todayIn } from "../lib/events/dates";
import { horizontalOverflow, seriousAxeViolations, tabTo } from "./data-entry-helpers";
import { expect, recordEvent, test, type OwnPatient } from "./support/fixtures";
import { FlareForm, PatientPage } from "./support/pages";
import type { APIRequestContext } from "@playwright/test";

/** A CK on file with the lab's printed range, which the flare form offers for the next CK. */
async function withEarlierCk(request: APIRequestContext, patient: OwnPatient) {
  await recordEvent(request, patient.id, { kind: "lab_result", occurredAt: "2021-03-12", payload: { analyte: "ck", value: 150, unit: "U/L", referenceRange: { low: 25, high: 200 } } });
}


test("a flare is logged by keyboard alone from the patient list, and shows in the event table", async ({ page, request, patient }) => {
  await withEarlierCk(request, patient);
  await page.goto("/patients");
  await tabTo(page, "the patient search", (el) => el.id === "q");
  await page.keyboard.type(patient.identifier);
  await page.keyboard.press("Enter");
  await expect(page.locator("caption")).toHaveText(`1 patient matching “${patient.identifier}”`);

  // The search left one row: its Log flare link (the matcher runs in the page, so it names no variable of the test).
  await expect(page.getByRole("link", { name: `Log flare for patient ${patient.identifier}` })).toBeVisible();
  await tabTo(page, "the Log flare link", (el) => el.textContent?.startsWith("Log flare for patient ") ?? false);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /Log a flare/, level: 1 })).toBeVisible();
  // Today's date, in the browser's own day, is filled in.
  await expect(page.getByLabel("Date seen")).toHaveValue(todayIn());

  await tabTo(page, "the skin grade", (el) => el.id === "f-skin-grade");
  await page.keyboard.type("3");
  await expect(page.getByLabel("Skin grade")).toHaveValue("3");
  await tabTo(page, "Heliotrope rash", (el) => el.getAttribute("value") === "heliotrope");
  await page.keyboard.press("Space");
  await tabTo(page, "Shawl sign", (el) => el.getAttribute("value") === "shawl-sign");
  await page.keyboard.press("Space");
  await tabTo(page, "CDASI activity", (el) => el.id === "f-skin-cdasiActivity");
  await page.keyboard.type("24");
  await tabTo(page, "CK", (el) => el.id === "f-ck-value");
  await page.keyboard.type("812");
  await page.keyboard.press("Enter");

  const patientPage = new PatientPage(page, patient.id);
  await expect(patientPage.flash("Flare logged.")).toBeVisible();
  await expect(patientPage.heading(patient.displayName)).toBeVisible();
  const today = formatClinicalDate(todayIn());
  const skinRow = page.getByRole("row").filter({ hasText: "Skin grade 3 (severe), CDASI activity 24 — Heliotrope rash, Shawl sign" });
  await expect(skinRow).toHaveCount(1);
  await expect(skinRow.getByRole("cell").first()).toHaveText(today);
  const ckRow = page.getByRole("row").filter({ hasText: "CK 812 U/L (25–200 U/L), high: 4.06×ULN" });
  await expect(ckRow.getByRole("cell").first()).toHaveText(today);
});

test("a failed submit keeps what was typed and shows each error next to its field", async ({ page, patient }) => {
  await new FlareForm(page, patient.id).goto();
  await page.getByLabel("Skin grade").selectOption("2");
  await page.getByLabel("Gottron's papules").check();
  await page.getByLabel("CDASI activity (optional)").fill("140");
  await page.getByLabel("CK", { exact: true }).fill("six hundred");
  await page.getByRole("button", { name: "Log flare" }).click();

  const summary = page.getByRole("group", { name: "Not saved: please check" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "The CDASI activity is at most 100" })).toBeVisible();
  const cdasi = page.getByLabel("CDASI activity (optional)");
  await expect(cdasi).toHaveAttribute("aria-invalid", "true");
  await expect(cdasi).toHaveAccessibleDescription(/The CDASI activity is at most 100/);
  await expect(page.getByLabel("CK", { exact: true })).toHaveAccessibleDescription(/Enter the result as a number/);
  // Nothing typed is lost.
  await expect(cdasi).toHaveValue("140");
  await expect(page.getByLabel("CK", { exact: true })).toHaveValue("six hundred");
  await expect(page.getByLabel("Skin grade")).toHaveValue("2");
  await expect(page.getByLabel("Gottron's papules")).toBeChecked();

  // The summary's link takes the clinician to the field.
  await summary.getByRole("link", { name: "The CDASI activity is at most 100" }).click();
  await expect(cdasi).toBeFocused();
});

test("the flare form works on a 390 px wide phone screen", async ({ page, patient }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await new FlareForm(page, patient.id).goto();
  expect(await horizontalOverflow(page)).toBe(0);
  const submit = page.getByRole("button", { name: "Log flare" });
  await submit.scrollIntoViewIfNeeded();
  await expect(submit).toBeInViewport();
  const box = await submit.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "e2e/screenshots/flare-form-390.png", fullPage: true });
  // With errors shown it still fits.
  await submit.click();
  await expect(page.getByRole("group", { name: "Not saved: please check" })).toBeFocused();
  expect(await horizontalOverflow(page)).toBe(0);
});

test("the flare form has no serious accessibility violations, before and after a failed submit", async ({ page, patient }) => {
  await new FlareForm(page, patient.id).goto();
  await expect(page.getByLabel("Date seen")).toHaveValue(todayIn());
  await page.screenshot({ path: "e2e/screenshots/flare-form.png", fullPage: true });
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Log flare" }).click();
  await expect(page.getByRole("group", { name: "Not saved: please check" })).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test.describe("before the page's script has loaded", () => {
  test.use({ javaScriptEnabled: false });

  test("the server action answers the errors next to the fields, with what was typed", async ({ page, request, patient }) => {
    await withEarlierCk(request, patient);
    await page.goto(`/patients/${patient.id}/flare`);
    await page.getByLabel("Skin grade").selectOption("2");
    await page.getByLabel("Periorbital oedema").check();
    await page.getByLabel("CDASI activity (optional)").fill("140");
    await page.getByRole("button", { name: "Log flare" }).click();

    await expect(page.getByRole("group", { name: "Not saved: please check" })).toBeVisible();
    await expect(page.getByLabel("Date seen")).toHaveAccessibleDescription(/Enter a date/);
    await expect(page.getByLabel("CDASI activity (optional)")).toHaveAccessibleDescription(/The CDASI activity is at most 100/);
    await expect(page.getByLabel("CDASI activity (optional)")).toHaveValue("140");
    await expect(page.getByLabel("Skin grade")).toHaveValue("2");
    await expect(page.getByLabel("Periorbital oedema")).toBeChecked();
    await expect(page.getByLabel("Range high")).toHaveValue("200");
  });

  test("the server refuses an MRC grade above 5 beside its field and keeps the muscle examination typed", async ({ page, request, patient }) => {
    await page.goto(`/patients/${patient.id}/flare`);
    await page.getByLabel("Date seen").fill(todayIn());
    await page.getByLabel("Skin grade").selectOption("2");
    await page.getByLabel("Weakest proximal group, MRC grade").fill("6");
    await page.getByLabel("Dysphagia").selectOption("yes");
    await page.getByRole("button", { name: "Log flare" }).click();

    await expect(page.getByRole("group", { name: "Not saved: please check" }).getByRole("link", { name: "The MRC grade is 0 to 5" })).toBeVisible();
    await expect(page.getByLabel("Weakest proximal group, MRC grade")).toHaveAccessibleDescription(/The MRC grade is 0 to 5/);
    await expect(page.getByLabel("Weakest proximal group, MRC grade")).toHaveValue("6");
    await expect(page.getByLabel("Dysphagia")).toHaveValue("yes");
    expect((await (await request.get(`/api/v1/patients/${patient.id}/events`)).json()) as unknown[]).toEqual([]);
  });
});

type StoredEvent = { kind: string; occurredAt: string; payload: Record<string, unknown> };
async function eventsOf(request: APIRequestContext, patient: OwnPatient): Promise<StoredEvent[]> {
  const response = await request.get(`/api/v1/patients/${patient.id}/events`);
  expect(response.status()).toBe(200);
  return (await response.json()) as StoredEvent[];
}

test("a flare with the muscle examination and a note records four events in one save, shown in the event list", async ({ page, request, patient }) => {
  await recordEvent(request, patient.id, { kind: "muscle_assessment", occurredAt: "2021-03-12", payload: { mmt8: { score: 70, scale: 80 }, dysphagia: false } });
  const form = await new FlareForm(page, patient.id).goto();
  // The last findings, as the server read them, beside their fields.
  await expect(page.getByText("Last: MMT-8 70/80 on 12 Mar 2021")).toBeVisible();
  await expect(page.getByText("Last: dysphagia no on 12 Mar 2021")).toBeVisible();

  await form.field("Skin grade").selectOption("3");
  await form.field("CK", true).fill("1250");
  const examination = page.getByRole("group", { name: "Muscle examination (optional)" });
  await examination.getByLabel("MMT-8 score").fill("58");
  await expect(examination.getByLabel("MMT-8 scale")).toHaveValue("80");
  await examination.getByLabel("Dysphagia").selectOption("yes");
  await form.field("Note (optional)").fill("Worse climbing stairs; coughs when drinking. Speech therapy referral.");
  await page.getByRole("button", { name: "Log flare" }).click();

  const patientPage = new PatientPage(page, patient.id);
  await expect(patientPage.flash("Flare logged.")).toBeVisible();
  const today = formatClinicalDate(todayIn());
  for (const text of ["Skin grade 3 (severe)", "CK 1250 U/L (25–200 U/L), high: 6.25×ULN", "MMT-8 58/80, dysphagia", "Worse climbing stairs; coughs when drinking. Speech therapy referral."]) {
    const row = page.getByRole("row").filter({ hasText: text });
    await expect(row, text).toHaveCount(1);
    await expect(row.getByRole("cell").first()).toHaveText(today);
  }
  // One save wrote exactly these four events (the action makes one recordEvents call: one transaction).
  const saved = (await eventsOf(request, patient)).filter((e) => e.occurredAt.startsWith(todayIn()));
  expect(saved.map((e) => e.kind).sort()).toEqual(["lab_result", "muscle_assessment", "note", "skin_assessment"]);
  expect(saved.find((e) => e.kind === "muscle_assessment")!.payload).toEqual({ mmt8: { score: 58, scale: 80 }, dysphagia: true });
});

test("an MMT-8 above its scale is shown beside the field, keeps what was typed, and saves nothing", async ({ page, request, patient }) => {
  const form = await new FlareForm(page, patient.id).goto();
  await form.field("Skin grade").selectOption("2");
  const examination = page.getByRole("group", { name: "Muscle examination (optional)" });
  await examination.getByLabel("MMT-8 score").fill("95");
  await examination.getByLabel("MMT-8 scale").selectOption("80");
  await examination.getByLabel("Respiratory involvement").selectOption("no");
  await form.field("Note (optional)").fill("Stairs harder.");
  await page.getByRole("button", { name: "Log flare" }).click();

  const summary = page.getByRole("group", { name: "Not saved: please check" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "The MMT-8 score cannot exceed its scale" })).toBeVisible();
  const score = examination.getByLabel("MMT-8 score");
  await expect(score).toHaveAttribute("aria-invalid", "true");
  await expect(score).toHaveAccessibleDescription(/The MMT-8 score cannot exceed its scale/);
  await expect(score).toHaveValue("95");
  await expect(examination.getByLabel("Respiratory involvement")).toHaveValue("no");
  await expect(form.field("Note (optional)")).toHaveValue("Stairs harder.");
  expect(await seriousAxeViolations(page)).toEqual([]);
  await summary.getByRole("link", { name: "The MMT-8 score cannot exceed its scale" }).click();
  await expect(score).toBeFocused();
  expect(await eventsOf(request, patient)).toEqual([]);
});

test("a second muscle examination the same day warns beside the date, and is saved with the flare only once confirmed", async ({ page, request, patient }) => {
  await recordEvent(request, patient.id, { kind: "muscle_assessment", occurredAt: todayIn(), payload: { proximalWeaknessMrc: 4, mmt8: { score: 120, scale: 150 } } });
  const form = await new FlareForm(page, patient.id).goto();
  await expect(page.getByText(/^Last: MRC 4\/5 on /)).toBeVisible();
  // The MMT-8 scale starts on the one this patient was last scored on.
  await expect(page.getByLabel("MMT-8 scale")).toHaveValue("150");
  await form.field("Skin grade").selectOption("1");
  await page.getByRole("group", { name: "Muscle examination (optional)" }).getByLabel("Weakest proximal group, MRC grade").fill("3.5");
  await page.getByRole("button", { name: "Log flare" }).click();

  const summary = page.getByRole("group", { name: /Not saved yet/ });
  await expect(summary).toContainText("is already recorded");
  await expect(summary.getByRole("link", { name: `Muscle assessment of ${formatClinicalDate(todayIn())}`, exact: true })).toBeVisible();
  await expect(page.getByLabel("Date seen")).toHaveAccessibleDescription(/Save this muscle assessment as well only if it is a separate one/);
  await expect(page.getByRole("group", { name: "Muscle examination (optional)" }).getByLabel("Weakest proximal group, MRC grade")).toHaveValue("3.5");
  expect((await eventsOf(request, patient)).length).toBe(1);

  await page.getByLabel(/this is a separate one/).check();
  await page.getByRole("button", { name: "Log flare" }).click();
  await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}\\?saved=flare`));
  expect((await eventsOf(request, patient)).map((e) => e.kind).sort()).toEqual(["muscle_assessment", "muscle_assessment", "skin_assessment"]);
});
