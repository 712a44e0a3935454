import "server-only";
import type { Prisma } from "@prisma/client";
import { appendAudit, type AuditAction, type AuditOutcome } from "@/lib/audit";
import { mayAdminister, mayWriteClinical, roleLabel, type Actor } from "@/lib/auth";
import { isUniqueViolation, type SqlRunner } from "@/lib/db";
import type { ServiceContext } from "@/lib/patients/context";
import { conflict, forbidden, notFound, ok, type Result, type ServiceError } from "@/lib/patients/result";

/**
 * The service kernel: every service call runs through one of the forms below, which open the
 * transaction, make the access check and set up the audit row BEFORE the service's body runs. A body
 * is handed only what the check allowed, so it cannot forget the check or the row:
 *
 * - `patientRead` / `patientWrite`: a call about one patient, named by id;
 * - `eventRead` / `eventWrite`: a call about one event (the check is on the event's patient);
 * - `alertWrite`: a change to one alert (the check is on the alert's patient);
 * - `actorRead`: a read over the actor's patients (worklist, inbox, search), given the team limit as SQL;
 * - `clinicalWrite`: a clinical write that names no existing patient (a new patient);
 * - `adminCall`: an administrator's call.
 *
 * A patient outside the actor's care teams is "not found", worded exactly as an id that names nothing,
 * and recorded as "denied"; a viewer (or administrator) writing is "forbidden" (403), recorded as "denied".
 */

export type Tx = Prisma.TransactionClient;

