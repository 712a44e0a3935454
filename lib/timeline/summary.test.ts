import { describe, expect, it } from "vitest";
import type { PayloadOf } from "@/lib/events";
import { buildTimeline } from "./build";
import { ev } from "./fixtures";
import { alertsForPack, currentTreatmentLine, formatLabResult, formatTrend, immunosuppressionOn, lastTumourImaging, mdtSummary, mdtWindow } from "./summary";

const cycle = (line: number, n: number, date: string, regimen: string, extra: Partial<PayloadOf<"treatment_cycle">> = {}) =>
  ev("treatment_cycle", date, { regimen, lineOfTherapy: line, cycleNumber: n, dose: { value: 75, unit: "mg/m2" }, ...extra });
const scan = (date: string, payload: Partial<PayloadOf<"imaging">>) => ev("imaging", date, { modality: "CT", ...payload } as PayloadOf<"imaging">);
const skin = (date: string, grade: 0 | 1 | 2 | 3 | 4, cdasiActivity?: number) => ev("skin_assessment", date, { grade, signs: [], ...(cdasiActivity !== undefined ? { cdasiActivity } : {}) });
const ck = (date: string, value: number, high = 200) => ev("lab_result", date, { analyte: "ck", value, unit: "U/L", referenceRange: { low: 25, high } });
const pred = (from: string, to: string | undefined, mg: number) =>
  ev("medication", from, { drug: "prednisolone", role: "immunosuppression", dose: { value: mg, unit: "mg/day" }, route: "oral" }, to ? { endedAt: to } : {});

describe("the current line of therapy", () => {
  it.each([
    ["no cycles: none", [], undefined],
    [
      "the most recently started line, with its cycles counted",
      [cycle(1, 1, "2020-02-10", "doxorubicin"), cycle(1, 2, "2020-03-02", "doxorubicin"), cycle(2, 1, "2020-09-14", "trabectedin"), cycle(2, 2, "2020-10-05", "trabectedin")],
      { line: 2, regimens: ["trabectedin"], firstCycle: "2020-09-14", lastCycle: "2020-10-05", cyclesGiven: 2 },
    ],
    [
      "the last dose change of that line, with its reason",
      [cycle(1, 1, "2020-02-10", "doxorubicin"), cycle(1, 2, "2020-03-02", "doxorubicin"), cycle(1, 3, "2020-03-23", "doxorubicin", { doseChangePercent: -25, doseChangeReason: "febrile neutropenia" })],
      { line: 1, cyclesGiven: 3, lastDoseChange: { date: "2020-03-23", cycleNumber: 3, percent: -25, reason: "febrile neutropenia" } },
    ],
  ])("%s", (_, cycles, expected) => {
    const line = currentTreatmentLine(cycles);
    if (expected === undefined) return expect(line).toBeUndefined();
    expect(line).toMatchObject(expected);
  });
});

describe("the last tumour imaging", () => {
  it.each([
    ["the last scan with a RECIST response", [scan("2020-01-09", { baseline: true }), scan("2020-04-07", { response: "SD" }), scan("2020-08-18", { response: "PD", targetSumMm: 118 })], { date: "2020-08-18", response: "PD", targetSumMm: 118, baseline: false }],
    ["a later scan without a response (MRI of the thighs) does not replace it", [scan("2020-08-18", { response: "PD" }), scan("2020-08-20", { modality: "MRI" })], { date: "2020-08-18", response: "PD" }],
    ["only a baseline: the baseline", [scan("2020-01-09", { baseline: true })], { date: "2020-01-09", baseline: true }],
    ["no tumour imaging: none", [scan("2020-08-20", { modality: "MRI" })], undefined],
  ])("%s", (_, scans, expected) => {
    const last = lastTumourImaging(scans);
    if (expected === undefined) return expect(last).toBeUndefined();
    expect(last).toMatchObject(expected);
  });
});

