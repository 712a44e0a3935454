import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { roles, systemActor, type Actor, type Role } from "@/lib/auth";
import { auditOutcomeOf, verifyAuditTrail } from "@/lib/audit";
import { parseCsv } from "@/lib/csv";
import { describeEachDatabase } from "@/lib/db/testing";
import type { Database } from "@/lib/db";
import { exampleEvents } from "@/lib/events";
import { createTeam } from "@/lib/admin/teams";
import { seedCaseEvents, seedCasePatient } from "@/prisma/seed/seed-case";
import type { ServiceContext } from "./context";
import type { Result, ServiceError } from "./result";
import {
  acknowledgeAlert,
  activeAlertCounts,
  amendEvent,
  backtestCohort,
  createPatient,
  updatePatient,
  changeCareTeams,
  dismissAlert,
  exportEventsCsv,
  exportOpenAlertsCsv,
  exportPatientBundle,
  patientEverything,
  getEvent,
  getEventHistory,
  getPatient,
  getScreeningPlan,
  getTimeline,
  getTimelinePage,
  getPatientPage,
  getChartWindow,
  importFhirBundle,
  importLabCsv,
  listAlertPage,
  listAlerts,
  listPatients,
  listWorklist,
  markEnteredInError,
  previewLabCsv,
  recordEvent,
  recordEvents,
  type ImportOutcome,
} from "./index";
import { refreshSummary } from "./summary";
import { value } from "./testing";

/**
 * The access rules as a property: for any role, any set of the actor's care teams, any patient (in
 * some teams, in none, or not existing) and any service that names a patient, an event or an alert,
 *  - outside the actor's teams the answer is "not found", worded exactly as for an id that does not exist;
 *  - inside them, a viewer or an administrator writing is refused ("forbidden");
 *  - inside them, a clinician gets what they asked for;
 *  - only a clinician's successful write changes anything, and every call leaves exactly one audit row
 *    naming the patient (when there is one) with the outcome the access rules call for;
 * and the list services show exactly the patients of the actor's teams.
 * Every service is also run in each situation once as an example; ACCESS_PROPERTY_STATS=1 prints how
 * many calls each service got in each situation.
 */

const TEAMS = 4;
const PATIENTS = 8;
const RANDOM_RUNS = 300;
const clinical = new Set<Role>(["oncologist", "rheumatologist", "dermatologist", "nurse"]);

/** A patient the property may pick: in some teams, in none (the orphan), or one that does not exist (the ghost). */
interface Subject {
  label: string;
  exists: boolean;
  id: string;
  identifier: string;
  /** Indices into the suite's teams. */
  teams: number[];
  /** A note recorded at set-up (amended by the property as it goes). */
  eventId: string;
  /** An alert raised by the seed case's flare, on every other patient. */
  alertId?: string;
  /** A FHIR bundle of the patient alone, as exported: importing it touches this existing patient. */
  bundle?: unknown;
}

/** What a call needs beyond the actor, filled in from the subject just before the call. */
interface Target {
  patientId: string;
  identifier: string;
  eventId: string;
  expectedVersion: number;
  alertId: string;
  bundle: unknown;
}

type Outcome = { ok: true; value: unknown } | { ok: false; kind: ServiceError["kind"] | "rejected"; message: string };

const fromResult = (result: Result<unknown>): Outcome => (result.ok ? { ok: true, value: result.value } : { ok: false, kind: result.error.kind, message: result.error.message });
const fromImport = (outcome: ImportOutcome): Outcome =>
  outcome.ok ? { ok: true, value: outcome.report } : { ok: false, kind: "rejected", message: outcome.rejection.problems.map((p) => p.message).join("; ") || outcome.rejection.message };

interface PatientOp {
  name: string;
  action: string;
  /** read: any role that sees the patient; writer: a clinical role (preview writes nothing but is the import's first step); write: a clinical role, and it changes the record. */
  access: "read" | "writer" | "write";
  needsAlert?: boolean;
  /** Not for the ghost: importing a bundle for an unknown identifier creates the patient. */
  needsExisting?: boolean;
  run: (ctx: ServiceContext, target: Target) => Promise<Outcome>;
}

