/**
 * Many clinicians at once (issue 13): the built app (`next start`) under 10 and 50 concurrent
 * connections, on PGlite and on PostgreSQL (when TEST_DATABASE_URL or --database-url names a server),
 * for three requests, each measured on its own in the same run:
 * - `GET /sign-in` (signed out): the baseline, so figures compare across machines and loads;
 * - `GET /patients/<id>`: the patient page of a 500-event patient, signed in;
 * - `POST /api/v1/patients/<id>/events`: a note written to another 500-event patient.
 * Each prints req/s, p50/p99, timeouts (no answer within --timeout s) and errors, the ratio to
 * `/sign-in`, and the issue's targets: at 50 connections on PostgreSQL the page at ≥ 5× the 5.1 req/s
 * measured before (≥ 25.5 req/s) with p99 ≤ 2 s; on PGlite no timeouts.
 *
 * Bounded: loopback only (the app listens on 127.0.0.1), each load runs --seconds seconds then lets
 * requests in flight finish (at most --timeout s), and never sends more than --max-requests requests.
 * Needs a build (`npx next build`).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createUser } from "@/lib/admin/users";
import { systemActor } from "@/lib/auth";
import { openPGlite, openPostgres, type Database } from "@/lib/db";
import { generateCohort } from "@/prisma/seed/cohort";
import { loadPatients } from "@/prisma/seed/load";
import { requireBuild, signIn, startApp } from "./server";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "8" },
    timeout: { type: "string", default: "30" },
    "max-requests": { type: "string", default: "5000" },
    connections: { type: "string", default: "10,50" },
    events: { type: "string", default: "500" },
    "database-url": { type: "string" },
    only: { type: "string" },
  },
});
const seconds = Number(values.seconds);
const timeoutMs = Number(values.timeout) * 1000;
const maxRequests = Number(values["max-requests"]);
const levels = values.connections.split(",").map(Number);
const eventCount = Number(values.events);
const databaseUrl = values["database-url"] ?? process.env.TEST_DATABASE_URL;
const targets = (values.only?.split(",") ?? ["pglite", "postgres"]).filter((t) => t === "pglite" || (t === "postgres" && databaseUrl)) as ("pglite" | "postgres")[];

requireBuild();

interface Load {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  timeouts: number;
  errors: number;
  firstError?: string;
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
const fmt = (msValue: number) => (Number.isNaN(msValue) ? "—" : msValue >= 1000 ? `${(msValue / 1000).toFixed(2)} s` : `${msValue.toFixed(0)} ms`);

/** `connections` workers, each sending the next request when its last one is answered, for `seconds` seconds. */
async function load(connections: number, send: (i: number) => Promise<Response>): Promise<Load> {
  const times: number[] = [];
  let timeouts = 0;
  let errors = 0;
  let firstError: string | undefined;
  let sent = 0;
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < stopAt && sent < maxRequests) {
      const i = sent++;
      const t0 = performance.now();
      try {
        const response = await send(i);
        await response.arrayBuffer();
        if (response.status >= 400) {
          errors += 1;
          firstError ??= `HTTP ${response.status}`;
        } else times.push(performance.now() - t0);
      } catch (error) {
        if ((error as Error).name === "TimeoutError") timeouts += 1;
        else {
          errors += 1;
          firstError ??= (error as Error).message;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { requests: sent, perSecond: times.length / elapsed, p50: quantile(times, 0.5), p99: quantile(times, 0.99), timeouts, errors, firstError };
}


async function prepare(db: Database) {
  const ctx = { db, actor: systemActor("bench") };
  const cohort = generateCohort({ patients: 2, eventsPerPatient: eventCount, identifierPrefix: "CONC" });
  await loadPatients(db, cohort);
  const ids = await db.sql.query<{ id: string }>(`SELECT id FROM "Patient" WHERE identifier = ANY($1) ORDER BY identifier`, [cohort.map((p) => p.patient.identifier)]);
  const team = await db.prisma.careTeam.create({ data: { name: "Bench team" } });
  await db.prisma.patientTeam.createMany({ data: ids.map(({ id }) => ({ patientId: id, teamId: team.id })) });
  const user = { email: "bench@hospital.example", password: "plinth vellum sorrel 9" };
  const created = await createUser(ctx, { name: "Bench Clinician", role: "oncologist", teamIds: [team.id], ...user });
  if (!created.ok) throw new Error(created.error.message);
  const [{ n }] = await db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Event" WHERE "patientId" = $1`, [ids[0].id]);
  return { pageId: ids[0].id, writeId: ids[1].id, user, events: Number(n) };
}

type Results = Record<string, Record<number, Record<"sign-in" | "page" | "write", Load>>>;
const results: Results = {};
const info: Record<string, string> = {};

for (const target of targets) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flarewatch-concurrency-"));
  const schema = `bench_conc_${randomBytes(4).toString("hex")}`;
  const env: Record<string, string> = target === "pglite" ? { PGLITE_DATA_DIR: path.join(dir, "pglite") } : { DATABASE_URL: (() => {
    const url = new URL(databaseUrl!);
    url.searchParams.set("schema", schema);
    return url.toString();
  })() };
  const db = target === "pglite" ? await openPGlite(env.PGLITE_DATA_DIR) : await openPostgres(databaseUrl!, schema);
  const data = await prepare(db);
  await db.close();

  const app = await startApp(env);
  const base = app.base;
  try {
    const cookie = await signIn(base, data.user);
    const signal = () => AbortSignal.timeout(timeoutMs);
    const sends = {
      "sign-in": () => fetch(`${base}/sign-in`, { signal: signal() }),
      page: () => fetch(`${base}/patients/${data.pageId}`, { headers: { cookie }, signal: signal() }),
      write: (i: number) =>
        fetch(`${base}/api/v1/patients/${data.writeId}/events`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body: JSON.stringify({ kind: "note", occurredAt: "2025-06-02", payload: { text: `concurrency bench note ${i}` } }),
          signal: signal(),
        }),
    };
    // Warm-up: every route compiled and cached once.
    for (const send of Object.values(sends)) await (await send(-1)).arrayBuffer();
    results[target] = {};
    for (const connections of levels) {
      results[target][connections] = {} as Results[string][number];
      for (const [name, send] of Object.entries(sends) as [keyof typeof sends, (i: number) => Promise<Response>][]) {
        results[target][connections][name] = await load(connections, send);
      }
    }
    info[target] = `${data.events} events on the page's patient; writes to a second ${eventCount}-event patient${target === "postgres" ? `; pool ${process.env.DATABASE_POOL_SIZE ?? 10} connections per server` : ""}`;
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    if (target === "postgres") {
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  }
}

const load1 = os.loadavg().map((l) => l.toFixed(2)).join(" ");
console.log(`Concurrency: next start on 127.0.0.1, ${seconds} s per load, request timeout ${timeoutMs / 1000} s, ${os.cpus().length} cores, load average now ${load1}`);
const line = (label: string, l: Load, base: Load) =>
  `  ${label.padEnd(9)} ${l.perSecond.toFixed(1).padStart(7)} req/s  p50 ${fmt(l.p50).padStart(8)}  p99 ${fmt(l.p99).padStart(8)}  timeouts ${String(l.timeouts).padStart(3)}  errors ${String(l.errors).padStart(3)}${l.firstError ? ` (${l.firstError})` : ""}` +
  (label === "sign-in" ? "" : `   ${(l.perSecond / base.perSecond).toFixed(2)}× sign-in's req/s, p50 ${(l.p50 / base.p50).toFixed(1)}× sign-in's`);
const verdicts: string[] = [];
for (const target of targets) {
  console.log(`\n${target === "pglite" ? "PGlite" : "PostgreSQL"} (${info[target]})`);
  for (const connections of levels) {
    const r = results[target][connections];
    console.log(` ${connections} connections`);
    for (const name of ["sign-in", "page", "write"] as const) console.log(line(name, r[name], r["sign-in"]));
  }
  const top = results[target][Math.max(...levels)];
  if (target === "postgres") {
    const page = top.page;
    const met = page.perSecond >= 25.5 && page.p99 <= 2000 && page.timeouts === 0;
    verdicts.push(
      `PostgreSQL, page at ${Math.max(...levels)} connections: ${page.perSecond.toFixed(1)} req/s (target ≥ 25.5 = 5 × 5.1), p99 ${fmt(page.p99)} (target ≤ 2 s), ${(page.perSecond / top["sign-in"].perSecond).toFixed(2)}× sign-in's throughput: ${met ? "MET" : "NOT MET"}`,
    );
  } else {
    const timeouts = Object.values(results[target]).reduce((n, r) => n + r.page.timeouts + r.write.timeouts + r["sign-in"].timeouts, 0);
    const page = top.page;
    verdicts.push(
      `PGlite: ${timeouts} timeouts in all loads (target: none): ${timeouts === 0 ? "MET" : "NOT MET"}; page at ${Math.max(...levels)} connections ${page.perSecond.toFixed(1)} req/s (before: 1.6), p99 ${fmt(page.p99)} (before: 29.8 s)`,
    );
  }
}
console.log("\nTargets (issue 13)");
for (const verdict of verdicts) console.log(`  ${verdict}`);
if (!targets.includes("postgres")) console.log("  PostgreSQL: not measured (set TEST_DATABASE_URL or --database-url)");
