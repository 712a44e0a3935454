import { formatClinicalDate } from "@/lib/events";
import { dayNumber } from "../axis";
import { table } from "../series";
import type { AlertMarker, AlertsLane, DayNumber, TimelineAlert } from "../types";

/**
 * Alerts at the time they fired, each linked to its evidence: the chart can draw a line from the marker
 * to every evidence event it shows. Alerts are never downsampled.
 */
export function alertsLane(alerts: readonly TimelineAlert[], positions: ReadonlyMap<string, DayNumber>): AlertsLane {
  const markers: AlertMarker[] = alerts
    .map((a) => ({
      ...(a.status !== undefined ? { status: a.status } : {}),
      x: dayNumber(a.date),
      key: a.key,
      dateLabel: formatClinicalDate(a.date),
      priority: a.priority,
      reason: a.reason,
      evidence: a.evidenceIds.map((eventId) => {
        const x = positions.get(eventId);
        return x === undefined ? { eventId } : { eventId, x };
      }),
    }))
    .sort((a, b) => a.x - b.x || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = markers.map((m) => ({
    key: `alert:${m.key}`,
    x: m.x,
    cells: [m.dateLabel, m.priority, m.status ?? "—", m.reason, `${m.evidence.length} ${m.evidence.length === 1 ? "event" : "events"}`],
  }));
  return {
    id: "alerts",
    title: "Alerts",
    markers,
    series: [],
    table: table("Alerts", ["Date", "Priority", "Status", "Reason", "Evidence"], rows),
    notes: [],
  };
}