const crpCsv = "date,analyte,value,unit,range low,range high\n2020-08-03T09:00,CRP,<4,mg/L,,5\n";
let amendments = 0;

const patientOps: PatientOp[] = [
  { name: "getPatient", action: "patient.read", access: "read", run: async (ctx, t) => fromResult(await getPatient(ctx, t.patientId)) },
  {
    name: "updatePatient",
    action: "patient.update",
    access: "write",
    needsExisting: true,
    // The same demographics (an edit saved unchanged): a change would make the later FHIR imports another person.
    run: async (ctx, t) => fromResult(await updatePatient(ctx, t.patientId, { ...seedCasePatient, identifier: t.identifier })),
  },
  // Saved unchanged (nothing added or removed): the access check and the audit row are what is under test.
  { name: "changeCareTeams", action: "patient.care-teams", access: "write", run: async (ctx, t) => fromResult(await changeCareTeams(ctx, t.patientId, {})) },
  { name: "getTimeline", action: "patient.timeline", access: "read", run: async (ctx, t) => fromResult(await getTimeline(ctx, t.patientId)) },
  { name: "getScreeningPlan", action: "patient.screening", access: "read", run: async (ctx, t) => fromResult(await getScreeningPlan(ctx, t.patientId)) },
  { name: "getTimelinePage", action: "patient.events", access: "read", run: async (ctx, t) => fromResult(await getTimelinePage(ctx, t.patientId, { limit: 5 })) },
  { name: "getPatientPage", action: "patient.page", access: "read", run: async (ctx, t) => fromResult(await getPatientPage(ctx, t.patientId)) },
  { name: "getChartWindow", action: "patient.chart", access: "read", run: async (ctx, t) => fromResult(await getChartWindow(ctx, t.patientId, { from: "2000-01-01", to: "2040-12-31" })) },
  { name: "getEvent", action: "event.read", access: "read", run: async (ctx, t) => fromResult(await getEvent(ctx, t.eventId)) },
  { name: "getEventHistory", action: "event.history", access: "read", run: async (ctx, t) => fromResult(await getEventHistory(ctx, t.eventId)) },
  { name: "listAlerts(patient)", action: "patient.alerts", access: "read", run: async (ctx, t) => fromResult(await listAlerts(ctx, { patientId: t.patientId, status: "all" })) },
  { name: "exportPatientBundle", action: "patient.export.fhir", access: "read", run: async (ctx, t) => fromResult(await exportPatientBundle(ctx, t.patientId)) },
  { name: "patientEverything", action: "patient.fhir.everything", access: "read", run: async (ctx, t) => fromResult(await patientEverything(ctx, t.patientId)) },
  { name: "exportEventsCsv", action: "patient.export.csv", access: "read", run: async (ctx, t) => fromResult(await exportEventsCsv(ctx, t.patientId)) },
  { name: "previewLabCsv", action: "lab-csv.preview", access: "writer", run: async (ctx, t) => fromResult(await previewLabCsv(ctx, t.patientId, crpCsv)) },
  { name: "importLabCsv", action: "lab-csv.import", access: "write", run: async (ctx, t) => fromResult(await importLabCsv(ctx, t.patientId, crpCsv)) },
  { name: "recordEvent", action: "event.record", access: "write", run: async (ctx, t) => fromResult(await recordEvent(ctx, t.patientId, exampleEvents.note)) },
  {
    name: "recordEvents",
    action: "event.record",
    access: "write",
    run: async (ctx, t) => fromResult(await recordEvents(ctx, t.patientId, [exampleEvents.note, exampleEvents.medication])),
  },
  {
    name: "amendEvent",
    action: "event.amend",
    access: "write",
    run: async (ctx, t) =>
      fromResult(
        await amendEvent(ctx, t.eventId, { expectedVersion: t.expectedVersion, event: { ...exampleEvents.note, payload: { text: `Amended (${++amendments})` } }, reason: "Typo" }),
      ),
  },
  {
    name: "markEnteredInError",
    action: "event.entered-in-error",
    access: "write",
    run: async (ctx, t) => fromResult(await markEnteredInError(ctx, t.eventId, { expectedVersion: t.expectedVersion, reason: "Entered on the wrong patient" })),
  },
  {
    name: "acknowledgeAlert",
    action: "alert.acknowledge",
    access: "write",
    needsAlert: true,
    run: async (ctx, t) => fromResult(await acknowledgeAlert(ctx, t.alertId, { note: "CT booked for next week" })),
  },
  {
    name: "dismissAlert",
    action: "alert.dismiss",
    access: "write",
    needsAlert: true,
    run: async (ctx, t) => fromResult(await dismissAlert(ctx, t.alertId, { reason: "Flare explained by steroid taper" })),
  },
  { name: "importFhirBundle", action: "fhir.import", access: "write", needsExisting: true, run: async (ctx, t) => fromImport(await importFhirBundle(ctx, t.bundle)) },
];

