import "server-only";
import { isUniqueViolation } from "@/lib/db";
import { fieldErrorsOf, patientInput, toWallClock, type Patient, type PatientSummary } from "@/lib/events";
import type { ServiceContext } from "./context";
import { toPatient } from "./mapping";
import { conflict, invalid, notFound, ok, type Result } from "./result";

export async function createPatient(ctx: ServiceContext, input: unknown): Promise<Result<Patient>> {
  const parsed = patientInput.safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const { birthDate, ...rest } = parsed.data;
  try {
    const row = await ctx.db.prisma.$transaction((tx) =>
      tx.patient.create({
        data: { ...rest, birthDate: birthDate ? toWallClock(birthDate) : null, createdBy: ctx.actor.name },
      }),
    );
    return ok(toPatient(row));
  } catch (error) {
    if (isUniqueViolation(error)) {
      return conflict(`A patient with identifier ${rest.identifier} already exists`);
    }
    throw error;
  }
}

export async function getPatient(ctx: ServiceContext, patientId: string): Promise<Result<Patient>> {
  const row = isUuid(patientId) ? await ctx.db.prisma.patient.findUnique({ where: { id: patientId } }) : null;
  return row ? ok(toPatient(row)) : notFound(`No patient with id ${patientId}`);
}

/** Patients with a one-line summary each, for the patient list. One query, however many patients. */
export async function listPatients(ctx: ServiceContext, options: { search?: string } = {}): Promise<PatientSummary[]> {
  const search = options.search?.trim();
  const rows = await ctx.db.sql.query<{
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
  }>(
    `SELECT p.id, p.identifier, p."familyName", p."givenName", p.sex, p."birthDate"::text AS "birthDate",
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
      GROUP BY p.id
      ORDER BY p."familyName", p."givenName", p.identifier`,
    [search ? search : null],
  );
  return rows.map((row) => ({
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
  }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
