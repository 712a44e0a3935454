import fc from "fast-check";
import { expect, it } from "vitest";
import { currentEvents, defaultAlertSettings, dmSpecificSigns, responseOfRecord } from "@/lib/alerts";
import { describeEachDatabase } from "@/lib/db/testing";
import { addDays, daysBetween, isKind, todayIn, type EventInput, type TimelineEvent } from "@/lib/events";
import { cycle, diagnosis, imaging, input, note, skin } from "@/lib/events/testing";
import { clinicToday } from "./clinic";
import type { ServiceContext } from "./context";
import { createPatient, getTimeline, listAlerts, recordEvents } from "./index";
import { refreshAllSummaries, upgradeSummaries } from "./summary";
import { applyWriteStep, testActor, value, writeSteps } from "./testing";
import { imagingOverdueDays, listWorklist, type WorklistRow } from "./worklist";

/**
 * The summary kept in each write's transaction equals the summary computed from scratch from the whole
 * record (read through the timeline service and the pure core, not the summary's SQL), after every step
 * of random write sequences: back-dated entries, amendments that move dates or change values, entries in
 * error, batches, several lines of therapy, acknowledgements and dismissals.
 */
const start = "2024-01-01";
const on = (day: number, time?: string) => (time ? `${addDays(start, day)}T${time}` : addDays(start, day));
const aDay = fc.integer({ min: 0, max: 300 });
const aTime = fc.option(fc.constantFrom("08:15", "14:40"), { nil: undefined });

const anInput: fc.Arbitrary<EventInput> = fc.oneof(
  fc
    .record({ day: aDay, time: aTime, grade: fc.integer({ min: 0, max: 4 }), sign: fc.boolean() })
    .map(({ day, time, grade, sign }) => skin({ occurredAt: on(day, time), grade, signs: sign ? ["heliotrope"] : [] })),
  fc
    .record({ day: aDay, time: aTime, value: fc.integer({ min: 20, max: 2000 }), range: fc.boolean() })
    .map(({ day, time, value, range }) => input("lab_result", on(day, time), { analyte: "ck", value, unit: "U/L", ...(range ? { referenceRange: { low: 25, high: 200 } } : {}) })),
  fc
    .record({ day: aDay, response: fc.constantFrom("SD", "PD", "PR", "NE", undefined), modality: fc.constantFrom("CT", "MRI", "X-ray"), baseline: fc.boolean() })
    .map(({ day, response, modality, baseline }) => imaging({ occurredAt: on(day), modality, ...(response ? { response } : {}), ...(baseline ? { baseline: true } : {}) })),
  fc
    .record({ day: aDay, line: fc.integer({ min: 1, max: 3 }), regimen: fc.constantFrom("doxorubicin", "trabectedin", "pembrolizumab") })
    .map(({ day, line, regimen }) => cycle({ occurredAt: on(day), regimen, lineOfTherapy: line })),
  fc
    .record({ day: aDay, role: fc.constantFrom("cancer", "dermatomyositis", "other"), name: fc.constantFrom("Leiomyosarcoma", "Dermatomyositis", "Hypertension") })
    .map(({ day, role, name }) => diagnosis({ occurredAt: on(day), role, name })),
  aDay.map((day) => note({ occurredAt: on(day), text: "Seen in clinic" })),
);

const aStep = writeSteps(anInput, { weights: { record: 6, batch: 1, amend: 2, error: 2, dismiss: 1, acknowledge: 1 }, batchMax: 4, maxShift: 120 });

/** Clinical dates as sortable wall-clock instants (a day at 00:00), the order the database compares. */
const instant = (date: string) => (date.length === 10 ? `${date}T00:00` : date);

