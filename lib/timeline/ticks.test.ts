import { describe, expect, it } from "vitest";
import { calendarTicks, dayNumber as x, formatTick, formatUlnTick, logDomain, logTicks, niceCeiling, relativeTicks } from "./index";

const labels = (ticks: { label: string }[]) => ticks.map((t) => t.label);

describe("time ticks", () => {
  it("puts calendar ticks on the 1st of months, written as full dates", () => {
    expect(labels(calendarTicks([x("2019-12-20"), x("2020-11-01")], 6))).toEqual(["1 Jan 2020", "1 Mar 2020", "1 May 2020", "1 Jul 2020", "1 Sep 2020", "1 Nov 2020"]);
    expect(labels(calendarTicks([x("2019-12-20"), x("2020-11-01")], 4))).toEqual(["1 Jan 2020", "1 Apr 2020", "1 Jul 2020", "1 Oct 2020"]);
  });

  it("uses days for short windows and years for long ones", () => {
    expect(labels(calendarTicks([x("2020-08-01"), x("2020-08-05")], 8))).toEqual(["1 Aug 2020", "2 Aug 2020", "3 Aug 2020", "4 Aug 2020", "5 Aug 2020"]);
    expect(labels(calendarTicks([x("2012-01-01"), x("2021-12-31")], 6))).toEqual(["1 Jan 2012", "1 Jan 2014", "1 Jan 2016", "1 Jan 2018", "1 Jan 2020"]);
  });

  it("never gives more ticks than asked", () => {
    for (const [from, to] of [[0, 1], [0, 40], [0, 400], [0, 4000], [0, 40000]]) {
      for (const max of [2, 4, 8]) expect(calendarTicks([from, to], max).length).toBeLessThanOrEqual(max + 1);
    }
  });

  it("counts relative days in round steps from day 0, before it too", () => {
    const origin = x("2020-01-06");
    expect(labels(relativeTicks([origin - 17, origin + 300], origin, 6))).toEqual(["day 0", "day 100", "day 200", "day 300"]);
    expect(labels(relativeTicks([origin - 120, origin + 60], origin, 8))).toEqual(["day −100", "day −50", "day 0", "day 50"]);
    expect(relativeTicks([origin - 120, origin + 60], origin, 8)[2].x).toBe(origin);
  });
});

describe("y axes", () => {
  it("rounds an open-ended axis up to a round number", () => {
    expect([0, 7, 96, 118, 250, 1000].map(niceCeiling)).toEqual([1, 10, 100, 200, 250, 1000]);
  });

  it("keeps the 1×ULN line in view on the ×ULN log axis", () => {
    expect(logDomain([3.475, 0.44], 0.01)).toEqual([0.2, 5]);
    expect(logDomain([1.1, 1.2], 0.01)).toEqual([0.5, 2]);
    expect(logDomain([0, 40], 0.01)).toEqual([0.01, 50]);
  });

  it("gives 1–2–5 log ticks, thinned to powers of ten when crowded, always with 1", () => {
    expect(logTicks([0.2, 5], 6)).toEqual([0.2, 0.5, 1, 2, 5]);
    expect(logTicks([0.01, 50], 5)).toEqual([0.01, 0.1, 1, 10]);
    expect(logTicks([0.01, 50], 2)).toContain(1);
  });

  it("writes ticks with their units", () => {
    expect(formatUlnTick(0.5)).toBe("0.5×ULN");
    expect(formatTick(40, "mg/day")).toBe("40 mg/day");
  });
});