/** Raw SQL inside a service transaction, in the shape the query modules take. */
export function txSql(tx: Tx): Pick<SqlRunner, "query"> {
  return { query: <T>(sql: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(sql, ...params) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** What a service call's audit row will say; the kernel names the patient, the call adds what it learns. */
export interface AuditNote {
  readonly action: AuditAction;
  patientId?: string | null;
  eventIds?: string[];
  detail?: string;
  /** Set by the access checks when the actor was refused, whatever the caller is told. */
  outcome?: AuditOutcome;
}

/**
 * What the body of a call the kernel checked may add to its row: the events it touched and a detail.
 * The patient and the outcome are the kernel's, so a body cannot point the row at another patient or
 * clear a refusal.
 */
export type RecordNote = Pick<AuditNote, "eventIds" | "detail">;

const outcomeOf: Record<ServiceError["kind"], AuditOutcome> = { invalid: "invalid", not_found: "not-found", conflict: "conflict", forbidden: "denied", needs_confirmation: "invalid" };

class RolledBack {
  constructor(readonly result: Result<unknown>) {}
}

interface RunOptions<T> {
  /** Runs after a successful call, in its transaction, before the audit row. */
  after?: (tx: Tx, value: T, note: AuditNote) => Promise<void>;
  timeout?: number;
}

export interface CallOptions {
  /** Milliseconds the transaction may take (default 60 s). */
  timeout?: number;
}

export interface WriteCallOptions<T> extends CallOptions {
  /** Runs after a successful write, in its transaction, before the audit row (alert re-evaluation, the chart, the worklist row). */
  after?: (tx: Tx, value: T, patientId: string) => Promise<void>;
}

/**
 * Runs one service call as one transaction that ends with its audit row, so the row exists exactly
 * when what it records does. A call that fails (invalid, refused, not found, conflict) is rolled back
 * and its attempt recorded in a transaction of its own. The row is appended last, so the trail's lock
 * is held only for the commit, not for the whole read. Private: services use the forms below.
 */
async function audited<T>(ctx: ServiceContext, action: AuditAction, fn: (tx: Tx, note: AuditNote) => Promise<Result<T>>, options: RunOptions<T> = {}): Promise<Result<T>> {
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

// ---------------------------------------------------------------------------------------------
// The checks

/** Whether the actor's care teams include the patient (a system task sees everyone). */
export async function patientVisible(tx: Tx, actor: Actor, patientId: string): Promise<boolean> {
  if (!isUuid(patientId)) return false;
  if (actor.teams === "all") return (await tx.patient.count({ where: { id: patientId } })) > 0;
  if (actor.teams.length === 0) return false;
  return (await tx.patientTeam.count({ where: { patientId, teamId: { in: [...actor.teams] } } })) > 0;
}

/**
 * The check before a patient's record is read: a patient outside the actor's teams is reported
 * exactly like one that does not exist (404), and the attempt is recorded as denied.
 */
async function seePatient(tx: Tx, ctx: ServiceContext, note: AuditNote, patientId: string, what = `No patient with id ${patientId}`): Promise<Result<true>> {
  if (!isUuid(patientId)) return notFound(what);
  note.patientId = patientId;
  if (await patientVisible(tx, ctx.actor, patientId)) return ok(true);
  const exists = (await tx.patient.count({ where: { id: patientId } })) > 0;
  if (exists) note.outcome = "denied";
  return notFound(what);
}

/** As seePatient, and the actor's role must allow clinical writes (a viewer is refused with 403). */
async function changePatient(tx: Tx, ctx: ServiceContext, note: AuditNote, patientId: string, what?: string): Promise<Result<true>> {
  const seen = await seePatient(tx, ctx, note, patientId, what);
  if (!seen.ok) return seen;
  return clinicalWriter(ctx);
}

const checkPatient = (mode: "read" | "write", tx: Tx, ctx: ServiceContext, note: AuditNote, patientId: string, what?: string) =>
  mode === "read" ? seePatient(tx, ctx, note, patientId, what) : changePatient(tx, ctx, note, patientId, what);

/** Whether the actor's role allows clinical writes (the FHIR import asks it before it knows its patient). */
export function clinicalWriter(ctx: ServiceContext): Result<true> {
  if (mayWriteClinical(ctx.actor)) return ok(true);
  return forbidden(`Your role (${roleLabel(ctx.actor.role)}) can read records but not change them.`);
}

function administrator(ctx: ServiceContext): Result<true> {
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

// ---------------------------------------------------------------------------------------------
// The forms a service takes

const writeRun = <T>(options: WriteCallOptions<T>): RunOptions<T> => ({
  timeout: options.timeout,
  // The kernel named the patient before the body ran, so a successful write always has one.
  after: options.after && ((tx, value, note) => options.after!(tx, value, note.patientId!)),
});

/** A read of one patient's record: the body runs only when the actor's teams include the patient. */
export function patientRead<T>(ctx: ServiceContext, action: AuditAction, patientId: string, fn: (tx: Tx, note: RecordNote) => Promise<Result<T>>, options: CallOptions = {}): Promise<Result<T>> {
  return audited(
    ctx,
    action,
    async (tx, note) => {
      const seen = await seePatient(tx, ctx, note, patientId);
      return seen.ok ? fn(tx, note) : seen;
    },
    options,
  );
}

/** A write to one patient's record: the body runs only for a clinical role whose teams include the patient. */
export function patientWrite<T>(
  ctx: ServiceContext,
  action: AuditAction,
  patientId: string,
  fn: (tx: Tx, note: RecordNote) => Promise<Result<T>>,
  options: WriteCallOptions<T> = {},
): Promise<Result<T>> {
  return audited(
    ctx,
    action,
    async (tx, note) => {
      const allowed = await changePatient(tx, ctx, note, patientId);
      return allowed.ok ? fn(tx, note) : allowed;
    },
    writeRun(options),
  );
}

/** The current version of an event, as the event-scoped writes receive it. */
export type EventHead = Prisma.EventGetPayload<object>;

async function eventCall<T, H>(
  ctx: ServiceContext,
  action: AuditAction,
  mode: "read" | "write",
  eventId: string,
  find: (tx: Tx) => Promise<(H & { patientId: string }) | null>,
  fn: (tx: Tx, note: RecordNote, head: H & { patientId: string }) => Promise<Result<T>>,
  options: RunOptions<T>,
): Promise<Result<T>> {
  const what = `No event with id ${eventId}`;
  return audited(
    ctx,
    action,
    async (tx, note) => {
      const head = isUuid(eventId) ? await find(tx) : null;
      if (!head) return notFound(what);
      note.eventIds = [eventId];
      const allowed = await checkPatient(mode, tx, ctx, note, head.patientId, what);
      return allowed.ok ? fn(tx, note, head) : allowed;
    },
    options,
  );
}

/** A read of one event (any of its versions names the patient): checked as a read of the event's patient. */
export function eventRead<T>(
  ctx: ServiceContext,
  action: AuditAction,
  eventId: string,
  fn: (tx: Tx, note: RecordNote, event: { patientId: string }) => Promise<Result<T>>,
  options: CallOptions = {},
): Promise<Result<T>> {
  return eventCall(ctx, action, "read", eventId, (tx) => tx.event.findFirst({ where: { chainId: eventId }, select: { patientId: true } }), fn, options);
}

/** A write to one event: checked as a write to the event's patient; the body gets the current version. */
export function eventWrite<T>(
  ctx: ServiceContext,
  action: AuditAction,
  eventId: string,
  fn: (tx: Tx, note: RecordNote, head: EventHead) => Promise<Result<T>>,
  options: WriteCallOptions<T> = {},
): Promise<Result<T>> {
  return eventCall(ctx, action, "write", eventId, (tx) => tx.event.findFirst({ where: { chainId: eventId, current: true } }), fn, writeRun(options));
}

export type AlertRow = Prisma.AlertGetPayload<object>;

/** A change to one alert (acknowledge, dismiss): checked as a write to the alert's patient; the body gets the alert. */
export function alertWrite<T>(
  ctx: ServiceContext,
  action: AuditAction,
  alertId: string,
  fn: (tx: Tx, note: RecordNote, alert: AlertRow) => Promise<Result<T>>,
  options: WriteCallOptions<T> = {},
): Promise<Result<T>> {
  const what = `No alert with id ${alertId}`;
  return audited(
    ctx,
    action,
    async (tx, note) => {
      const row = isUuid(alertId) ? await tx.alert.findUnique({ where: { id: alertId } }) : null;
      if (!row) return notFound(what);
      const allowed = await changePatient(tx, ctx, note, row.patientId, what);
      return allowed.ok ? fn(tx, note, row) : allowed;
    },
    writeRun(options),
  );
}

/** The actor's care-team limit, for a read over many patients. */
export interface ActorScope {
  /** A SQL condition on a patient id column; `param` is the placeholder number the team list takes (params: append them at that place). */
  sql: (column: string, param: number) => { sql: string; params: unknown[] };
  /** The same, for Prisma: a condition on the patient. */
  patientWhere: Prisma.PatientWhereInput;
}

/**
 * A read over the actor's patients (worklist, inbox, search): no patient is named, so the body gets
 * the team limit to apply in its query; the row names no patient.
 */
export function actorRead<T>(ctx: ServiceContext, action: AuditAction, fn: (tx: Tx, note: RecordNote, scope: ActorScope) => Promise<Result<T>>, options: CallOptions = {}): Promise<Result<T>> {
  const scope: ActorScope = { sql: (column, param) => visibleToSql(ctx.actor, column, param), patientWhere: visiblePatientWhere(ctx.actor) };
  return audited(ctx, action, (tx, note) => fn(tx, note, scope), options);
}

/**
 * A clinical write that names no existing patient before it runs (adding a patient): the body runs
 * only for a clinical role. It names in the row the patient it created, or the one it was refused.
 */
export function clinicalWrite<T>(ctx: ServiceContext, action: AuditAction, fn: (tx: Tx, note: AuditNote) => Promise<Result<T>>, options: CallOptions = {}): Promise<Result<T>> {
  return audited(
    ctx,
    action,
    async (tx, note) => {
      const writer = clinicalWriter(ctx);
      return writer.ok ? fn(tx, note) : writer;
    },
    options,
  );
}

export interface AdminOptions<S> extends CallOptions {
  /**
   * Runs before the role check, in the transaction, to name in the row what a refused attempt was
   * about (a patient moved between teams); its result is handed to the body. It must change nothing.
   */
  subject?: (tx: Tx, note: AuditNote) => Promise<S>;
}

/** An administrator's call: the body runs only for an administrator; anyone else is refused (403) and recorded as denied. */
export function adminCall<T, S = undefined>(
  ctx: ServiceContext,
  action: AuditAction,
  fn: (tx: Tx, note: AuditNote, subject: S) => Promise<Result<T>>,
  options: AdminOptions<S> = {},
): Promise<Result<T>> {
  return audited(
    ctx,
    action,
    async (tx, note) => {
      const subject = (await options.subject?.(tx, note)) as S;
      const allowed = administrator(ctx);
      return allowed.ok ? fn(tx, note, subject) : allowed;
    },
    options,
  );
}

/**
 * A read that names no patient and shows nothing of a record (the names of care teams, the navigation's
 * alert counts, the alert settings in force), so it writes no audit row: still through the kernel, so
 * that every door to the database is here. A read that returns anything of a patient uses a form above.
 */
export function unrecordedRead<T>(ctx: ServiceContext, fn: (db: ServiceContext["db"]["prisma"]) => Promise<T>): Promise<T> {
  return fn(ctx.db.prisma);
}