/** A list service: checks its own answer against the patients the actor may see. */
interface ListOp {
  name: string;
  /** The audit action, or null for the one list that is not audited (navigation counts). */
  action: string | null;
  check: (ctx: ServiceContext, subject: Subject, visible: ReadonlySet<string>, db: Database) => Promise<void>;
}

/** The alerts the inbox shows (open and acknowledged) of the patients the actor may see, straight from the tables. */
async function activeAlertsOf(db: Database, visible: ReadonlySet<string>) {
  const rows = await db.prisma.alert.findMany({ where: { status: { in: ["open", "acknowledged"] } }, include: { patient: { select: { identifier: true } } } });
  return rows.filter((row) => visible.has(row.patientId));
}

const listOps: ListOp[] = [
  {
    name: "listPatients",
    action: "patient.search",
    check: async (ctx, _subject, visible) => {
      const ids = value(await listPatients(ctx)).map((p) => p.id);
      expect(new Set(ids)).toEqual(visible);
    },
  },
  {
    name: "listPatients(search)",
    action: "patient.search",
    check: async (ctx, subject, visible) => {
      const found = value(await listPatients(ctx, { search: subject.identifier }));
      expect(found.every((p) => visible.has(p.id))).toBe(true);
      expect(found.some((p) => p.id === subject.id)).toBe(visible.has(subject.id));
    },
  },
  {
    name: "listWorklist",
    action: "patient.worklist",
    check: async (ctx, _subject, visible) => {
      // One call, one audit row: a page large enough for every patient of the fixture.
      const page = value(await listWorklist(ctx, { sort: "name", limit: 100 }));
      expect(page.next).toBeUndefined();
      const ids = page.rows.map((row) => row.id);
      expect(ids.length).toBe(new Set(ids).size);
      expect(new Set(ids)).toEqual(visible);
    },
  },
  {
    name: "listWorklist(search)",
    action: "patient.worklist",
    check: async (ctx, subject, visible) => {
      const found = value(await listWorklist(ctx, { q: subject.identifier })).rows;
      expect(found.every((p) => visible.has(p.id))).toBe(true);
      expect(found.some((p) => p.id === subject.id)).toBe(visible.has(subject.id));
    },
  },
  {
    name: "listAlertPage()",
    action: "alert.list",
    check: async (ctx, _subject, visible, db) => {
      const page = value(await listAlertPage(ctx, { limit: 100 }));
      expect(page.next).toBeUndefined();
      const listed = page.alerts.map((a) => a.id);
      expect(listed.sort()).toEqual((await activeAlertsOf(db, visible)).map((a) => a.id).sort());
    },
  },
  {
    name: "listAlerts()",
    action: "alert.list",
    check: async (ctx, _subject, visible, db) => {
      const listed = value(await listAlerts(ctx)).map((a) => a.id);
      expect(listed.sort()).toEqual((await activeAlertsOf(db, visible)).map((a) => a.id).sort());
    },
  },
  {
    name: "exportOpenAlertsCsv",
    action: "alert.export.csv",
    check: async (ctx, _subject, visible, db) => {
      const parsed = parseCsv(value(await exportOpenAlertsCsv(ctx)));
      if (!parsed.ok) throw new Error(parsed.message);
      const identifiers = parsed.lines.slice(1).map((line) => line.cells[0]);
      expect(identifiers.sort()).toEqual((await activeAlertsOf(db, visible)).map((a) => a.patient.identifier).sort());
    },
  },
  {
    name: "backtestCohort",
    action: "alerts.backtest",
    check: async (ctx, _subject, visible) => {
      const result = await backtestCohort(ctx);
      expect(new Set(Object.keys(result.patients))).toEqual(visible);
      expect(result.alerts.every((a) => visible.has(a.patientId))).toBe(true);
      expect(result.summary.progressionsWithoutAlert.every((p) => visible.has(p.patientId))).toBe(true);
    },
  },
  {
    // Not audited (allow-listed in lib/audit/coverage.db.test.ts): counts only, but counts of the actor's patients only.
    name: "activeAlertCounts",
    action: null,
    check: async (ctx, _subject, visible, db) => {
      const open = (await activeAlertsOf(db, visible)).filter((a) => a.status === "open");
      expect(await activeAlertCounts(ctx)).toEqual({ open: open.length, high: open.filter((a) => a.priority === "high").length });
    },
  },
];

