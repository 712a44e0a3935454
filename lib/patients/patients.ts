import "server-only";
import { isUniqueViolation } from "@/lib/db";
import { fieldErrorsOf, patientInput, replaceUnsafeText, toWallClock, unsafeTextProblem, type Patient, type PatientSummary } from "@/lib/events";
import { actorRead, clinicalWrite, patientRead, patientVisible, patientWrite, type Tx } from "@/lib/service";
import type { ServiceContext } from "./context";
import { toPatient } from "./mapping";
import { rescreen } from "./screening";
import { conflict, forbidden, invalid, ok, unsafeTextRefusal, type Result } from "./result";

export { isUuid } from "@/lib/service";

/** The teams a new patient joins: those chosen (each one of the actor's), or the actor's only team. */
export async function teamsForNewPatient(tx: Tx, ctx: ServiceContext, chosen: string[] | undefined): Promise<Result<string[]>> {
  const own = ctx.actor.teams;
  if (chosen && chosen.length > 0) {
    if (own !== "all" && chosen.some((id) => !own.includes(id))) return invalid({ teamIds: ["You can only add patients to your own care teams"] });
    const found = await tx.careTeam.count({ where: { id: { in: chosen } } });
    if (found !== new Set(chosen).size) return invalid({ teamIds: ["Choose a care team from the list"] });
    return ok([...new Set(chosen)]);
  }
  if (own === "all") return ok([]);
  if (own.length === 1) return ok([own[0]]);
  if (own.length === 0) return forbidden("You are not in any care team, so a patient you add would be visible to nobody. Ask an administrator to add you to a team.");
  return invalid({ teamIds: ["Choose the care team that will see this patient"] });
}

export async function createPatient(ctx: ServiceContext, input: unknown): Promise<Result<Patient>> {
  return clinicalWrite(ctx, "patient.create", async (tx, note) => {
    const unsafe = unsafeTextRefusal(input);
    if (unsafe) return unsafe;
    const parsed = patientInput.safeParse(input);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const { birthDate, teamIds, ...rest } = parsed.data;
    const teams = await teamsForNewPatient(tx, ctx, teamIds);
    if (!teams.ok) return teams;
    const existing = await tx.patient.findUnique({ where: { identifier: rest.identifier }, select: { id: true } });
    if (existing) {
      // Identifiers are unique across the install, so refusing a duplicate tells the caller that a
      // patient outside their teams has it (README, "care teams"). That refusal is recorded as
      // denied, against that patient, like every other attempt on a patient the actor cannot see.
      if (!(await patientVisible(tx, ctx.actor, existing.id))) {
        note.outcome = "denied";
        note.patientId = existing.id;
      }
      return conflict(`A patient with identifier ${rest.identifier} already exists. If you cannot find them, they belong to another care team: ask an administrator.`);
    }
    try {
      const row = await tx.patient.create({
        data: { ...rest, birthDate: birthDate ? toWallClock(birthDate) : null, createdBy: ctx.actor.name, teams: { create: teams.value.map((teamId) => ({ teamId })) } },
      });
      note.patientId = row.id;
      return ok(toPatient(row));
    } catch (error) {
      if (isUniqueViolation(error)) return conflict(`A patient with identifier ${rest.identifier} already exists.`);
      throw error;
    }
  });
}

/** What an edit of demographics may change: everything a new patient is given but its care teams. */
export const patientUpdateInput = patientInput.omit({ teamIds: true });

const demographicLabels = { identifier: "identifier", familyName: "family name", givenName: "given name", sex: "sex", birthDate: "birth date" } as const;

/**
 * Corrects a patient's demographics (a misspelt name, a wrong birth date, a new MRN). The audit row
 * keeps each change as before → after, and getPatient shows who changed what and when. A duplicate
 * identifier is refused with the same words as createPatient.
 */
export async function updatePatient(ctx: ServiceContext, patientId: string, input: unknown): Promise<Result<Patient>> {
  return patientWrite(ctx, "patient.update", patientId, async (tx, note) => {
    const unsafe = unsafeTextRefusal(input);
    if (unsafe) return unsafe;
    const parsed = patientUpdateInput.safeParse(input);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const before = toPatient(await tx.patient.findUniqueOrThrow({ where: { id: patientId } }));
    const after = parsed.data;
    if (after.identifier !== before.identifier) {
      const existing = await tx.patient.findUnique({ where: { identifier: after.identifier }, select: { id: true } });
      if (existing) {
        return conflict(
          (await patientVisible(tx, ctx.actor, existing.id))
            ? `A patient with identifier ${after.identifier} already exists.`
            : `A patient with identifier ${after.identifier} already exists. If you cannot find them, they belong to another care team: ask an administrator.`,
        );
      }
    }
    const changes = (Object.keys(demographicLabels) as (keyof typeof demographicLabels)[])
      .filter((field) => (before[field] ?? "") !== (after[field] ?? ""))
      .map((field) => `${demographicLabels[field]}: ${before[field] ?? "(none)"} → ${after[field] ?? "(none)"}`);
    note.detail = changes.length > 0 ? replaceUnsafeText(changes.join("; ")).slice(0, 1000) : "no change";
    if (changes.length === 0) return ok(before);
    try {
      const row = await tx.patient.update({
        where: { id: patientId },
        data: { identifier: after.identifier, familyName: after.familyName, givenName: after.givenName, sex: after.sex, birthDate: after.birthDate ? toWallClock(after.birthDate) : null },
      });
      // The age at onset decides the screening risk: a corrected birth date re-plans screening and its alerts now.
      if ((before.birthDate ?? "") !== (after.birthDate ?? "") || (before.sex ?? "") !== (after.sex ?? "")) await rescreen(tx, patientId);
      return ok(toPatient(row));
    } catch (error) {
      if (isUniqueViolation(error)) return conflict(`A patient with identifier ${after.identifier} already exists.`);
      throw error;
    }
  });
}

