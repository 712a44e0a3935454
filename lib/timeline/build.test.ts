import { describe, expect, it } from "vitest";
import { buildTimeline, dayNumber, laneOf, readoutAt, windowFor } from "./index";
import { ev, generatedPatient, seedCase } from "./fixtures";

const x = dayNumber;
const model = buildTimeline(seedCase());
const values = (points: { value: number }[]) => points.map((p) => p.value);

describe("buildTimeline on the seed case", () => {
  it("has the six lanes in chart order", () => {
    expect(model.lanes.map((l) => l.id)).toEqual(["tumour", "treatment", "skin", "muscle", "immunosuppression", "alerts"]);
  });

  it("puts day 0 on the cancer diagnosis and keeps what came before it", () => {
    expect(model.axis.origin).toBe(x("2020-01-06"));
    expect(model.axis.reference).toEqual({ eventId: "dx-lms", date: "2020-01-06", label: "Diagnosis: Leiomyosarcoma, grade 2, 6 Jan 2020" });
    // From the CK 17 days before diagnosis to the day prednisolone had stopped.
    expect(model.axis.domain).toEqual([x("2019-12-20"), x("2020-11-01")]);
    expect(laneOf(model, "muscle").series[0].points[0]).toMatchObject({ eventId: "ck-before", x: model.axis.origin - 17 });
  });

  it("marks every imaging study and bands the time between assessments by the earlier response", () => {
    const tumour = laneOf(model, "tumour");
    expect(tumour.markers.map((m) => [m.eventId, m.colourKey])).toEqual([
      ["ct-baseline", "recist-none"],
      ["ct-mid", "recist-sd"],
      ["ct-end", "recist-sd"],
      ["mri-thigh", "recist-none"],
      ["ct-pd", "recist-pd"],
    ]);
    expect(tumour.bands).toEqual([
      expect.objectContaining({ from: x("2020-04-01"), to: x("2020-06-04"), response: "SD", openedBy: "ct-mid", closedBy: "ct-end" }),
      expect.objectContaining({ from: x("2020-06-04"), to: x("2020-08-18"), response: "SD", openedBy: "ct-end", closedBy: "ct-pd", label: "stable disease from 4 Jun 2020 to 18 Aug 2020" }),
    ]);
    expect(tumour.series[0]).toMatchObject({ id: "target-sum", counts: { total: 4, shown: 4 } });
    expect(values(tumour.series[0].points)).toEqual([120, 112, 110, 150]);
  });

  it("draws lines of therapy as spans, cycles as ticks, the dose change and the adverse event", () => {
    const treatment = laneOf(model, "treatment");
    expect(treatment.lines).toEqual([
      expect.objectContaining({ line: 1, from: x("2020-02-10"), to: x("2020-05-25"), label: "Line 1: doxorubicin (6 cycles)" }),
      expect.objectContaining({ line: 2, from: x("2020-09-21"), to: x("2020-10-12"), label: "Line 2: trabectedin (2 cycles)" }),
    ]);
    expect(treatment.cycles.map((c) => c.cycleNumber)).toEqual([1, 2, 3, 4, 5, 6, 1, 2]);
    expect(treatment.cycles[2]).toMatchObject({ dose: "56.25 mg/m2", doseChangePercent: -25 });
    expect(treatment.doseChanges).toEqual([
      expect.objectContaining({ eventId: "dox-3", percent: -25, label: "Dose −25% (febrile neutropenia) from doxorubicin cycle 3" }),
    ]);
    expect(treatment.adverseEvents).toEqual([expect.objectContaining({ eventId: "fn", label: "Febrile neutropenia, CTCAE grade 3", grade: 3 })]);
    expect(treatment.interventions.map((i) => [i.kind, i.label])).toEqual([
      ["procedure", "Prophylactic femoral stabilisation, left femur"],
      ["radiotherapy", "Radiotherapy: left femur, 20 Gy in 5 fractions"],
    ]);
  });

  it("charts skin grade and CDASI activity", () => {
    const [grade, cdasi] = laneOf(model, "skin").series;
    expect(values(grade.points)).toEqual([1, 0, 4, 3, 2]);
    expect(grade.points[2]).toMatchObject({ label: "4 (very severe)", detail: "Shawl sign, V-sign, Heliotrope rash, Gottron's papules" });
    expect(values(cdasi.points)).toEqual([32, 24, 15]);
  });

  it("charts muscle enzymes as ×ULN of each result's own range, true values kept, the error left out", () => {
    const muscle = laneOf(model, "muscle");
    expect(muscle.series.map((s) => s.id)).toEqual(["lab-ck", "lab-alt", "mmt8-80", "proximal-mrc"]);
    const ck = muscle.series[0];
    expect(ck).toMatchObject({ scale: "log", reference: { y: 1, label: "1×ULN" } });
    expect(values(ck.points)).toEqual([150, 695, 720, 400, 180, 90]);
    expect(ck.points[1]).toMatchObject({ value: 695, y: 3.475, timesUln: 3.475, unit: "U/L", label: "695 U/L", range: "25–200 U/L", eventId: "ck-admission" });
    expect(ck.points[5]).toMatchObject({ y: 90 / 170, range: "30–170 U/L" });
    expect(muscle.series[2].points[0]).toMatchObject({ value: 62, label: "62/80", unit: "MMT-8 0–80" });
    expect(muscle.table.rows.find((r) => r.key.startsWith("lab-ck:ck-admission"))?.cells).toEqual(["3 Aug 2020", "CK", "695 U/L", "25–200 U/L", "3.48×ULN"]);
  });

  it("draws a zero CK at the log floor while reading out its true value", () => {
    const muscle = laneOf(buildTimeline([ev("lab_result", "2020-01-01", { analyte: "ck", value: 0, unit: "U/L", referenceRange: { low: 25, high: 200 } })]), "muscle");
    expect(muscle.series[0].points[0]).toMatchObject({ value: 0, timesUln: 0, y: muscle.logFloor });
    expect(muscle.logFloor).toBeGreaterThan(0);
  });

  it("gives prednisolone as a step series that drops to zero the day after it stopped, not between taper steps", () => {
    const lane = laneOf(model, "immunosuppression");
    const [pred] = lane.series;
    expect(pred).toMatchObject({ id: "dose-prednisolone", name: "Prednisolone", interpolation: "step-after", counts: { total: 5, shown: 5 } });
    expect(pred.points.map((p) => [p.date, p.value])).toEqual([
      ["2020-08-04", 40],
      ["2020-08-18", 30],
      ["2020-09-01", 20],
      ["2020-09-15", 10],
      ["2020-11-01", 0],
    ]);
    expect(lane.otherMedications).toEqual([expect.objectContaining({ eventId: "clobetasol", label: "Clobetasol 0.05% topical" })]);
    expect(lane.table.rows[0].cells).toEqual(["4 Aug 2020", "Prednisolone", "40 mg/day (oral, tapering)"]);
  });

  it("gives each lane a table with the chart's data", () => {
    for (const lane of model.lanes) {
      const points = lane.series.reduce((n, s) => n + s.points.length, 0);
      expect(lane.table.rows.length).toBeGreaterThanOrEqual(points);
      expect(new Set(lane.table.rows.map((r) => r.key)).size).toBe(lane.table.rows.length);
      lane.table.rows.forEach((r) => expect(r.cells).toHaveLength(lane.table.columns.length));
    }
    expect(laneOf(model, "skin").table.rows.map((r) => r.cells.slice(0, 3))).toContainEqual(["3 Aug 2020", "CDASI activity", "32/100"]);
  });

  it("is plain JSON: it survives serialisation unchanged", () => {
    const withAlert = buildTimeline(seedCase(), { alerts: [{ key: "a1", date: "2020-08-03", priority: "high", evidenceIds: ["skin-3"], reason: "Flare" }] });
    expect(JSON.parse(JSON.stringify(withAlert))).toStrictEqual(withAlert);
  });
});

