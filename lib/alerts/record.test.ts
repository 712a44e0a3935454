import { describe, expect, it } from "vitest";
import { addDays, compareClinicalDates, daysBetween } from "@/lib/events";
import { currentEvents, dayNumber } from "./record";
import { enteredInError, event, shuffled, skin } from "./testing";

describe("the record the rule reads", () => {
  it("counts days exactly as lib/events does, across month ends, leap days and centuries", () => {
    for (let date = "1900-01-01"; date < "2101-01-01"; date = addDays(date, 13)) {
      expect(dayNumber(date)).toBe(daysBetween("1970-01-01", date));
    }
    expect(dayNumber("2000-02-29T23:59")).toBe(daysBetween("1970-01-01", "2000-02-29"));
  });

  it("orders events by clinical date as compareClinicalDates does, then by id", () => {
    const dates = ["2020-08-03T10:30", "2020-08-03", "2020-08-02T23:59", "2020-08-03T09:05", "2019-12-31", "2020-08-03T10:30"];
    const events = dates.map((date, i) => event(`e${i}`, "note", date, { text: "x" }));
    const expected = [...events].sort((a, b) => compareClinicalDates(a.occurredAt, b.occurredAt) || a.id.localeCompare(b.id)).map((e) => e.id);
    for (const seed of [1, 2, 3]) expect(currentEvents(shuffled(events, seed)).map((e) => e.id)).toEqual(expected);
    expect(expected).toEqual(["e4", "e2", "e1", "e3", "e0", "e5"]);
  });

  it.each([
    ["a day covers the whole day", "2020-08-03", ["day", "morning", "evening"]],
    ["a time leaves out later times that day", "2020-08-03T10:30", ["day", "morning"]],
    ["the day before", "2020-08-02", []],
  ])("now as %s", (_rule, now, expected) => {
    const events = [
      event("day", "note", "2020-08-03", { text: "x" }),
      event("morning", "note", "2020-08-03T10:30", { text: "x" }),
      event("evening", "note", "2020-08-03T18:00", { text: "x" }),
    ];
    expect(currentEvents(events, now).map((e) => e.id)).toEqual(expected);
  });

  it("keeps the latest version of each event and drops those entered in error", () => {
    const first = skin("s1", 0, 3);
    const amended = { ...skin("s1", 5, 1), versionId: "s1@2", version: 2, status: "amended" as const };
    expect(currentEvents([amended, first]).map((e) => [e.id, e.version])).toEqual([["s1", 2]]);
    expect(currentEvents([first, enteredInError(first)])).toEqual([]);
  });
});
