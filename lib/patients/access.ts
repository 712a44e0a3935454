import "server-only";
import type { Prisma } from "@prisma/client";
import { appendAudit, type AuditOutcome } from "@/lib/audit";
import { mayAdminister, mayWriteClinical, roleLabel, type Actor } from "@/lib/auth";
import { isUniqueViolation, type SqlRunner } from "@/lib/db";
import type { ServiceContext } from "./context";
import { conflict, forbidden, notFound, ok, type Result, type ServiceError } from "./result";

export type Tx = Prisma.TransactionClient;

/** Raw SQL inside a service transaction, in the shape the query modules take. */
export function txSql(tx: Tx): Pick<SqlRunner, "query"> {
  return { query: <T>(sql: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(sql, ...params) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** What a service call's audit row will say; the call fills it in as it learns which patient and events it touched. */
export interface AuditNote {
  action: string;
  patientId?: string | null;
  eventIds?: string[];
  detail?: string;
  /** Set by the access checks when the actor was refused, whatever the caller is told. */
  outcome?: AuditOutcome;
}

const outcomeOf: Record<ServiceError["kind"], AuditOutcome> = { invalid: "invalid", not_found: "not-found", conflict: "conflict", forbidden: "denied", needs_confirmation: "invalid" };

class RolledBack {
  constructor(readonly result: Result<unknown>) {}
}

export interface AuditedOptions<T> {
  /** Runs after a successful call, in its transaction, before the audit row (alert re-evaluation after a write). */
  after?: (tx: Tx, value: T, note: AuditNote) => Promise<void>;
  timeout?: number;
}

/**
 * Runs one service call as one transaction that ends with its audit row, so the row exists exactly
 * when what it records does. A call that fails (invalid, refused, not found, conflict) is rolled back
 * and its attempt recorded in a transaction of its own. The row is appended last, so the trail's lock
 * is held only for the commit, not for the whole read.
 */
export async function audited<T>(ctx: ServiceContext, action: string, fn: (tx: Tx, note: AuditNote) => Promise<Result<T>>, options: AuditedOptions<T> = {}): Promise<Result<T>> {
  const note: AuditNote = { action };
  const record = (tx: Tx, outcome: AuditOutcome) =>
    appendAudit(tx, ctx.actor, ctx.origin, { patientId: note.patientId ?? null, action, eventIds: note.eventIds, detail: note.detail, outcome });
  try {
    return await ctx.db.prisma.$transaction(
      async (tx) => {
        const result = await fn(tx, note);
        // A failed business check must leave nothing behind: roll back by throwing, return the failure.
        if (!result.ok) throw new RolledBack(result);
        await options.after?.(tx, result.value, note);
        await record(tx, note.outcome ?? "ok");
        return result;
      },
      { timeout: options.timeout ?? 60_000, maxWait: 30_000 },
    );
  } catch (error) {
    let result: Result<T>;
    if (error instanceof RolledBack) result = error.result as Result<T>;
    // The partial unique index on current versions: another amendment won the race.
    else if (isUniqueViolation(error)) result = conflict("This was changed by someone else at the same time. Reload it to see the latest version.");
    else throw error;
    if (!result.ok) {
      const failure = result.error;
      // A patient that does not exist is not a patient reference worth keeping in the trail.
      if (failure.kind === "not_found" && note.outcome !== "denied") note.patientId = null;
      await ctx.db.prisma.$transaction((tx) => record(tx, note.outcome ?? outcomeOf[failure.kind]));
    }
    return result;
  }
}

/** Whether the actor's care teams include the patient (a system task sees everyone). */
export async function patientVisible(tx: Tx, actor: Actor, patientId: string): Promise<boolean> {
  if (!isUuid(patientId)) return false;
  if (actor.teams === "all") return (await tx.patient.count({ where: { id: patientId } })) > 0;
  if (actor.teams.length === 0) return false;
  return (await tx.patientTeam.count({ where: { patientId, teamId: { in: [...actor.teams] } } })) > 0;
}

/**
 * The access check every service makes before touching a patient's record: a patient outside the
 * actor's teams is reported exactly like one that does not exist (404), and the attempt is recorded as denied.
 */
export async function seePatient(tx: Tx, ctx: ServiceContext, note: AuditNote, patientId: string, what = `No patient with id ${patientId}`): Promise<Result<true>> {
  if (!isUuid(patientId)) return notFound(what);
  note.patientId = patientId;
  if (await patientVisible(tx, ctx.actor, patientId)) return ok(true);
  const exists = (await tx.patient.count({ where: { id: patientId } })) > 0;
  if (exists) note.outcome = "denied";
  return notFound(what);
}

/** As seePatient, and the actor's role must allow clinical writes (a viewer is refused with 403). */
export async function changePatient(tx: Tx, ctx: ServiceContext, note: AuditNote, patientId: string, what?: string): Promise<Result<true>> {
  const seen = await seePatient(tx, ctx, note, patientId, what);
  if (!seen.ok) return seen;
  return clinicalWriter(ctx);
}

export function clinicalWriter(ctx: ServiceContext): Result<true> {
  if (mayWriteClinical(ctx.actor)) return ok(true);
  return forbidden(`Your role (${roleLabel(ctx.actor.role)}) can read records but not change them.`);
}

export function administrator(ctx: ServiceContext): Result<true> {
  if (mayAdminister(ctx.actor)) return ok(true);
  return forbidden("Only an administrator can do this.");
}

/**
 * A SQL condition limiting the patient column to the actor's teams; `param` is the placeholder
 * number the team list takes. System tasks get no condition.
 */
export function visibleToSql(actor: Actor, column: string, param: number): { sql: string; params: unknown[] } {
  if (actor.teams === "all") return { sql: "TRUE", params: [] };
  return {
    sql: `EXISTS (SELECT 1 FROM "PatientTeam" pt WHERE pt."patientId" = ${column} AND pt."teamId" = ANY($${param}::uuid[]))`,
    params: [[...actor.teams]],
  };
}

/** The same limit for Prisma queries, as a condition on the patient. */
export function visiblePatientWhere(actor: Actor): Prisma.PatientWhereInput {
  return actor.teams === "all" ? {} : { teams: { some: { teamId: { in: [...actor.teams] } } } };
}