export async function getPatient(ctx: ServiceContext, patientId: string): Promise<Result<Patient>> {
  return patientRead(ctx, "patient.read", patientId, async (tx) => {
    const row = await tx.patient.findUniqueOrThrow({ where: { id: patientId }, include: { teams: { include: { team: true } } } });
    // Who changed the demographics or the care teams, when and from what: their audit rows.
    const changes = await tx.auditEntry.findMany({
      where: { patientId, action: { in: ["patient.update", "patient.care-teams"] }, outcome: "ok", NOT: { detail: "no change" } },
      orderBy: { seq: "desc" },
      take: 20,
      select: { at: true, actorName: true, detail: true },
    });
    return ok({
      ...toPatient(row),
      teams: row.teams.map((t) => ({ id: t.team.id, name: t.team.name })).sort((a, b) => a.name.localeCompare(b.name)),
      changes: changes.map((c) => ({ at: c.at.toISOString(), by: c.actorName, detail: c.detail ?? "" })),
    });
  });
}

/** The actor's patients with a one-line summary each, for the patient list. One query, however many patients. */
export async function listPatients(ctx: ServiceContext, options: { search?: string } = {}): Promise<Result<PatientSummary[]>> {
  const search = options.search?.trim();
  const result = await actorRead(ctx, "patient.search", async (tx, note, scope) => {
    note.detail = search ? `search: ${replaceUnsafeText(search.slice(0, 200))}` : undefined;
    // NUL and half surrogate pairs cannot be searched for (nor stored); the refusal is audited as invalid.
    const problem = search ? unsafeTextProblem(search) : null;
    if (problem) return invalid({ q: [problem] }, "The search contains a character that cannot be searched for.");
    const visible = scope.sql("p.id", 2);
    const rows = await tx.$queryRawUnsafe<
      {
        id: string;
        identifier: string;
        familyName: string;
        givenName: string;
        sex: string;
        birthDate: Date | string | null;
        createdAt: Date | string;
        createdBy: string;
        eventCount: number | string;
        lastEventAt: string | null;
        cancer: string | null;
      }[]
    >(
      `SELECT p.id::text AS id, p.identifier, p."familyName", p."givenName", p.sex, p."birthDate"::text AS "birthDate",
              p."createdAt", p."createdBy",
              count(e.id)::int AS "eventCount",
              to_char(max(e."occurredAt"), 'YYYY-MM-DD') AS "lastEventAt",
              (SELECT d.payload->>'name' FROM "Event" d
                WHERE d."patientId" = p.id AND d.current AND d.status <> 'entered_in_error'
                  AND d.kind = 'diagnosis' AND d.payload->>'role' = 'cancer'
                ORDER BY d."occurredAt" LIMIT 1) AS cancer
         FROM "Patient" p
         LEFT JOIN "Event" e ON e."patientId" = p.id AND e.current AND e.status <> 'entered_in_error'
        WHERE ($1::text IS NULL OR p.identifier ILIKE '%' || $1 || '%' OR p."familyName" ILIKE '%' || $1 || '%' OR p."givenName" ILIKE '%' || $1 || '%')
          AND ${visible.sql}
        GROUP BY p.id
        ORDER BY p."familyName", p."givenName", p.identifier`,
      search ? search : null,
      ...visible.params,
    );
    return ok(rows);
  });
  if (!result.ok) return result;
  return ok(result.value.map((row) => ({
    id: row.id,
    identifier: row.identifier,
    familyName: row.familyName,
    givenName: row.givenName,
    sex: row.sex as Patient["sex"],
    birthDate: row.birthDate ? String(row.birthDate).slice(0, 10) : undefined,
    createdAt: new Date(row.createdAt).toISOString(),
    createdBy: row.createdBy,
    eventCount: Number(row.eventCount),
    lastEventAt: row.lastEventAt ?? undefined,
    cancer: row.cancer ?? undefined,
  })));
}
