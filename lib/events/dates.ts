import { z } from "zod";

/**
 * A clinical date as it was recorded: a calendar day ("2021-03-12") or a wall-clock time on that
 * day ("2021-03-12T14:05"), with no time zone. A day stays a day: it is never turned into an instant,
 * so nothing drifts across midnight whatever the server's or the browser's time zone.
 */
export type ClinicalDate = string;
/** How precisely a clinical date was recorded: a day, or a time on that day. */
export const datePrecisions = ["day", "time"] as const;
export type DatePrecision = (typeof datePrecisions)[number];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MS_PER_DAY = 86_400_000;

function isRealDay(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isClinicalDate(value: string): boolean {
  const time = TIME.exec(value);
  if (time) {
    const [, y, m, d, hh, mm] = time.map(Number);
    return isRealDay(y, m, d) && hh < 24 && mm < 60;
  }
  const day = DAY.exec(value);
  return day !== null && isRealDay(Number(day[1]), Number(day[2]), Number(day[3]));
}

export const clinicalDate = z
  .string({ error: "Enter a date" })
  .trim()
  .refine(isClinicalDate, { error: "Enter a real date as YYYY-MM-DD, or YYYY-MM-DDTHH:MM with a time" });

export function precisionOf(date: ClinicalDate): DatePrecision {
  return date.length > 10 ? "time" : "day";
}

/** The calendar day of a clinical date. */
export function dayOf(date: ClinicalDate): string {
  return date.slice(0, 10);
}

/**
 * The wall-clock value as a Date whose UTC fields hold the recorded fields. Used only to store in a
 * `timestamp without time zone` column and to do day arithmetic; never shown through a local time zone.
 */
export function toWallClock(date: ClinicalDate): Date {
  return new Date(`${precisionOf(date) === "day" ? `${date}T00:00` : date}:00Z`);
}

export function fromWallClock(value: Date, precision: DatePrecision): ClinicalDate {
  const iso = value.toISOString();
  return precision === "day" ? iso.slice(0, 10) : iso.slice(0, 16);
}

/** Whole days from `from` to `to` (by calendar day; times of day are ignored). */
export function daysBetween(from: ClinicalDate, to: ClinicalDate): number {
  return Math.round((toWallClock(dayOf(to)).getTime() - toWallClock(dayOf(from)).getTime()) / MS_PER_DAY);
}

export function addDays(date: ClinicalDate, days: number): ClinicalDate {
  const shifted = new Date(toWallClock(date).getTime() + days * MS_PER_DAY);
  return fromWallClock(shifted, precisionOf(date));
}

/** Orders clinical dates; a day-precision date sorts before any time on that day. */
export function compareClinicalDates(a: ClinicalDate, b: ClinicalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "12 Mar 2021" or "12 Mar 2021 14:05": the month in letters, so nobody confuses 03/12 and 12/03. */
export function formatClinicalDate(date: ClinicalDate): string {
  const [y, m, d] = date.slice(0, 10).split("-");
  const day = `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
  return precisionOf(date) === "time" ? `${day} ${date.slice(11, 16)}` : day;
}

/** Today's calendar day where the user is; pass the user's offset from the browser when known. */
export function todayIn(timeZone?: string, now: Date = new Date()): ClinicalDate {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return parts;
}

/** "12 days ago", "5 months ago", "3 years ago": how long since a clinical date, in words. */
export function formatAgo(date: ClinicalDate, today: ClinicalDate): string {
  const days = daysBetween(date, today);
  if (days < 0) return "in the future";
  if (days === 0) return "today";
  if (days < 90) return `${days} day${days === 1 ? "" : "s"} ago`;
  if (days < 730) return `${Math.round(days / 30.44)} months ago`;
  return `${Math.floor(days / 365.25)} years ago`;
}
