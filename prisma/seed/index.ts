/**
 * Demo data: `npm run db:seed -- [--if-empty] [--patients 30] [--events-per-patient N] [--no-seed-case] [--seed 20201]`
 * The reference case goes in through the record services (the path a clinician's entries take);
 * the synthetic cohort is bulk-loaded.
 */
import { parseArgs } from "node:util";
import { openDatabase, describeTarget } from "@/lib/db";
import { createUser } from "@/lib/admin/users";
import { appendAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth";
import { clinicTimeZone, clinicToday, createPatient, recordEvent, reevaluateAllAlerts, upgradeOutdatedAlerts } from "@/lib/patients";
import { refreshRecistForAll } from "@/lib/patients/recist";
import { refreshAllSummaries, upgradeSummaries } from "@/lib/patients/summary";
import { generateCohort } from "./cohort";
import { backdateDemoAlerts, loadPatients, seedRecorder } from "./load";
import { seedCaseEvents, seedCasePatient } from "./seed-case";
import { cohortTeams, demoTeams, demoUsers, seedCaseTeams } from "./users";

const { values } = parseArgs({
  options: {
    "if-empty": { type: "boolean", default: false },
    patients: { type: "string", default: "30" },
    "events-per-patient": { type: "string" },
    "no-seed-case": { type: "boolean", default: false },
    seed: { type: "string", default: "20201" },
    prefix: { type: "string", default: "FW" },
    /** The seeding day (YYYY-MM-DD); default the clinic's today. The same seed and today give the same cohort. */
    today: { type: "string" },
  },
});

const patients = Number(values.patients);
const eventsPerPatient = values["events-per-patient"] ? Number(values["events-per-patient"]) : undefined;
if (!Number.isInteger(patients) || patients < 0 || (eventsPerPatient !== undefined && (!Number.isInteger(eventsPerPatient) || eventsPerPatient < 1))) {
  console.error("--patients and --events-per-patient take whole numbers");
  process.exit(2);
}

const db = await openDatabase();
try {
  const existing = await db.prisma.patient.count();
  if (values["if-empty"] && existing > 0) {
    console.log(`${describeTarget(db.target as never)} already holds ${existing} patients; not seeding.`);
    // A new rule version re-evaluates the alerts an older one wrote, before the app serves them.
    const upgraded = await upgradeOutdatedAlerts(db);
    if (upgraded > 0) console.log(`Re-evaluated every patient's alerts: ${upgraded} were written by an older rule version.`);
    // Worklist rows from before the summary existed (or from an older definition of it).
    const summarised = await upgradeSummaries(db);
    if (summarised > 0) console.log(`Computed the worklist summary of ${summarised} patients.`);
  } else {
    const started = performance.now();
    const actor: Actor = { id: "system:seed", name: seedRecorder.name, role: "system", teams: "all" };
    const ctx = { db, actor };
    // Care teams and one demo user per role (README: "Demo users"), unless accounts exist already.
    const teamIds = new Map<string, string>();
    for (const name of demoTeams) {
      const team = await db.prisma.careTeam.upsert({ where: { name }, create: { name }, update: {} });
      teamIds.set(name, team.id);
    }
    if ((await db.prisma.user.count()) === 0) {
      for (const user of demoUsers) {
        const created = await createUser(ctx, { ...user, teamIds: user.teams.map((name) => teamIds.get(name)!) });
        if (!created.ok) throw new Error(`demo user ${user.email}: ${JSON.stringify(created.error)}`);
      }
    }
    if (!values["no-seed-case"]) {
      const patient = await createPatient(ctx, { ...seedCasePatient, teamIds: seedCaseTeams.map((name) => teamIds.get(name)!) });
      if (!patient.ok) throw new Error(`seed case patient: ${patient.error.message}`);
      for (const event of seedCaseEvents) {
        // The published case has same-day repeats (two CKs a day in hospital): recorded as published.
        const result = await recordEvent(ctx, patient.value.id, event, { confirm: ["duplicate", "implausible"] });
        if (!result.ok) throw new Error(`seed case event ${JSON.stringify(event)}: ${JSON.stringify(result.error)}`);
      }
    }
    // The demo cohort is dated relative to the seeding day (the reference case keeps its published dates).
    const today = values.today ?? clinicToday();
    const cohort = generateCohort({ patients, eventsPerPatient, seed: Number(values.seed), identifierPrefix: values.prefix, today });
    const written = await loadPatients(db, cohort, (generated, index) => cohortTeams(index, generated.course).map((name) => teamIds.get(name)!));
    await db.prisma.$transaction((tx) =>
      appendAudit(tx, actor, undefined, { action: "seed.bulk-load", detail: `${cohort.length} demo patients, ${written} events loaded without the record services` }),
    );
    // Bulk-loaded records skipped the write path: compute their scans' RECIST responses and raise their
    // alerts as the write path would have.
    await refreshRecistForAll(db);
    await reevaluateAllAlerts(db);
    await backdateDemoAlerts(db, cohort.map((p) => p.patient.identifier), clinicTimeZone());
    // The worklist's rows read the alerts' age.
    await refreshAllSummaries(db);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Seeded ${values["no-seed-case"] ? "" : "the reference case and "}${cohort.length} patients (${written} cohort events) in ${seconds} s.`);
  }
} finally {
  await db.close();
}
