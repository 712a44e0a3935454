import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Actor } from "@/lib/auth";
import { describeEachDatabase } from "@/lib/db/testing";
import { exampleEvents } from "@/lib/events";
import { readBundle } from "@/lib/fhir";
import type { ServiceContext } from "@/lib/patients";
import * as patients from "@/lib/patients";
import { value } from "@/lib/patients/testing";
import * as users from "@/lib/admin/users";
import * as teams from "@/lib/admin/teams";
import * as trail from "@/lib/admin/audit";
import { seedCaseEvents, seedCasePatient } from "@/prisma/seed/seed-case";
import { auditOutcomeOf, verifyAuditTrail, type AuditOutcome } from "./index";

/**
 * Every service call that touches a patient leaves an audit row, checked centrally: each function the
 * service modules export needs a recipe below (calls and the rows they must add) or a place on the
 * commented allow-list of exports that touch no patient. A new export with neither fails this file,
 * so a service cannot be added without deciding how it is audited.
 */

const serviceModules = {
  "lib/patients": await import("@/lib/patients"),
  "lib/admin/users": await import("@/lib/admin/users"),
  "lib/admin/teams": await import("@/lib/admin/teams"),
  "lib/admin/audit": await import("@/lib/admin/audit"),
};

/**
 * Every function a file of lib/patients or lib/admin exports that takes a ServiceContext first: a
 * service. Each must be one of the exports above (lib/patients through its index), so a service in a
 * new file cannot be missed by forgetting to export it; `internal` names the few that are not services.
 */
