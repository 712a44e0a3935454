import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { createPatient, recordEvent, referenceCaseId } from "./support/fixtures";

export const json = { "content-type": "application/json" };

/** Serious and critical axe violations on the page as it is now, by rule and target. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")} — ${node.failureSummary ?? ""}`));
}

/** Presses Tab until the focused element satisfies `matches` (evaluated in the page), and fails after `max` presses. */
export async function tabTo(page: Page, description: string, matches: (element: Element) => boolean, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluateHandle(() => document.activeElement ?? document.body);
    if (await focused.evaluate(matches)) return;
  }
  throw new Error(`Tab never reached ${description}`);
}

/** The reference case FW-0001, for tests that only read the demo data (writes go to a patient of the test's own). */
export const seedCaseId = referenceCaseId;

/** A new patient of the signed-in user's care team under a unique identifier (support/fixtures.ts). */
export async function newPatient(request: APIRequestContext, familyName = "Entry"): Promise<{ id: string; identifier: string }> {
  return createPatient(request, { familyName });
}

export const recordViaApi = recordEvent;

/** No horizontal scrolling: the page is no wider than the viewport. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
