import { calendarDayOf, formatDayNumber, formatRelativeDay } from "./axis";
import type { DayNumber } from "./types";
import type { TimeWindow } from "./viewport";

export interface Tick {
  x: DayNumber;
  label: string;
}

const DAY_STEPS = [1, 2, 7, 14];
const MONTH_STEPS = [1, 2, 3, 6];
const YEAR_STEPS = [1, 2, 5, 10, 20, 50, 100];
const DAYS_PER_MONTH = 30.44;

function monthStart(year: number, monthIndex: number): DayNumber {
  return Date.UTC(year, monthIndex, 1) / 86_400_000;
}

/**
 * Calendar ticks for a window, at most `maxTicks`: whole days, weeks, the 1st of every 1, 2, 3 or 6
 * months, or the 1st of January every 1, 2, 5... years; the finest step that fits. Labels are full dates
 * ("1 Mar 2021"), as every date in Flarewatch is written.
 */
export function calendarTicks([from, to]: TimeWindow, maxTicks: number): Tick[] {
  const span = to - from;
  const fits = (stepDays: number) => span / stepDays <= Math.max(1, maxTicks);
  const ticks: DayNumber[] = [];
  const dayStep = DAY_STEPS.find(fits);
  if (dayStep !== undefined) {
    for (let d = Math.ceil(from / dayStep) * dayStep; d <= to; d += dayStep) ticks.push(d);
  } else {
    const monthStep = MONTH_STEPS.find((m) => fits(m * DAYS_PER_MONTH));
    const [y0, m0] = calendarDayOf(from).split("-").map(Number);
    if (monthStep !== undefined) {
      for (let i = (m0 - 1) - ((m0 - 1) % monthStep), year = y0; ; i += monthStep) {
        const d = monthStart(year + Math.floor(i / 12), i % 12);
        if (d > to) break;
        if (d >= from) ticks.push(d);
      }
    } else {
      const yearStep = YEAR_STEPS.find((y) => fits(y * 365.25)) ?? Math.ceil(span / 365.25 / Math.max(1, maxTicks));
      for (let year = Math.ceil(y0 / yearStep) * yearStep; ; year += yearStep) {
        const d = monthStart(year, 0);
        if (d > to) break;
        if (d >= from) ticks.push(d);
      }
    }
  }
  return ticks.map((x) => ({ x, label: formatDayNumber(x) }));
}

const RELATIVE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

/** Ticks in days from day 0 (`origin`), at multiples of a round number of days; day 0 is one when in view. */
export function relativeTicks([from, to]: TimeWindow, origin: DayNumber, maxTicks: number): Tick[] {
  const span = to - from;
  const step = RELATIVE_STEPS.find((s) => span / s <= Math.max(1, maxTicks)) ?? RELATIVE_STEPS[RELATIVE_STEPS.length - 1];
  const ticks: Tick[] = [];
  for (let k = Math.ceil((from - origin) / step); origin + k * step <= to; k++) {
    ticks.push({ x: origin + k * step, label: formatRelativeDay(k * step) });
  }
  return ticks;
}

/** 1, 2, 2.5, 5 or 10 × a power of ten, the smallest at or above `value` (for an open-ended y axis). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value * (1 - 1e-12))!;
  return Number((step * power).toPrecision(12));
}

/**
 * The y range of a ×ULN log axis: from the values' minimum to their maximum, widened to 1–2–5 steps,
 * and always containing 0.5–2×ULN so the 1×ULN line is in view. `floor` is the lane's log floor.
 */
export function logDomain(values: readonly number[], floor: number): [number, number] {
  let lo = 0.5;
  let hi = 2;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [Math.max(floor, stepAtOrBelow(Math.max(lo, floor))), stepAtOrAbove(hi)];
}

function stepAtOrBelow(v: number): number {
  const power = 10 ** Math.floor(Math.log10(v));
  const m = [5, 2, 1].find((s) => s * power <= v * (1 + 1e-12)) ?? 1;
  return Number((m * power).toPrecision(12));
}

function stepAtOrAbove(v: number): number {
  const power = 10 ** Math.floor(Math.log10(v));
  const m = [1, 2, 5, 10].find((s) => s * power >= v * (1 - 1e-12)) ?? 10;
  return Number((m * power).toPrecision(12));
}

/** 1–2–5 values between lo and hi inclusive. */
function logSteps(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let power = Math.floor(Math.log10(lo)); 10 ** power <= hi * 10; power++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** power).toPrecision(12));
      if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.push(v);
    }
  }
  return out;
}

/** Ticks for a log axis over `domain`: 1–2–5 steps, thinned to powers of ten when more than `maxTicks`; 1 always. */
export function logTicks([lo, hi]: [number, number], maxTicks: number): number[] {
  const all = logSteps(lo, hi);
  if (all.length <= maxTicks) return all;
  const tens = all.filter((v) => Number.isInteger(Math.log10(v)) || Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  if (tens.length <= maxTicks) return tens;
  const every = Math.ceil(tens.length / maxTicks);
  return tens.filter((v) => v === 1 || Math.round(Math.log10(v)) % every === 0);
}

/** "0.5×ULN", "1×ULN", "20×ULN": a tick or value of a ×ULN axis with its unit. */
export function formatUlnTick(v: number): string {
  return `${Number(v.toPrecision(3))}×ULN`;
}

/** A tick of a linear axis with its unit beside it: "100 mm", "40 mg/day". */
export function formatTick(v: number, unit: string): string {
  return `${Number(v.toPrecision(6))} ${unit}`;
}