const opNames = [...patientOps.map((op) => op.name), ...listOps.map((op) => op.name)];

/**
 * Exports of lib/patients that name no patient, event or alert and list none, so the property has
 * nothing to pick for them; each is audited or allow-listed in lib/audit/coverage.db.test.ts.
 */
const notAboutAccess: Record<string, string> = {
  createPatient: "adds a patient to the actor's own teams (refusals in lib/patients/refusals.db.test.ts)",
  importReadBundle: "the second half of importFhirBundle, which is an op",
  updateAlertSettings: "administrators' configuration, no patient data",
  getAlertSettings: "configuration, no patient data",
  reevaluateAllAlerts: "a system task that takes a Database, no actor",
  upgradeOutdatedAlerts: "a system task that takes a Database, no actor",
  clinicToday: "pure",
  clinicTimeZone: "pure",
};

describe("which services the property covers", () => {
  it("every function lib/patients exports is an op of the property, or names no patient (with the reason)", async () => {
    const exported = Object.entries(await import("./index")).filter(([, v]) => typeof v === "function").map(([name]) => name);
    const covered = new Set(opNames.map((name) => name.replace(/\(.*\)$/, "")));
    expect(exported.filter((name) => !covered.has(name) && !(name in notAboutAccess))).toEqual([]);
    expect(Object.keys(notAboutAccess).filter((name) => !exported.includes(name) || covered.has(name))).toEqual([]);
  });
});

/** Everything a refused call must leave as it was: every event version, patient, team membership and alert state. */
async function stateOf(db: Database) {
  const [row] = await db.sql.query<{ events: number; current: number; patients: number; memberships: number; alerts: string }>(
    `SELECT (SELECT count(*) FROM "Event")::int AS events,
            (SELECT count(*) FROM "Event" WHERE current)::int AS current,
            (SELECT count(*) FROM "Patient")::int AS patients,
            (SELECT count(*) FROM "PatientTeam")::int AS memberships,
            (SELECT coalesce(string_agg(id::text || ' ' || status || ' ' || "updatedAt"::text, ',' ORDER BY id), '') FROM "Alert") AS alerts`,
  );
  return { ...row, events: Number(row.events), current: Number(row.current), patients: Number(row.patients), memberships: Number(row.memberships) };
}