/** The worklist row built from the whole record and the alert list, with the pure core's own notions. */
function fromScratch(patient: { id: string; identifier: string; familyName: string; givenName: string; sex: string; birthDate?: string }, timeline: TimelineEvent[], open: { priority: string; raisedAt: string }[]): WorklistRow {
  const today = clinicToday();
  const events = currentEvents(timeline);
  const last = <T,>(list: T[]) => list.at(-1);
  const skins = events.filter(isKind("skin_assessment"));
  const cks = events.filter(isKind("lab_result")).filter((e) => e.payload.analyte === "ck");
  const uln = (e: (typeof cks)[number]) => (e.payload.referenceRange?.high ? e.payload.value / e.payload.referenceRange.high : undefined);
  const answering = new Set<string>(defaultAlertSettings.answeringModalities);
  const scan = last(
    events.filter(isKind("imaging")).filter((e) => {
      const response = responseOfRecord(e.payload);
      return e.payload.modality !== undefined && answering.has(e.payload.modality) && (response === undefined ? e.payload.baseline === true : ["CR", "PR", "SD", "PD"].includes(response));
    }),
  );
  const cycles = events.filter(isKind("treatment_cycle"));
  const firstOfLine = new Map<number, string>();
  for (const cycle of cycles) if (!firstOfLine.has(cycle.payload.lineOfTherapy) || instant(cycle.occurredAt) < firstOfLine.get(cycle.payload.lineOfTherapy)!) firstOfLine.set(cycle.payload.lineOfTherapy, instant(cycle.occurredAt));
  const line = [...firstOfLine].sort(([la, a], [lb, b]) => (a < b ? -1 : a > b ? 1 : la - lb)).at(-1)?.[0];
  const diagnoses = events.filter(isKind("diagnosis")).sort((a, b) => (instant(a.occurredAt) < instant(b.occurredAt) ? -1 : instant(a.occurredAt) > instant(b.occurredAt) ? 1 : a.id < b.id ? -1 : 1));
  const cancer = diagnoses.find((d) => d.payload.role === "cancer")?.payload.name;
  const dm = diagnoses.some((d) => d.payload.role === "dermatomyositis") || skins.some((s) => s.payload.signs.some((sign) => dmSpecificSigns.includes(sign)));
  const skin = last(skins);
  const ck = last(cks);
  const ckPrevious = cks.at(-2);
  const high = open.filter((a) => a.priority === "high").length;
  const oldest = open.map((a) => a.raisedAt).sort()[0];
  const lastEvent = [...events].sort((a, b) => (instant(a.occurredAt) < instant(b.occurredAt) ? -1 : instant(a.occurredAt) > instant(b.occurredAt) ? 1 : 0)).at(-1);
  const trend = (latest: number, previous: number | undefined) => (previous === undefined ? "single" : latest > previous ? "up" : latest < previous ? "down" : "same");
  return {
    id: patient.id,
    identifier: patient.identifier,
    familyName: patient.familyName,
    givenName: patient.givenName,
    sex: patient.sex,
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(cancer ? { cancerType: cancer } : {}),
    dm,
    openAlerts: open.length,
    openHighAlerts: high,
    ...(open.length > 0 ? { highestPriority: high > 0 ? "high" : "normal" } : {}),
    ...(oldest ? { oldestOpenAlertDays: Math.max(0, daysBetween(todayIn(process.env.FLAREWATCH_TIME_ZONE?.trim() || "UTC", new Date(oldest)), today)) } : {}),
    ...(scan
      ? { lastScan: { date: scan.occurredAt, modality: scan.payload.modality, ...(responseOfRecord(scan.payload) ? { response: responseOfRecord(scan.payload) } : {}), daysSince: daysBetween(scan.occurredAt, today) } }
      : {}),
    imagingOverdue: cancer !== undefined && (!scan || daysBetween(scan.occurredAt, today) > imagingOverdueDays()),
    ...(line !== undefined ? { line: { number: line, regimen: last(cycles.filter((c) => c.payload.lineOfTherapy === line))!.payload.regimen } } : {}),
    ...(skin ? { skin: { grade: skin.payload.grade, date: skin.occurredAt, ...(skins.length > 1 ? { previous: skins.at(-2)!.payload.grade } : {}), trend: trend(skin.payload.grade, skins.at(-2)?.payload.grade) } } : {}),
    ...(ck
      ? {
          ck: {
            value: ck.payload.value,
            unit: ck.payload.unit,
            date: ck.occurredAt,
            ...(uln(ck) !== undefined ? { timesUln: uln(ck) } : {}),
            ...(ckPrevious && uln(ckPrevious) !== undefined ? { previousTimesUln: uln(ckPrevious) } : {}),
            ...(uln(ck) !== undefined ? { trend: trend(uln(ck)!, ckPrevious ? uln(ckPrevious) : undefined) } : {}),
          },
        }
      : {}),
    ...(lastEvent ? { lastEventAt: lastEvent.occurredAt } : {}),
  } as WorklistRow;
}