const internal: Record<string, string> = {
  // The kernel's patientWrite with what follows every write to a record (alerts, chart, worklist row):
  // the record writes and the lab CSV import call it; it is not a door of its own.
  "lib/patients/events.writeToRecord": "a helper of the record writes",
  // For service tests only (counts event rows to show a refusal wrote nothing).
  "lib/patients/testing.eventCount": "a test helper",
  // For the property tests only (applies one random write step through the exported services).
  "lib/patients/testing.applyWriteStep": "a test helper",
};
const serviceFunctions = ["lib/patients", "lib/admin"].flatMap((dir) =>
  fs
    .readdirSync(path.resolve(import.meta.dirname, "..", "..", dir))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .flatMap((file) => {
      const text = fs.readFileSync(path.resolve(import.meta.dirname, "..", "..", dir, file), "utf8");
      return [...text.matchAll(/^export (?:async )?function (\w+)(?:<[^(]*>)?\(ctx: ServiceContext\b/gm)].map((m) => ({ module: `${dir}/${file.replace(/\.ts$/, "")}`, name: m[1] }));
    }),
);

/** Every exported function, as "module.name". */
const exportedFunctions = Object.entries(serviceModules).flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter(([, exported]) => typeof exported === "function")
    .map(([name]) => `${module}.${name}`),
);

/** Exports that touch no patient's record and are deliberately not audited. */
const allowList: Record<string, string> = {
  // A pure date calculation (today in the clinic's time zone); no database.
  "lib/patients.clinicToday": "pure",
  // Reads FLAREWATCH_TIME_ZONE; no database.
  "lib/patients.clinicTimeZone": "pure",
  // The navigation badge: two numbers over the actor's own patients, no patient named or shown, asked on
  // every page. Auditing it would add a patientless row per page view; the inbox it leads to is audited.
  "lib/patients.activeAlertCounts": "aggregate counts only",
  // The alert thresholds in force: configuration, no patient data. Changing them (updateAlertSettings) is audited.
  "lib/patients.getAlertSettings": "configuration",
  // Takes a Database, not a ServiceContext: there is no actor to record. It re-derives every patient's
  // alerts from their events and is run by the audited updateAlertSettings or by an operator
  // (`npm run alerts:evaluate`); it shows nothing to anyone.
  "lib/patients.reevaluateAllAlerts": "system task without an actor",
  "lib/patients.upgradeOutdatedAlerts": "system task without an actor (start-up after a rule upgrade); writes its own alerts.reevaluate-all row",
  // Care team names for the team pickers: no patient, no member.
  "lib/admin/teams.teamNames": "team names only",
  // The names of the actor's own teams (team picker, "Your account"): no patient, no other member.
  "lib/admin/teams.ownTeams": "the actor's own team names",
  // Words for a filter of the trail; no database.
  "lib/admin/audit.describeAuditFilter": "pure",
};

type Who = "clinician" | "viewer" | "outsider" | "admin";

/** What the fixture holds, filled in by beforeAll. */
interface Fixture {
  teamA: string;
  teamB: string;
  patientId: string;
  identifier: string;
  noteId: string;
  alertId: string;
  bundle: unknown;
  userId: string;
}

interface Expected {
  action: string;
  /** "patient": the fixture's patient; "result": the id the call returned; null: no patient. */
  patient: "patient" | "result" | null;
  outcome: AuditOutcome;
}

interface Case {
  what: string;
  who: Who;
  /** Runs before the audit trail is counted (as the system), to put the record in a state the call can change. */
  prepare?: (fx: Fixture, system: ServiceContext) => Promise<Record<string, string | number>>;
  call: (ctx: ServiceContext, fx: Fixture, prepared: Record<string, string | number>) => Promise<unknown>;
  rows: Expected[];
}

const row = (action: string, patient: Expected["patient"], outcome: AuditOutcome = "ok"): Expected => ({ action, patient, outcome });

const currentVersion = async (fx: Fixture, system: ServiceContext) => ({ version: value(await patients.getEvent(system, fx.noteId)).version });
const freshNote = async (fx: Fixture, system: ServiceContext) => ({ eventId: value(await patients.recordEvent(system, fx.patientId, exampleEvents.note)).id });
const openAlert = async (fx: Fixture, system: ServiceContext) => {
  await system.db.prisma.alert.update({
    where: { id: fx.alertId },
    data: { status: "open", acknowledged: false, acknowledgedAt: null, acknowledgedBy: null, acknowledgementNote: null, dismissedAt: null, dismissedBy: null, dismissalReason: null },
  });
  return {};
};
const crpCsv = "date,analyte,value,unit,range low,range high\n2020-08-03T09:00,CRP,<4,mg/L,,5\n";
const strongPassword = "violet-harbour-ladder-9417-quartz";
let users_ = 0;

/** How each export is called, and the audit rows each call must add. */
const recipes: Record<string, Case[]> = {
  "lib/patients.createPatient": [
    {
      what: "a clinician adds a patient to their team",
      who: "clinician",
      call: (ctx, fx) => patients.createPatient(ctx, { identifier: `COV-NEW-${crypto.randomUUID().slice(0, 8)}`, familyName: "New", givenName: "Patient", sex: "female", teamIds: [fx.teamA] }),
      rows: [row("patient.create", "result")],
    },
    {
      what: "a viewer may not",
      who: "viewer",
      call: (ctx) => patients.createPatient(ctx, { identifier: "COV-REFUSED", familyName: "New", givenName: "Patient", sex: "female" }),
      rows: [row("patient.create", null, "denied")],
    },
  ],
  "lib/patients.updatePatient": [
    {
      what: "a clinician saves the demographics (unchanged, so the fixture's FHIR imports stay the same person)",
      who: "clinician",
      call: async (ctx, fx) => patients.updatePatient(ctx, fx.patientId, { ...seedCasePatient, identifier: fx.identifier }),
      rows: [row("patient.update", "patient")],
    },
    {
      what: "a viewer may not",
      who: "viewer",
      call: (ctx, fx) => patients.updatePatient(ctx, fx.patientId, { identifier: fx.identifier, familyName: "X", givenName: "Y", sex: "female" }),
      rows: [row("patient.update", "patient", "denied")],
    },
  ],
  "lib/patients.changeCareTeams": [
    {
      what: "a clinician saves the care teams unchanged (the fixture's patient stays in team A)",
      who: "clinician",
      call: (ctx, fx) => patients.changeCareTeams(ctx, fx.patientId, { add: [fx.teamA] }),
      rows: [row("patient.care-teams", "patient")],
    },
    {
      what: "taking the patient out of their only team is refused",
      who: "clinician",
      call: (ctx, fx) => patients.changeCareTeams(ctx, fx.patientId, { remove: [fx.teamA] }),
      rows: [row("patient.care-teams", "patient", "invalid")],
    },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.changeCareTeams(ctx, fx.patientId, { add: [fx.teamB] }), rows: [row("patient.care-teams", "patient", "denied")] },
  ],
  "lib/patients.getPatient": [
    { what: "read in the team", who: "viewer", call: (ctx, fx) => patients.getPatient(ctx, fx.patientId), rows: [row("patient.read", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.getPatient(ctx, fx.patientId), rows: [row("patient.read", "patient", "denied")] },
    { what: "no such patient", who: "clinician", call: (ctx) => patients.getPatient(ctx, crypto.randomUUID()), rows: [row("patient.read", null, "not-found")] },
  ],
  "lib/patients.listPatients": [{ what: "the patient list", who: "viewer", call: (ctx) => patients.listPatients(ctx, { search: "COV" }), rows: [row("patient.search", null)] }],
  "lib/patients.listWorklist": [
    { what: "the worklist", who: "viewer", call: (ctx) => patients.listWorklist(ctx, { q: "COV", sort: "scan" }), rows: [row("patient.worklist", null)] },
    { what: "a cursor it did not write", who: "viewer", call: (ctx) => patients.listWorklist(ctx, { after: "bm90LWEtY3Vyc29y" }), rows: [row("patient.worklist", null, "invalid")] },
  ],
  "lib/patients.listAlertPage": [
    { what: "a page of the inbox", who: "viewer", call: (ctx) => patients.listAlertPage(ctx, { limit: 5 }), rows: [row("alert.list", null)] },
    { what: "an invalid filter", who: "viewer", call: (ctx) => patients.listAlertPage(ctx, { status: "lost" }), rows: [row("alert.list", null, "invalid")] },
  ],
  "lib/patients.getTimeline": [
    { what: "read in the team", who: "viewer", call: (ctx, fx) => patients.getTimeline(ctx, fx.patientId), rows: [row("patient.timeline", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.getTimeline(ctx, fx.patientId), rows: [row("patient.timeline", "patient", "denied")] },
  ],
  "lib/patients.getPatientPage": [
    { what: "read in the team", who: "viewer", call: (ctx, fx) => patients.getPatientPage(ctx, fx.patientId), rows: [row("patient.page", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.getPatientPage(ctx, fx.patientId), rows: [row("patient.page", "patient", "denied")] },
    { what: "an invalid query", who: "clinician", call: (ctx, fx) => patients.getPatientPage(ctx, fx.patientId, { events: { limit: 0 } }), rows: [row("patient.page", "patient", "invalid")] },
  ],
  "lib/patients.getChartWindow": [
    { what: "read in the team", who: "viewer", call: (ctx, fx) => patients.getChartWindow(ctx, fx.patientId, { from: "2020-01-01", to: "2030-12-31" }), rows: [row("patient.chart", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.getChartWindow(ctx, fx.patientId, { from: "2020-01-01", to: "2030-12-31" }), rows: [row("patient.chart", "patient", "denied")] },
    { what: "an invalid window", who: "clinician", call: (ctx, fx) => patients.getChartWindow(ctx, fx.patientId, { from: "2030-01-01", to: "2020-01-01" }), rows: [row("patient.chart", "patient", "invalid")] },
  ],
  "lib/patients.getTimelinePage": [
    { what: "read in the team", who: "viewer", call: (ctx, fx) => patients.getTimelinePage(ctx, fx.patientId, { limit: 3 }), rows: [row("patient.events", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.getTimelinePage(ctx, fx.patientId), rows: [row("patient.events", "patient", "denied")] },
    { what: "an invalid query", who: "clinician", call: (ctx, fx) => patients.getTimelinePage(ctx, fx.patientId, { limit: 0 }), rows: [row("patient.events", "patient", "invalid")] },
  ],
  "lib/patients.getEvent": [
    { what: "read in the team", who: "viewer", call: (ctx, fx) => patients.getEvent(ctx, fx.noteId), rows: [row("event.read", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.getEvent(ctx, fx.noteId), rows: [row("event.read", "patient", "denied")] },
  ],
  "lib/patients.getEventHistory": [
    { what: "read in the team", who: "viewer", call: (ctx, fx) => patients.getEventHistory(ctx, fx.noteId), rows: [row("event.history", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.getEventHistory(ctx, fx.noteId), rows: [row("event.history", "patient", "denied")] },
  ],
  "lib/patients.recordEvent": [
    { what: "a clinician records", who: "clinician", call: (ctx, fx) => patients.recordEvent(ctx, fx.patientId, exampleEvents.note), rows: [row("event.record", "patient")] },
    { what: "a viewer may not", who: "viewer", call: (ctx, fx) => patients.recordEvent(ctx, fx.patientId, exampleEvents.note), rows: [row("event.record", "patient", "denied")] },
    { what: "an invalid event", who: "clinician", call: (ctx, fx) => patients.recordEvent(ctx, fx.patientId, { kind: "note" }), rows: [row("event.record", "patient", "invalid")] },
  ],
  "lib/patients.recordEvents": [
    {
      what: "a clinician records two",
      who: "clinician",
      call: (ctx, fx) => patients.recordEvents(ctx, fx.patientId, [exampleEvents.note, exampleEvents.medication]),
      rows: [row("event.record", "patient")],
    },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.recordEvents(ctx, fx.patientId, [exampleEvents.note]), rows: [row("event.record", "patient", "denied")] },
  ],
  "lib/patients.amendEvent": [
    {
      what: "a clinician amends",
      who: "clinician",
      prepare: currentVersion,
      call: (ctx, fx, p) => patients.amendEvent(ctx, fx.noteId, { expectedVersion: p.version, event: { ...exampleEvents.note, payload: { text: "Amended" } }, reason: "Typo" }),
      rows: [row("event.amend", "patient")],
    },
    {
      what: "a stale version",
      who: "clinician",
      call: (ctx, fx) => patients.amendEvent(ctx, fx.noteId, { expectedVersion: 1, event: exampleEvents.note }),
      rows: [row("event.amend", "patient", "conflict")],
    },
    {
      what: "a viewer may not",
      who: "viewer",
      prepare: currentVersion,
      call: (ctx, fx, p) => patients.amendEvent(ctx, fx.noteId, { expectedVersion: p.version, event: exampleEvents.note }),
      rows: [row("event.amend", "patient", "denied")],
    },
  ],
  "lib/patients.markEnteredInError": [
    {
      what: "a clinician marks a note",
      who: "clinician",
      prepare: freshNote,
      call: (ctx, _fx, p) => patients.markEnteredInError(ctx, String(p.eventId), { expectedVersion: 1, reason: "Wrong patient" }),
      rows: [row("event.entered-in-error", "patient")],
    },
    {
      what: "outside the team",
      who: "outsider",
      prepare: freshNote,
      call: (ctx, _fx, p) => patients.markEnteredInError(ctx, String(p.eventId), { expectedVersion: 1, reason: "Wrong patient" }),
      rows: [row("event.entered-in-error", "patient", "denied")],
    },
  ],
  "lib/patients.getScreeningPlan": [
    { what: "read in the team", who: "viewer", call: (ctx, fx) => patients.getScreeningPlan(ctx, fx.patientId), rows: [row("patient.screening", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.getScreeningPlan(ctx, fx.patientId), rows: [row("patient.screening", "patient", "denied")] },
  ],
  "lib/patients.listAlerts": [
    { what: "the inbox", who: "viewer", call: (ctx) => patients.listAlerts(ctx), rows: [row("alert.list", null)] },
    { what: "one patient's alerts", who: "viewer", call: (ctx, fx) => patients.listAlerts(ctx, { patientId: fx.patientId }), rows: [row("patient.alerts", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.listAlerts(ctx, { patientId: fx.patientId }), rows: [row("patient.alerts", "patient", "denied")] },
  ],
  "lib/patients.acknowledgeAlert": [
    { what: "a clinician acknowledges", who: "clinician", prepare: openAlert, call: (ctx, fx) => patients.acknowledgeAlert(ctx, fx.alertId, { note: "CT booked" }), rows: [row("alert.acknowledge", "patient")] },
    { what: "a viewer may not", who: "viewer", prepare: openAlert, call: (ctx, fx) => patients.acknowledgeAlert(ctx, fx.alertId, { note: "CT booked" }), rows: [row("alert.acknowledge", "patient", "denied")] },
  ],
  "lib/patients.dismissAlert": [
    { what: "a clinician dismisses", who: "clinician", prepare: openAlert, call: (ctx, fx) => patients.dismissAlert(ctx, fx.alertId, { reason: "Steroid taper" }), rows: [row("alert.dismiss", "patient")] },
    { what: "outside the team", who: "outsider", prepare: openAlert, call: (ctx, fx) => patients.dismissAlert(ctx, fx.alertId, { reason: "Steroid taper" }), rows: [row("alert.dismiss", "patient", "denied")] },
  ],
  "lib/patients.backtestCohort": [{ what: "the cohort backtest", who: "viewer", call: (ctx) => patients.backtestCohort(ctx), rows: [row("alerts.backtest", null)] }],
  "lib/patients.updateAlertSettings": [
    {
      what: "an admin saves the settings",
      who: "admin",
      call: async (ctx) => patients.updateAlertSettings(ctx, (await patients.getAlertSettings(ctx)).settings),
      rows: [row("alert-settings.update", null)],
    },
    {
      what: "a clinician may not",
      who: "clinician",
      call: async (ctx) => patients.updateAlertSettings(ctx, (await patients.getAlertSettings(ctx)).settings),
      rows: [row("alert-settings.update", null, "denied")],
    },
  ],
  "lib/patients.importFhirBundle": [
    { what: "a clinician imports for the patient", who: "clinician", call: (ctx, fx) => patients.importFhirBundle(ctx, fx.bundle), rows: [row("fhir.import", "patient")] },
    { what: "a viewer may not", who: "viewer", call: (ctx, fx) => patients.importFhirBundle(ctx, fx.bundle), rows: [row("fhir.import", "patient", "denied")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.importFhirBundle(ctx, fx.bundle), rows: [row("fhir.import", "patient", "denied")] },
    { what: "a bundle that cannot be read", who: "clinician", call: (ctx) => patients.importFhirBundle(ctx, { resourceType: "Bundle" }), rows: [row("fhir.import", null, "invalid")] },
    { what: "a viewer's unreadable bundle", who: "viewer", call: (ctx) => patients.importFhirBundle(ctx, "not a bundle"), rows: [row("fhir.import", null, "denied")] },
    { what: "a preview", who: "clinician", call: (ctx, fx) => patients.importFhirBundle(ctx, fx.bundle, { dryRun: true }), rows: [row("fhir.import.preview", "patient")] },
    { what: "a viewer's preview", who: "viewer", call: (ctx, fx) => patients.importFhirBundle(ctx, fx.bundle, { dryRun: true }), rows: [row("fhir.import.preview", "patient", "denied")] },
  ],
  "lib/patients.importReadBundle": [
    { what: "a clinician imports a read bundle", who: "clinician", call: (ctx, fx) => patients.importReadBundle(ctx, readBundle(fx.bundle)), rows: [row("fhir.import", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.importReadBundle(ctx, readBundle(fx.bundle)), rows: [row("fhir.import", "patient", "denied")] },
  ],
  "lib/patients.patientEverything": [
    { what: "$everything in the team", who: "viewer", call: (ctx, fx) => patients.patientEverything(ctx, fx.patientId), rows: [row("patient.fhir.everything", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.patientEverything(ctx, fx.patientId), rows: [row("patient.fhir.everything", "patient", "denied")] },
  ],
  "lib/patients.exportPatientBundle": [
    { what: "export in the team", who: "viewer", call: (ctx, fx) => patients.exportPatientBundle(ctx, fx.patientId), rows: [row("patient.export.fhir", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.exportPatientBundle(ctx, fx.patientId), rows: [row("patient.export.fhir", "patient", "denied")] },
  ],
  "lib/patients.previewLabCsv": [
    { what: "a clinician previews", who: "clinician", call: (ctx, fx) => patients.previewLabCsv(ctx, fx.patientId, crpCsv), rows: [row("lab-csv.preview", "patient")] },
    { what: "a viewer may not", who: "viewer", call: (ctx, fx) => patients.previewLabCsv(ctx, fx.patientId, crpCsv), rows: [row("lab-csv.preview", "patient", "denied")] },
  ],
  "lib/patients.importLabCsv": [
    { what: "a clinician imports", who: "clinician", call: (ctx, fx) => patients.importLabCsv(ctx, fx.patientId, crpCsv), rows: [row("lab-csv.import", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.importLabCsv(ctx, fx.patientId, crpCsv), rows: [row("lab-csv.import", "patient", "denied")] },
    { what: "a bad row", who: "clinician", call: (ctx, fx) => patients.importLabCsv(ctx, fx.patientId, `${crpCsv}nope,CK,1,U/L,,\n`), rows: [row("lab-csv.import", "patient", "invalid")] },
  ],
  "lib/patients.exportEventsCsv": [
    { what: "export in the team", who: "viewer", call: (ctx, fx) => patients.exportEventsCsv(ctx, fx.patientId), rows: [row("patient.export.csv", "patient")] },
    { what: "outside the team", who: "outsider", call: (ctx, fx) => patients.exportEventsCsv(ctx, fx.patientId), rows: [row("patient.export.csv", "patient", "denied")] },
  ],
  "lib/patients.exportOpenAlertsCsv": [{ what: "the inbox as CSV", who: "viewer", call: (ctx) => patients.exportOpenAlertsCsv(ctx), rows: [row("alert.export.csv", null)] }],

  "lib/admin/users.listUsers": [
    { what: "an admin lists users", who: "admin", call: (ctx) => users.listUsers(ctx), rows: [row("admin.users.list", null)] },
    { what: "a clinician may not", who: "clinician", call: (ctx) => users.listUsers(ctx), rows: [row("admin.users.list", null, "denied")] },
  ],
  "lib/admin/users.createUser": [
    {
      what: "an admin creates an account",
      who: "admin",
      call: (ctx, fx) => users.createUser(ctx, { name: "Covered Nurse", email: `covered-${++users_}@example.org`, role: "nurse", password: strongPassword, teamIds: [fx.teamA] }),
      rows: [row("user.create", null)],
    },
    {
      what: "a clinician may not",
      who: "clinician",
      call: (ctx) => users.createUser(ctx, { name: "Covered Nurse", email: "refused@example.org", role: "admin", password: strongPassword }),
      rows: [row("user.create", null, "denied")],
    },
  ],
  "lib/admin/users.resetPassword": [
    { what: "an admin resets a password", who: "admin", call: (ctx, fx) => users.resetPassword(ctx, fx.userId, { password: `${strongPassword}-2` }), rows: [row("user.reset-password", null)] },
    { what: "a viewer may not", who: "viewer", call: (ctx, fx) => users.resetPassword(ctx, fx.userId, { password: `${strongPassword}-3` }), rows: [row("user.reset-password", null, "denied")] },
  ],
  "lib/admin/users.updateUser": [
    { what: "an admin moves a user to another team", who: "admin", call: (ctx, fx) => users.updateUser(ctx, fx.userId, { teamIds: [fx.teamB] }), rows: [row("user.update", null)] },
    { what: "a clinician may not", who: "clinician", call: (ctx, fx) => users.updateUser(ctx, fx.userId, { role: "admin" }), rows: [row("user.update", null, "denied")] },
  ],
  "lib/admin/users.resetTwoFactor": [
    { what: "an admin removes a second factor", who: "admin", call: (ctx, fx) => users.resetTwoFactor(ctx, fx.userId), rows: [row("user.reset-two-factor", null)] },
    { what: "a viewer may not", who: "viewer", call: (ctx, fx) => users.resetTwoFactor(ctx, fx.userId), rows: [row("user.reset-two-factor", null, "denied")] },
  ],
  "lib/admin/teams.listTeams": [
    { what: "an admin lists teams", who: "admin", call: (ctx) => teams.listTeams(ctx), rows: [row("admin.teams.list", null)] },
    { what: "a viewer may not", who: "viewer", call: (ctx) => teams.listTeams(ctx), rows: [row("admin.teams.list", null, "denied")] },
  ],
  "lib/admin/teams.createTeam": [
    { what: "an admin creates a team", who: "admin", call: (ctx) => teams.createTeam(ctx, { name: `Covered ${crypto.randomUUID().slice(0, 8)}` }), rows: [row("team.create", null)] },
    { what: "a clinician may not", who: "clinician", call: (ctx) => teams.createTeam(ctx, { name: "Refused team" }), rows: [row("team.create", null, "denied")] },
  ],
  "lib/admin/audit.queryAudit": [
    { what: "an admin reads the trail", who: "admin", call: (ctx) => trail.queryAudit(ctx, { action: "patient.read" }), rows: [row("audit.view", null)] },
    { what: "a clinician may not", who: "clinician", call: (ctx) => trail.queryAudit(ctx, {}), rows: [row("audit.view", null, "denied")] },
  ],
  "lib/admin/audit.auditCsv": [
    { what: "an admin exports the trail", who: "admin", call: (ctx) => trail.auditCsv(ctx, { action: "patient.read" }), rows: [row("audit.export", null)] },
    { what: "a viewer may not", who: "viewer", call: (ctx) => trail.auditCsv(ctx, {}), rows: [row("audit.export", null, "denied")] },
  ],
  "lib/admin/audit.verifyAudit": [
    { what: "an admin checks the chain", who: "admin", call: (ctx) => trail.verifyAudit(ctx), rows: [row("audit.verify", null)] },
    { what: "a clinician may not", who: "clinician", call: (ctx) => trail.verifyAudit(ctx), rows: [row("audit.verify", null, "denied")] },
  ],
  "lib/admin/teams.setPatientTeam": [
    { what: "an admin adds the patient to a team", who: "admin", call: (ctx, fx) => teams.setPatientTeam(ctx, { identifier: fx.identifier, teamId: fx.teamB, member: true }), rows: [row("team.add-patient", "patient")] },
    { what: "and takes them out again", who: "admin", call: (ctx, fx) => teams.setPatientTeam(ctx, { identifier: fx.identifier, teamId: fx.teamB, member: false }), rows: [row("team.remove-patient", "patient")] },
    {
      what: "a clinician may not move a patient into their team",
      who: "outsider",
      call: (ctx, fx) => teams.setPatientTeam(ctx, { identifier: fx.identifier, teamId: fx.teamB, member: true }),
      rows: [row("team.add-patient", "patient", "denied")],
    },
  ],
};

describe("which exports are audited", () => {
  it("every exported service function has a recipe below or a reasoned place on the allow-list", () => {
    const unaccounted = exportedFunctions.filter((name) => !(name in recipes) && !(name in allowList));
    expect(unaccounted, "exports with no audit recipe: add one, or add them to the allow-list with the reason they touch no patient").toEqual([]);
  });

  it("every service a file of lib/patients or lib/admin exports is one of those exports (lib/patients: through its index)", () => {
    expect(serviceFunctions.length).toBeGreaterThan(30);
    const key = ({ module, name }: { module: string; name: string }) => (module.startsWith("lib/patients/") ? `lib/patients.${name}` : `${module}.${name}`);
    const missing = serviceFunctions.filter((f) => !exportedFunctions.includes(key(f)) && !(`${f.module}.${f.name}` in internal));
    expect(missing, "a service that is not exported where this file looks: export it from lib/patients/index.ts (or add its module above)").toEqual([]);
  });

  it("names no export that is gone, and none twice", () => {
    expect(Object.keys(recipes).filter((name) => !exportedFunctions.includes(name))).toEqual([]);
    expect(Object.keys(allowList).filter((name) => !exportedFunctions.includes(name))).toEqual([]);
    expect(Object.keys(recipes).filter((name) => name in allowList)).toEqual([]);
  });
});

describeEachDatabase("every service call that touches a patient produces its audit row", (db, target) => {
  const system = (): ServiceContext => ({ db: db(), actor: systemActor("audit-coverage") });
  const fx = {} as Fixture;
  const actors = {} as Record<Who, Actor>;

  beforeAll(async () => {
    fx.teamA = value(await teams.createTeam(system(), { name: `Coverage A (${target})` })).id;
    fx.teamB = value(await teams.createTeam(system(), { name: `Coverage B (${target})` })).id;
    const patient = value(await patients.createPatient(system(), { ...seedCasePatient, identifier: `COV-${target}`, teamIds: [fx.teamA] }));
    fx.patientId = patient.id;
    fx.identifier = patient.identifier;
    fx.noteId = value(await patients.recordEvent(system(), patient.id, exampleEvents.note)).id;
    value(await patients.recordEvents(system(), patient.id, seedCaseEvents.filter((e) => e.occurredAt < "2020-08-18")));
    fx.alertId = value(await patients.listAlerts(system(), { patientId: patient.id }))[0].id;
    const bundle = JSON.parse(JSON.stringify(value(await patients.exportPatientBundle(system(), patient.id)))) as { entry: unknown[] };
    fx.bundle = { ...bundle, entry: bundle.entry.slice(0, 1) };
    fx.userId = value(await users.createUser(system(), { name: "Coverage Target", email: `target-${target}@example.org`, role: "nurse", password: strongPassword, teamIds: [fx.teamA] })).id;
    actors.clinician = { id: "coverage:nurse", name: "Nurse Coverage", role: "nurse", teams: [fx.teamA] };
    actors.viewer = { id: "coverage:viewer", name: "Viewer Coverage", role: "viewer", teams: [fx.teamA] };
    actors.outsider = { id: "coverage:outsider", name: "Dr Outside", role: "oncologist", teams: [fx.teamB] };
    actors.admin = { id: "coverage:admin", name: "Admin Coverage", role: "admin", teams: [fx.teamA] };
  });

  const cases = Object.entries(recipes).flatMap(([name, list]) => list.map((c): [string, Case] => [`${name.split(".").at(-1)}: ${c.what}`, c]));
  it.each(cases)("%s", async (_title, { who, prepare, call, rows }) => {
    const prepared = prepare ? await prepare(fx, system()) : {};
    const before = (await db().prisma.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0;
    const result = await call({ db: db(), actor: actors[who], origin: { address: "198.51.100.7" } }, fx, prepared);
    const added = await db().prisma.auditEntry.findMany({ where: { seq: { gt: before } }, orderBy: { seq: "asc" } });
    const resultId = (result as { ok?: boolean; value?: { id?: string } }).value?.id ?? null;
    expect(added.map((r) => ({ action: r.action, actorId: r.actorId, role: r.role, address: r.address, patientId: r.patientId, outcome: auditOutcomeOf(r.outcome) }))).toEqual(
      rows.map((r) => ({
        action: r.action,
        actorId: actors[who].id,
        role: actors[who].role,
        address: "198.51.100.7",
        patientId: r.patient === "patient" ? fx.patientId : r.patient === "result" ? resultId : null,
        outcome: r.outcome,
      })),
    );
  });

  it("and the trail still verifies", async () => {
    expect((await verifyAuditTrail(db().prisma)).problem).toBeNull();
  });
});
