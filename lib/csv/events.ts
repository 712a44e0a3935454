import { describeEvent, type TimelineEvent } from "@/lib/events";
import { csvRecord } from "./parse";

/** A patient's events as CSV: one row per current event, the summary a clinician reads and the full payload. */
export const eventCsvColumns = ["event id", "version", "status", "kind", "date", "end date", "date precision", "summary", "payload (JSON)", "recorded at", "recorded by", "recorded role"];

export function eventsCsv(events: readonly TimelineEvent[]): string {
  const rows = events.map((e) =>
    csvRecord([e.id, e.version, e.status, e.kind, e.occurredAt, e.endedAt, e.datePrecision, describeEvent(e), JSON.stringify(e.payload), e.recordedAt, e.recordedBy, e.recordedRole]),
  );
  return `${[csvRecord(eventCsvColumns), ...rows].join("\r\n")}\r\n`;
}
