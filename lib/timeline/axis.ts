import { describeEvent, eventKindNames, formatClinicalDate, type ClinicalDate, type TimelineEvent } from "@/lib/events";
import type { DayNumber, ReferenceChoice, TimeAxis } from "./types";

const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;

/**
 * Days since 1970-01-01 of the calendar day, plus the time of day as a fraction for a time-precision
 * date. Computed from the recorded fields in UTC arithmetic, so no time zone can move a day.
 */
export function dayNumber(date: ClinicalDate): DayNumber {
  const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
  if (date.length <= 10) return day;
  return day + (Number(date.slice(11, 13)) * 60 + Number(date.slice(14, 16))) / MINUTES_PER_DAY;
}

/** Where an event sits on the axis; a day-precision event sits at the start of its day. */
export function eventX(event: Pick<TimelineEvent, "occurredAt" | "datePrecision">): DayNumber {
  return dayNumber(event.datePrecision === "day" ? event.occurredAt.slice(0, 10) : event.occurredAt);
}

/** The calendar day that contains x. */
export function calendarDayOf(x: DayNumber): ClinicalDate {
  return new Date(Math.floor(x) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** "12 Mar 2021" for the day under x; pass withTime to add "14:05" when x carries a time of day. */
export function formatDayNumber(x: DayNumber, withTime = false): string {
  const day = calendarDayOf(x);
  const minutes = Math.round((x - Math.floor(x)) * MINUTES_PER_DAY);
  if (!withTime || minutes === 0 || minutes === MINUTES_PER_DAY) return formatClinicalDate(day);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return formatClinicalDate(`${day}T${hh}:${mm}`);
}

/** Whole days from the origin to the day under x (negative before day 0). */
export function relativeDay(axis: Pick<TimeAxis, "origin">, x: DayNumber): number {
  return Math.floor(x) - axis.origin;
}

/** "day 0", "day 210", "day −14" (a true minus sign). */
export function formatRelativeDay(days: number): string {
  return days < 0 ? `day −${-days}` : `day ${days}`;
}

function referenceLabel(event: TimelineEvent, lastOfModality = false): string {
  if (event.kind === "diagnosis") return `Diagnosis: ${event.payload.name}`;
  if (event.kind === "treatment_cycle") {
    const { lineOfTherapy, regimen, cycleNumber } = event.payload;
    return `Line ${lineOfTherapy} start: ${regimen.charAt(0).toUpperCase()}${regimen.slice(1)} cycle ${cycleNumber}`;
  }
  if (event.kind === "imaging") return `${lastOfModality ? "The last " : ""}${event.payload.modality}`;
  if (event.kind === "procedure") return `Procedure: ${event.payload.name}`;
  if (event.kind === "radiotherapy") return `Radiotherapy: ${event.payload.site}`;
  return eventKindNames[event.kind];
}

/** Kinds whose every event can be day 0 from the axis menu ("days from the last CT"). */
const ANCHOR_KINDS: ReadonlySet<TimelineEvent["kind"]> = new Set(["diagnosis", "imaging", "procedure", "radiotherapy"]);

/**
 * What day 0 can be: every diagnosis (cancer, DM, progression, other), the first cycle of each line of
 * therapy, every imaging study ("the last CT"), procedure and radiotherapy: the moments a clinician counts
 * days from. `also` adds one more event of any kind (the one asked for by ?ref=), so any event can be day 0.
 * `events` are current events in clinical order.
 */
export function referenceChoices(events: readonly TimelineEvent[], also?: string): ReferenceChoice[] {
  const linesSeen = new Set<number>();
  const firstCycles = new Set<string>();
  const lastImaging = new Map<string, string>();
  for (const e of events) if (e.kind === "imaging") lastImaging.set(e.payload.modality.toLowerCase(), e.id);
  const chosen = events.filter((e) => {
    if (ANCHOR_KINDS.has(e.kind)) return true;
    if (e.kind === "treatment_cycle" && !linesSeen.has(e.payload.lineOfTherapy)) {
      linesSeen.add(e.payload.lineOfTherapy);
      firstCycles.add(e.id);
      return true;
    }
    return e.id === also;
  });
  return chosen
    .map((e) => {
      const last = e.kind === "imaging" && lastImaging.get(e.payload.modality.toLowerCase()) === e.id;
      const what = ANCHOR_KINDS.has(e.kind) || firstCycles.has(e.id) ? referenceLabel(e, last) : `${eventKindNames[e.kind]}: ${describeEvent(e)}`;
      return { eventId: e.id, x: eventX(e), date: e.occurredAt, label: `${what}, ${formatClinicalDate(e.occurredAt)}` };
    })
    .sort((a, b) => a.x - b.x);
}

/** The default reference: the earliest cancer diagnosis, else the first event. */
function defaultReference(events: readonly TimelineEvent[]): TimelineEvent | undefined {
  return events.find((e) => e.kind === "diagnosis" && e.payload.role === "cancer") ?? events[0];
}

/**
 * The shared axis. `events` are current events in clinical order; `extraXs` are other positions that must
 * fit (alerts). The domain covers everything, before day 0 included: nothing is clipped.
 */
export function buildAxis(events: readonly TimelineEvent[], extraXs: readonly DayNumber[], referenceEventId?: string): TimeAxis {
  let min = Infinity;
  let max = -Infinity;
  const include = (x: number) => {
    if (x < min) min = x;
    if (x > max) max = x;
  };
  for (const e of events) {
    include(eventX(e));
    if (e.endedAt !== undefined) include(dayNumber(e.endedAt));
  }
  extraXs.forEach(include);

  const chosen = (referenceEventId !== undefined ? events.find((e) => e.id === referenceEventId) : undefined) ?? defaultReference(events);
  const domain: [number, number] = min === Infinity ? [0, 0] : [min, max];
  const choices = referenceChoices(events, chosen?.id);
  if (!chosen) return { domain, origin: Math.floor(domain[0]), choices };
  const label = choices.find((c) => c.eventId === chosen.id)?.label ?? `${referenceLabel(chosen)}, ${formatClinicalDate(chosen.occurredAt)}`;
  return { domain, origin: Math.floor(eventX(chosen)), reference: { eventId: chosen.id, date: chosen.occurredAt, label }, choices };
}
