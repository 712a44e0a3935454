import "server-only";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { auditOutcomes, prismaOutcomes, toAuditContent, verifyAuditTrail, type ChainProblem, type StoredAuditContent, type UnsealedRows } from "@/lib/audit";
import { csvRecord } from "@/lib/csv";
import { addDays, fieldErrorsOf, isClinicalDate, patientDisplayName } from "@/lib/events";
import { mayAdminister } from "@/lib/auth";
import { adminCall, isUuid, type Tx } from "@/lib/service";
import type { ServiceContext } from "@/lib/patients/context";
import { invalid, ok, unsafeTextRefusal, type Result } from "@/lib/patients/result";

/** How many rows a page of the trail shows; older rows are reached through the `before` cursor. */
export const AUDIT_PAGE_SIZE = 100;
/** Rows read at a time while writing the CSV, so an export of the whole trail never holds it all twice. */
const EXPORT_BATCH = 5000;

// A query string gives "" for an empty field and an array for a repeated one: both mean "as typed once, or not at all".
const typed = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    const single = Array.isArray(value) ? value[0] : value;
    return typeof single === "string" && single.trim() === "" ? undefined : single;
  }, schema.optional());

const day = z
  .string()
  .trim()
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isClinicalDate(value), { error: "Enter the date as YYYY-MM-DD, like 2021-03-12" });

