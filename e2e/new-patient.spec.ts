import { expect, test } from "@playwright/test";
import { seriousAxeViolations } from "./data-entry-helpers";
import { createPatient } from "./support/fixtures";
import { apiSignIn } from "./support/users";

test("a new patient is added from the patient list, appears in it, and their demographics are corrected with the change shown", async ({ page }) => {
  const identifier = `NP-${Date.now()}`;
  await page.goto("/patients");
  await page.getByRole("link", { name: "New patient" }).click();
  await expect(page.getByRole("heading", { name: "New patient", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Hospital identifier (MRN)")).toBeFocused();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByLabel("Hospital identifier (MRN)").fill(identifier);
  await page.getByLabel("Family name").fill("Newman");
  await page.getByLabel("Given name").fill("Ada");
  await page.getByLabel("Sex").selectOption("female");
  await page.getByLabel("Birth date (optional)").fill("1961-04-12");
  const teams = page.getByRole("group", { name: /Care teams/ });
  if (await teams.count()) await teams.getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("heading", { name: "NEWMAN, Ada", level: 1 })).toBeVisible();

  await page.goto(`/patients?q=${identifier}`);
  await expect(page.getByRole("link", { name: /NEWMAN, Ada/ }).first()).toBeVisible();

  // The same identifier again is refused with the API's words.
  await page.goto("/patients/new");
  await page.getByLabel("Hospital identifier (MRN)").fill(identifier);
  await page.getByLabel("Family name").fill("Other");
  await page.getByLabel("Given name").fill("Person");
  await page.getByLabel("Sex").selectOption("male");
  if (await teams.count()) await teams.getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("group", { name: /Not saved/ })).toContainText(`A patient with identifier ${identifier} already exists`);
  await expect(page.getByLabel("Family name")).toHaveValue("Other");

  await page.goto(`/patients?q=${identifier}`);
  await page.getByRole("link", { name: /NEWMAN, Ada/ }).first().click();
  await page.getByRole("link", { name: "Edit demographics" }).click();
  await expect(page.getByLabel("Family name")).toHaveValue("Newman");
  await page.getByLabel("Family name").fill("Newmann");
  await page.getByRole("button", { name: "Save demographics" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Demographics saved" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("family name: Newman → Newmann");
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test("a nurse in two teams moves a patient to her other team on the demographics page: at least one team is kept, and the change is in the history", async ({ page, request }) => {
  // Made by the oncologist, in the Sarcoma MDT; the nurse is in the Sarcoma and Thoracic oncology MDTs.
  const patient = await createPatient(request, { familyName: "Teamwork" });
  await apiSignIn(page.request, "nurse");
  await page.goto(`/patients/${patient.id}/demographics`);
  const teams = page.getByRole("group", { name: "Care teams that see this patient" });
  await expect(teams.getByRole("checkbox", { name: "Sarcoma MDT" })).toBeChecked();
  await expect(teams.getByRole("checkbox", { name: "Thoracic oncology MDT" })).not.toBeChecked();

  // No team at all is refused, the summary takes the focus, and what was ticked stays.
  await teams.getByRole("checkbox", { name: "Sarcoma MDT" }).uncheck();
  await page.getByRole("button", { name: "Save care teams" }).click();
  const summary = page.getByRole("group", { name: /Not saved/ });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("A patient keeps at least one care team");
  await expect(teams).toHaveAccessibleDescription(/A patient keeps at least one care team/);
  await expect(teams.getByRole("checkbox", { name: "Sarcoma MDT" })).not.toBeChecked();

  // By keyboard: the other team is ticked with the space bar.
  await teams.getByRole("checkbox", { name: "Thoracic oncology MDT" }).focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Save care teams" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Care teams saved" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("care teams: Sarcoma MDT → Thoracic oncology MDT");
  await expect(page.getByRole("row").filter({ hasText: "care teams:" })).toContainText("Nina Nowak");
  await expect(page.getByText(/care teams: Thoracic oncology MDT$/)).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
});