describe("readout at a crosshair position", () => {
  it("reads every result of the day under the crosshair, and the dose in force", () => {
    const readout = readoutAt(model, x("2020-08-03") + 0.4);
    expect(readout).toMatchObject({ date: "2020-08-03", dateLabel: "3 Aug 2020", relativeDay: 210, relativeLabel: "day 210" });
    const lane = (id: string) => readout.lanes.find((l) => l.lane === id)!;
    const ck = lane("muscle").series.find((s) => s.seriesId === "lab-ck")!;
    expect(ck.values.map((v) => [v.label, v.range])).toEqual([
      ["695 U/L", "25–200 U/L"],
      ["720 U/L", "25–200 U/L"],
    ]);
    expect(lane("skin").series[0].values.map((v) => v.label)).toEqual(["4 (very severe)"]);
    expect(lane("tumour").context).toEqual(["stable disease from 4 Jun 2020 to 18 Aug 2020", "Best overall response, line 1 (doxorubicin): SD: SD on 1 Apr 2020, at least 6 weeks after the line started"]);
    expect(lane("immunosuppression").series[0]).toMatchObject({ mode: "carried-forward", values: [] });
  });

  it("carries a dose forward until the next step and reads zero once stopped", () => {
    const dose = (date: string) => readoutAt(model, x(date)).lanes[4].series[0].values[0]?.label;
    expect(dose("2020-08-17")).toBe("40 mg/day");
    expect(dose("2020-08-25")).toBe("30 mg/day");
    expect(dose("2020-10-31")).toBe("10 mg/day");
    expect(dose("2020-11-05")).toBe("0 mg/day");
  });

  it("names the line of therapy and the cycle given that day", () => {
    const treatment = readoutAt(model, x("2020-03-23")).lanes[1];
    expect(treatment.context).toEqual(["Line 1: doxorubicin (6 cycles)"]);
    expect(treatment.events).toEqual(["Line 1: Doxorubicin cycle 3, 56.25 mg/m2", "Dose −25% (febrile neutropenia) from doxorubicin cycle 3"]);
  });

  it("reads negative days before day 0", () => {
    expect(readoutAt(model, x("2019-12-20")).relativeLabel).toBe("day −17");
  });
});

