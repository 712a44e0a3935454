import { compareClinicalDates, type TimelineEvent } from "@/lib/events";

/** Clinical order: by when it happened, then by id so that same-day events keep a stable order. */
export function byClinicalOrder(a: { occurredAt: string; id: string }, b: { occurredAt: string; id: string }): number {
  return compareClinicalDates(a.occurredAt, b.occurredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The events that count for charting: the latest version of each logical event, minus those marked
 * entered-in-error (a mistaken entry stays in the record but must not draw a point), in clinical order.
 * Taking the latest version first means an event whose newest version is entered-in-error disappears
 * entirely rather than falling back to an older version.
 */
export function currentEvents<E extends TimelineEvent>(events: readonly E[]): E[] {
  const latest = new Map<string, E>();
  for (const event of events) {
    const seen = latest.get(event.id);
    if (!seen || event.version > seen.version) latest.set(event.id, event);
  }
  return [...latest.values()].filter((event) => event.status !== "entered_in_error").sort(byClinicalOrder);
}