describe("activity then and now", () => {
  it.each([
    ["a rise", [skin("2020-06-05", 1), skin("2020-08-03", 3)], "1 → 3", "up"],
    ["a fall", [skin("2020-08-03", 3), skin("2020-09-07", 2)], "3 → 2", "down"],
    ["unchanged", [skin("2020-09-07", 2), skin("2020-10-26", 2)], "2 → 2", "same"],
    ["a single assessment", [skin("2020-08-03", 3)], "3", "single"],
  ] as const)("skin grade: %s", (_, events, text, direction) => {
    const { skinGrade } = mdtSummary([...events], { from: "2020-01-01", to: "2020-12-31" });
    expect(formatTrend(skinGrade!)).toBe(text);
    expect(skinGrade!.direction).toBe(direction);
  });

  it("stops at the window's end: the pack tells the state on that day", () => {
    const events = [skin("2020-06-05", 1), skin("2020-08-03", 3), skin("2020-09-07", 2)];
    expect(formatTrend(mdtSummary(events, { from: "2020-01-01", to: "2020-08-31" }).skinGrade!)).toBe("1 → 3");
  });

  it("compares MMT-8 only on the same scale", () => {
    const mmt = (date: string, score: number, scale: 80 | 150) => ev("muscle_assessment", date, { mmt8: { score, scale } });
    const summary = mdtSummary([mmt("2020-06-01", 70, 80), mmt("2020-08-03", 112, 150), mmt("2020-09-07", 124, 150)], { from: "2020-01-01", to: "2020-12-31" });
    expect(summary.mmt8).toMatchObject({ scale: 150, previous: { value: 112 }, latest: { value: 124 }, direction: "up" });
  });
});

describe("labs", () => {
  it.each([
    [
      "latest and previous with ×ULN against each result's own range, and the window's peak",
      [ck("2020-06-05", 96), ck("2020-08-03", 695), ck("2020-09-07", 320), ck("2020-10-26", 240)],
      { latest: "CK 240 U/L", previous: "CK 320 U/L", peak: "CK 695 U/L", range: "25–200 U/L", latestTimesUln: 1.2 },
    ],
    ["the peak is left out when it is the latest", [ck("2020-06-05", 96), ck("2020-08-03", 695)], { latest: "CK 695 U/L", previous: "CK 96 U/L", peak: undefined, range: "25–200 U/L", latestTimesUln: 3.475 }],
    ["a peak before the window does not count", [ck("2019-06-05", 900), ck("2020-08-03", 300), ck("2020-09-07", 250)], { latest: "CK 250 U/L", previous: "CK 300 U/L", peak: "CK 300 U/L", range: "25–200 U/L", latestTimesUln: 1.25 }],
  ])("%s", (_, events, expected) => {
    const [lab] = mdtSummary(events, { from: "2020-01-01", to: "2020-12-31" }).labs;
    expect(formatLabResult(lab.name, lab.latest)).toBe(expected.latest);
    expect(lab.previous && formatLabResult(lab.name, lab.previous)).toBe(expected.previous);
    expect(lab.peak && formatLabResult(lab.name, lab.peak)).toBe(expected.peak);
    expect(lab.latest.rangeText).toBe(expected.range);
    expect(lab.latest.timesUln).toBe(expected.latestTimesUln);
  });
});

describe("immunosuppression in force", () => {
  const course = [pred("2020-08-09", "2020-08-30", 40), pred("2020-08-31", "2020-09-20", 30), pred("2020-10-21", undefined, 15)];
  it.each([
    ["2020-08-15", ["40 mg/day"]],
    ["2020-08-31", ["30 mg/day"]],
    ["2020-10-01", []],
    ["2020-12-31", ["15 mg/day"]],
    ["2020-08-01", []],
  ])("on %s: %j", (asOf, doses) => {
    expect(immunosuppressionOn(course, asOf).map((m) => m.dose)).toEqual(doses);
  });
});

describe("the pack's window and alerts", () => {
  const model = buildTimeline([ck("2019-03-01", 80), ck("2020-10-26", 240)]);
  it.each([
    ["no window: the last 12 months of the record", undefined, undefined, { from: "2019-10-26", to: "2020-10-26" }],
    ["as asked", "2020-06-01", "2020-09-30", { from: "2020-06-01", to: "2020-09-30" }],
    ["a malformed end falls back", "2020-02-30", "yesterday", { from: "2019-10-26", to: "2020-10-26" }],
    ["reversed: put the right way round", "2020-09-30", "2020-06-01", { from: "2020-06-01", to: "2020-09-30" }],
  ])("%s", (_, from, to, expected) => {
    expect(mdtWindow(model, from, to)).toMatchObject(expected);
  });

  it("keeps open and acknowledged alerts, and those whose flare began in the window, most recent first", () => {
    const alerts = [
      { key: "old-resolved", status: "resolved", episodeStart: "2019-01-01" },
      { key: "old-open", status: "open", episodeStart: "2019-02-01" },
      { key: "recent-dismissed", status: "dismissed", episodeStart: "2020-08-03" },
      { key: "acknowledged", status: "acknowledged", episodeStart: "2020-09-01" },
    ];
    expect(alertsForPack(alerts, { from: "2020-01-01", to: "2020-12-31" }).map((a) => a.key)).toEqual(["acknowledged", "recent-dismissed", "old-open"]);
  });
});
