import { describe, expect, it } from "vitest";
import { addDays, formatAgo, daysBetween, formatClinicalDate, fromWallClock, isClinicalDate, precisionOf, toWallClock } from "./dates";

describe("clinical dates", () => {
  it.each([
    ["2021-03-12", true],
    ["2021-03-12T14:05", true],
    ["2020-02-29", true],
    ["2021-02-29", false],
    ["2021-13-01", false],
    ["2021-03-12T24:00", false],
    ["12/03/2021", false],
    ["2021-03-12T14:05:00Z", false],
    ["", false],
  ])("%s is %s", (value, valid) => {
    expect(isClinicalDate(value)).toBe(valid);
  });

  it("shows the month in words so day and month cannot be swapped", () => {
    expect(formatClinicalDate("2021-03-12")).toBe("12 Mar 2021");
    expect(formatClinicalDate("2021-12-03T08:30")).toBe("3 Dec 2021 08:30");
  });

  it("keeps a day a day through storage whatever the time zone", () => {
    for (const day of ["2021-03-12", "2020-12-31", "2021-01-01"]) {
      expect(fromWallClock(toWallClock(day), "day")).toBe(day);
    }
    expect(fromWallClock(toWallClock("2021-03-12T23:59"), "time")).toBe("2021-03-12T23:59");
    expect(precisionOf("2021-03-12")).toBe("day");
    expect(precisionOf("2021-03-12T00:00")).toBe("time");
  });

  it("counts calendar days across month ends and leap days", () => {
    expect(daysBetween("2020-02-28", "2020-03-01")).toBe(2);
    expect(daysBetween("2021-03-12T23:00", "2021-03-13T01:00")).toBe(1);
    expect(addDays("2020-12-31", 1)).toBe("2021-01-01");
    expect(addDays("2021-03-01", -1)).toBe("2021-02-28");
  });
});

describe("how long ago", () => {
  it.each([
    ["2021-03-12", "2021-03-12", "today"],
    ["2021-03-11", "2021-03-12", "1 day ago"],
    ["2021-01-01", "2021-03-12", "70 days ago"],
    ["2020-03-12", "2021-03-12", "12 months ago"],
    ["2016-12-04", "2026-11-25", "9 years ago"],
  ])("%s seen on %s is %s", (date, today, words) => {
    expect(formatAgo(date, today)).toBe(words);
  });
});
