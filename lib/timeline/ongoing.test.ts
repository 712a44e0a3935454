import { describe, expect, it } from "vitest";
import { buildTimeline, carriedTumourStatus, dayNumber as x, eventDays, laneOf, readoutAt } from "./index";
import { ev, seedCase } from "./fixtures";

/*
 * What a clinician reads | what the chart must do
 * A topical steroid started 4 Mar 2026, no end date | drawn from 4 Mar 2026 to today (leaving the plot at its
 *   right edge with an arrow; the axis keeps the record's extent), "ongoing since 4 Mar 2026"
 * The same steroid, window 1–30 Nov 2026 (after its start) | still in the readout of 15 Nov 2026
 * The same steroid with an end date | drawn to its end date only, never "ongoing"
 * A medication dated after today (back-dated today, wrong year) | not drawn backwards: no ongoing span
 * Last CT 18 Aug 2020 = PD, window from 1 Jan 2021 | "PD since 18 Aug 2020" carried into the window
 * Before the first assessment (baseline only) | no status claimed
 */
const TODAY = "2026-12-01";
const steroid = (extra: Parameters<typeof ev>[3] = {}) =>
  ev("medication", "2026-03-04", { drug: "clobetasol", role: "immunosuppression", strength: "0.05%", route: "topical" }, { id: "clob-2026", ...extra });

describe("ongoing treatments", () => {
  it("draws a medication without an end date up to today, and reads it out as ongoing", () => {
    const model = buildTimeline([...seedCase(), steroid()], { today: TODAY });
    const lane = laneOf(model, "immunosuppression");
    const span = lane.otherMedications.find((m) => m.eventId === "clob-2026")!;
    expect(span).toMatchObject({ from: x("2026-03-04"), to: x(TODAY), ongoing: true, label: "Clobetasol 0.05% topical, ongoing since 4 Mar 2026" });
    // The axis keeps the record's own extent (a 2020 case is not stretched to 2026 by one open span).
    expect(model.axis.domain).toEqual(buildTimeline([...seedCase(), steroid()]).axis.domain);
    expect(lane.table.rows.find((r) => r.key === "other:clob-2026")?.cells[2]).toBe("Clobetasol 0.05% topical, ongoing (no end date recorded)");
  });

  it("keeps it in the readout of a zoomed window that starts after it began", () => {
    const model = buildTimeline([...seedCase(), steroid()], { today: TODAY });
    // No event of its own lies in 1–30 Nov 2026: the readout still says the steroid is being used.
    expect(eventDays(model).filter((d) => d >= x("2026-11-01") && d <= x("2026-11-30"))).toEqual([]);
    const lane = readoutAt(model, x("2026-11-15")).lanes.find((l) => l.lane === "immunosuppression")!;
    expect(lane.context).toContain("Clobetasol 0.05% topical, ongoing since 4 Mar 2026");
  });

  it("never calls a medication with an end date ongoing", () => {
    const model = buildTimeline([...seedCase(), steroid({ endedAt: "2026-05-01" })], { today: TODAY });
    const span = laneOf(model, "immunosuppression").otherMedications.find((m) => m.eventId === "clob-2026")!;
    expect(span.ongoing).toBeUndefined();
    expect(span.to).toBe(x("2026-05-01"));
    expect(readoutAt(model, x("2026-11-15")).lanes.find((l) => l.lane === "immunosuppression")!.context).toEqual([]);
  });

  it("does not draw an ongoing span backwards from a start after today, nor without a today", () => {
    const future = buildTimeline([...seedCase(), steroid()], { today: "2026-01-01" });
    expect(laneOf(future, "immunosuppression").otherMedications.find((m) => m.eventId === "clob-2026")?.ongoing).toBeUndefined();
    const noToday = buildTimeline([...seedCase(), steroid()]);
    expect(laneOf(noToday, "immunosuppression").otherMedications.find((m) => m.eventId === "clob-2026")?.ongoing).toBeUndefined();
  });
});

describe("the tumour status carried into a window", () => {
  const model = buildTimeline(seedCase(), { today: TODAY });
  const tumour = laneOf(model, "tumour");

  it("says the last assessment's response and its date for a window after it", () => {
    expect(carriedTumourStatus(tumour, x("2021-01-01"))).toMatchObject({ response: "PD", label: "PD since 18 Aug 2020" });
    const lane = readoutAt(model, x("2021-01-01")).lanes.find((l) => l.lane === "tumour")!;
    expect(lane.context).toContain("Last assessment: PD since 18 Aug 2020");
  });

  it("takes the assessment of that very day, and the earlier one the day before", () => {
    expect(carriedTumourStatus(tumour, x("2020-08-18"))?.label).toBe("PD since 18 Aug 2020");
    expect(carriedTumourStatus(tumour, x("2020-08-17"))?.label).toBe("SD since 4 Jun 2020");
  });

  it("claims nothing before the first assessment (a baseline has no response)", () => {
    expect(carriedTumourStatus(tumour, x("2020-01-10"))).toBeUndefined();
  });
});

describe("alert status on the chart", () => {
  it("shows each alert's status in its table and the readout", () => {
    const model = buildTimeline(seedCase(), {
      alerts: [{ key: "a1", date: "2020-08-03", priority: "high", evidenceIds: ["ck-admission"], reason: "CK 695 U/L", status: "Acknowledged by Dr A on 4 Aug 2020" }],
    });
    const lane = laneOf(model, "alerts");
    expect(lane.table.columns).toEqual(["Date", "Priority", "Status", "Reason", "Evidence"]);
    expect(lane.table.rows[0].cells[2]).toBe("Acknowledged by Dr A on 4 Aug 2020");
    const read = readoutAt(model, x("2020-08-03")).lanes.find((l) => l.lane === "alerts")!;
    expect(read.events).toEqual(["high (Acknowledged by Dr A on 4 Aug 2020): CK 695 U/L"]);
  });
});