describe("options and presets", () => {
  it("lets the user choose day 0, and falls back to the first event without a cancer diagnosis", () => {
    expect(buildTimeline(seedCase(), { referenceEventId: "dox-1" }).axis.origin).toBe(x("2020-02-10"));
    const noDiagnosis = seedCase().filter((e) => e.kind !== "diagnosis");
    expect(buildTimeline(noDiagnosis).axis.reference?.eventId).toBe("ck-before");
  });

  it("places alerts with their evidence", () => {
    const m = buildTimeline(seedCase(), {
      alerts: [{ key: "flare-1", date: "2020-08-03T10:15", priority: "high", evidenceIds: ["skin-3", "gone"], reason: "Skin flare after stable disease" }],
    });
    expect(laneOf(m, "alerts").markers).toEqual([
      { x: x("2020-08-03T10:15"), key: "flare-1", dateLabel: "3 Aug 2020 10:15", priority: "high", reason: "Skin flare after stable disease", evidence: [{ eventId: "skin-3", x: x("2020-08-03") }, { eventId: "gone" }] },
    ]);
  });

  it("gives zoom windows that end at the end of the record", () => {
    const end = x("2020-11-01");
    expect(windowFor(model, "all")).toEqual([x("2019-12-20"), end]);
    expect(windowFor(model, "last-year")).toEqual([x("2019-11-01"), end]);
    expect(windowFor(model, "last-6-months")).toEqual([x("2020-05-01"), end]);
    expect(windowFor(model, "current-line")).toEqual([x("2020-09-21"), end]);
    expect(windowFor(buildTimeline(seedCase().filter((e) => e.kind !== "treatment_cycle")), "current-line")).toEqual([x("2019-12-20"), end]);
  });

  it("builds an empty chart for a patient with no events", () => {
    const empty = buildTimeline([]);
    expect(empty.axis).toEqual({ domain: [0, 0], origin: 0, choices: [] });
    expect(empty.lanes.every((l) => l.series.length === 0 && l.table.rows.length === 0)).toBe(true);
  });

  it("downsamples activity series but never imaging, treatment or doses, and reports the counts", () => {
    const m = buildTimeline(generatedPatient(3000), { maxPointsPerSeries: 50 });
    const ck = laneOf(m, "muscle").series.find((s) => s.id === "lab-ck")!;
    expect(ck.counts.total).toBeGreaterThan(ck.counts.shown);
    expect(ck.points).toHaveLength(ck.counts.shown);
    for (const s of [...laneOf(m, "tumour").series, ...laneOf(m, "immunosuppression").series]) expect(s.counts.shown).toBe(s.counts.total);
    expect(laneOf(m, "treatment").cycles.length).toBeGreaterThan(50);
  });
});
