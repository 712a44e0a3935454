import "server-only";
import { audited, changePatient, seePatient, txSql, type AuditNote, type Tx } from "./access";
import { listAlerts } from "./alerts";
import { alertsCsv, eventsCsv, readLabCsv, type LabCsvRow } from "@/lib/csv";
import type { FieldErrors } from "@/lib/events";
import type { ServiceContext } from "./context";
import { writeToRecord } from "./events";
import { writeImportedEvents } from "./import-writer";
import { invalid, ok, type Result } from "./result";
import { queryTimeline } from "./timeline-query";

export type LabCsvPreviewRow = LabCsvRow & { alreadyImported?: boolean };

export interface LabCsvPreview {
  patientId: string;
  rows: LabCsvPreviewRow[];
  counts: { rows: number; valid: number; invalid: number; alreadyImported: number };
}

export interface LabCsvImport extends LabCsvPreview {
  created: number;
  unchanged: number;
  updated: number;
}

function fieldErrorsOf(rows: LabCsvRow[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const row of rows) if (!row.ok) for (const e of row.errors) (errors[`line ${row.line}: ${e.column}`] ??= []).push(e.message);
  return errors;
}

async function preview(tx: Tx, ctx: ServiceContext, note: AuditNote, patientId: string, csv: string): Promise<Result<LabCsvPreview>> {
  const allowed = await changePatient(tx, ctx, note, patientId);
  if (!allowed.ok) return allowed;
  const read = readLabCsv(csv);
  if (!read.ok) return invalid({ file: [read.message] }, read.message);
  const keys = read.rows.flatMap((r) => (r.ok ? [r.key] : []));
  const known = new Set(
    (await tx.$queryRawUnsafe<{ sourceKey: string }[]>(`SELECT "sourceKey" FROM "Event" WHERE "patientId" = $1::uuid AND "sourceKey" = ANY($2::text[])`, patientId, keys)).map((r) => r.sourceKey),
  );
  const rows: LabCsvPreviewRow[] = read.rows.map((r) => (r.ok && known.has(r.key) ? { ...r, alreadyImported: true } : r));
  const valid = rows.filter((r) => r.ok).length;
  note.detail = `${rows.length} rows, ${rows.length - valid} invalid`;
  return ok({
    patientId,
    rows,
    counts: { rows: rows.length, valid, invalid: rows.length - valid, alreadyImported: rows.filter((r) => r.ok && r.alreadyImported).length },
  });
}

/** Each row of a lab CSV as it will be stored, or why it cannot be; nothing is written. */
export function previewLabCsv(ctx: ServiceContext, patientId: string, csv: string): Promise<Result<LabCsvPreview>> {
  return audited(ctx, "lab-csv.preview", (tx, note) => preview(tx, ctx, note, patientId, csv));
}

/**
 * Imports a lab CSV into a patient's record in one transaction, only if every row is valid. A row
 * imported before (same day, analyte, result and unit) is left as it is.
 */
export async function importLabCsv(ctx: ServiceContext, patientId: string, csv: string): Promise<Result<LabCsvImport>> {
  return writeToRecord(
    ctx,
    "lab-csv.import",
    async (tx, note) => {
      const checked = await preview(tx, ctx, note, patientId, csv);
      if (!checked.ok) return checked;
      const rows = checked.value.rows;
      if (checked.value.counts.invalid > 0) {
        return invalid(fieldErrorsOf(rows), `${checked.value.counts.invalid} row${checked.value.counts.invalid === 1 ? " needs" : "s need"} correcting; nothing was imported`);
      }
      const items = rows.flatMap((r) => (r.ok ? [{ key: r.key, event: r.event }] : []));
      const decisions = await writeImportedEvents(tx, patientId, items, ctx.actor, { patientIsNew: false });
      const count = (outcome: string) => decisions.filter((d) => d.outcome === outcome).length;
      note.eventIds = decisions.filter((d) => d.outcome === "created" || d.outcome === "updated").map((d) => d.eventId);
      return ok({ ...checked.value, created: count("created"), unchanged: count("unchanged"), updated: count("updated") });
    },
    { timeout: 120_000 },
  );
}

/** The patient's current events as CSV (RFC 4180, with a header row). */
export async function exportEventsCsv(ctx: ServiceContext, patientId: string): Promise<Result<{ csv: string; identifier: string }>> {
  return audited(ctx, "patient.export.csv", async (tx, note) => {
    const seen = await seePatient(tx, ctx, note, patientId);
    if (!seen.ok) return seen;
    const patient = await tx.patient.findUniqueOrThrow({ where: { id: patientId }, select: { identifier: true } });
    const events = await queryTimeline(txSql(tx), patientId, {});
    note.detail = `${events.length} events`;
    return ok({ csv: eventsCsv(events), identifier: patient.identifier });
  });
}

/** The cohort's open and acknowledged alerts as CSV, high priority first, then the oldest flare. */
export async function exportOpenAlertsCsv(ctx: ServiceContext): Promise<Result<string>> {
  const alerts = await listAlerts(ctx, { status: "active" }, "alert.export.csv");
  if (!alerts.ok) return alerts;
  return ok(alertsCsv(alerts.value));
}
