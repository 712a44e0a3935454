import "server-only";
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/events";
import { adminCall, isUuid, unrecordedRead, type AuditNote, type Tx } from "@/lib/service";
import type { ServiceContext } from "@/lib/patients/context";
import { conflict, invalid, notFound, ok, type Result } from "@/lib/patients/result";

export interface TeamView {
  id: string;
  name: string;
  members: { id: string; name: string; role: string; active: boolean }[];
  patientCount: number;
}

export const teamInput = z.object({ name: z.string({ error: "Enter the team's name" }).trim().min(2, { error: "Enter the team's name" }).max(100) });

/** Every care team with its members and how many patients it holds (admins only). */
export async function listTeams(ctx: ServiceContext): Promise<Result<TeamView[]>> {
  return adminCall(ctx, "admin.teams.list", async (tx) => {
    const rows = await tx.careTeam.findMany({
      orderBy: { name: "asc" },
      include: { members: { include: { user: { select: { id: true, name: true, role: true, active: true } } } }, _count: { select: { patients: true } } },
    });
    return ok(
      rows.map((row) => ({
        id: row.id,
        name: row.name,
        members: row.members.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name)),
        patientCount: row._count.patients,
      })),
    );
  });
}

/** Team names only, for choosing a team (any signed-in user may see the names of teams). */
export async function teamNames(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  return unrecordedRead(ctx, (db) => db.careTeam.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }));
}

export async function createTeam(ctx: ServiceContext, input: unknown): Promise<Result<{ id: string }>> {
  return adminCall(ctx, "team.create", async (tx, note) => {
    const parsed = teamInput.safeParse(input);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    if (await tx.careTeam.findUnique({ where: { name: parsed.data.name } })) return conflict(`There is already a team called ${parsed.data.name}.`);
    const team = await tx.careTeam.create({ data: { name: parsed.data.name } });
    note.detail = `team "${team.name}" created`;
    return ok({ id: team.id });
  });
}

/**
 * The patient a team change names, found by hospital identifier and locked before their teams are
 * counted, so two removals at the same time cannot each see the other team as the one that remains:
 * the second waits, then counts again. Named in the row before the role check, so that a refused
 * attempt to move a patient records which patient (the caller is told only "forbidden").
 */
async function lockPatientByIdentifier(tx: Tx, note: AuditNote, identifier: string) {
  const [found] = identifier ? await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text FROM "Patient" WHERE identifier = $1 FOR UPDATE`, identifier) : [];
  const patient = found ? await tx.patient.findUnique({ where: { id: found.id }, include: { teams: true } }) : null;
  note.patientId = patient?.id ?? null;
  return patient;
}

/**
 * Adds a patient (found by hospital identifier) to a team, or takes them out of it. A patient keeps
 * at least one team, so that someone can always see their record.
 */
export async function setPatientTeam(ctx: ServiceContext, input: { identifier: string; teamId: string; member: boolean }): Promise<Result<true>> {
  const identifier = String(input.identifier ?? "").trim();
  const subject = (tx: Tx, note: AuditNote) => lockPatientByIdentifier(tx, note, identifier);
  return adminCall(
    ctx,
    input.member ? "team.add-patient" : "team.remove-patient",
    async (tx, note, patient) => {
      if (!patient) return invalid({ identifier: [`No patient with identifier ${identifier || "(blank)"}`] });
      const team = isUuid(input.teamId) ? await tx.careTeam.findUnique({ where: { id: input.teamId } }) : null;
      if (!team) return notFound(`No team with id ${input.teamId}`);
      const inTeam = patient.teams.some((t) => t.teamId === team.id);
      // The trail says what happened, including that nothing did.
      if (input.member === inTeam) {
        note.detail = `${identifier} ${inTeam ? "was already in" : "was not in"} ${team.name}; no change`;
        return ok(true);
      }
      if (input.member) await tx.patientTeam.create({ data: { patientId: patient.id, teamId: team.id } });
      else {
        if (patient.teams.length === 1) return conflict(`${identifier} belongs to no other team; add them to another team before taking them out of ${team.name}.`);
        await tx.patientTeam.delete({ where: { patientId_teamId: { patientId: patient.id, teamId: team.id } } });
      }
      note.detail = `${identifier} ${input.member ? "added to" : "removed from"} ${team.name}`;
      return ok(true);
    },
    { subject },
  );
}

/** The care teams the actor belongs to, by name (for choosing a team, and for "Your account"). */
export async function ownTeams(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  if (ctx.actor.teams === "all") return [];
  const teams = ctx.actor.teams;
  return unrecordedRead(ctx, (db) => db.careTeam.findMany({ where: { id: { in: [...teams] } }, orderBy: { name: "asc" }, select: { id: true, name: true } }));
}
