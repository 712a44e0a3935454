/**
 * The worklist (`/patients`, its default sort by open alerts and the sort by name) and the alert inbox
 * (`/alerts`), served by the built app (`next start`) and fetched signed in, at 10, 1 000 and 10 000
 * visible patients, on PGlite and, when --postgres (or TEST_DATABASE_URL) names a server, on
 * PostgreSQL in a schema of its own. Each figure is the p50 of the whole response, as a ratio to the
 * same page at 10 patients and to `/sign-in` in the same run.
 * Target (the scale issue): each list ≤ 1.5× from 10 to 10 000 patients.
 * Patients are bulk-loaded (prisma/seed/load.ts, a few events each); one in ten gets an open alert
 * row written directly (the inbox reads stored alerts, it does not evaluate them); the summaries are
 * then computed by the same statement every write runs.
 * Usage: `npm run bench:lists -- [--sizes 10,1000,10000] [--requests 20] [--events 12] [--postgres URL]`.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createUser } from "@/lib/admin/users";
import { reimagingRule } from "@/lib/alerts";
import { systemActor } from "@/lib/auth";
import { openPGlite, openPostgres, type Database } from "@/lib/db";
import { refreshAllSummaries } from "@/lib/patients/summary";
import { generateCohort } from "@/prisma/seed/cohort";
import { loadPatients } from "@/prisma/seed/load";
import { requireBuild, signIn, startApp } from "./server";
import { measure, ms } from "./measure";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10,1000,10000" },
    requests: { type: "string", default: "20" },
    events: { type: "string", default: "12" },
    postgres: { type: "string" },
    "no-pglite": { type: "boolean", default: false },
  },
});
const sizes = values.sizes.split(",").map(Number);
const requests = Number(values.requests);
const eventsPerPatient = Number(values.events);
const postgresUrl = values.postgres ?? process.env.TEST_DATABASE_URL;
const TARGET = 1.5;

requireBuild();

const benchUser = { email: "lists-bench@hospital.example", password: "plinth vellum sorrel 9" };
const pages = { "/patients": "worklist (by open alerts)", "/patients?sort=name": "worklist (by name)", "/alerts": "alert inbox" } as const;


/** Adds patients up to `size` in the bench team, one in ten with an open alert, and computes their summaries. */
async function growTo(db: Database, teamId: string, have: number, size: number): Promise<void> {
  if (size <= have) return;
  const cohort = generateCohort({ patients: size - have, eventsPerPatient, seed: 1000 + size, identifierPrefix: `L${size}` });
  await loadPatients(db, cohort, () => [teamId]);
  await db.sql.query(
    `INSERT INTO "Alert" (id, key, "patientId", "ruleId", "ruleVersion", "settingsVersion", status, priority, "priorityReasons", "episodeStart", domains, evidence, reason, "raisedAt")
     SELECT gen_random_uuid(), 'bench:' || p.id, p.id, $2, $3, 0, 'open', (CASE WHEN random() < 0.3 THEN 'high' ELSE 'normal' END)::"AlertPriority",
            '[]'::jsonb, current_date - 30, '["skin"]'::jsonb, '[]'::jsonb, 'Skin grade 3 since the last answering scan (bench row).', now() - random() * interval '60 days'
       FROM "Patient" p WHERE p.identifier LIKE $1 AND random() < 0.1`,
    [`L${size}-%`, reimagingRule.id, reimagingRule.version],
  );
  await refreshAllSummaries(db);
}

interface Figures {
  signIn: number;
  pages: Record<string, number>;
}

async function measureApp(env: Record<string, string>): Promise<Figures> {
  const app = await startApp(env);
  const base = app.base;
  try {
    const cookie = await signIn(base, benchUser);
    const get = (url: string, withCookie = true) => async () => {
      const response = await fetch(`${base}${url}`, { headers: withCookie ? { cookie } : {} });
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      await response.arrayBuffer();
    };
    const figures: Figures = { signIn: (await measure(get("/sign-in", false), requests, 3)).p50, pages: {} };
    for (const url of Object.keys(pages)) figures.pages[url] = (await measure(get(url), requests, 3)).p50;
    return figures;
  } finally {
    await app.stop();
  }
}

async function run(label: string, open: () => Promise<Database>, env: Record<string, string>, closeAfter: boolean, cleanup: () => Promise<void>) {
  console.log(`\n${label}`);
  let db = await open();
  const ctx = { db, actor: systemActor("bench") };
  const team = await db.prisma.careTeam.create({ data: { name: "Lists bench team" } });
  const created = await createUser(ctx, { name: "Lists Bench Clinician", role: "oncologist", teamIds: [team.id], ...benchUser });
  if (!created.ok) throw new Error(created.error.message);
  const results: { size: number; figures: Figures; seconds: number }[] = [];
  let have = 0;
  try {
    for (const size of sizes) {
      const started = performance.now();
      await growTo(db, team.id, have, size);
      have = Math.max(have, size);
      const seconds = (performance.now() - started) / 1000;
      // PGlite is one process's: the app can open the directory only once the bench has let go of it.
      if (closeAfter) await db.close();
      const figures = await measureApp(env);
      results.push({ size, figures, seconds });
      const cells = Object.entries(figures.pages).map(([url, p50]) => `${pages[url as keyof typeof pages]} ${ms(p50)} (${(p50 / figures.signIn).toFixed(2)}× /sign-in)`);
      console.log(`  ${String(size).padStart(6)} patients (loaded in ${seconds.toFixed(0)} s): /sign-in ${ms(figures.signIn)}; ${cells.join("; ")}`);
      if (closeAfter) db = await open();
    }
  } finally {
    await db.close();
    await cleanup();
  }
  const smallest = results[0];
  const largest = results.at(-1)!;
  let met = true;
  for (const url of Object.keys(pages)) {
    const ratio = largest.figures.pages[url] / smallest.figures.pages[url];
    const relative = largest.figures.pages[url] / largest.figures.signIn / (smallest.figures.pages[url] / smallest.figures.signIn);
    const ok = ratio <= TARGET;
    met &&= ok;
    console.log(
      `  ${pages[url as keyof typeof pages]}: ${largest.size} / ${smallest.size} patients = ${ratio.toFixed(2)}× (each against /sign-in of its run: ${relative.toFixed(2)}×); target ≤ ${TARGET}×: ${ok ? "met" : "NOT met"}`,
    );
  }
  return met;
}

const outcomes: boolean[] = [];
if (!values["no-pglite"]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flarewatch-lists-bench-"));
  const dataDir = path.join(dir, "pglite");
  outcomes.push(await run("PGlite", () => openPGlite(dataDir), { PGLITE_DATA_DIR: dataDir }, true, async () => fs.rmSync(dir, { recursive: true, force: true })));
}
if (postgresUrl) {
  const schema = `bench_lists_${randomBytes(4).toString("hex")}`;
  const url = new URL(postgresUrl);
  url.searchParams.set("schema", schema);
  outcomes.push(
    await run(`PostgreSQL (${url.host}, schema ${schema})`, () => openPostgres(postgresUrl, schema), { DATABASE_URL: url.toString() }, false, async () => {
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }),
  );
} else console.log("\nPostgreSQL: skipped (pass --postgres URL or set TEST_DATABASE_URL)");
console.log(`\nMachine load (uptime): ${os.loadavg().map((n) => n.toFixed(2)).join(", ")} on ${os.cpus().length} cores`);
console.log(outcomes.every(Boolean) ? "All targets met." : "Some targets NOT met.");
process.exit(0);
