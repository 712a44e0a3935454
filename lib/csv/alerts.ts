import { csvRecord } from "./parse";

/** What a row of the alerts CSV needs; the services' AlertView has all of it. */
export interface AlertCsvRow {
  patientIdentifier: string;
  patientName: string;
  priority: "high" | "normal";
  status: string;
  /** The flare episode's first finding (YYYY-MM-DD). */
  episodeStart: string;
  reason: string;
  evidence: readonly string[];
  /** An instant (ISO 8601). */
  raisedAt: string;
  acknowledgementNote?: string;
}

/** The cohort's alerts as CSV, for an MDT list or a spreadsheet: one row per alert, in the order given. */
export const alertCsvColumns = ["patient identifier", "patient name", "priority", "status", "flare date", "reason", "evidence count", "raised at", "acknowledged note"];

export function alertsCsv(alerts: readonly AlertCsvRow[]): string {
  const rows = alerts.map((a) =>
    csvRecord([a.patientIdentifier, a.patientName, a.priority, a.status, a.episodeStart, a.reason, a.evidence.length, a.raisedAt, a.acknowledgementNote]),
  );
  return `${[csvRecord(alertCsvColumns), ...rows].join("\r\n")}\r\n`;
}
