import { describe, expect, it } from "vitest";
import { calendarDayOf, dayNumber, formatDayNumber, formatRelativeDay } from "./index";

describe("day numbers", () => {
  it.each([
    ["1970-01-01", 0],
    ["1970-01-02", 1],
    ["1969-12-31", -1],
    ["2020-08-03", 18477],
    ["2020-08-03T12:00", 18477.5],
    ["2020-08-03T18:00", 18477.75],
  ])("%s is day %d", (date, day) => {
    expect(dayNumber(date)).toBe(day);
  });

  it("maps back to the calendar day and the time of day", () => {
    expect(calendarDayOf(18477.99)).toBe("2020-08-03");
    expect(formatDayNumber(dayNumber("2020-08-03T14:05"), true)).toBe("3 Aug 2020 14:05");
    expect(formatDayNumber(dayNumber("2020-08-03T14:05"))).toBe("3 Aug 2020");
    expect(formatDayNumber(dayNumber("2020-02-29"))).toBe("29 Feb 2020");
  });

  it("labels relative days with a true minus sign", () => {
    expect([-14, 0, 210].map(formatRelativeDay)).toEqual(["day −14", "day 0", "day 210"]);
  });
});
