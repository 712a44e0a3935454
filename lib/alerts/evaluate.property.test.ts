import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "@/lib/events";
import { evaluate } from "./evaluate";
import { anchorIndexBefore, dayNumber, patientRecord } from "./record";
import { defaultAlertSettings } from "./settings";
import { antibody, cancer, ck, cycle, day, dmDiagnosis, medication, muscle, scan, shuffled, skin } from "./testing";
import type { Alert } from "./types";

/**
 * What rule version 2 must never do, over random records: depend on input order, lose an alert when
 * more assessments are recorded after the last answering scan (more frequent visits never mean fewer
 * alerts), or open an alert for findings that an answering scan after them has answered.
 */
const now = day(1000);
const patient = { id: "p" };
const settings = defaultAlertSettings;

const responses = ["CR", "PR", "SD", "PD", "NE", undefined] as const;
const modalities = ["CT", "MRI", "PET-CT", "X-ray", "ultrasound"] as const;

/** One random event on a day 0–720; ids are unique per position. */
const anEvent = (i: number) =>
  fc.oneof(
    fc.record({ on: fc.integer({ min: 0, max: 720 }), grade: fc.integer({ min: 0, max: 4 }), cdasi: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }), dmSign: fc.boolean() }).map(
      ({ on, grade, cdasi, dmSign }) => skin(`s${i}`, on, grade, { ...(cdasi !== undefined && { cdasiActivity: cdasi }), signs: dmSign ? ["gottron-papules"] : [] }),
    ),
    fc.record({ on: fc.integer({ min: 0, max: 720 }), value: fc.integer({ min: 20, max: 6000 }), ranged: fc.boolean() }).map(({ on, value, ranged }) => ck(`k${i}`, on, value, ranged ? 200 : null)),
    fc
      .record({
        on: fc.integer({ min: 0, max: 720 }),
        mrc: fc.option(fc.integer({ min: 4, max: 10 }).map((half) => half / 2), { nil: undefined }),
        mmt8: fc.option(fc.integer({ min: 30, max: 80 }), { nil: undefined }),
        dysphagia: fc.option(fc.boolean(), { nil: undefined }),
      })
      .filter(({ mrc, mmt8, dysphagia }) => mrc !== undefined || mmt8 !== undefined || dysphagia !== undefined)
      .map(({ on, mrc, mmt8, dysphagia }) =>
        muscle(`m${i}`, on, { ...(mrc !== undefined && { proximalWeaknessMrc: mrc }), ...(mmt8 !== undefined && { mmt8: { score: mmt8, scale: 80 as const } }), ...(dysphagia !== undefined && { dysphagia }) }),
      ),
    fc.record({ on: fc.integer({ min: 0, max: 720 }), response: fc.constantFrom(...responses), modality: fc.constantFrom(...modalities) }).map(({ on, response, modality }) => scan(`i${i}`, on, response, modality)),
    fc.record({ on: fc.integer({ min: 0, max: 720 }), regimen: fc.constantFrom("doxorubicin", "pembrolizumab") }).map(({ on, regimen }) => cycle(`c${i}`, on, 1, regimen)),
    fc.record({ on: fc.integer({ min: 0, max: 720 }), dose: fc.integer({ min: 5, max: 60 }) }).map(({ on, dose }) => medication(`p${i}`, on, "prednisolone", dose)),
  );

const aRecord = fc
  .record({ dm: fc.boolean(), tif1: fc.boolean(), size: fc.integer({ min: 1, max: 40 }) })
  .chain(({ dm, tif1, size }) =>
    fc.tuple(...Array.from({ length: size }, (_, i) => anEvent(i))).map((events) => [
      cancer(),
      ...(dm ? [dmDiagnosis()] : []),
      ...(tif1 ? [antibody("ab", 5, "tif1-gamma", "positive")] : []),
      ...(events as TimelineEvent[]),
    ]),
  );

const keysOf = (alerts: Alert[]) => alerts.map((alert) => alert.key).sort();

