import "server-only";
import { isUniqueViolation } from "@/lib/db";
import { formatClinicalDate, patientDisplayName, toWallClock, type EventKind } from "@/lib/events";
import { readBundle, type BundleReadResult, type IgnoredResource, type ImportPlan, type ImportProblem, type PlannedEvent, type ResourceRef } from "@/lib/fhir";
import { appendAudit } from "@/lib/audit";
// The one service that does not run through a kernel form: it learns its patient from the bundle
// (by identifier, creating them when new), so it makes the kernel's checks itself in that order: the
// role first (clinicalWriter), then the care teams (patientVisible) of the patient it found; a refusal
// is recorded as denied, against that patient, like every other (lib/audit/coverage.db.test.ts).
import { clinicalWriter, patientVisible, type AuditNote } from "@/lib/service";
import { reevaluatePatientAlerts } from "./alert-evaluation";
import { refreshSummary } from "./summary";
import { teamsForNewPatient } from "./patients";
import { clinicTimeZone } from "./clinic";
import type { ServiceContext } from "./context";
import { writeImportedEvents, type ImportDecision } from "./import-writer";
import { toPatient } from "./mapping";

export interface ImportedResource extends ResourceRef {
  key: string;
  kind: EventKind;
  eventId: string;
  /** What the import did with it that a reader should know (a unit converted, a date taken from its report). */
  notes?: string[];
}

export interface ImportReport {
  patient: { id: string; identifier: string; identifierSystem?: string; name: string; status: "created" | "existing" };
  /** A preview: what the import would do; nothing was written. */
  dryRun?: boolean;
  counts: { resources: number; created: number; updated: number; unchanged: number; ignored: number };
  created: ImportedResource[];
  updated: ImportedResource[];
  unchanged: ImportedResource[];
  ignored: IgnoredResource[];
  /** Set when the lists above were cut to `listLimit` items each; the counts are always complete. */
  listsTruncated?: boolean;
}

export interface ImportRejection {
  message: string;
  problems: ImportProblem[];
  ignored: IgnoredResource[];
  resourceCount: number;
}

export type ImportOutcome = { ok: true; report: ImportReport } | { ok: false; rejection: ImportRejection };

export interface ImportOptions {
  timeZone?: string;
  /** The care teams a patient new to Flarewatch joins (default: the importer's only team). */
  teamIds?: string[];
  /** At most this many items in each list of the report (default 1 000). */
  listLimit?: number;
  /** Work out the whole import, report it, and write nothing (a preview). */
  dryRun?: boolean;
}

class Refused {
  constructor(readonly rejection: ImportRejection) {}
}

/** Ends a preview's transaction (rolling everything back) carrying the report it would have given. */
class Previewed {
  constructor(readonly report: ImportReport) {}
}

const refuse = (plan: ImportPlan, problems: ImportProblem[]): Refused =>
  new Refused({ message: `The bundle was not imported: ${problems.length} problem${problems.length === 1 ? "" : "s"}. Nothing was written.`, problems, ignored: plan.ignored, resourceCount: plan.resourceCount });

function sameText(a: string, b: string): boolean {
  return a.localeCompare(b, "en", { sensitivity: "accent" }) === 0;
}

/** Imports a FHIR R4 Bundle already parsed from JSON (FHIR.md): all or nothing, idempotent. */
export async function importFhirBundle(ctx: ServiceContext, bundle: unknown, options: ImportOptions = {}): Promise<ImportOutcome> {
  return importReadBundle(ctx, readBundle(bundle, { timeZone: options.timeZone ?? clinicTimeZone() }), options);
}

/**
 * Writes what a BundleReader planned, in one transaction: the patient (created when the identifier is
 * new, otherwise the existing record, which must be the same person), then every event.
 */
