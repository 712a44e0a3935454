import { describe, expect, it } from "vitest";
import {
  MIN_WINDOW_DAYS,
  adjacentEventDay,
  brushWindow,
  buildTimeline,
  clampWindow,
  dayNumber as x,
  eventDays,
  laneOf,
  nearestEventDay,
  padWindow,
  pointsInWindow,
  stepLine,
  windowShowing,
  zoomWindow,
} from "./index";
import { seedCase } from "./fixtures";

const model = buildTimeline(seedCase());

describe("windows", () => {
  it("pads a window so that the first and last days are drawn whole, and widens a single day", () => {
    expect(padWindow([0, 100])).toEqual([-2, 102]);
    expect(padWindow([0, 10])).toEqual([-1, 11]);
    const [from, to] = padWindow([50, 50]);
    expect(to - from).toBe(MIN_WINDOW_DAYS + 2);
    expect((from + to) / 2).toBe(50);
  });

  it("keeps windows inside their limits by moving them", () => {
    expect(clampWindow([-10, 10], [0, 100])).toEqual([0, 20]);
    expect(clampWindow([95, 115], [0, 100])).toEqual([80, 100]);
    expect(clampWindow([-10, 200], [0, 100])).toEqual([0, 100]);
  });

  it("zooms around a point that stays where it is on screen", () => {
    expect(zoomWindow([0, 100], 25, 0.5, [0, 100])).toEqual([12.5, 62.5]);
    expect(zoomWindow([12.5, 62.5], 25, 2, [0, 100])).toEqual([0, 100]);
    expect(zoomWindow([0, 100], 50, 0.001, [0, 100])).toEqual([48.5, 51.5]);
  });

  it("turns a brushed range, dragged either way, into a window", () => {
    expect(brushWindow(60, 20, [0, 100])).toEqual([20, 60]);
    expect(brushWindow(99.5, 99.6, [0, 100])).toEqual([100 - MIN_WINDOW_DAYS, 100]);
  });

  it("follows the crosshair when the keyboard moves it out of view", () => {
    expect(windowShowing([0, 100], 50, [0, 1000])).toEqual([0, 100]);
    expect(windowShowing([0, 100], 150, [0, 1000])).toEqual([55, 155]);
    expect(windowShowing([100, 200], 20, [0, 1000])).toEqual([15, 115]);
  });
});

describe("the crosshair's event days", () => {
  const days = eventDays(model);

  it("lists each day with something drawn once, in order, earlier than day 0 included", () => {
    expect(days[0]).toBe(x("2019-12-20"));
    expect(days).toContain(x("2020-08-03"));
    expect(days).toContain(x("2020-01-27")); // radiotherapy start
    expect(new Set(days).size).toBe(days.length);
    expect([...days].sort((a, b) => a - b)).toEqual(days);
  });

  it("steps to the next and previous event day", () => {
    expect(adjacentEventDay(days, x("2020-08-03") + 0.7, 1)).toBe(x("2020-08-04"));
    expect(adjacentEventDay(days, x("2020-08-03"), -1)).toBe(x("2020-06-04"));
    expect(adjacentEventDay(days, days[0], -1)).toBeUndefined();
    expect(adjacentEventDay(days, days[days.length - 1], 1)).toBeUndefined();
  });

  it("snaps to an event day only when one is near", () => {
    expect(nearestEventDay(days, x("2020-08-02") + 0.9, 1)).toBe(x("2020-08-03"));
    expect(nearestEventDay(days, x("2020-07-01"), 3)).toBeUndefined();
  });
});

describe("what a window draws", () => {
  it("takes the points inside the window and one either side", () => {
    const ck = laneOf(model, "muscle").series[0];
    const shown = pointsInWindow(ck.points, [x("2020-08-10"), x("2020-09-01")]);
    expect(shown.map((p) => p.eventId)).toEqual(["ck-repeat", "ck-2", "ck-3"]);
    expect(pointsInWindow(ck.points, [x("2030-01-01"), x("2031-01-01")]).map((p) => p.eventId)).toEqual(["ck-4"]);
  });

  it("holds a dose that was never stopped to the end, and leaves a stopped one at zero", () => {
    const [pred] = laneOf(model, "immunosuppression").series;
    expect(stepLine(pred, x("2021-01-01")).at(-1)).toEqual({ x: x("2020-11-01"), y: 0 });
    const ongoing = { ...pred, points: pred.points.slice(0, 2) };
    expect(stepLine(ongoing, x("2021-01-01")).at(-1)).toEqual({ x: x("2021-01-01"), y: 30 });
  });
});
