import { describe, expect, it } from "vitest";
import type { EventKind, PayloadOf } from "@/lib/events";
import {
  activitySeries,
  cdasiActivitySeries,
  currentEvents,
  formatLabValue,
  formatReferenceRange,
  labSeries,
  mmt8Series,
  proximalWeaknessSeries,
  skinGradeSeries,
} from "./index";
import { input, stored, type Envelope } from "@/lib/events/testing";

function ev<K extends EventKind>(kind: K, occurredAt: string, payload: PayloadOf<K>, extra: Envelope = {}) {
  return stored(input(kind, occurredAt, payload), extra);
}

const ck = (date: string, value: number, extra: Envelope = {}) =>
  ev("lab_result", date, { analyte: "ck", value, unit: "U/L", referenceRange: { low: 25, high: 200 } }, extra);

describe("current events", () => {
  it("drops entered-in-error events and keeps only the latest version of each", () => {
    const first = ck("2020-08-03", 695, { id: "ck1", version: 1 });
    const amended = ck("2020-08-03", 659, { id: "ck1", version: 2, status: "amended" });
    const mistaken = ck("2020-08-04", 9999, { status: "entered_in_error" });
    const retracted = [ck("2020-08-05", 1, { id: "x", version: 1 }), ck("2020-08-05", 1, { id: "x", version: 2, status: "entered_in_error" })];
    const kept = currentEvents([amended, mistaken, first, ...retracted]);
    expect(kept.map((e) => [e.id, e.version])).toEqual([["ck1", 2]]);
  });

  it("orders by clinical date, then id, whatever the input order", () => {
    const events = [ck("2020-08-03T14:00", 1, { id: "b" }), ck("2020-08-03", 2, { id: "c" }), ck("2020-08-03T14:00", 3, { id: "a" }), ck("2020-08-01", 4, { id: "z" })];
    expect(currentEvents(events).map((e) => e.id)).toEqual(["z", "c", "a", "b"]);
  });
});

describe("skin and muscle scores", () => {
  const events = [
    ev("skin_assessment", "2020-08-03", { grade: 3, cdasiActivity: 28, signs: ["shawl-sign", "heliotrope"] }),
    ev("skin_assessment", "2020-06-20", { grade: 1, signs: [] }),
    ev("muscle_assessment", "2020-08-03", { mmt8: { score: 62, scale: 80 }, proximalWeaknessMrc: 3.5 }),
    ev("muscle_assessment", "2020-09-03", { mmt8: { score: 128, scale: 150 } }),
    ev("muscle_assessment", "2020-09-10", { dysphagia: true }),
    ev("skin_assessment", "2020-08-10", { grade: 4, signs: [] }, { status: "entered_in_error" }),
  ];

  it("gives the skin grade series with its signs, in date order", () => {
    expect(skinGradeSeries(events).map((p) => [p.date, p.value, p.signs])).toEqual([
      ["2020-06-20", 1, []],
      ["2020-08-03", 3, ["shawl-sign", "heliotrope"]],
    ]);
  });

  it("gives CDASI activity only where it was scored", () => {
    expect(cdasiActivitySeries(events).map((p) => [p.date, p.value])).toEqual([["2020-08-03", 28]]);
  });

  it("keeps the MMT-8 scale with each score", () => {
    expect(mmt8Series(events).map((p) => [p.value, p.scale])).toEqual([
      [62, 80],
      [128, 150],
    ]);
  });

  it("gives proximal weakness as MRC grades, half grades included", () => {
    expect(proximalWeaknessSeries(events).map((p) => p.value)).toEqual([3.5]);
  });
});

describe("lab series", () => {
  it("keeps value, unit, comparator, the printed range and ×ULN against that result's own range", () => {
    const events = [
      ck("2020-08-03", 695),
      ev("lab_result", "2020-08-03", { analyte: "ck", value: 300, unit: "U/L", referenceRange: { low: 30, high: 150 } }),
      ev("lab_result", "2020-08-03", { analyte: "crp", value: 4, comparator: "<", unit: "mg/L", referenceRange: { high: 5 } }),
      ev("lab_result", "2020-08-03", { analyte: "wbc", value: 11.4, unit: "10*9/L" }),
    ];
    const [a, b] = labSeries(events, "ck");
    expect(a).toMatchObject({ value: 695, unit: "U/L", rangeText: "25–200 U/L", timesUln: 695 / 200 });
    expect(b).toMatchObject({ value: 300, rangeText: "30–150 U/L", timesUln: 2 });
    const [crp] = labSeries(events, "crp");
    expect(crp).toMatchObject({ comparator: "<", rangeText: "< 5 mg/L", timesUln: 0.8 });
    expect(formatLabValue(crp)).toBe("< 4 mg/L");
    const [wbc] = labSeries(events, "wbc");
    expect(wbc.timesUln).toBeUndefined();
    expect(wbc.rangeText).toBeUndefined();
    expect(formatLabValue(wbc)).toBe("11.4 ×10⁹/L");
  });

  it("keeps every result of the same day, ordered by time then id", () => {
    const events = [ck("2020-08-03T16:30", 3, { id: "late" }), ck("2020-08-03", 1, { id: "m" }), ck("2020-08-03", 2, { id: "k" })];
    expect(labSeries(events, "ck").map((p) => p.eventId)).toEqual(["k", "m", "late"]);
  });

  it("leaves entered-in-error results out", () => {
    expect(labSeries([ck("2020-08-03", 695, { status: "entered_in_error" })], "ck")).toEqual([]);
  });

  it.each([
    [{ low: 25, high: 200 }, "U/L", "25–200 U/L"],
    [{ high: 5 }, "mg/L", "< 5 mg/L"],
    [{ low: 4 }, "10*9/L", "> 4 ×10⁹/L"],
    [{}, "U/L", undefined],
    [undefined, "U/L", undefined],
  ])("prints the range %j in %s as %s", (range, unit, text) => {
    expect(formatReferenceRange(range, unit)).toBe(text);
  });

  it("builds every series in one call", () => {
    const all = activitySeries([ck("2020-08-03", 695), ev("skin_assessment", "2020-08-03", { grade: 2, signs: [] })]);
    expect(all.labs.ck).toHaveLength(1);
    expect(all.skinGrade).toHaveLength(1);
    expect(all.mmt8).toEqual([]);
  });
});