async function lastAuditSeq(db: Database): Promise<number> {
  return (await db.prisma.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0;
}

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const withoutIds = (outcome: Outcome) => (outcome.ok ? outcome : { ...outcome, message: outcome.message.replace(UUIDS, "<id>") });

describeEachDatabase("access to patients, as a property", (db, target) => {
  const system = (): ServiceContext => ({ db: db(), actor: systemActor("access-property") });
  const teams: string[] = [];
  const subjects: Subject[] = [];
  let ghost: Subject;

  beforeAll(async () => {
    for (let t = 0; t < TEAMS; t++) teams.push(value(await createTeam(system(), { name: `Team ${t} (${target})` })).id);
    // Each patient in a random non-empty set of teams, from a fixed seed so that a failure replays.
    const memberships = fc.sample(fc.subarray([...teams.keys()], { minLength: 1 }), { numRuns: PATIENTS, seed: 20261126 });
    // And the orphan: a patient no care team holds (only a system task sees them).
    memberships.push([]);
    const beforeFlare = seedCaseEvents.filter((e) => e.occurredAt < "2020-08-18");
    for (const [i, memberOf] of memberships.entries()) {
      const label = memberOf.length === 0 ? "orphan" : `P${String(i).padStart(2, "0")}`;
      const patient = value(
        await createPatient(system(), { ...seedCasePatient, identifier: `ACCESS-${target}-${label}`, teamIds: memberOf.map((t) => teams[t]) }),
      );
      const note = value(await recordEvent(system(), patient.id, exampleEvents.note));
      const subject: Subject = { label, exists: true, id: patient.id, identifier: patient.identifier, teams: memberOf, eventId: note.id };
      if (i % 2 === 0) {
        value(await recordEvents(system(), patient.id, beforeFlare, { confirm: ["duplicate", "implausible"] }));
        const [alert] = value(await listAlerts(system(), { patientId: patient.id }));
        expect(alert, `${label} has the seed case's flare alert`).toBeDefined();
        subject.alertId = alert.id;
      }
      const bundle = JSON.parse(JSON.stringify(value(await exportPatientBundle(system(), patient.id)))) as { entry: unknown[] };
      subject.bundle = { ...bundle, entry: bundle.entry.slice(0, 1) };
      subjects.push(subject);
    }
    ghost = { label: "ghost", exists: false, id: crypto.randomUUID(), identifier: `ACCESS-${target}-ghost`, teams: [], eventId: crypto.randomUUID(), alertId: crypto.randomUUID() };
  });

  /** Puts the subject's records back where a write can succeed, with the system actor, before the call under test is counted. */
  async function prepare(subject: Subject, op: string): Promise<Target> {
    const base: Target = { patientId: subject.id, identifier: subject.identifier, eventId: subject.eventId, expectedVersion: 1, alertId: subject.alertId ?? crypto.randomUUID(), bundle: subject.bundle };
    if (!subject.exists) return base;
    if (op === "amendEvent") {
      const head = await db().prisma.event.findFirstOrThrow({ where: { chainId: subject.eventId, current: true }, select: { version: true } });
      return { ...base, expectedVersion: head.version };
    }
    if (op === "markEnteredInError") {
      // A fresh note each time: one marked in error cannot be marked again.
      return { ...base, eventId: value(await recordEvent(system(), subject.id, exampleEvents.note)).id };
    }
    if ((op === "acknowledgeAlert" || op === "dismissAlert") && subject.alertId) {
      await db().prisma.alert.update({
        where: { id: subject.alertId },
        data: { status: "open", acknowledged: false, acknowledgedAt: null, acknowledgedBy: null, acknowledgementNote: null, dismissedAt: null, dismissedBy: null, dismissalReason: null },
      });
      // Written behind the services' back, so the worklist summary is brought up to date as a write would.
      await refreshSummary(db().prisma, subject.id);
    }
    return base;
  }

  const runs = new Map<string, number>();

  async function check(role: Role, actorTeams: number[], subjectIndex: number, opName: string) {
    const subject = subjectIndex < subjects.length ? subjects[subjectIndex] : ghost;
    const patientOp = patientOps.find((op) => op.name === opName);
    if (patientOp?.needsAlert && !subject.alertId) return fc.pre(false);
    if (patientOp?.needsExisting && !subject.exists) return fc.pre(false);

    const actor: Actor = { id: `user:${role}:${actorTeams.join("")}`, name: `Dr ${role}`, role, teams: actorTeams.map((t) => teams[t]) };
    const ctx: ServiceContext = { db: db(), actor, origin: { address: "203.0.113.9", userAgent: "fast-check" } };
    const visible = new Set(subjects.filter((s) => s.teams.some((t) => actorTeams.includes(t))).map((s) => s.id));
    const sees = visible.has(subject.id);

    const target = await prepare(subject, opName);
    const stateBefore = await stateOf(db());
    const seqBefore = await lastAuditSeq(db());

    let category: string;
    let expectedAudit: { action: string; patientId: string | null; outcome: string } | null;
    let writes = false;
    let comparison: Outcome | undefined;
    if (patientOp) {
      const outcome = await patientOp.run(ctx, target);
      // A FHIR import is refused with a report, not an error kind: the wording is checked by the FHIR tests.
      const refusal = patientOp.name === "importFhirBundle" ? "rejected" : undefined;
      if (!subject.exists) {
        category = "no such patient";
        expect(outcome).toMatchObject({ ok: false, kind: "not_found" });
        expectedAudit = { action: patientOp.action, patientId: null, outcome: "not-found" };
      } else if (!sees) {
        category = "outside teams";
        expect(outcome).toMatchObject({ ok: false, kind: refusal ?? "not_found" });
        expectedAudit = { action: patientOp.action, patientId: subject.id, outcome: "denied" };
        if (!refusal) comparison = outcome;
      } else if (patientOp.access !== "read" && !clinical.has(role)) {
        category = "forbidden";
        expect(outcome).toMatchObject({ ok: false, kind: refusal ?? "forbidden" });
        expectedAudit = { action: patientOp.action, patientId: subject.id, outcome: "denied" };
      } else {
        category = "allowed";
        if (!outcome.ok) throw new Error(`${role} in teams [${actorTeams}] calling ${opName} on ${subject.label} [${subject.teams}]: ${outcome.kind}: ${outcome.message}`);
        expectedAudit = { action: patientOp.action, patientId: subject.id, outcome: "ok" };
        writes = patientOp.access === "write";
      }
    } else {
      const listOp = listOps.find((op) => op.name === opName)!;
      category = "list";
      await listOp.check(ctx, subject, visible, db());
      expectedAudit = listOp.action ? { action: listOp.action, patientId: null, outcome: "ok" } : null;
    }

    const rows = await db().prisma.auditEntry.findMany({ where: { seq: { gt: seqBefore } }, orderBy: { seq: "asc" } });
    const seen = rows.map(({ action, actorId, role, address, patientId, outcome }) => ({ action, actorId, role, address, patientId, outcome: auditOutcomeOf(outcome) }));
    expect(seen).toEqual(expectedAudit ? [{ ...expectedAudit, actorId: actor.id, role, address: "203.0.113.9" }] : []);
    if (!writes) expect(await stateOf(db())).toEqual(stateBefore);

    if (comparison && patientOp) {
      // Word for word what an id that names nothing gets: the answer does not tell that the patient exists.
      const nothing = await patientOp.run(ctx, { ...target, patientId: ghost.id, eventId: ghost.eventId, alertId: ghost.alertId! });
      expect(withoutIds(comparison)).toEqual(withoutIds(nothing));
    }

    const key = `${opName} / ${category}`;
    runs.set(key, (runs.get(key) ?? 0) + 1);
  }

  it("outside the actor's teams is not found, a viewer's or an admin's write is forbidden, a clinician's call succeeds, and each is audited once", async () => {
    const arbitrary = fc.tuple(
      fc.constantFrom(...roles),
      fc.subarray([...teams.keys()]),
      fc.nat({ max: subjects.length }), // subjects.length is the ghost
      fc.constantFrom(...opNames),
    );
    // Every service in each situation at least once, whatever the random runs pick.
    type Example = [Role, number[], number, string];
    const inTeams = subjects.findIndex((s) => s.alertId && s.teams.length > 0 && s.teams.length < TEAMS);
    const own = subjects[inTeams].teams;
    const others = [...teams.keys()].filter((t) => !own.includes(t));
    const examples: Example[] = [
      ...patientOps.flatMap((op): Example[] => [
        ["nurse", own, inTeams, op.name],
        ["viewer", own, inTeams, op.name],
        ["admin", own, inTeams, op.name],
        ["oncologist", others, inTeams, op.name],
        ...(op.needsExisting ? [] : [["rheumatologist", [...teams.keys()], subjects.length, op.name] as Example]),
      ]),
      ...listOps.map((op): Example => ["dermatologist", own, inTeams, op.name]),
    ];
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(arbitrary, ([role, actorTeams, subjectIndex, opName]) => check(role, actorTeams, subjectIndex, opName)),
      { numRuns: examples.length + RANDOM_RUNS, examples: examples.map((e) => [e]) },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const total = [...runs.values()].reduce((a, b) => a + b, 0);
    if (process.env.ACCESS_PROPERTY_STATS) console.info(`[${target}] ${total} calls in ${seconds} s:\n${[...runs].sort().map(([k, n]) => `  ${k}: ${n}`).join("\n")}`);
    expect((await verifyAuditTrail(db().prisma)).problem).toBeNull();
  });
});
