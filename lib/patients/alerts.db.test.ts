import { expect, it } from "vitest";
import { testActor } from "@/lib/patients/testing";
import { parseCsv } from "@/lib/csv";
import { describeEachDatabase } from "@/lib/db/testing";
import { seedCaseEvents, seedCasePatient } from "@/prisma/seed/seed-case";
import type { ServiceContext } from "./context";
import { acknowledgeAlert, createPatient, dismissAlert, exportOpenAlertsCsv, getAlertSettings, listAlerts, markEnteredInError, recordEvent, updateAlertSettings, upgradeOutdatedAlerts } from "./index";
import { value } from "./testing";

const progressionCt = seedCaseEvents.find((e) => e.kind === "imaging" && e.payload.response === "PD")!;
const beforeProgression = seedCaseEvents.filter((e) => e.occurredAt < progressionCt.occurredAt);

let n = 0;
async function seedCaseUpToFlare(ctx: ServiceContext, until = progressionCt.occurredAt) {
  n += 1;
  const patient = value(await createPatient(ctx, { ...seedCasePatient, identifier: `ALERT-${n}-${Date.now()}` }));
  const ids = new Map<string, string>();
  for (const event of beforeProgression.filter((e) => e.occurredAt < until)) {
    const stored = value(await recordEvent(ctx, patient.id, event));
    ids.set(`${event.kind}@${event.occurredAt}${event.kind === "lab_result" ? event.payload.analyte : ""}`, stored.id);
  }
  return { patient, ids };
}

