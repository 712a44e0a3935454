import { afterEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import { addDays } from "@/lib/events";
import { testActor } from "@/lib/patients/testing";
import { seedCaseEvents, seedCasePatient } from "@/prisma/seed/seed-case";
import type { ServiceContext } from "./context";
import { acknowledgeAlert, activeAlertCounts, clinicToday, createPatient, listAlerts, recordEvent } from "./index";
import { value } from "./testing";

/*
 * Acknowledging with a review date, as a clinician reads it:
 * | acknowledged on     | review date            | what the inbox and header say                   |
 * | today               | none                    | acknowledged, not due (as before)               |
 * | today               | tomorrow                | acknowledged, review on that day; not yet due   |
 * | (two days later)    | the day before          | due again: counted in the navigation again      |
 * | today               | today                   | due at once (the review day has come)           |
 * | today               | yesterday               | refused: a review date cannot be in the past    |
 * | today               | "31/12/2026", 2026-02-30 | refused: not a real day as YYYY-MM-DD          |
 */
const flare = seedCaseEvents.filter((e) => e.occurredAt < "2020-08-18");

let n = 0;
async function patientWithOpenAlert(ctx: ServiceContext) {
  n += 1;
  const patient = value(await createPatient(ctx, { ...seedCasePatient, identifier: `REVIEW-${n}-${Date.now()}` }));
  for (const event of flare) value(await recordEvent(ctx, patient.id, event));
  const [alert] = value(await listAlerts(ctx, { patientId: patient.id }));
  return { patient, alert };
}

afterEach(() => vi.useRealTimers());

describeEachDatabase("acknowledging with a review date", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  it("records when and by whom, keeps the review date, and the alert is due again once that day has come", async () => {
    const { patient, alert } = await patientWithOpenAlert(ctx());
    const today = clinicToday();
    const before = await activeAlertCounts(ctx());
    const acknowledged = value(await acknowledgeAlert(ctx(), alert.id, { note: "CT booked", reviewDate: addDays(today, 1) }));
    expect(acknowledged).toMatchObject({ status: "acknowledged", reviewDate: addDays(today, 1), reviewDue: false, acknowledgementNote: "CT booked" });
    expect(acknowledged.acknowledgedBy).toContain(testActor.name);
    expect(Date.now() - Date.parse(acknowledged.acknowledgedAt!)).toBeLessThan(60_000);
    expect((await activeAlertCounts(ctx())).open).toBe(before.open - 1);

    // Two days on, in the clinic's calendar: the review date has passed and the alert is due again.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * 86_400_000 });
    const [later] = value(await listAlerts(ctx(), { patientId: patient.id }));
    expect(later).toMatchObject({ status: "acknowledged", reviewDue: true });
    expect((await activeAlertCounts(ctx())).open).toBe(before.open);
  });

  it("a review date of today is due at once; no review date is never due", async () => {
    const a = await patientWithOpenAlert(ctx());
    expect(value(await acknowledgeAlert(ctx(), a.alert.id, { note: "Discussed at MDT", reviewDate: clinicToday() }))).toMatchObject({ reviewDue: true });
    const b = await patientWithOpenAlert(ctx());
    const none = value(await acknowledgeAlert(ctx(), b.alert.id, { note: "Discussed at MDT", reviewDate: "" }));
    expect(none.reviewDate).toBeUndefined();
    expect(none.reviewDue).toBe(false);
  });

  it("refuses a review date in the past or not a real day, and changes nothing", async () => {
    const { patient, alert } = await patientWithOpenAlert(ctx());
    const yesterday = addDays(clinicToday(), -1);
    expect(await acknowledgeAlert(ctx(), alert.id, { note: "CT booked", reviewDate: yesterday })).toMatchObject({
      ok: false,
      error: { kind: "invalid", fieldErrors: { reviewDate: [expect.stringContaining("cannot be before today")] } },
    });
    for (const bad of ["31/12/2026", "2026-02-30", "2026-12-01T10:00"]) {
      expect(await acknowledgeAlert(ctx(), alert.id, { note: "CT booked", reviewDate: bad })).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { reviewDate: expect.any(Array) } } });
    }
    expect(value(await listAlerts(ctx(), { patientId: patient.id }))[0].status).toBe("open");
  });
});