/** The trail's filter, as the audit page's query string carries it (every field optional). */
export const auditFilter = z
  .object({
    patient: typed(z.string().trim().max(100, { error: "A patient is found by hospital identifier or id (at most 100 characters)" })),
    actor: typed(z.string().trim().max(200, { error: "Search for a user by id, name or email (at most 200 characters)" })),
    action: typed(
      z
        .string()
        .trim()
        .max(100, { error: "An action is at most 100 characters" })
        .regex(/^[A-Za-z0-9._:-]+$/, { error: "An action is letters, digits, dots and hyphens, like sign-in or event." }),
    ),
    outcome: typed(z.enum(auditOutcomes, { error: "Choose an outcome from the list" })),
    from: typed(day),
    to: typed(day),
    before: typed(z.coerce.number({ error: "Older pages are numbered by row" }).int({ error: "Older pages are numbered by row" }).positive({ error: "Older pages are numbered by row" })),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, { path: ["to"], error: "The end date is before the start date" });

export type AuditFilter = z.infer<typeof auditFilter>;

export interface AuditPatient {
  id: string;
  identifier: string;
  name: string;
}

/** One row of the trail as an administrator reads it: the patient named where they exist. */
export interface AuditRow extends StoredAuditContent {
  patient?: AuditPatient;
  /** Null for the newest rows, until the sealer chains them (within seconds). */
  hash: string | null;
}

export interface AuditPage {
  filter: AuditFilter;
  /** The patient the filter named, when it names one that exists. */
  patient?: AuditPatient;
  /** Newest first. */
  rows: AuditRow[];
  /** The cursor of the next page of older rows, when there are any. */
  older?: number;
}

/** The filter in words, for the audit row that records someone reading the trail. */
export function describeAuditFilter(filter: AuditFilter): string {
  const parts = (["patient", "actor", "action", "outcome", "from", "to", "before"] as const).flatMap((key) => (filter[key] !== undefined ? [`${key}=${filter[key]}`] : []));
  return parts.length > 0 ? parts.join("; ") : "no filter";
}

// Prisma turns contains/startsWith into LIKE without escaping its wildcards (prisma/prisma#19506).
function literalLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function findPatient(tx: Tx, text: string): Promise<AuditPatient | null> {
  const found = await tx.patient.findFirst({
    where: { OR: [{ identifier: text }, ...(isUuid(text) ? [{ id: text }] : [])] },
    select: { id: true, identifier: true, familyName: true, givenName: true },
  });
  return found && { id: found.id, identifier: found.identifier, name: patientDisplayName(found) };
}

type Where = { ok: true; where: Prisma.AuditEntryWhereInput; patient?: AuditPatient } | { ok: false; result: Result<never> };

/** The filter as a query; a patient is looked up by identifier or id, and one that cannot be found is a mistake to correct. */
async function whereOf(tx: Tx, filter: AuditFilter): Promise<Where> {
  const where: Prisma.AuditEntryWhereInput[] = [];
  let patient: AuditPatient | undefined;
  if (filter.patient) {
    patient = (await findPatient(tx, filter.patient)) ?? undefined;
    // An id that names no patient can still be in the trail (a refused look-up); an identifier cannot.
    if (!patient && !isUuid(filter.patient)) return { ok: false, result: invalid({ patient: [`No patient with identifier or id ${filter.patient}`] }, "The filter needs correcting") };
    where.push({ patientId: patient?.id ?? filter.patient });
  }
  if (filter.actor) {
    const pattern = literalLike(filter.actor);
    const byEmail = await tx.user.findMany({ where: { email: { contains: pattern, mode: "insensitive" } }, select: { id: true } });
    where.push({
      OR: [{ actorId: filter.actor }, { actorName: { contains: pattern, mode: "insensitive" } }, ...(byEmail.length > 0 ? [{ actorId: { in: byEmail.map((u) => u.id) } }] : [])],
    });
  }
  if (filter.action) where.push({ action: { startsWith: literalLike(filter.action) } });
  if (filter.outcome) where.push({ outcome: prismaOutcomes[filter.outcome] });
  // Calendar days in UTC, both ends included.
  if (filter.from) where.push({ at: { gte: new Date(`${filter.from}T00:00:00Z`) } });
  if (filter.to) where.push({ at: { lt: new Date(`${addDays(filter.to, 1)}T00:00:00Z`) } });
  return { ok: true, where: { AND: where }, patient };
}

type Stored = Prisma.AuditEntryGetPayload<{ include: { seal: true } }>;

async function withPatients(tx: Tx, rows: Stored[]): Promise<AuditRow[]> {
  const ids = [...new Set(rows.flatMap((row) => (row.patientId ? [row.patientId] : [])))];
  const patients = ids.length
    ? await tx.patient.findMany({ where: { id: { in: ids } }, select: { id: true, identifier: true, familyName: true, givenName: true } })
    : [];
  const byId = new Map(patients.map((p) => [p.id, { id: p.id, identifier: p.identifier, name: patientDisplayName(p) }]));
  return rows.map((row) => ({ ...toAuditContent(row), hash: row.seal?.hash ?? null, patient: row.patientId ? byId.get(row.patientId) : undefined }));
}

function parseFilter(input: unknown): { ok: true; filter: AuditFilter } | { ok: false; result: Result<never> } {
  const unsafe = unsafeTextRefusal(input ?? {});
  if (unsafe) return { ok: false, result: unsafe };
  const parsed = auditFilter.safeParse(input ?? {});
  return parsed.success ? { ok: true, filter: parsed.data } : { ok: false, result: invalid(fieldErrorsOf(parsed.error), "The filter needs correcting") };
}

function rawDetail(input: unknown): string {
  return `filter not valid: ${JSON.stringify(input ?? {}).slice(0, 300)}`;
}

/**
 * A page of the audit trail, newest first (administrators only, whoever's teams the patients are in).
 * Reading the trail is itself recorded, as "audit.view" with the filter.
 */
export async function queryAudit(ctx: ServiceContext, input: unknown, limit = AUDIT_PAGE_SIZE): Promise<Result<AuditPage>> {
  return adminCall(ctx, "audit.view", async (tx, note) => {
    const parsed = parseFilter(input);
    if (!parsed.ok) {
      note.detail = rawDetail(input);
      return parsed.result;
    }
    const { filter } = parsed;
    note.detail = describeAuditFilter(filter);
    const built = await whereOf(tx, filter);
    if (!built.ok) return built.result;
    note.patientId = built.patient?.id ?? null;
    const where = filter.before ? { AND: [built.where, { seq: { lt: filter.before } }] } : built.where;
    const found = await tx.auditEntry.findMany({ where, orderBy: { seq: "desc" }, take: limit + 1, include: { seal: true } });
    const rows = await withPatients(tx, found.slice(0, limit));
    return ok({ filter, patient: built.patient, rows, older: found.length > limit ? rows[rows.length - 1].seq : undefined });
  });
}

export const auditCsvColumns = ["seq", "at", "actor", "actor id", "role", "patient identifier", "action", "event ids", "address", "user agent", "outcome", "detail", "hash"];

function csvLine(row: AuditRow): string {
  return csvRecord([
    row.seq,
    row.at,
    row.actorName,
    row.actorId,
    row.role,
    row.patient?.identifier ?? row.patientId,
    row.action,
    row.eventIds.join(" "),
    row.address,
    row.userAgent,
    row.outcome,
    row.detail,
    row.hash,
  ]);
}

/**
 * Every row matching the filter (the page cursor is ignored), oldest first as the chain runs, as RFC
 * 4180 CSV with a header row. Recorded as "audit.export" with the filter and the number of rows.
 */
export async function auditCsv(ctx: ServiceContext, input: unknown): Promise<Result<string>> {
  return adminCall(
    ctx,
    "audit.export",
    async (tx, note) => {
      const parsed = parseFilter(input);
      if (!parsed.ok) {
        note.detail = rawDetail(input);
        return parsed.result;
      }
      const filter = { ...parsed.filter, before: undefined };
      const built = await whereOf(tx, filter);
      if (!built.ok) return built.result;
      note.patientId = built.patient?.id ?? null;
      const lines = [csvRecord(auditCsvColumns)];
      let after = 0;
      for (;;) {
        const batch = await tx.auditEntry.findMany({ where: { AND: [built.where, { seq: { gt: after } }] }, orderBy: { seq: "asc" }, take: EXPORT_BATCH, include: { seal: true } });
        if (batch.length === 0) break;
        lines.push(...(await withPatients(tx, batch)).map(csvLine));
        after = batch[batch.length - 1].seq;
      }
      note.detail = `${describeAuditFilter(filter)}; ${lines.length - 1} rows`;
      return ok(`${lines.join("\r\n")}\r\n`);
    },
    { timeout: 300_000 },
  );
}

export interface ChainCheck {
  checked: number;
  problem: ChainProblem | null;
  /** Rows not sealed yet: the newest, waiting for the sealer. */
  unsealed: UnsealedRows | null;
}

/** Walks the whole hash chain (administrators only) and says whether it is intact; recorded as "audit.verify". */
export async function verifyAudit(ctx: ServiceContext): Promise<Result<ChainCheck>> {
  // Read outside the recording transaction (the walk can take a while), and only for an administrator:
  // anyone else is refused by adminCall below, which records the attempt.
  const trail = mayAdminister(ctx.actor) ? await verifyAuditTrail(ctx.db.prisma) : undefined;
  const check = trail && { checked: trail.checked, problem: trail.problem, unsealed: trail.unsealed };
  return adminCall(ctx, "audit.verify", async (_tx, note) => {
    if (!check) return invalid({}, "The chain could not be checked");
    const waiting = check.unsealed ? `; ${check.unsealed.count} newest not sealed yet` : "";
    note.detail = check.problem ? `${check.checked} rows checked; ${check.problem.message}` : `${check.checked} rows checked; intact${waiting}`;
    return ok(check);
  });
}
