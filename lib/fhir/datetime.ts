import { isClinicalDate, precisionOf, type ClinicalDate } from "@/lib/events";

/**
 * Clinical dates ↔ FHIR dateTime. A day stays a day ("2020-08-03" both ways). A time of day is a
 * wall-clock time in the clinic's time zone; FHIR wants a time with its offset, so export adds the
 * zone's offset on that day and import turns any offset back into the clinic's wall clock. Seconds
 * are not kept: Flarewatch records clinical times to the minute.
 */

const FHIR_DATE_TIME = /^(\d{4})(-(\d{2})(-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

function zoneFields(instantMs: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** The zone's offset from UTC, in minutes, at an instant. */
function offsetAt(instantMs: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  const f = zoneFields(instantMs, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return "Z";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Throws RangeError for a zone name the runtime does not know. */
export function assertTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat("en-GB", { timeZone });
}

/**
 * The instant a wall-clock time stands for in a zone, as Temporal's `disambiguation: "compatible"`
 * (ECMAScript Temporal; RFC 5545 does the same): a time repeated when the clocks go back is the earlier
 * of the two instants; a time skipped when they go forward is read with the offset in force before the
 * change, so 02:30 on a night that jumps from 02:00 to 03:00 is 03:30.
 */
export function wallClockInstant(wallAsUtc: number, timeZone: string): number {
  const day = 86_400_000;
  const before = offsetAt(wallAsUtc - day, timeZone);
  const after = offsetAt(wallAsUtc + day, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((instant) => wallAsUtc - offsetAt(instant, timeZone) * 60_000 === instant);
  if (candidates.length > 0) return Math.min(...candidates);
  return wallAsUtc - before * 60_000;
}

export function toFhirDateTime(date: ClinicalDate, timeZone: string): string {
  if (precisionOf(date) === "day") return date;
  const instant = wallClockInstant(Date.parse(`${date}:00Z`), timeZone);
  const offset = offsetAt(instant, timeZone);
  const wall = new Date(instant + offset * 60_000).toISOString().slice(0, 16);
  return `${wall}:00${formatOffset(offset)}`;
}

export type ParsedDate = { ok: true; date: ClinicalDate } | { ok: false; message: string };

export function fromFhirDateTime(value: unknown, timeZone: string): ParsedDate {
  if (typeof value !== "string") return { ok: false, message: "Give the date as a FHIR dateTime (YYYY-MM-DD, or with a time and its offset)" };
  const m = FHIR_DATE_TIME.exec(value);
  if (!m) return { ok: false, message: `"${value}" is not a FHIR dateTime` };
  if (m[5] === undefined) return { ok: false, message: `"${value}" gives no day: Flarewatch records events to the day` };
  const day = `${m[1]}-${m[3]}-${m[5]}`;
  if (m[6] === undefined) {
    return isClinicalDate(day) ? { ok: true, date: day } : { ok: false, message: `"${value}" is not a real date` };
  }
  if (m[12] === undefined) return { ok: false, message: `"${value}" has a time but no offset (FHIR requires one, e.g. Z or +01:00)` };
  const wall = `${day}T${m[7]}:${m[8]}`;
  if (!isClinicalDate(wall) || (m[10] !== undefined && Number(m[10]) > 59)) return { ok: false, message: `"${value}" is not a real date and time` };
  const instant = Date.parse(`${wall}:${m[10] ?? "00"}${m[12]}`);
  const local = new Date(instant + offsetAt(instant, timeZone) * 60_000).toISOString().slice(0, 16);
  return { ok: true, date: local };
}
