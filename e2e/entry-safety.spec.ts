import { expect, test } from "@playwright/test";
import { addDays, todayIn } from "../lib/events/dates";
import { newPatient, seriousAxeViolations } from "./data-entry-helpers";

/** Issue 14's silent data errors, as a clinician meets them in the flare form, on a patient of the spec's own. */
test.describe("the flare form refuses what would be stored wrong", () => {
  test("a CK typed as 1,250 is refused beside the field, kept as typed, and never stored as 1.25", async ({ page, request }) => {
    const patient = await newPatient(request, "Comma");
    await page.goto(`/patients/${patient.id}/flare`);
    await expect(page.getByLabel("Date seen")).toBeFocused();
    await page.getByLabel("Skin grade").selectOption("3");
    await page.getByLabel("CK", { exact: true }).fill("1,250");
    await page.getByRole("button", { name: "Log flare" }).click();
    const summary = page.getByRole("group", { name: /Not saved/ });
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("“1,250” could be 1250 or 1.25");
    await expect(page.getByLabel("CK", { exact: true })).toHaveValue("1,250");
    expect(await seriousAxeViolations(page)).toEqual([]);
    const events = (await (await request.get(`/api/v1/patients/${patient.id}/events`)).json()) as unknown[];
    expect(events).toEqual([]);

    await page.getByLabel("CK", { exact: true }).fill("1250");
    await page.getByRole("button", { name: "Log flare" }).click();
    await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}\\?saved=flare`));
    const stored = (await (await request.get(`/api/v1/patients/${patient.id}/events?kind=lab_result`)).json()) as { payload: { value: number } }[];
    expect(stored.map((e) => e.payload.value)).toEqual([1250]);
  });

  test("a flare dated tomorrow is refused with the date in words", async ({ page, request }) => {
    const patient = await newPatient(request, "Future");
    await page.goto(`/patients/${patient.id}/flare`);
    const tomorrow = addDays(todayIn(), 1);
    await page.getByLabel("Date seen").fill(tomorrow);
    await page.getByLabel("Skin grade").selectOption("2");
    await page.getByRole("button", { name: "Log flare" }).click();
    await expect(page.getByRole("group", { name: /Not saved/ })).toContainText("is after today");
    expect((await (await request.get(`/api/v1/patients/${patient.id}/events`)).json()) as unknown[]).toEqual([]);
  });

  test("a second flare the same day warns, shows the first, and is saved only once confirmed", async ({ page, request }) => {
    const patient = await newPatient(request, "Twice");
    const today = todayIn();
    await request.post(`/api/v1/patients/${patient.id}/events`, { data: { kind: "skin_assessment", occurredAt: today, payload: { grade: 3, signs: [] } } });
    await page.goto(`/patients/${patient.id}/flare`);
    await expect(page.getByText(/Last: grade 3 on/)).toBeVisible();
    await page.getByLabel("Skin grade").selectOption("2");
    await page.getByRole("button", { name: "Log flare" }).click();
    const summary = page.getByRole("group", { name: /Not saved yet/ });
    await expect(summary).toContainText("is already recorded");
    await expect(summary.getByRole("link", { name: /^Skin assessment of .*: grade 3$/ })).toBeVisible();
    expect(((await (await request.get(`/api/v1/patients/${patient.id}/events`)).json()) as unknown[]).length).toBe(1);
    await page.getByLabel(/this is a separate one/).check();
    await page.getByRole("button", { name: "Log flare" }).click();
    await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}\\?saved=flare`));
    expect(((await (await request.get(`/api/v1/patients/${patient.id}/events`)).json()) as unknown[]).length).toBe(2);
  });

  test("the Log flare control is at least 44×44 px on a phone", async ({ page, request }) => {
    const patient = await newPatient(request, "Phone");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/patients/${patient.id}/flare`);
    const box = await page.getByRole("button", { name: "Log flare" }).boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);
  });
});