describe("rule version 2: what must never happen", () => {
  it("the result never depends on the order events are given in", () => {
    fc.assert(
      fc.property(aRecord, fc.integer(), (events, seed) => {
        expect(evaluate(patient, shuffled(events, seed), settings, now)).toEqual(evaluate(patient, events, settings, now));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  });

  // Without checkpoint inhibitors: there, a weakness recorded before the first dose shows that the same
  // weakness after it is not new, and fewer alerts is the right answer (a scenario test covers it).
  it("an assessment dated after the last answering scan never removes an alert (more visits never mean fewer alerts)", () => {
    fc.assert(
      fc.property(aRecord.filter((events) => !events.some((e) => e.kind === "treatment_cycle" && e.payload.regimen === "pembrolizumab")), anEvent(999).filter((event) => event.kind !== "imaging" && event.kind !== "treatment_cycle" && event.kind !== "medication"), (events, extra) => {
        const record = patientRecord(events, settings, now);
        const lastScan = record.answeringScans.at(-1);
        fc.pre(!lastScan || dayNumber(extra.occurredAt) > lastScan.day);
        const before = keysOf(evaluate(patient, events, settings, now));
        const after = keysOf(evaluate(patient, [...events, extra], settings, now));
        for (const key of before) expect(after).toContain(key);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it("an answering scan never leaves open an alert for findings dated on or before it", () => {
    fc.assert(
      fc.property(aRecord, fc.integer({ min: 0, max: 720 }), fc.constantFrom("CR", "PR", "SD", "PD"), (events, on, response) => {
        const withScan = [...events, scan("answer", on, response)];
        for (const alert of evaluate(patient, withScan, settings, now)) {
          if (alert.status !== "open" || alert.ruleId !== "reimaging-after-flare") continue;
          for (const finding of alert.findings) expect(dayNumber(finding.date)).toBeGreaterThan(dayNumber(day(on)));
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it("a windowed evaluation from any answering scan equals the full evaluation's alerts from that scan on", () => {
    fc.assert(
      fc.property(aRecord, fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 400 }), (generated, at, after) => {
        const events = [...generated, scan("anchor", at, "SD")];
        const cut = dayNumber(day(at + after));
        const record = patientRecord(events, settings, now);
        const anchor = anchorIndexBefore(record, cut);
        const anchorDay = record.answeringScans[anchor].day;
        const lookbackStart = anchorDay - settings.referenceLookbackDays;
        const contextStart = anchorDay - Math.max(settings.steroidTaperDays, settings.statinStartDays, settings.iciWindowDays);
        const full = evaluate(patient, events, settings, now).filter((alert) => alert.lastImaging && dayNumber(alert.lastImaging.date) >= anchorDay);
        // What the service loads (lib/patients/alerts.ts WINDOW_SQL), part by part.
        const current = record.events;
        const dayOf = (event: TimelineEvent) => dayNumber(event.occurredAt);
        const latest = (test: (event: TimelineEvent) => boolean) => current.filter((e) => dayOf(e) < anchorDay && dayOf(e) >= lookbackStart && test(e)).at(-1);
        const muscleHas = (key: string) => (e: TimelineEvent) => e.kind === "muscle_assessment" && key in e.payload;
        const cycleBefore = current
          .filter((e) => e.kind === "treatment_cycle" && dayOf(e) < contextStart)
          // The engine keeps, of the cycles that ended last, the latest in clinical order (current is in clinical order).
          .reverse()
          .sort((a, b) => dayNumber(b.endedAt ?? b.occurredAt) - dayNumber(a.endedAt ?? a.occurredAt))[0];
        const medicationBefore = current.filter((e) => e.kind === "medication" && dayOf(e) < contextStart).at(-1);
        const firstSign = current.find((e) => e.kind === "skin_assessment" && dayOf(e) < anchorDay && e.payload.signs.length > 0);
        const picked = new Set<TimelineEvent | undefined>([
          ...current.filter((e) => dayOf(e) >= anchorDay || e.kind === "diagnosis" || e.kind === "antibody_result" || e.kind === "adverse_event"),
          latest((e) => e.kind === "skin_assessment"),
          latest((e) => e.kind === "skin_assessment" && e.payload.cdasiActivity !== undefined),
          latest((e) => e.kind === "lab_result" && e.payload.analyte === "ck"),
          latest(muscleHas("proximalWeaknessMrc")),
          latest((e) => e.kind === "muscle_assessment" && e.payload.mmt8?.scale === 80),
          latest(muscleHas("dysphagia")),
          ...current.filter((e) => (e.kind === "treatment_cycle" || e.kind === "medication") && dayOf(e) >= contextStart),
          cycleBefore,
          medicationBefore,
          firstSign,
        ]);
        const window = [...picked].filter((event): event is TimelineEvent => event !== undefined);
        const earlierSeries = new Set<string>();
        for (const event of current.filter((e) => dayOf(e) < lookbackStart)) {
          if (event.kind === "skin_assessment") earlierSeries.add("skin-grade");
          if (event.kind === "skin_assessment" && event.payload.cdasiActivity !== undefined) earlierSeries.add("cdasi-activity");
          if (event.kind === "lab_result" && event.payload.analyte === "ck") earlierSeries.add("ck");
          if (event.kind === "muscle_assessment") {
            if (event.payload.proximalWeaknessMrc !== undefined) earlierSeries.add("mrc");
            if (event.payload.mmt8) earlierSeries.add(`mmt8/${event.payload.mmt8.scale}`);
            if (event.payload.dysphagia !== undefined) earlierSeries.add("dysphagia");
          }
        }
        expect(evaluate(patient, window, settings, now, { fromAnchorDay: anchorDay, earlierSeries })).toEqual(full);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });
});