export async function importReadBundle(ctx: ServiceContext, read: BundleReadResult, options: ImportOptions = {}): Promise<ImportOutcome> {
  if (!read.ok) {
    // Recorded like every other refused call (no patient was looked up, so none is named).
    await ctx.db.prisma.$transaction((tx) =>
      appendAudit(tx, ctx.actor, ctx.origin, {
        patientId: null,
        action: options.dryRun ? "fhir.import.preview" : "fhir.import",
        outcome: clinicalWriter(ctx).ok ? "invalid" : "denied",
        detail: read.problems[0]?.message ?? read.message,
      }),
    );
    return { ok: false, rejection: { message: read.message, problems: read.problems, ignored: read.ignored, resourceCount: read.resourceCount } };
  }
  const plan = read.plan;
  const listLimit = options.listLimit ?? 1000;
  const note: AuditNote = { action: options.dryRun ? "fhir.import.preview" : "fhir.import" };
  try {
    const report = await ctx.db.prisma.$transaction(
      async (tx) => {
        const writer = clinicalWriter(ctx);
        if (!writer.ok) {
          note.outcome = "denied";
          // The trail names the patient the refused import was about, as every other refused write does (the caller is told nothing about them).
          note.patientId = (await tx.patient.findUnique({ where: { identifier: plan.patient.identifier }, select: { id: true } }))?.id ?? null;
          throw refuse(plan, [{ path: "Bundle", message: writer.error.message }]);
        }
        const { identifier, identifierSystem, familyName, givenName, sex, birthDate } = plan.patient;
        let row = await tx.patient.findUnique({ where: { identifier } });
        const status = row ? "existing" : "created";
        if (row && !(await patientVisible(tx, ctx.actor, row.id))) {
          note.patientId = row.id;
          note.outcome = "denied";
          throw refuse(plan, [
            { entry: plan.patient.entry, fullUrl: plan.patient.fullUrl, resourceType: "Patient", path: "Patient.identifier.value", message: `Identifier ${identifier} belongs to a patient outside your care teams; ask an administrator.` },
          ]);
        }
        if (row) {
          const existing = toPatient(row);
          const where = { entry: plan.patient.entry, fullUrl: plan.patient.fullUrl, resourceType: "Patient" };
          // The same identifier in another namespace is another hospital's number, not this patient.
          if (identifierSystem && row.identifierSystem && row.identifierSystem !== identifierSystem) {
            throw refuse(plan, [
              {
                ...where,
                path: "Patient.identifier.system",
                message: `Identifier ${identifier} of ${identifierSystem} is not the patient's: the patient here with ${identifier} has it from ${row.identifierSystem}`,
              },
            ]);
          }
          // The same identifier on another person is a wrong-patient error, not an update.
          if (!sameText(existing.familyName, familyName) || !sameText(existing.givenName, givenName) || (existing.birthDate && birthDate && existing.birthDate !== birthDate)) {
            throw refuse(plan, [
              {
                ...where,
                path: "Patient.identifier.value",
                message: `Identifier ${identifier} belongs to ${patientDisplayName(existing)}${existing.birthDate ? `, born ${formatClinicalDate(existing.birthDate)}` : ""}, not ${patientDisplayName({ familyName, givenName })}${birthDate ? `, born ${formatClinicalDate(birthDate)}` : ""}`,
              },
            ]);
          }
        } else {
          const teams = await teamsForNewPatient(tx, ctx, options.teamIds);
          if (!teams.ok) throw refuse(plan, [{ path: "Bundle", message: Object.values(teams.error.kind === "invalid" ? teams.error.fieldErrors : {}).flat()[0] ?? teams.error.message }]);
          row = await tx.patient.create({
            data: { identifier, identifierSystem: identifierSystem ?? null, familyName, givenName, sex, birthDate: birthDate ? toWallClock(birthDate) : null, createdBy: ctx.actor.name, teams: { create: teams.value.map((teamId) => ({ teamId })) } },
          });
        }
        if (identifierSystem && !row.identifierSystem) row = await tx.patient.update({ where: { id: row.id }, data: { identifierSystem } });
        note.patientId = row.id;
        const decisions = await writeImportedEvents(tx, row.id, plan.events, ctx.actor, { patientIsNew: status === "created" });
        const conflicts = decisions.filter((d): d is Extract<ImportDecision<PlannedEvent>, { outcome: "conflict" }> => d.outcome === "conflict");
        if (conflicts.length > 0) {
          throw refuse(
            plan,
            conflicts.map((c) => ({ entry: c.item.entry, fullUrl: c.item.fullUrl, resourceType: c.item.resourceType, path: `${c.item.resourceType}.identifier`, message: c.message })),
          );
        }
        // Imported history raises (or resolves) alerts exactly as entries typed in one by one would.
        await reevaluatePatientAlerts(tx, row.id);
        await refreshSummary(tx, row.id);
        const listed = (outcome: "created" | "updated" | "unchanged") =>
          decisions
            .filter((d) => d.outcome === outcome)
            .map((d) => ({
              entry: d.item.entry,
              fullUrl: d.item.fullUrl,
              resourceType: d.item.resourceType,
              key: d.item.key,
              kind: d.item.event.kind,
              eventId: d.eventId,
              ...(d.item.notes ? { notes: d.item.notes } : {}),
            }));
        const ignored = [
          ...plan.ignored,
          ...decisions.flatMap((d) => (d.outcome === "ignored" ? [{ entry: d.item.entry, fullUrl: d.item.fullUrl, resourceType: d.item.resourceType, reason: d.reason }] : [])),
        ];
        const created = listed("created");
        const updated = listed("updated");
        const unchanged = listed("unchanged");
        const truncated = [created, updated, unchanged, ignored].some((list) => list.length > listLimit);
        const report = {
          ...(options.dryRun ? { dryRun: true } : {}),
          patient: { id: row.id, identifier: row.identifier, ...(row.identifierSystem ? { identifierSystem: row.identifierSystem } : {}), name: patientDisplayName(row), status },
          counts: { resources: plan.resourceCount, created: created.length, updated: updated.length, unchanged: unchanged.length, ignored: ignored.length },
          created: created.slice(0, listLimit),
          updated: updated.slice(0, listLimit),
          unchanged: unchanged.slice(0, listLimit),
          ignored: ignored.slice(0, listLimit),
          ...(truncated ? { listsTruncated: true } : {}),
        } satisfies ImportReport;
        // A preview undoes everything it did; its audit row is written after the rollback.
        if (options.dryRun) throw new Previewed(report);
        note.eventIds = [...created, ...updated].map((item) => item.eventId);
        await appendAudit(tx, ctx.actor, ctx.origin, { ...note, detail: `${plan.resourceCount} resources: ${created.length} created, ${updated.length} updated, ${unchanged.length} unchanged`, outcome: note.outcome ?? "ok" });
        return report;
      },
      // A large bundle is one transaction: give it time rather than Prisma's 5 s default.
      { timeout: 10 * 60_000, maxWait: 30_000 },
    );
    return { ok: true, report };
  } catch (error) {
    if (error instanceof Previewed) {
      const { report } = error;
      // A patient the preview would create does not exist: the trail names only one that does.
      const patientId = report.patient.status === "existing" ? report.patient.id : null;
      await ctx.db.prisma.$transaction((tx) =>
        appendAudit(tx, ctx.actor, ctx.origin, {
          patientId,
          action: "fhir.import.preview",
          outcome: "ok",
          detail: `${plan.resourceCount} resources would be: ${report.counts.created} created, ${report.counts.updated} updated, ${report.counts.unchanged} unchanged, ${report.counts.ignored} ignored`,
        }),
      );
      return { ok: true, report: report.patient.status === "created" ? { ...report, patient: { ...report.patient, id: "" } } : report };
    }
    if (error instanceof Refused) {
      await ctx.db.prisma.$transaction((tx) =>
        appendAudit(tx, ctx.actor, ctx.origin, { patientId: note.patientId ?? null, action: note.action, outcome: note.outcome ?? "invalid", detail: error.rejection.problems[0]?.message }),
      );
      return { ok: false, rejection: error.rejection };
    }
    if (isUniqueViolation(error)) {
      return {
        ok: false,
        rejection: {
          message: "Another import for this patient ran at the same time; nothing was written. Import the bundle again.",
          problems: [{ path: "Bundle", message: "Concurrent import of the same patient or resources" }],
          ignored: plan.ignored,
          resourceCount: plan.resourceCount,
        },
      };
    }
    throw error;
  }
}
