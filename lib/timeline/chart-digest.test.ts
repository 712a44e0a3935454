import { describe, expect, it } from "vitest";
import { buildTimeline, laneOf } from "./index";
import { chartForPage, digestRecord, keptEvents, monthOf, monthStart, overviewModel } from "./chart-digest";
import { generatedPatient, seedCase } from "./fixtures";

const alerts = [{ key: "a1", date: "2020-06-02", priority: "high", evidenceIds: ["ck-before", "nope"], reason: "CK rising" }];
const overviewOf = (events: ReturnType<typeof seedCase>) => {
  const digests = digestRecord(events);
  return overviewModel(keptEvents(events, digests), digests);
};

describe("the chart overview", () => {
  it("is the chart itself when no month has more than its shape points (the seed case)", () => {
    const events = seedCase();
    const evidence = events.filter((e) => e.id === "ck-before");
    expect(chartForPage(overviewOf(events), { alerts, evidence, today: "2030-01-01" })).toEqual(buildTimeline(events, { alerts, today: "2030-01-01" }));
    const reference = buildTimeline(events).axis.choices.at(-1)!.eventId;
    expect(chartForPage(overviewOf(events), { referenceEventId: reference, alerts, evidence, today: "2030-01-01" })).toEqual(buildTimeline(events, { alerts, referenceEventId: reference, today: "2030-01-01" }));
  });

  it("on 20 000 events keeps every series' extremes, totals, axis and sparse lanes, with a few points per month", () => {
    const events = generatedPatient(20_000);
    const full = buildTimeline(events);
    const overview = overviewOf(events);
    expect(overview.axis).toEqual(full.axis);
    expect(laneOf(overview, "tumour")).toEqual(laneOf(full, "tumour"));
    expect(laneOf(overview, "treatment")).toEqual(laneOf(full, "treatment"));
    expect(laneOf(overview, "immunosuppression")).toEqual(laneOf(full, "immunosuppression"));
    for (const lane of ["skin", "muscle"] as const) {
      const shown = laneOf(overview, lane).series;
      expect(shown.map((s) => s.id)).toEqual(laneOf(full, lane).series.map((s) => s.id));
      for (const s of laneOf(full, lane).series) {
        const o = shown.find((c) => c.id === s.id)!;
        const ys = (points: { y: number }[]) => points.map((p) => p.y);
        expect(o.counts.total).toBe(s.counts.total);
        expect(Math.max(...ys(o.points))).toBe(Math.max(...ys(s.points)));
        expect(Math.min(...ys(o.points))).toBe(Math.min(...ys(s.points)));
        const months = new Set(s.points.map((p) => monthOf(p.date))).size;
        expect(o.points.length).toBeLessThanOrEqual(Math.max(4 * months, 1) + 2 * months * 4);
      }
    }
    // This fixture is heavy on imaging and treatment, which are never thinned: only the dense lanes shrink.
    const dense = (m: typeof full) => JSON.stringify([laneOf(m, "skin"), laneOf(m, "muscle")]).length;
    expect(dense(overview)).toBeLessThan(dense(full) * 0.7);
  });

  it("keeps both results around a crossing of 1×ULN inside a month", () => {
    const events = generatedPatient(3000, 7);
    const overview = overviewOf(events);
    const full = buildTimeline(events, { maxPointsPerSeries: 100_000 });
    const ck = laneOf(full, "muscle").series.find((s) => s.id === "lab-ck")!.points;
    const kept = new Set(laneOf(overview, "muscle").series.find((s) => s.id === "lab-ck")!.points.map((p) => p.eventId));
    for (let k = 1; k < ck.length; k++) {
      if (ck[k - 1].y > 1 !== ck[k].y > 1) expect([kept.has(ck[k - 1].eventId), kept.has(ck[k].eventId)]).toEqual([true, true]);
    }
  });

  it("keeps of the labs no lane shows (CRP, WBC) only what places the axis: a month's first and last", () => {
    const base = generatedPatient(3000, 11);
    const day = (d: string) => ({ occurredAt: d, datePrecision: "day" as const });
    const crp = (id: string, date: string, value: number) =>
      ({ ...base.find((e) => e.kind === "lab_result")!, id, ...day(date), payload: { analyte: "crp", value, unit: "mg/L", referenceRange: { high: 5 } } }) as (typeof base)[number];
    const first = base.map((e) => e.occurredAt).sort()[0];
    const last = base.map((e) => e.occurredAt).sort().at(-1)!;
    // CRP every day of one month, and one before the first and one after the last event of the record.
    const daily = Array.from({ length: 28 }, (_, i) => crp(`crp-${i}`, `2019-02-${String(i + 1).padStart(2, "0")}`, 3 + (i % 9)));
    const events = [...base, ...daily, crp("crp-early", `${Number(first.slice(0, 4)) - 1}-01-15`, 2), crp("crp-late", `${Number(last.slice(0, 4)) + 1}-06-15`, 40)];
    const digests = digestRecord(events);
    const kept = new Set(keptEvents(events, digests).map((e) => e.id));
    expect(daily.filter((e) => kept.has(e.id)).map((e) => e.id)).toEqual(["crp-0", "crp-27"]);
    expect(overviewModel(keptEvents(events, digests), digests).axis).toEqual(buildTimeline(events).axis);
  });

  it("numbers months across years", () => {
    expect(monthOf("2023-12-31")).toBe(2023 * 12 + 11);
    expect(monthStart(monthOf("2023-12-31") + 1)).toBe("2024-01-01");
  });
});