let n = 0;

describeEachDatabase("the worklist summary kept per write equals one computed from scratch", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  async function expectSummaryMatches(patient: Parameters<typeof fromScratch>[0], context: unknown) {
    const [row] = value(await listWorklist(ctx(), { q: patient.identifier })).rows;
    const timeline = value(await getTimeline(ctx(), patient.id));
    const open = value(await listAlerts(ctx(), { patientId: patient.id, status: "open" }));
    expect({ context, row }).toEqual({ context, row: fromScratch(patient, timeline, open) });
  }

  it("after every step of random write sequences", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(aStep, { minLength: 3, maxLength: 12 }), async (steps) => {
        n += 1;
        const input = { identifier: `SUMM-${n}-${Date.now()}`, familyName: "Summary", givenName: "Test", sex: "female" as const, birthDate: "1961-03-12" };
        const patient = { ...value(await createPatient(ctx(), input)), sex: "female" };
        await expectSummaryMatches(patient, "new patient");
        const events: TimelineEvent[] = [];
        for (const step of steps) {
          await applyWriteStep(ctx(), patient.id, events, step);
          await expectSummaryMatches(patient, step);
        }
      }),
      { numRuns: Number(process.env.SUMMARY_RUNS ?? 10) },
    );
  }, 240_000);

  it("an install upgraded from before the summary gets it computed at start, and a recomputation changes nothing", async () => {
    n += 1;
    const patient = value(await createPatient(ctx(), { identifier: `SUMM-UP-${n}-${Date.now()}`, familyName: "Upgrade", givenName: "Test", sex: "male" }));
    value(
      await recordEvents(ctx(), patient.id, [
        { kind: "diagnosis", occurredAt: on(0), payload: { role: "cancer", name: "Leiomyosarcoma" } },
        { kind: "imaging", occurredAt: on(10), payload: { modality: "CT", baseline: true } },
        { kind: "skin_assessment", occurredAt: on(20), payload: { grade: 1, signs: [] } },
        { kind: "skin_assessment", occurredAt: on(40), payload: { grade: 3, signs: [] } },
      ]),
    );
    const before = value(await listWorklist(ctx(), { q: patient.identifier })).rows;
    // As the migration leaves an existing install: rows at version 0 with nothing in them.
    await db().sql.query(`UPDATE "PatientSummary" SET version = 0, "skinGrade" = NULL, "skinGradeAt" = NULL, "previousSkinGrade" = NULL, "lastScanAt" = NULL, "cancerType" = NULL, "lastEventAt" = NULL WHERE "patientId" = $1`, [patient.id]);
    expect(value(await listWorklist(ctx(), { q: patient.identifier })).rows).not.toEqual(before);
    expect(await upgradeSummaries(db())).toBeGreaterThanOrEqual(1);
    expect(await upgradeSummaries(db())).toBe(0);
    expect(value(await listWorklist(ctx(), { q: patient.identifier })).rows).toEqual(before);
    await refreshAllSummaries(db());
    expect(value(await listWorklist(ctx(), { q: patient.identifier })).rows).toEqual(before);
    expect(before[0]).toMatchObject({ cancerType: "Leiomyosarcoma", lastScan: { date: on(10), modality: "CT" }, skin: { grade: 3, previous: 1, trend: "up" } });
  });
});