describeEachDatabase("alerts through the write path", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  it("the seed case's flare raises one open high-priority alert the moment it is logged, and the CT resolves it with PD", async () => {
    const { patient } = await seedCaseUpToFlare(ctx());
    const open = value(await listAlerts(ctx(), { patientId: patient.id }));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: "open", priority: "high", episodeStart: "2020-08-03", settingsVersion: 0 });
    expect(open[0].reason).toMatch(/^Skin grade 3 on 3 Aug 2020, against skin grade 0 on 4 Jun 2020;/);
    expect(open[0].reason).toContain("Each value is compared with the patient's best since the CT of 4 Jun 2020");
    expect(open[0].reason).toMatch(/consider re-staging imaging\.$/);

    value(await acknowledgeAlert(ctx(), open[0].id, { note: "CT booked for next week" }));
    const acknowledged = value(await listAlerts(ctx(), { patientId: patient.id }));
    expect(acknowledged[0]).toMatchObject({ status: "acknowledged", acknowledgementNote: "CT booked for next week" });

    value(await recordEvent(ctx(), patient.id, progressionCt));
    expect(value(await listAlerts(ctx(), { patientId: patient.id }))).toEqual([]);
    const resolved = value(await listAlerts(ctx(), { patientId: patient.id, status: "resolved" }));
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ key: open[0].key, status: "resolved", resolvedBy: { date: "2020-08-18", response: "PD" }, acknowledgementNote: "CT booked for next week" });
  });

  it("entering the flare's evidence in error withdraws the alert", async () => {
    // The flare day and the antibodies two days later; not the CK of 11 Aug, a flare of its own.
    const { patient, ids } = await seedCaseUpToFlare(ctx(), "2020-08-06");
    expect(value(await listAlerts(ctx(), { patientId: patient.id }))).toHaveLength(1);
    for (const key of ["skin_assessment@2020-08-03", "lab_result@2020-08-03ck", "muscle_assessment@2020-08-03"]) {
      const id = ids.get(key)!;
      value(await markEnteredInError(ctx(), id, { expectedVersion: 1, reason: "Entered on the wrong patient" }));
    }
    expect(value(await listAlerts(ctx(), { patientId: patient.id, status: "all" }))).toEqual([]);
  });

  it("a dismissed alert stays dismissed when more evidence arrives; a worsening beyond its values raises the next alert", async () => {
    const { patient } = await seedCaseUpToFlare(ctx());
    const [alert] = value(await listAlerts(ctx(), { patientId: patient.id }));
    value(await dismissAlert(ctx(), alert.id, { reason: "Flare explained by steroid taper" }));
    // The same skin grade again: nothing new.
    value(await recordEvent(ctx(), patient.id, { kind: "skin_assessment", occurredAt: "2020-08-08", payload: { grade: 3, signs: [] } }));
    expect(value(await listAlerts(ctx(), { patientId: patient.id, status: "all" })).map((a) => [a.status, a.dismissalReason])).toEqual([["dismissed", "Flare explained by steroid taper"]]);
    // Grade 4 with ulceration, beyond the grade 3 at dismissal: a new alert.
    value(await recordEvent(ctx(), patient.id, { kind: "skin_assessment", occurredAt: "2020-08-10", payload: { grade: 4, signs: ["ulceration"] } }));
    const all = value(await listAlerts(ctx(), { patientId: patient.id, status: "all" }));
    expect(all.map((a) => [a.key, a.status, a.dismissalReason])).toEqual([
      [alert.key, "dismissed", "Flare explained by steroid taper"],
      [`${alert.key}~2`, "open", undefined],
    ]);
    expect(all[1].reason).toMatch(/^Further worsening after the previous alert was dismissed: skin grade 4 on 10 Aug 2020/);
    const twice = await dismissAlert(ctx(), alert.id, { reason: "again" });
    expect(twice).toMatchObject({ ok: false, error: { kind: "conflict" } });
  });

  it("acknowledging needs a note and changes nothing without one, or with a character that cannot be stored", async () => {
    const { patient } = await seedCaseUpToFlare(ctx());
    const [alert] = value(await listAlerts(ctx(), { patientId: patient.id }));
    expect(await acknowledgeAlert(ctx(), alert.id, { note: " " })).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await acknowledgeAlert(ctx(), alert.id, { note: "CT\u0000 booked" })).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { note: [expect.stringContaining("NUL")] } } });
    expect(await dismissAlert(ctx(), alert.id, { reason: "taper \ud800" })).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(value(await listAlerts(ctx(), { patientId: patient.id }))[0].status).toBe("open");
  });

  it("new settings are versioned, and alerts record the version that produced them", async () => {
    const { patient } = await seedCaseUpToFlare(ctx());
    const before = await getAlertSettings(ctx());
    // Thresholds no finding of the seed case reaches: skin grade 4, CDASI 100, CK 5×ULN, MRC 0 or a fall of 5 grades.
    const stricter = value(
      await updateAlertSettings(ctx(), { ...before.settings, skinGradeMin: 4, cdasiActivityMin: 100, ckTimesUlnMin: 5, ckFirstAssessmentTimesUln: 5, mrcFirstAssessmentMax: 0, mrcFallGrades: 5 }),
    );
    expect(stricter.version).toBe(before.version + 1);
    const alerts = value(await listAlerts(ctx(), { patientId: patient.id, status: "all" }));
    expect(alerts).toEqual([]);
    const invalid = await updateAlertSettings(ctx(), { ...before.settings, skinGradeMin: 9 });
    expect(invalid).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect((await getAlertSettings(ctx())).version).toBe(stricter.version);
    value(await updateAlertSettings(ctx(), before.settings));
    const restored = value(await listAlerts(ctx(), { patientId: patient.id }));
    expect(restored).toHaveLength(1);
    expect(restored[0].settingsVersion).toBe(stricter.version + 1);
  });
  it("the open-alerts CSV lists open and acknowledged alerts with the note, not those imaging answered", async () => {
    const acknowledged = await seedCaseUpToFlare(ctx());
    const answered = await seedCaseUpToFlare(ctx());
    const [alert] = value(await listAlerts(ctx(), { patientId: acknowledged.patient.id }));
    value(await acknowledgeAlert(ctx(), alert.id, { note: "CT booked for next week" }));
    value(await recordEvent(ctx(), answered.patient.id, progressionCt));
    const parsed = parseCsv(value(await exportOpenAlertsCsv(ctx())));
    if (!parsed.ok) throw new Error(parsed.message);
    const ours = parsed.lines.filter((l) => [acknowledged.patient.identifier, answered.patient.identifier].includes(l.cells[0]));
    expect(ours.map((l) => l.cells)).toEqual([
      [acknowledged.patient.identifier, "REFERENCE, Case", "high", "acknowledged", "2020-08-03", alert.reason, String(alert.evidence.length), alert.raisedAt, "CT booked for next week"],
    ]);
  });

  it("an upgrade re-evaluates alerts of rule version 1 under version 2, keeping the acknowledgement of the alert that followed the same scan", async () => {
    const { patient } = await seedCaseUpToFlare(ctx());
    const [current] = value(await listAlerts(ctx(), { patientId: patient.id }));
    // Make the stored alert look as version 1 left it: keyed by its first finding, acknowledged with a note.
    const v1Key = `${patient.id}:reimaging-after-flare:${current.evidence[0]}`;
    await db().prisma.alert.update({
      where: { id: current.id },
      data: { key: v1Key, ruleVersion: 1, reason: "Skin grade rose from 0 to 3.", status: "acknowledged", acknowledged: true, acknowledgedBy: "Dr A", acknowledgementNote: "CT booked" },
    });
    const auditBefore = await db().prisma.auditEntry.count({ where: { action: "alerts.reevaluate-all" } });
    expect(await upgradeOutdatedAlerts(db())).toBeGreaterThanOrEqual(1);
    const all = value(await listAlerts(ctx(), { patientId: patient.id, status: "all" }));
    expect(all.map((a) => [a.key, a.ruleVersion, a.status, a.acknowledgementNote])).toEqual([[current.key, 2, "acknowledged", "CT booked"]]);
    const withdrawn = await db().prisma.alert.findUniqueOrThrow({ where: { key: v1Key } });
    expect([withdrawn.status, withdrawn.reason]).toEqual(["withdrawn", "Skin grade rose from 0 to 3."]);
    expect(await db().prisma.auditEntry.count({ where: { action: "alerts.reevaluate-all" } })).toBe(auditBefore + 1);
    // Nothing outdated is left: a second start does nothing.
    expect(await upgradeOutdatedAlerts(db())).toBe(0);
  });
});
