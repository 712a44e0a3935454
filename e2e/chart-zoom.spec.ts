import { request as playwrightRequest, type Page } from "@playwright/test";
import { createPatient, expect, test } from "./support/fixtures";

/**
 * A long record's chart is drawn from the stored overview (a few points per month and series); zooming
 * into a period fetches that period's every result and draws it. The patient is this spec's own: daily
 * CK for four and a half years, every value normal, so the overview keeps only each bucket's first,
 * last, lowest and highest results and a day like 17 Mar 2021 (CK 137 U/L) is drawn only in detail.
 */

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const iso = (x: number) => new Date(x * 86_400_000).toISOString().slice(0, 10);

/** CK on each day: 150 on the 1st, 110 on the 2nd, then 130–139 U/L by the day of the month (17th → 137). */
function dailyCk(from: string, to: string): string {
  const lines: string[] = [];
  for (let x = day(from); x <= day(to); x++) {
    const date = iso(x);
    const dom = Number(date.slice(8, 10));
    const value = dom === 1 ? 150 : dom === 2 ? 110 : 130 + (dom % 10);
    lines.push(`${date},ck,${value},U/L,25,200`);
  }
  return lines.join("\n");
}

const chart = (page: Page) => page.getByRole("application", { name: /Course chart/ });
const muscleTable = (page: Page) => page.getByRole("table", { name: /^Muscle activity/ });

/** Where a day is on screen (over the muscle lane), from the chart's own geometry. */
async function pointAt(page: Page, x: number) {
  const stack = chart(page);
  const lane = stack.locator('[data-lane="muscle"]');
  await lane.scrollIntoViewIfNeeded();
  const box = (await stack.boundingBox())!;
  const laneBox = (await lane.boundingBox())!;
  const { windowFrom, windowTo, plotLeft, plotWidth } = await stack.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
  return { x: box.x + Number(plotLeft) + ((x - Number(windowFrom)) / (Number(windowTo) - Number(windowFrom))) * Number(plotWidth), y: laneBox.y + laneBox.height / 2 };
}

async function openMuscleTable(page: Page) {
  const summary = page.locator("summary").filter({ hasText: /^Muscle activity: table of/ });
  const details = summary.locator("..");
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await summary.click();
  const showAll = page.getByRole("button", { name: /^Show all \d+ rows$/ });
  if (await showAll.isVisible()) await showAll.click();
}

test("zooming into a month of a thinned record draws every result of that month", async ({ page, request, baseURL }) => {
  test.setTimeout(180_000);
  const patient = await createPatient(request, { familyName: "Zoom" });
  const imported = await request.post(`/api/v1/labs/csv?patient=${patient.id}&commit=true`, {
    headers: { "content-type": "text/csv" },
    data: Buffer.from(dailyCk("2019-01-01", "2023-06-30")),
    timeout: 120_000,
  });
  expect(imported.status(), (await imported.text()).slice(0, 500)).toBe(201);

  // The window route is the session's (no cookie, no chart) and answers the month at full detail.
  const anonymous = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  expect((await anonymous.get(`/api/v1/patients/${patient.id}/chart?from=2021-03-01&to=2021-03-31`)).status()).toBe(401);
  await anonymous.dispose();
  const month = await request.get(`/api/v1/patients/${patient.id}/chart?from=2021-03-01&to=2021-03-31`);
  expect(month.status()).toBe(200);
  const ck = ((await month.json()) as { lanes: { id: string; series: { id: string; points: unknown[] }[] }[] }).lanes[3].series.find((s) => s.id === "lab-ck")!;
  expect(ck.points).toHaveLength(31);

  await page.goto(`/patients/${patient.id}`);
  await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
  // The whole record: the overview, thinned (the legend says how many of the 1642 results are drawn).
  await expect(chart(page).locator("[data-legend-item]").filter({ hasText: /^CK.*: \d+ of 1642 results drawn$/ })).toBeVisible();
  await expect(page.getByTestId("chart-detail")).toHaveAttribute("data-detail", "overview");
  await openMuscleTable(page);
  await expect(muscleTable(page).getByRole("row").filter({ hasText: "17 Mar 2021" })).toHaveCount(0);

  // Brush across March 2021.
  const start = await pointAt(page, day("2021-03-01"));
  const end = await pointAt(page, day("2021-03-31"));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, start.y, { steps: 3 });
  await page.mouse.move(end.x, end.y, { steps: 3 });
  await page.mouse.up();
  await expect(page.getByTestId("chart-window")).toHaveText(/^Showing \d+ (Feb|Mar) 2021 to \d+ (Mar|Apr) 2021/);

  const status = page.getByTestId("chart-detail");
  await expect(status).toHaveAttribute("data-detail", "detail", { timeout: 15_000 });
  await expect(status).toHaveText(/^Every result from 1 (Feb|Mar) 2021 to (31 Mar|30 Apr) 2021 is drawn\.$/);

  // The accessible table now lists the month's every day, with the value recorded.
  await openMuscleTable(page);
  const row = muscleTable(page).getByRole("row").filter({ hasText: /^17 Mar 2021/ });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("137 U/L");
  for (const d of [4, 11, 23, 29]) await expect(muscleTable(page).getByRole("row").filter({ hasText: new RegExp(`^${d} Mar 2021`) })).toHaveCount(1);

  // The keyboard steps day by day through the detail, and the readout gives the day's value.
  await chart(page).focus();
  await page.keyboard.press("Home");
  const heading = page.getByTestId("readout").getByRole("heading", { level: 3 });
  for (let i = 0; i < 40; i++) {
    if ((await heading.textContent())?.startsWith("17 Mar 2021")) break;
    await page.keyboard.press("ArrowRight");
  }
  await expect(heading).toHaveText(/^17 Mar 2021/);
  await expect(page.getByTestId("readout").locator('[data-readout-lane="muscle"]')).toContainText("CK 137 U/L (25–200 U/L)");
  await page.keyboard.press("ArrowRight");
  await expect(heading).toHaveText(/^18 Mar 2021/);

  // Back to everything: the overview again.
  await page.getByRole("button", { name: "Reset zoom" }).click();
  await expect(status).toHaveAttribute("data-detail", "overview");

  // When the detail cannot be read, the overview stays drawn and the status line says so.
  await page.route(/\/api\/v1\/patients\/[^/]+\/chart\?/, (route) =>
    route.fulfill({ status: 503, contentType: "application/problem+json", body: JSON.stringify({ title: "Unavailable", status: 503, detail: "The server is busy" }) }),
  );
  const a = await pointAt(page, day("2022-09-01"));
  const b = await pointAt(page, day("2022-09-30"));
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
  await expect(status).toHaveAttribute("data-detail", "error", { timeout: 15_000 });
  await expect(status).toHaveText(/^Could not load every result for .* \(The server is busy\); the overview is shown\.$/);
  await openMuscleTable(page);
  await expect(muscleTable(page).getByRole("row").filter({ hasText: /^17 Sep 2022/ })).toHaveCount(0);
  await expect(chart(page).locator('[data-lane="muscle"] path.recharts-curve').first()).toBeVisible();
});
