import { beforeAll, expect, it } from "vitest";
import { auditOutcomeOf } from "@/lib/audit/service";
import { createTeam } from "@/lib/admin/teams";
import type { Actor } from "@/lib/auth";
import { describeEachDatabase } from "@/lib/db/testing";
import { exampleEvents } from "@/lib/events";
import { createPatient, recordEvent, type Result, type ServiceContext } from "@/lib/patients";
import { invalid, ok } from "@/lib/patients/result";
import { testActor, value } from "@/lib/patients/testing";
import { actorRead, adminCall, alertWrite, clinicalWrite, eventRead, eventWrite, patientRead, patientWrite, type RecordNote, type Tx } from "./index";

/**
 * The kernel itself: a refused call never reaches the service's body (each body below throws if it
 * runs), changes nothing, and leaves exactly one audit row, "denied" against the patient (or
 * "not-found" with no patient, for an id that names nothing), with the wording an id that names
 * nothing gets. An allowed call runs the body once and its `after` step before the row.
 */

/** A body that must not run: the test fails if the kernel lets it through. */
const never = async (): Promise<Result<never>> => {
  throw new Error("the body ran although access was refused");
};

describeEachDatabase("the service kernel checks access before the body runs", (db) => {
  const fx = { team: "", other: "", patientId: "", eventId: "", ghost: crypto.randomUUID() };
  const as = (actor: Actor): ServiceContext => ({ db: db(), actor, origin: { address: "192.0.2.44" } });
  let nurse: Actor;
  let viewer: Actor;
  let outsider: Actor;
  let admin: Actor;

  beforeAll(async () => {
    const system = { db: db(), actor: testActor };
    fx.team = value(await createTeam(system, { name: "Kernel team" })).id;
    fx.other = value(await createTeam(system, { name: "Kernel other team" })).id;
    fx.patientId = value(await createPatient(system, { identifier: "KERNEL-1", familyName: "Kernel", givenName: "Pat", sex: "female", teamIds: [fx.team] })).id;
    fx.eventId = value(await recordEvent(system, fx.patientId, exampleEvents.note)).id;
    nurse = { id: "kernel:nurse", name: "Nurse Kernel", role: "nurse", teams: [fx.team] };
    viewer = { id: "kernel:viewer", name: "Viewer Kernel", role: "viewer", teams: [fx.team] };
    outsider = { id: "kernel:outsider", name: "Dr Outside", role: "oncologist", teams: [fx.other] };
    admin = { id: "kernel:admin", name: "Admin Kernel", role: "admin", teams: [] };
  });

  /** Runs a call and returns what it answered with the audit rows it added and whether the database changed. */
  async function observe<T>(call: () => Promise<Result<T>>) {
    const seq = (await db().prisma.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0;
    const state = async () => ({ events: await db().prisma.event.count(), patients: await db().prisma.patient.count(), teams: await db().prisma.careTeam.count() });
    const before = await state();
    const result = await call();
    const rows = await db().prisma.auditEntry.findMany({ where: { seq: { gt: seq } }, orderBy: { seq: "asc" } });
    return {
      result,
      rows: rows.map(({ action, actorId, patientId, eventIds, outcome }) => ({ action, actorId, patientId, eventIds, outcome: auditOutcomeOf(outcome) })),
      unchanged: JSON.stringify(await state()) === JSON.stringify(before),
    };
  }

  it("patientRead: outside the actor's teams the body never runs; 404 worded as for no patient; one denied row", async () => {
    const seen = await observe(() => patientRead(as(outsider), "patient.read", fx.patientId, never));
    expect(seen.result).toEqual({ ok: false, error: { kind: "not_found", message: `No patient with id ${fx.patientId}` } });
    expect(seen.rows).toEqual([{ action: "patient.read", actorId: outsider.id, patientId: fx.patientId, eventIds: [], outcome: "denied" }]);
    expect(seen.unchanged).toBe(true);
  });

  it("patientRead: an id that names no patient (or is not an id) never reaches the body; one not-found row naming no patient", async () => {
    for (const id of [fx.ghost, "not-a-uuid"]) {
      const seen = await observe(() => patientRead(as(nurse), "patient.read", id, never));
      expect(seen.result).toEqual({ ok: false, error: { kind: "not_found", message: `No patient with id ${id}` } });
      expect(seen.rows).toEqual([{ action: "patient.read", actorId: nurse.id, patientId: null, eventIds: [], outcome: "not-found" }]);
    }
  });

  it("patientWrite: a viewer in the team is refused (403) before the body; one denied row; nothing written", async () => {
    const seen = await observe(() => patientWrite(as(viewer), "event.record", fx.patientId, never, { after: async () => void (await never()) }));
    expect(seen.result).toEqual({ ok: false, error: { kind: "forbidden", message: "Your role (Viewer) can read records but not change them." } });
    expect(seen.rows).toEqual([{ action: "event.record", actorId: viewer.id, patientId: fx.patientId, eventIds: [], outcome: "denied" }]);
    expect(seen.unchanged).toBe(true);
  });

  it("patientWrite: a clinician outside the teams gets the 404 of a patient that does not exist, and one denied row", async () => {
    const refused = await observe(() => patientWrite(as(outsider), "patient.update", fx.patientId, never));
    const nothing = await observe(() => patientWrite(as(outsider), "patient.update", fx.ghost, never));
    expect(refused.rows).toEqual([{ action: "patient.update", actorId: outsider.id, patientId: fx.patientId, eventIds: [], outcome: "denied" }]);
    expect(refused.unchanged).toBe(true);
    const wording = (r: Result<unknown>) => (r.ok ? r : { ...r, error: { ...r.error, message: r.error.message.replace(/[0-9a-f-]{36}/, "<id>") } });
    expect(wording(refused.result)).toEqual(wording(nothing.result));
  });

  it("patientWrite: a clinician's body runs once, then `after` (in the same transaction), then the row; a failing body leaves nothing but its row", async () => {
    const steps: string[] = [];
    const seen = await observe(() =>
      patientWrite(
        as(nurse),
        "event.record",
        fx.patientId,
        async (tx: Tx, note) => {
          steps.push("body");
          note.eventIds = [fx.eventId];
          await tx.careTeam.create({ data: { name: "Made by a kernel body" } });
          return ok("done");
        },
        {
          after: async (tx, value, patientId) => {
            steps.push(`after ${value} ${patientId === fx.patientId}`);
            expect(await tx.careTeam.count({ where: { name: "Made by a kernel body" } })).toBe(1);
          },
        },
      ),
    );
    expect(seen.result).toEqual({ ok: true, value: "done" });
    expect(steps).toEqual(["body", "after done true"]);
    expect(seen.rows).toEqual([{ action: "event.record", actorId: nurse.id, patientId: fx.patientId, eventIds: [fx.eventId], outcome: "ok" }]);

    const failed = await observe(() =>
      patientWrite(as(nurse), "event.record", fx.patientId, async (tx) => {
        await tx.careTeam.create({ data: { name: "Rolled back" } });
        return invalid({}, "no");
      }),
    );
    expect(failed.rows).toEqual([{ action: "event.record", actorId: nurse.id, patientId: fx.patientId, eventIds: [], outcome: "invalid" }]);
    expect(failed.unchanged).toBe(true);
  });

  it("eventRead and eventWrite check the event's patient; an unseen patient's event is worded as an event that does not exist", async () => {
    const read = await observe(() => eventRead(as(outsider), "event.read", fx.eventId, never));
    expect(read.result).toEqual({ ok: false, error: { kind: "not_found", message: `No event with id ${fx.eventId}` } });
    expect(read.rows).toEqual([{ action: "event.read", actorId: outsider.id, patientId: fx.patientId, eventIds: [fx.eventId], outcome: "denied" }]);

    const write = await observe(() => eventWrite(as(viewer), "event.amend", fx.eventId, never));
    expect(write.result).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(write.rows).toEqual([{ action: "event.amend", actorId: viewer.id, patientId: fx.patientId, eventIds: [fx.eventId], outcome: "denied" }]);
    expect(write.unchanged).toBe(true);

    const missing = await observe(() => eventWrite(as(nurse), "event.amend", fx.ghost, never));
    expect(missing.result).toEqual({ ok: false, error: { kind: "not_found", message: `No event with id ${fx.ghost}` } });
    expect(missing.rows).toEqual([{ action: "event.amend", actorId: nurse.id, patientId: null, eventIds: [], outcome: "not-found" }]);

    // Allowed: the body gets the event's current version.
    const head = await eventWrite(as(nurse), "event.amend", fx.eventId, async (_tx, _note, current) => ok(current.chainId));
    expect(head).toEqual({ ok: true, value: fx.eventId });
  });

  it("alertWrite: an alert that does not exist never reaches the body", async () => {
    const seen = await observe(() => alertWrite(as(nurse), "alert.acknowledge", fx.ghost, never));
    expect(seen.result).toEqual({ ok: false, error: { kind: "not_found", message: `No alert with id ${fx.ghost}` } });
    expect(seen.rows).toEqual([{ action: "alert.acknowledge", actorId: nurse.id, patientId: null, eventIds: [], outcome: "not-found" }]);
  });

  it("clinicalWrite: a viewer is refused before the body; one denied row", async () => {
    const seen = await observe(() => clinicalWrite(as(viewer), "patient.create", never));
    expect(seen.result).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(seen.rows).toEqual([{ action: "patient.create", actorId: viewer.id, patientId: null, eventIds: [], outcome: "denied" }]);
  });

  it("adminCall: anyone but an administrator is refused before the body; the subject step names the patient in the denied row", async () => {
    const seen = await observe(() =>
      adminCall(as(nurse), "team.add-patient", never, {
        subject: async (_tx, note) => {
          note.patientId = fx.patientId;
          return fx.patientId;
        },
      }),
    );
    expect(seen.result).toEqual({ ok: false, error: { kind: "forbidden", message: "Only an administrator can do this." } });
    expect(seen.rows).toEqual([{ action: "team.add-patient", actorId: nurse.id, patientId: fx.patientId, eventIds: [], outcome: "denied" }]);
    expect(seen.unchanged).toBe(true);

    const allowed = await adminCall(as(admin), "admin.teams.list", async (_tx, _note, subject: string) => ok(subject), { subject: async () => "named" });
    expect(allowed).toEqual({ ok: true, value: "named" });
  });

  it("actorRead: the body's SQL and Prisma limits are the actor's teams; the row names no patient", async () => {
    const ids = (actor: Actor) =>
      actorRead(as(actor), "patient.search", async (tx, _note, scope) => {
        const visible = scope.sql("p.id", 1);
        const viaSql = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT p.id::text AS id FROM "Patient" p WHERE ${visible.sql}`, ...visible.params);
        const viaPrisma = await tx.patient.findMany({ where: scope.patientWhere, select: { id: true } });
        return ok({ sql: viaSql.map((r) => r.id).sort(), prisma: viaPrisma.map((r) => r.id).sort() });
      });
    expect(value(await ids(nurse))).toEqual({ sql: [fx.patientId], prisma: [fx.patientId] });
    expect(value(await ids(outsider))).toEqual({ sql: [], prisma: [] });
    const seen = await observe(() => ids(outsider));
    expect(seen.rows).toEqual([{ action: "patient.search", actorId: outsider.id, patientId: null, eventIds: [], outcome: "ok" }]);
  });

  it("a body cannot point its row at another patient or clear a refusal (a type error, checked by tsc)", () => {
    // Never called: it exists for the type checker, which fails the build if these lines compile.
    const body = (note: RecordNote) => {
      // @ts-expect-error the patient is the kernel's: a body only adds events and a detail
      note.patientId = fx.ghost;
      // @ts-expect-error nor the outcome
      note.outcome = "ok";
    };
    expect(typeof body).toBe("function");
  });
});
