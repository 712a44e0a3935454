import "server-only";
import { patientRead, patientWrite, txSql, type RecordNote, type Tx } from "@/lib/service";
import { clinicToday } from "./clinic";
import { listAlerts } from "./inbox";
import { alertsCsv, eventsCsv, readLabCsv, type LabCsvRow } from "@/lib/csv";
import { implausibleValues, type Confirmation, type FieldErrors } from "@/lib/events";
import type { ServiceContext } from "./context";
import { writeToRecord } from "./events";
import { writeImportedEvents } from "./import-writer";
import { invalid, needsConfirmation, ok, type Result } from "./result";
import { queryTimeline } from "./timeline-query";

/** A row as it will be stored, with any value far outside what is usually seen (to confirm before importing). */
export type LabCsvPreviewRow = LabCsvRow & { alreadyImported?: boolean; implausible?: string[] };

export interface LabCsvPreview {
  patientId: string;
  rows: LabCsvPreviewRow[];
  counts: { rows: number; valid: number; invalid: number; alreadyImported: number; implausible: number };
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

/** The preview inside a write the kernel has checked (previewLabCsv, and the first part of importLabCsv). */
async function preview(tx: Tx, note: RecordNote, patientId: string, csv: string): Promise<Result<LabCsvPreview>> {
  const read = readLabCsv(csv, clinicToday());
  if (!read.ok) return invalid({ file: [read.message] }, read.message);
  const keys = read.rows.flatMap((r) => (r.ok ? [r.key] : []));
  const known = new Set(
    (await tx.$queryRawUnsafe<{ sourceKey: string }[]>(`SELECT "sourceKey" FROM "Event" WHERE "patientId" = $1::uuid AND "sourceKey" = ANY($2::text[])`, patientId, keys)).map((r) => r.sourceKey),
  );
  const rows: LabCsvPreviewRow[] = read.rows.map((r) => {
    if (!r.ok) return r;
    // The same plausibility check as a form's (lib/events/entry-checks.ts): CK above 100 000 U/L.
    const implausible = implausibleValues(r.event).map((found) => found.message);
    return { ...r, ...(known.has(r.key) && { alreadyImported: true }), ...(implausible.length > 0 && { implausible }) };
  });
  const valid = rows.filter((r) => r.ok).length;
  note.detail = `${rows.length} rows, ${rows.length - valid} invalid`;
  return ok({
    patientId,
    rows,
    counts: {
      rows: rows.length,
      valid,
      invalid: rows.length - valid,
      alreadyImported: rows.filter((r) => r.ok && r.alreadyImported).length,
      implausible: rows.filter((r) => r.ok && r.implausible !== undefined).length,
    },
  });
}

/** Each row of a lab CSV as it will be stored, or why it cannot be; nothing is written. */
export function previewLabCsv(ctx: ServiceContext, patientId: string, csv: string): Promise<Result<LabCsvPreview>> {
  // Writes nothing, but only a clinical writer previews an import: checked as a write.
  return patientWrite(ctx, "lab-csv.preview", patientId, (tx, note) => preview(tx, note, patientId, csv));
}

/**
 * Rows written per transaction. PGlite has one connection: a 30 000-row file in one transaction held it
 * for 10 s and every other user's request waited that long. In parts of this size each transaction
 * takes a fraction of a second, and other requests are served between them.
 */
export const LAB_CSV_BATCH_ROWS = 2_000;

/**
 * Imports a lab CSV into a patient's record, only if every row is valid and any implausible value
 * (CK above 100 000 U/L) has been confirmed (`confirm: ["implausible"]`, else needs_confirmation). A row imported before (same
 * day, analyte, result and unit) is left as it is. Up to `batchRows` rows this is one transaction; a
 * larger file is checked whole in the first transaction, which writes the first part, and the rest is
 * written in parts of `batchRows`, each its own transaction with its audit row and alert
 * re-evaluation, so a long import does not stall everyone else. Should the server stop between parts,
 * importing the same file again adds only the rows not yet imported.
 */
export async function importLabCsv(ctx: ServiceContext, patientId: string, csv: string, options: { batchRows?: number; confirm?: readonly Confirmation[] } = {}): Promise<Result<LabCsvImport>> {
  const batchRows = Math.max(1, options.batchRows ?? LAB_CSV_BATCH_ROWS);
  let checked: LabCsvPreview | undefined;
  let items: { key: string; event: LabCsvRowEvent }[] = [];
  const totals = { created: 0, unchanged: 0, updated: 0 };
  const writePart = async (tx: Tx, note: RecordNote, part: typeof items) => {
    const decisions = await writeImportedEvents(tx, patientId, part, ctx.actor, { patientIsNew: false });
    for (const d of decisions) if (d.outcome === "created" || d.outcome === "unchanged" || d.outcome === "updated") totals[d.outcome] += 1;
    note.eventIds = decisions.filter((d) => d.outcome === "created" || d.outcome === "updated").map((d) => d.eventId);
  };
  const first = await writeToRecord(
    ctx,
    "lab-csv.import",
    patientId,
    async (tx, note) => {
      const preview_ = await preview(tx, note, patientId, csv);
      if (!preview_.ok) return preview_;
      const rows = preview_.value.rows;
      if (preview_.value.counts.invalid > 0) {
        return invalid(fieldErrorsOf(rows), `${preview_.value.counts.invalid} row${preview_.value.counts.invalid === 1 ? " needs" : "s need"} correcting; nothing was imported`);
      }
      // A value far outside what is usually seen is imported only once the importer has confirmed it, as in a form.
      const implausible = rows.filter((r) => r.ok && r.implausible !== undefined);
      if (implausible.length > 0 && !options.confirm?.includes("implausible")) {
        return needsConfirmation(implausible.flatMap((r) => (r.implausible ?? []).map((message) => ({ kind: "implausible" as const, path: `line ${r.line}: value`, message }))));
      }
      checked = preview_.value;
      items = rows.flatMap((r) => (r.ok ? [{ key: r.key, event: r.event }] : []));
      if (items.length > batchRows) note.detail = `${note.detail}; part 1 of ${Math.ceil(items.length / batchRows)}`;
      await writePart(tx, note, items.slice(0, batchRows));
      return ok(null);
    },
    { timeout: 120_000 },
  );
  if (!first.ok) return first;
  const parts = Math.ceil(items.length / batchRows);
  for (let part = 2; part <= parts; part++) {
    // PGlite runs each query synchronously in WebAssembly, and a promise chain never gives the event
    // loop a turn: without this pause the parts would follow one another before any other request was
    // even read from its socket. One turn lets waiting requests queue for the connection first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const slice = items.slice((part - 1) * batchRows, part * batchRows);
    const written = await writeToRecord(ctx, "lab-csv.import", patientId, async (tx, note) => {
      note.detail = `${slice.length} rows; part ${part} of ${parts}`;
      await writePart(tx, note, slice);
      return ok(null);
    });
    if (!written.ok) {
      const imported = (part - 1) * batchRows;
      return { ok: false, error: { ...written.error, message: `${written.error.message} The first ${imported} rows were imported; import the same file again to add the rest.` } };
    }
  }
  return ok({ ...checked!, ...totals });
}

type LabCsvRowEvent = Extract<LabCsvRow, { ok: true }>["event"];

export async function exportEventsCsv(ctx: ServiceContext, patientId: string): Promise<Result<{ csv: string; identifier: string }>> {
  return patientRead(ctx, "patient.export.csv", patientId, async (tx, note) => {
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
