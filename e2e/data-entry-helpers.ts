import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

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

export async function seedCaseId(request: APIRequestContext): Promise<string> {
  const [patient] = (await (await request.get("/api/v1/patients?q=FW-0001")).json()) as { id: string }[];
  return patient.id;
}

export async function newPatient(request: APIRequestContext, familyName = "Entry"): Promise<{ id: string; identifier: string }> {
  const response = await request.post("/api/v1/patients", {
    headers: json,
    data: { identifier: `E2E-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`, familyName, givenName: "Test", sex: "female", birthDate: "1970-05-01" },
  });
  expect(response.status()).toBe(201);
  return response.json();
}

export async function recordViaApi(request: APIRequestContext, patientId: string, event: unknown): Promise<{ id: string; version: number }> {
  const response = await request.post(`/api/v1/patients/${patientId}/events`, { headers: json, data: event });
  expect(response.status()).toBe(201);
  return response.json();
}

/** No horizontal scrolling: the page is no wider than the viewport. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
