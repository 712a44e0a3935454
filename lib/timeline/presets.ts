import { calendarDayOf, dayNumber } from "./axis";
import type { DayNumber, TimelineModel } from "./types";

export const windowPresets = ["all", "last-year", "last-6-months", "current-line"] as const;
export type WindowPreset = (typeof windowPresets)[number];

/** The same calendar day `months` earlier, clamped to the month's end (31 Aug − 6 months = 29 Feb). */
function monthsBefore(x: DayNumber, months: number): DayNumber {
  const [y, m, d] = calendarDayOf(x).split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const day = `${target.toISOString().slice(0, 8)}${String(Math.min(d, lastDay)).padStart(2, "0")}`;
  return dayNumber(day) + (x - Math.floor(x));
}

/**
 * [from, to] for a zoom preset. Every window ends at the end of the record (the last event), not at
 * today, so the function stays pure. "last-year" and "last-6-months" count calendar months back from
 * there and may start before the first event (the time scale stays what it says). "current-line" starts
 * at the first cycle of the most recently started line of therapy; with no cycles it shows everything.
 */
export function windowFor(model: TimelineModel, preset: WindowPreset): [DayNumber, DayNumber] {
  const [first, last] = model.axis.domain;
  switch (preset) {
    case "all":
      return [first, last];
    case "last-year":
      return [monthsBefore(last, 12), last];
    case "last-6-months":
      return [monthsBefore(last, 6), last];
    case "current-line": {
      const lines = model.lanes[1].lines;
      if (lines.length === 0) return [first, last];
      const latest = lines.reduce((a, b) => (b.from >= a.from ? b : a));
      return [latest.from, last];
    }
  }
}
