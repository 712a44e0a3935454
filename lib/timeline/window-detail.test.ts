import { describe, expect, it } from "vitest";
import { buildTimeline, dayNumber, laneOf } from "./index";
import { chartForPage, digestRecord, keptEvents, overviewModel } from "./chart-digest";
import { generatedPatient, seedCase } from "./fixtures";
import { coversRange, detailRange, thinnedSeries, withWindowDetail, type DetailRange } from "./window-detail";
import type { TimelineEvent } from "@/lib/events";

const overviewOf = (events: TimelineEvent[]) => {
  const digests = digestRecord(events);
  return overviewModel(keptEvents(events, digests), digests);
};
/** What GET /api/v1/patients/:id/chart?from=&to= answers: the chart of every event in the window. */
const windowModelOf = (events: TimelineEvent[], range: DetailRange) =>
  buildTimeline(events.filter((e) => e.occurredAt.slice(0, 10) >= range.from && e.occurredAt.slice(0, 10) <= range.to));

const events = generatedPatient(20_000);
const full = buildTimeline(events, { maxPointsPerSeries: 100_000 });
const alerts = [{ key: "a1", date: "2015-03-10", priority: "high", evidenceIds: ["gen-5000"], reason: "CK rising", status: "Open" }];
const page = chartForPage(overviewOf(events), { alerts, evidence: events.filter((e) => e.id === "gen-5000"), today: "2030-01-01" });

describe("a zoomed window at full detail", () => {
  it("is asked for only when the overview was thinned, the window is not the whole record and spans at most two years", () => {
    expect(thinnedSeries(page).length).toBeGreaterThan(0);
    expect(detailRange(page, page.axis.domain)).toBeUndefined();
    expect(detailRange(page, [dayNumber("2013-01-01"), dayNumber("2016-01-01")])).toBeUndefined();
    // Widened to whole months, so a small pan reuses what was fetched.
    expect(detailRange(page, [dayNumber("2015-03-04"), dayNumber("2015-03-28")])).toEqual({ from: "2015-03-01", to: "2015-03-31" });
    expect(detailRange(page, [dayNumber("2015-12-20"), dayNumber("2016-02-03")])).toEqual({ from: "2015-12-01", to: "2016-02-29" });
    // The seed case's overview is the chart itself: nothing to fetch.
    const seed = overviewOf(seedCase());
    expect(thinnedSeries(seed)).toEqual([]);
    expect(detailRange(seed, [dayNumber("2020-03-01"), dayNumber("2020-04-01")])).toBeUndefined();
    expect(coversRange({ from: "2015-01-01", to: "2015-06-30" }, { from: "2015-03-01", to: "2015-03-31" })).toBe(true);
    expect(coversRange({ from: "2015-03-01", to: "2015-03-31" }, { from: "2015-03-01", to: "2015-04-30" })).toBe(false);
  });

  it("draws every result of the window, the overview's elsewhere, and keeps the other lanes and the alerts", () => {
    const range = { from: "2015-03-01", to: "2015-03-31" };
    const merged = withWindowDetail(page, windowModelOf(events, range), range);
    const [start, end] = [dayNumber(range.from), dayNumber(range.to) + 1];
    const inside = (x: number) => x >= start && x < end;
    for (const lane of ["skin", "muscle"] as const) {
      for (const s of laneOf(merged, lane).series) {
        const all = laneOf(full, lane).series.find((f) => f.id === s.id)!;
        const before = laneOf(page, lane).series.find((f) => f.id === s.id)!;
        // Inside the window: exactly every point of the record (the overview had only a few).
        expect(s.points.filter((p) => inside(p.x))).toEqual(all.points.filter((p) => inside(p.x)));
        // Outside: the overview, untouched, so the line still runs to the window's edges.
        expect(s.points.filter((p) => !inside(p.x))).toEqual(before.points.filter((p) => !inside(p.x)));
        expect(s.points.map((p) => p.x)).toEqual([...s.points.map((p) => p.x)].sort((a, b) => a - b));
        expect(s.counts).toEqual({ total: all.counts.total, shown: s.points.length });
      }
      const rows = laneOf(merged, lane).table.rows;
      expect(rows.filter((r) => inside(r.x))).toEqual(laneOf(full, lane).table.rows.filter((r) => inside(r.x)));
      expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    }
    const ck = laneOf(merged, "muscle").series.find((s) => s.id === "lab-ck")!;
    const overviewCk = laneOf(page, "muscle").series.find((s) => s.id === "lab-ck")!;
    expect(ck.points.filter((p) => inside(p.x)).length).toBeGreaterThan(overviewCk.points.filter((p) => inside(p.x)).length);
    // Never thinned, and the window model has no alerts: these stay the overview's own objects.
    for (const lane of ["tumour", "treatment", "immunosuppression", "alerts"] as const) expect(laneOf(merged, lane)).toBe(laneOf(page, lane));
    expect(laneOf(merged, "alerts").markers[0].status).toBe("Open");
    expect(merged.axis).toBe(page.axis);
  });

  it("takes nothing from the window model outside its range, and merging twice changes nothing", () => {
    const range = { from: "2015-03-01", to: "2015-03-31" };
    const wide = windowModelOf(events, { from: "2015-01-01", to: "2015-06-30" });
    const merged = withWindowDetail(page, wide, range);
    expect(merged).toEqual(withWindowDetail(page, windowModelOf(events, range), range));
    expect(withWindowDetail(merged, wide, range)).toEqual(merged);
  });
});
