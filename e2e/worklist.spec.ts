import { expect, test, type APIRequestContext } from "@playwright/test";
import { addDays, todayIn } from "../lib/events/dates";
import { horizontalOverflow, json, recordViaApi, seriousAxeViolations } from "./data-entry-helpers";

/**
 * The worklist as a clinician starts the day with it: three patients of this spec's own (a unique
 * family name), one with a high-priority alert, one with a normal one, one recently scanned.
 */
const family = `Wlist${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const ago = (days: number) => addDays(todayIn("UTC"), -days);

async function patient(request: APIRequestContext, givenName: string, birthDate: string, events: unknown[]): Promise<string> {
  const response = await request.post("/api/v1/patients", {
    headers: json,
    data: { identifier: `E2E-WL-${givenName}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, familyName: family, givenName, sex: "female", birthDate },
  });
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  for (const event of events) await recordViaApi(request, id, event);
  return id;
}

const cancer = (name: string) => ({ kind: "diagnosis", occurredAt: ago(400), payload: { role: "cancer", name } });

// One group on one worker: with fully parallel tests, a worker would run beforeAll again for each test
// it takes from this file, creating the same family's patients twice.
test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  // A muscle finding three weeks after a checkpoint inhibitor: the immune-related myositis alert, high priority.
  await patient(request, "Oisin", "1955-07-01", [
    cancer("Melanoma"),
    { kind: "muscle_assessment", occurredAt: ago(60), payload: { proximalWeaknessMrc: 5 } },
    { kind: "treatment_cycle", occurredAt: ago(40), payload: { regimen: "pembrolizumab", lineOfTherapy: 2, cycleNumber: 1 } },
    { kind: "muscle_assessment", occurredAt: ago(20), payload: { proximalWeaknessMrc: 3 } },
  ]);
  // Skin worse than its best since a CT 200 days ago: a re-imaging alert, normal priority, and imaging overdue.
  await patient(request, "Grace", "1961-03-12", [
    cancer("Leiomyosarcoma"),
    { kind: "diagnosis", occurredAt: ago(390), payload: { role: "dermatomyositis", name: "Dermatomyositis" } },
    { kind: "imaging", occurredAt: ago(200), payload: { modality: "CT", response: "SD" } },
    { kind: "skin_assessment", occurredAt: ago(190), payload: { grade: 0, signs: [] } },
    { kind: "skin_assessment", occurredAt: ago(100), payload: { grade: 3, signs: [] } },
  ]);
  // Scanned ten days ago, no alert.
  await patient(request, "Maria", "1970-01-20", [cancer("Leiomyosarcoma"), { kind: "imaging", occurredAt: ago(10), payload: { modality: "CT", response: "SD" } }]);
});

const names = (page: import("@playwright/test").Page) => page.locator("table.worklist tbody tr td:first-child a");

test("the worklist sorts by alert priority, by keyboard too, and filters to overdue imaging", async ({ page }) => {
  await page.goto(`/patients?q=${family}&sort=name`);
  await expect(names(page)).toHaveText([`${family.toUpperCase()}, Grace`, `${family.toUpperCase()}, Maria`, `${family.toUpperCase()}, Oisin`]);
  const alertsHeader = page.getByRole("columnheader", { name: /Open alerts/ });
  await expect(alertsHeader).not.toHaveAttribute("aria-sort");
  await expect(page.getByRole("columnheader", { name: /Patient/ })).toHaveAttribute("aria-sort", "ascending");

  // Sorting by open alerts from the keyboard: high priority first, then normal, then none.
  await alertsHeader.getByRole("link").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=alerts/);
  await expect(page.getByRole("columnheader", { name: /Open alerts/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(names(page)).toHaveText([`${family.toUpperCase()}, Oisin`, `${family.toUpperCase()}, Grace`, `${family.toUpperCase()}, Maria`]);
  const first = page.locator("table.worklist tbody tr").first();
  await expect(first).toContainText("High");
  await expect(first).toContainText("Line 2: pembrolizumab");
  const grace = page.locator("table.worklist tbody tr").nth(1);
  await expect(grace).toContainText("Normal");
  await expect(grace).toContainText("Skin grade 3");
  await expect(grace).toContainText("higher than the previous grade 0");
  await expect(grace).toContainText("200 days ago");
  await expect(grace).toContainText("Imaging overdue");
  // Reversed on a second activation.
  await page.getByRole("columnheader", { name: /Open alerts/ }).getByRole("link").click();
  await expect(page.getByRole("columnheader", { name: /Open alerts/ })).toHaveAttribute("aria-sort", "descending");
  await expect(names(page).first()).toHaveText(`${family.toUpperCase()}, Maria`);

  // Overdue imaging: a cancer and no answering scan in the set number of days. The filter lives in the address.
  await page.getByLabel("Imaging overdue").check();
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/overdue=1/);
  await expect(page.getByLabel("Imaging overdue")).toBeChecked();
  await expect(names(page)).toHaveCount(2);
  await expect(page.locator("table.worklist")).not.toContainText("Maria");
  await page.reload();
  await expect(names(page)).toHaveCount(2);
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test("search finds a patient by 'Family G' and 'Given Family', and the page fits a phone", async ({ page }) => {
  await page.goto("/patients");
  await page.getByLabel("Find a patient").fill(`${family} G`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.locator("caption")).toHaveText(`1 patient matching “${family} G”`);
  await expect(names(page)).toHaveText([`${family.toUpperCase()}, Grace`]);
  await page.getByLabel("Find a patient").fill(`Maria ${family}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(names(page)).toHaveText([`${family.toUpperCase()}, Maria`]);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/patients?q=${family}`);
  await expect(names(page)).toHaveCount(3);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousAxeViolations(page)).toEqual([]);
});
