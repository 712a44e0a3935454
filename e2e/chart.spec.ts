import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { seriousAxeViolations } from "./data-entry-helpers";

/** The seed case (prisma/seed/seed-case.ts): day 0 = 6 Jan 2020, the flare admission on 3 Aug 2020 (day 210). */
const FLARE = Date.UTC(2020, 7, 3) / 86_400_000;

async function openSeedCase(page: Page, query = "") {
  const response = await page.request.get("/api/v1/patients?q=FW-0001");
  const [patient] = (await response.json()) as { id: string }[];
  await page.goto(`/patients/${patient.id}${query}`);
  await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
  return patient.id;
}

const chart = (page: Page) => page.getByRole("application", { name: /Course chart/ });
const readout = (page: Page) => page.getByTestId("readout");
const windowText = (page: Page) => page.getByTestId("chart-window");

/** Where a day is on screen (over the skin lane), from the chart's own geometry. */
async function pointAt(page: Page, day: number) {
  const stack = chart(page);
  const lane = stack.locator('[data-lane="skin"]');
  await lane.scrollIntoViewIfNeeded();
  const box = (await stack.boundingBox())!;
  const laneBox = (await lane.boundingBox())!;
  const { windowFrom, windowTo, plotLeft, plotWidth } = await stack.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
  const x = box.x + Number(plotLeft) + ((day - Number(windowFrom)) / (Number(windowTo) - Number(windowFrom))) * Number(plotWidth);
  return { x, y: laneBox.y + laneBox.height / 2 };
}

test("every lane is drawn on one time axis, with its legend", async ({ page }) => {
  await openSeedCase(page);
  for (const lane of ["Tumour status", "Anticancer treatment", "Skin activity", "Muscle activity", "Immunosuppression", "Alerts"]) {
    await expect(chart(page).getByText(lane, { exact: true })).toBeVisible();
  }
  await expect(chart(page).getByText("PD: progressive disease")).toBeVisible();
  // The flare's re-imaging alert (resolved by the PD CT) sits on the alerts lane, linked to its evidence.
  await expect(chart(page).getByText("No alerts")).toHaveCount(0);
  await page.getByText(/^Alerts: table of 1 row$/).click();
  await expect(page.getByRole("table", { name: /^Alerts/ }).getByRole("row").filter({ hasText: "3 Aug 2020" })).toContainText("high");
  await expect(windowText(page)).toHaveText(/^Showing 6 Jan 2020 to 16 Nov 2020/);
});

test("hovering reads out every value of the day under the crosshair", async ({ page }) => {
  await openSeedCase(page);
  const { x, y } = await pointAt(page, FLARE);
  await page.mouse.move(x, y);
  await expect(readout(page).getByRole("heading", { level: 3 })).toHaveText("3 Aug 2020 · day 210");
  const skin = readout(page).locator('[data-readout-lane="skin"]');
  await expect(skin).toContainText("Skin grade 3 (severe)");
  await expect(skin).toContainText("CDASI activity 34/100");
  const muscle = readout(page).locator('[data-readout-lane="muscle"]');
  await expect(muscle).toContainText("CK 695 U/L (25–200 U/L), 3.48×ULN");
  await expect(muscle).toContainText("ALT 61 U/L (10–49 U/L), 1.24×ULN");
  await expect(muscle).toContainText("MMT-8 (0–150) 112/150");
  await expect(readout(page).locator('[data-readout-lane="tumour"]')).toContainText("stable disease from 4 Jun 2020 to 18 Aug 2020");
});

test("the keyboard moves the crosshair from event to event and the readout is announced", async ({ page }) => {
  await openSeedCase(page);
  await chart(page).focus();
  await page.keyboard.press("Home");
  await expect(readout(page).getByRole("heading", { level: 3 })).toHaveText("6 Jan 2020 · day 0");
  for (let i = 0; i < 40; i++) {
    if ((await readout(page).getByRole("heading", { level: 3 }).textContent())?.startsWith("3 Aug 2020")) break;
    await page.keyboard.press("ArrowRight");
  }
  await expect(readout(page).getByRole("heading", { level: 3 })).toHaveText("3 Aug 2020 · day 210");
  await expect(page.getByTestId("readout-announcement")).toContainText("3 Aug 2020, day 210 from Diagnosis: Leiomyosarcoma, grade 2, 6 Jan 2020.");
  await expect(page.getByTestId("readout-announcement")).toContainText("CK 695 U/L (25–200 U/L), 3.48×ULN");
  await page.keyboard.press("Shift+ArrowRight");
  await expect(readout(page).getByRole("heading", { level: 3 })).toHaveText("4 Aug 2020 · day 211");
});

test("brushing zooms in, presets choose a period, reset shows everything", async ({ page }) => {
  await openSeedCase(page);
  const start = await pointAt(page, Date.UTC(2020, 6, 1) / 86_400_000);
  const end = await pointAt(page, Date.UTC(2020, 8, 1) / 86_400_000);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, start.y, { steps: 3 });
  await page.mouse.move(end.x, end.y, { steps: 3 });
  await page.mouse.up();
  await expect(windowText(page)).toHaveText(/^Showing (30 Jun|1 Jul|2 Jul) 2020 to (31 Aug|1 Sep|2 Sep) 2020/);
  await expect(page.getByRole("button", { name: "Reset zoom" })).toBeEnabled();

  await page.getByRole("button", { name: "Current line of therapy" }).click();
  await expect(page.getByRole("button", { name: "Current line of therapy" })).toHaveAttribute("aria-pressed", "true");
  await expect(windowText(page)).toHaveText(/^Showing 14 Sep 2020 to 16 Nov 2020/);
  await page.getByRole("button", { name: "Last 6 months" }).click();
  await expect(windowText(page)).toHaveText(/^Showing 16 May 2020 to 16 Nov 2020/);

  await page.getByRole("button", { name: "Reset zoom" }).click();
  await expect(windowText(page)).toHaveText(/^Showing 6 Jan 2020 to 16 Nov 2020/);
  await expect(page.getByRole("button", { name: "All" })).toHaveAttribute("aria-pressed", "true");
});

