import { describe, expect, it } from "vitest";
import { eventInput, type EventInput, type SkinSign } from "@/lib/events";
import { courses, generateCohort, type Course, type GeneratedPatient } from "./cohort";
import { cohortTeams } from "./users";

/**
 * The demo cohort's courses for re-imaging alert rule v2 (issue #10), checked on their defining facts
 * rather than on the alert engine, so the data stays what each course claims whatever the rule does.
 * Four rounds through the courses at 500 events each: routine monitoring is at its densest, and the
 * second round carries the "taper flares".
 */
const cohort = generateCohort({ patients: 4 * courses.length, eventsPerPatient: 500 });
const ofCourse = (course: Course) => cohort.filter((p) => p.course === course);

type Of<K extends EventInput["kind"]> = Extract<EventInput, { kind: K }>;
const byDate = <T extends EventInput>(events: T[]) => [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
const kind = <K extends EventInput["kind"]>(p: GeneratedPatient, k: K) => byDate(p.events.filter((e): e is Of<K> => e.kind === k));
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const cks = (p: GeneratedPatient) =>
  kind(p, "lab_result")
    .filter((e) => e.payload.analyte === "ck")
    .map((e) => ({ date: e.occurredAt, timesUln: e.payload.value / e.payload.referenceRange!.high! }));
/** DM-specific skin signs as rule v2 lists them (issue #10). */
const dmSpecific: SkinSign[] = ["heliotrope", "gottron-papules", "shawl-sign", "v-sign", "periungual-erythema", "flagellate-erythema"];
const hasDmDiagnosis = (p: GeneratedPatient) => kind(p, "diagnosis").some((e) => e.payload.role === "dermatomyositis");
const hasDmSigns = (p: GeneratedPatient) => kind(p, "skin_assessment").some((e) => e.payload.signs.some((s) => dmSpecific.includes(s)));
const answering = (p: GeneratedPatient) => kind(p, "imaging").filter((e) => e.payload.response !== undefined && e.payload.response !== "NE");
const dayOf = <T extends { date: string } | EventInput>(items: T[], date: string) => items.filter((x) => ("date" in x ? x.date : x.occurredAt) === date);

describe("the demo cohort", () => {
  it("is the same for the same seed, cycles through every course in order, and passes every kind's schema", () => {
    expect(generateCohort({ patients: 4 * courses.length, eventsPerPatient: 500 })).toEqual(cohort);
    expect(cohort.map((p) => p.course)).toEqual([...courses, ...courses, ...courses, ...courses]);
    // The first six courses keep their places, so FW-1002/1005/1006 keep their care teams (e2e/auth.spec.ts).
    expect(courses.slice(0, 6)).toEqual(["responder", "progressor", "flare-then-progression", "flare-without-progression", "cancer-without-dm", "dm-without-cancer"]);
    for (const p of cohort) {
      expect(p.events).toHaveLength(500);
      for (const event of p.events) expect(eventInput.safeParse(event).success, JSON.stringify(event)).toBe(true);
    }
  });

  it("improving flare on steroids: a flare answered by a CT soon after, then CK and skin grade only fall", () => {
    for (const p of ofCourse("improving-flare-on-steroids")) {
      expect(hasDmDiagnosis(p) && hasDmSigns(p)).toBe(true);
      const flareSkin = kind(p, "skin_assessment").find((e) => e.payload.grade === 3)!;
      const flareCk = dayOf(cks(p), flareSkin.occurredAt)[0];
      expect(flareCk.timesUln).toBeCloseTo(8, 0);
      const ct = answering(p).find((e) => e.occurredAt > flareSkin.occurredAt)!;
      expect(["SD", "PD"]).toContain(ct.payload.response);
      expect(daysBetween(flareSkin.occurredAt, ct.occurredAt)).toBeLessThanOrEqual(21);
      // The scan before the flare is ≥ 28 days earlier, so the flare itself is a finding that alerts.
      const before = answering(p).filter((e) => e.occurredAt < flareSkin.occurredAt).at(-1)!;
      expect(daysBetween(before.occurredAt, flareSkin.occurredAt)).toBeGreaterThanOrEqual(28);

      // From the flare (the latest value on or before the CT) to the end of the taper's course, each CK
      // and skin grade no higher than the one before; after it, routine values stay normal (CK < 1×ULN, grade ≤ 1).
      const settled = kind(p, "skin_assessment").find((e) => e.occurredAt > ct.occurredAt && e.payload.grade === 1)!.occurredAt;
      const ckCourse = cks(p).filter((c) => c.date >= flareSkin.occurredAt && c.date <= settled);
      for (let i = 1; i < ckCourse.length; i++) expect(ckCourse[i].timesUln).toBeLessThanOrEqual(ckCourse[i - 1].timesUln);
      expect(ckCourse.filter((c) => c.date > ct.occurredAt).map((c) => Math.round(c.timesUln * 2) / 2)).toEqual([3, 1.5]);
      expect(cks(p).filter((c) => c.date > settled).every((c) => c.timesUln < 1)).toBe(true);
      const grades = kind(p, "skin_assessment").filter((e) => e.occurredAt >= flareSkin.occurredAt && e.occurredAt <= settled).map((e) => e.payload.grade);
      expect(grades).toEqual([3, 2, 1]);
      expect(kind(p, "skin_assessment").filter((e) => e.occurredAt > settled).every((e) => e.payload.grade <= 1)).toBe(true);
      // …on a prednisolone taper started at the flare.
      const doses = kind(p, "medication").filter((e) => e.payload.drug === "prednisolone" && e.occurredAt > flareSkin.occurredAt).map((e) => e.payload.dose!.value);
      expect(doses).toEqual([40, 30, 20, 10]);
    }
  });

  it("escalation after a recent scan: a flare from ~10 days after an SD CT to grade 4 with ulceration, CK ~16×ULN and dysphagia at ~55 days, no scan since", () => {
    for (const p of ofCourse("escalation-after-recent-scan")) {
      expect(hasDmDiagnosis(p) && hasDmSigns(p)).toBe(true);
      const scan = answering(p).at(-1)!;
      expect(scan.payload.response).toBe("SD");
      expect(kind(p, "imaging").filter((e) => e.occurredAt > scan.occurredAt)).toEqual([]);
      const visits = kind(p, "skin_assessment").filter((e) => e.occurredAt > scan.occurredAt);
      expect(visits.length).toBeGreaterThanOrEqual(3);
      expect(daysBetween(scan.occurredAt, visits[0].occurredAt)).toBeLessThanOrEqual(14);
      expect(visits[0].payload.grade).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < visits.length; i++) expect(visits[i].payload.grade).toBeGreaterThanOrEqual(visits[i - 1].payload.grade);
      // Findings both before and after the 28-day mark: the alert waits for the later ones.
      expect(visits.some((v) => daysBetween(scan.occurredAt, v.occurredAt) < 28)).toBe(true);
      expect(visits.filter((v) => daysBetween(scan.occurredAt, v.occurredAt) >= 28).length).toBeGreaterThanOrEqual(2);
      const last = visits.at(-1)!;
      expect(daysBetween(scan.occurredAt, last.occurredAt)).toBeGreaterThanOrEqual(50);
      expect(daysBetween(scan.occurredAt, last.occurredAt)).toBeLessThanOrEqual(60);
      expect(last.payload.grade).toBe(4);
      expect(last.payload.signs).toContain("ulceration");
      expect(dayOf(cks(p), last.occurredAt)[0].timesUln).toBeGreaterThanOrEqual(15);
      expect(dayOf(kind(p, "muscle_assessment"), last.occurredAt)[0].payload.dysphagia).toBe(true);
      // The reference: values of the scan's own day, normal CK; nothing routine slipped in after the scan.
      expect(dayOf(cks(p), scan.occurredAt)[0].timesUln).toBeLessThan(1);
      const ckAfter = cks(p).filter((c) => c.date > scan.occurredAt);
      for (let i = 1; i < ckAfter.length; i++) expect(ckAfter[i].timesUln).toBeGreaterThan(ckAfter[i - 1].timesUln);
    }
  });

  it("checkpoint-inhibitor myositis: CK ~24×ULN, MRC 3, dysphagia, a grade 3 myositis and a raised troponin T within 180 days of pembrolizumab; no DM", () => {
    for (const p of ofCourse("checkpoint-inhibitor-myositis")) {
      expect(hasDmDiagnosis(p)).toBe(false);
      expect(hasDmSigns(p)).toBe(false);
      const doses = kind(p, "treatment_cycle").filter((e) => e.payload.regimen === "pembrolizumab");
      expect(doses.length).toBeGreaterThanOrEqual(1);
      const myositis = kind(p, "adverse_event").find((e) => e.payload.term === "Myositis")!;
      expect(myositis.payload.grade).toBe(3);
      const onset = myositis.occurredAt;
      const sinceLastDose = daysBetween(doses.filter((d) => d.occurredAt <= onset).at(-1)!.occurredAt, onset);
      expect(sinceLastDose).toBeGreaterThan(0);
      expect(sinceLastDose).toBeLessThanOrEqual(180);
      expect(daysBetween(doses[0].occurredAt, onset)).toBeLessThanOrEqual(8 * 7);
      expect(dayOf(cks(p), onset)[0].timesUln).toBeCloseTo(24, -1);
      const exam = dayOf(kind(p, "muscle_assessment"), onset)[0].payload;
      expect(exam).toMatchObject({ proximalWeaknessMrc: 3, dysphagia: true });
      const troponin = dayOf(kind(p, "lab_result"), onset).find((e) => e.payload.analyte === "troponin-t")!.payload;
      expect(troponin).toMatchObject({ unit: "ng/L", referenceRange: { low: 0, high: 14 } });
      expect(troponin.value).toBeGreaterThan(14);
      expect(dayOf(kind(p, "skin_assessment"), onset)[0].payload.grade).toBe(0);
    }
  });

  it("statin CK rise: a cancer without DM, atorvastatin, CK ~4×ULN with a normal examination and skin the same day", () => {
    for (const [i, p] of ofCourse("statin-ck-rise").entries()) {
      expect(kind(p, "diagnosis").map((e) => e.payload.role)).toEqual(["cancer"]);
      expect(hasDmSigns(p)).toBe(false);
      const statin = kind(p, "medication").find((e) => e.payload.drug === "atorvastatin")!;
      expect(statin.payload.role).toBe("supportive");
      const peak = cks(p).filter((c) => c.date > statin.occurredAt).reduce((a, b) => (b.timesUln > a.timesUln ? b : a));
      expect(peak.timesUln).toBeCloseTo(4, 0);
      expect(daysBetween(statin.occurredAt, peak.date)).toBeLessThanOrEqual(90);
      expect(dayOf(kind(p, "muscle_assessment"), peak.date)[0].payload).toMatchObject({ proximalWeaknessMrc: 5, dysphagia: false });
      expect(dayOf(kind(p, "skin_assessment"), peak.date).map((e) => e.payload.grade)).toEqual([0]);
      expect(cohortTeams(i, p.course)).not.toContain("Myositis clinic");
    }
  });

  it("some flares follow a steroid dose reduction in the 30 days before them", () => {
    const flareCourses: Course[] = ["flare-then-progression", "flare-without-progression", "improving-flare-on-steroids"];
    const taperFlares = cohort.filter((p) => {
      if (!flareCourses.includes(p.course)) return false;
      const flare = kind(p, "skin_assessment").find((e) => e.payload.grade >= 2 && e.occurredAt > kind(p, "diagnosis")[0].occurredAt && e.payload.signs.includes("shawl-sign"));
      const pred = kind(p, "medication").filter((e) => e.payload.drug === "prednisolone");
      return pred.some((m, i) => i > 0 && m.payload.dose!.value < pred[i - 1].payload.dose!.value && flare !== undefined && m.occurredAt < flare.occurredAt && daysBetween(m.occurredAt, flare.occurredAt) <= 30);
    });
    expect(taperFlares.map((p) => p.course).sort()).toEqual([...flareCourses, ...flareCourses].sort());
  });

  it("a benchmark's long record (years past its course) is re-scanned every 13 weeks unless it ended in progression, and ends before the seeding day", () => {
    const today = "2026-12-02";
    const [responder, progressor] = generateCohort({ patients: 2, eventsPerPatient: 20000, today });
    expect([responder.course, progressor.course]).toEqual(["responder", "progressor"]);
    const lastCourseScan = (p: GeneratedPatient) => kind(p, "imaging").filter((e) => !e.payload.findings?.startsWith("Surveillance"));
    const surveillance = (p: GeneratedPatient) => kind(p, "imaging").filter((e) => e.payload.findings?.startsWith("Surveillance"));
    const scans = surveillance(responder);
    expect(scans.length).toBeGreaterThan(10);
    for (const scan of scans) expect(scan.payload).toMatchObject({ modality: "CT", response: "SD", targetSumMm: lastCourseScan(responder).at(-1)!.payload.targetSumMm });
    const gaps = [lastCourseScan(responder).at(-1)!, ...scans].slice(1).map((s, i, all) => (i === 0 ? 91 : daysBetween(all[i - 1].occurredAt, s.occurredAt)));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(91);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(92);
    expect(surveillance(progressor)).toEqual([]);
    for (const p of [responder, progressor]) expect(byDate(p.events).at(-1)!.occurredAt.slice(0, 10) < today).toBe(true);
  });
});
