import { describe, expect, it } from "vitest";
import { eventInput } from "@/lib/events";
import { RECENCY_DAYS, anchorToToday, courses, generateCohort } from "./cohort";

/*
 * The demo cohort dated relative to the seeding day, as a clinician opening the worklist reads it:
 * | seeding day   | what the cohort looks like                                                   |
 * | 1 Dec 2026    | every record's last event 2 days to 4 months before it, none after it         |
 * | same day again| the very same cohort (deterministic for a seed and a day)                     |
 * | 1 Mar 2027    | the same records, all moved by the same 90 days                                |
 * Intervals inside a record (flare to scan, cycle to cycle) never change: only whole records move.
 */
const TODAY = "2026-12-01";
const latestOf = (events: { occurredAt: string; endedAt?: string }[]) => events.flatMap((e) => [e.occurredAt.slice(0, 10), ...(e.endedAt ? [e.endedAt.slice(0, 10)] : [])]).sort().at(-1)!;

describe("the demo cohort relative to the seeding day", () => {
  const cohort = generateCohort({ patients: 2 * courses.length, today: TODAY });

  it("puts each record's last event days to months before today, and nothing after it", () => {
    cohort.forEach((p, i) => {
      expect(latestOf(p.events), p.patient.identifier).toBe(new Date(Date.parse(TODAY) - RECENCY_DAYS[i % RECENCY_DAYS.length] * 86_400_000).toISOString().slice(0, 10));
      for (const e of p.events) expect(eventInput.safeParse(e).success, JSON.stringify(e)).toBe(true);
    });
    // Some records end within the last fortnight: recent flares and young alerts in the inbox.
    expect(cohort.filter((p) => latestOf(p.events) >= "2026-11-17").length).toBeGreaterThanOrEqual(courses.length / 2);
  });

  it("is the same for the same day, and moves whole records by whole days for another day", () => {
    expect(generateCohort({ patients: 2 * courses.length, today: TODAY })).toEqual(cohort);
    const later = generateCohort({ patients: 2 * courses.length, today: "2027-03-01" });
    later.forEach((p, i) => {
      expect(p.patient).toEqual(cohort[i].patient);
      p.events.forEach((e, j) => {
        const before = cohort[i].events[j];
        expect((Date.parse(e.occurredAt.slice(0, 10)) - Date.parse(before.occurredAt.slice(0, 10))) / 86_400_000).toBe(90);
        expect(e.occurredAt.slice(10)).toBe(before.occurredAt.slice(10));
      });
    });
  });

  it("keeps intervals inside a record, times of day included", () => {
    const moved = anchorToToday(
      [
        { kind: "note", occurredAt: "2020-01-01T09:30", payload: { text: "a" } },
        { kind: "medication", occurredAt: "2020-01-05", endedAt: "2020-02-01", payload: { drug: "prednisolone", role: "immunosuppression", route: "oral" } },
      ] as never,
      TODAY,
      0,
    );
    expect(moved.map((e) => [e.occurredAt, e.endedAt])).toEqual([
      ["2026-10-31T09:30", undefined],
      ["2026-11-04", TODAY],
    ]);
  });
});