test("the axis counts days from a chosen event, earlier events shown with negative days", async ({ page }) => {
  await openSeedCase(page);
  await page.getByLabel("Time axis", { exact: true }).selectOption({ label: "Days from Line 2 start: Trabectedin cycle 1, 14 Sep 2020" });
  await expect(page).toHaveURL(/\?ref=/);
  await expect(windowText(page)).toHaveText(/^Showing 6 Jan 2020 \(day −252\) to 16 Nov 2020 \(day 63\)/);
  await expect(chart(page).getByText("day −200").first()).toBeVisible();
  // Reloaded, the server builds the chart on that day 0.
  await page.reload();
  await expect(page.getByLabel("Time axis", { exact: true })).toHaveValue(new URL(page.url()).searchParams.get("ref")!);
  await chart(page).focus();
  await page.keyboard.press("Home");
  await expect(readout(page).getByRole("heading", { level: 3 })).toHaveText("6 Jan 2020 · day −252");
});

test("each lane has a table of its data, sortable by every column", async ({ page }) => {
  await openSeedCase(page);
  for (const lane of ["Tumour status", "Anticancer treatment", "Skin activity", "Muscle activity", "Immunosuppression", "Alerts"]) {
    await expect(page.getByText(new RegExp(`^${lane}: table of \\d+ rows?$`))).toBeVisible();
  }
  await page.getByText(/^Muscle activity: table of/).click();
  const table = page.getByRole("table", { name: /^Muscle activity/ });
  await expect(table.getByRole("row", { name: "3 Aug 2020 CK 695 U/L 25–200 U/L 3.48×ULN" })).toBeVisible();
  const firstDate = () => table.locator("tbody tr").first().locator("td").first().textContent();
  expect(await firstDate()).toBe("7 Jan 2020");

  const dateHeader = table.getByRole("columnheader", { name: "Date" });
  await expect(dateHeader).toHaveAttribute("aria-sort", "ascending");
  await dateHeader.getByRole("button").click();
  await expect(dateHeader).toHaveAttribute("aria-sort", "descending");
  expect(await firstDate()).not.toBe("7 Jan 2020");

  // Keyboard: the column header buttons sort too; numbers compare as numbers.
  const result = table.getByRole("columnheader", { name: "Result" });
  await result.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(result).toHaveAttribute("aria-sort", "ascending");
  const results = await table.locator("tbody tr td:nth-child(3)").allTextContents();
  const ck = results.filter((r) => r.endsWith("U/L")).map((r) => Number.parseFloat(r));
  expect(ck).toEqual([...ck].sort((a, b) => a - b));
});

test("the chart saves as SVG and PNG", async ({ page }) => {
  await openSeedCase(page);
  const [svgDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save as SVG" }).click()]);
  expect(svgDownload.suggestedFilename()).toBe("flarewatch-FW-0001-course.svg");
  const svg = fs.readFileSync((await svgDownload.path())!, "utf8");
  expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
  expect(svg).toContain("Muscle activity");
  expect(svg).toContain("REFERENCE, Case (FW-0001): course");

  const [pngDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save as PNG" }).click()]);
  expect(pngDownload.suggestedFilename()).toBe("flarewatch-FW-0001-course.png");
  const png = fs.readFileSync((await pngDownload.path())!);
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect(png.length).toBeGreaterThan(20_000);
});

test("no serious accessibility violations on the patient list and the patient page", async ({ page }) => {
  await page.goto("/patients");
  const list = await new AxeBuilder({ page }).analyze();
  expect(list.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await openSeedCase(page);
  await chart(page).focus();
  await page.keyboard.press("End");
  await page.getByText(/^Skin activity: table of/).click();
  const patient = await new AxeBuilder({ page }).analyze();
  expect(patient.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test("at 390 px the lanes stack inside the screen and the tables scroll", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openSeedCase(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.getByText(/^Muscle activity: table of/).click();
  const region = page.getByRole("region", { name: /^Muscle activity/ });
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("a tap moves the crosshair and the readout stays in view next to it", async ({ page, request }) => {
    const created = await request.post("/api/v1/patients", {
      headers: { "content-type": "application/json" },
      data: { identifier: `TAP-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, familyName: "Tap", givenName: "Test", sex: "female", birthDate: "1970-05-01" },
    });
    const patient = (await created.json()) as { id: string };
    for (const [date, grade] of [["2026-06-01", 1], ["2026-08-01", 3], ["2026-10-01", 2]] as const) {
      const r = await request.post(`/api/v1/patients/${patient.id}/events`, { headers: { "content-type": "application/json" }, data: { kind: "skin_assessment", occurredAt: date, payload: { grade, signs: [] } } });
      expect(r.status()).toBe(201);
    }
    await page.goto(`/patients/${patient.id}`);
    await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
    const { x, y } = await pointAt(page, Date.UTC(2026, 7, 1) / 86_400_000 + 0.5);
    await page.touchscreen.tap(x, y);
    await expect(readout(page).getByRole("heading", { level: 3 })).toHaveText(/^1 Aug 2026/);
    await expect(readout(page)).toContainText("3 (severe)");
    // The readout is on screen while the chart is, not six lanes below it.
    const box = (await readout(page).boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + Math.min(box.height, 80)).toBeLessThanOrEqual(844);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
