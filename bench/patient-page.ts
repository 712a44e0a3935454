/**
 * The patient page as a clinician gets it: the built app (`next start`), signed in, warm, over HTTP,
 * on PGlite and (with TEST_DATABASE_URL) PostgreSQL. Per database, in one run:
 * - `/sign-in`, the page of a patient with no events, and pages of patients with 500 / 5 000 / 20 000
 *   events: p50 and p95 of the whole response, HTML bytes;
 * - a read right after a write: a lab result is recorded through the API, then the page is read; its
 *   p50 against the same page's normal p50;
 * - the write itself at 20 000 events against the same write on the empty patient;
 * - in Chromium (PGlite only, or --chromium=both): at 20 000 events, the largest contentful paint and
 *   the time until the chart's first lane is drawn, and hover-to-readout latency.
 * Targets (issue 13): page/empty ≤ 1.5×; after-write/normal ≤ 1.2×; empty/sign-in ≤ 2×;
 * write at 20 000 / write on empty ≤ 2×; LCP and chart drawn ≤ 2.5 s. Each line says met or NOT met.
 * Needs a build (`npx next build`) and Chromium (/usr/bin/chromium or CHROMIUM_PATH).
 * Options: --sizes 500,5000,20000  --requests 20  --writes 10  --database pglite|postgres|both  --chromium pglite|both|none
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { chromium } from "@playwright/test";
import { createUser } from "@/lib/admin/users";
import { systemActor } from "@/lib/auth";
import { openPGlite, openPostgres, type Database } from "@/lib/db";
import { addDays } from "@/lib/events";
import { clinicToday, createPatient } from "@/lib/patients";
import { generateCohort } from "@/prisma/seed/cohort";
import { loadPatients } from "@/prisma/seed/load";
import { ms } from "./measure";
import { requireBuild, signIn, startApp } from "./server";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "500,5000,20000" },
    requests: { type: "string", default: "20" },
    writes: { type: "string", default: "10" },
    database: { type: "string", default: "both" },
    chromium: { type: "string", default: "pglite" },
    moves: { type: "string", default: "20" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const requests = Number(values.requests);
const writes = Number(values.writes);
const moves = Number(values.moves);
/** The records end a few days before today, as a patient seen in clinic this month. */
const today = clinicToday();
const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

requireBuild();

interface Stats {
  p50: number;
  p95: number;
}
function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}
async function timed(fn: () => Promise<unknown>, n: number, warmup = 3): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return stats(times);
}

const results: { db: string; line: string; ratio: number; target: number }[] = [];
function verdict(db: string, what: string, ratio: number, target: number, detail: string) {
  results.push({ db, line: what, ratio, target });
  console.log(`  ${what.padEnd(44)} ${ratio.toFixed(2)}× (target ≤ ${target}×) ${ratio <= target ? "met" : "NOT met"}   ${detail}`);
}


/** Seeds an empty patient and one per size, a team holding them and a clinician of that team. */
async function seed(db: Database): Promise<{ ids: Map<number, string>; user: { email: string; password: string } }> {
  const ctx = { db, actor: systemActor("bench") };
  const ids = new Map<number, string>();
  for (const size of sizes) {
    const [generated] = generateCohort({ patients: 1, eventsPerPatient: size, identifierPrefix: `BENCH${size}`, today });
    await loadPatients(db, [generated]);
    const [{ id }] = await db.sql.query<{ id: string }>(`SELECT id FROM "Patient" WHERE identifier = $1`, [generated.patient.identifier]);
    ids.set(size, id);
  }
  const empty = await createPatient(ctx, { identifier: "BENCH-EMPTY", familyName: "Empty", givenName: "Record", sex: "female" });
  if (!empty.ok) throw new Error(empty.error.message);
  ids.set(0, empty.value.id);
  const team = await db.prisma.careTeam.create({ data: { name: "Bench team" } });
  await db.prisma.patientTeam.createMany({ data: [...ids.values()].map((patientId) => ({ patientId, teamId: team.id })) });
  const user = { email: "bench@hospital.example", password: "plinth vellum sorrel 9" };
  const created = await createUser(ctx, { name: "Bench Clinician", role: "oncologist", teamIds: [team.id], ...user });
  if (!created.ok) throw new Error(created.error.message);
  return { ids, user };
}

async function run(name: string, env: Record<string, string>, ids: Map<number, string>, user: { email: string; password: string }, withChromium: boolean) {
  const app = await startApp(env);
  const base = app.base;
  try {
    const cookie = await signIn(base, user);

    let bytes = 0;
    const page = (id: string) => async () => {
      const response = await fetch(`${base}/patients/${id}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`page ${id}: ${response.status}`);
      bytes = (await response.arrayBuffer()).byteLength;
    };
    // Writes are dated in the last weeks (a clinic records today's results; future dates are refused), one day
    // each; the record already holds a CK on most days, so each is confirmed as a same-day duplicate.
    let day = 0;
    const write = (id: string) => async () => {
      day += 1;
      const occurredAt = addDays(today, -(day % 60));
      const response = await fetch(`${base}/api/v1/patients/${id}/events?confirm=duplicate`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ kind: "lab_result", occurredAt, payload: { analyte: "ck", value: 150 + (day % 300), unit: "U/L", referenceRange: { low: 25, high: 200 } } }),
      });
      if (response.status !== 201) throw new Error(`write: ${response.status} ${await response.text()}`);
    };

    console.log(`\n${name}: next start, signed in, ${requests} requests per figure after 3 warm-up; ${writes} writes`);
    const signInTime = await timed(async () => (await fetch(`${base}/sign-in`)).arrayBuffer(), requests);
    const empty = await timed(page(ids.get(0)!), requests);
    const emptyBytes = bytes;
    console.log(`  /sign-in p50 ${ms(signInTime.p50)} p95 ${ms(signInTime.p95)};  empty patient p50 ${ms(empty.p50)} p95 ${ms(empty.p95)} (${kB(emptyBytes)})`);
    verdict(name, "empty-patient page / /sign-in (p50)", empty.p50 / signInTime.p50, 2, "");
    for (const size of sizes) {
      const t = await timed(page(ids.get(size)!), requests);
      verdict(name, `page ${size} events / empty (p50)`, t.p50 / empty.p50, 1.5, `p50 ${ms(t.p50)} p95 ${ms(t.p95)} (p95 ratio ${(t.p95 / empty.p95).toFixed(2)}×), ${kB(bytes)} HTML`);
    }
    // A read right after a write: each write is followed by one page read, timed alone.
    const biggest = Math.max(...sizes);
    const afterWrite = async (id: string) => {
      const writesTimes: number[] = [];
      const reads: number[] = [];
      for (let i = 0; i < writes + 2; i++) {
        let start = performance.now();
        await write(id)();
        const w = performance.now() - start;
        start = performance.now();
        await page(id)();
        const r = performance.now() - start;
        if (i >= 2) {
          writesTimes.push(w);
          reads.push(r);
        }
      }
      return { write: stats(writesTimes), read: stats(reads) };
    };
    const normalBig = await timed(page(ids.get(biggest)!), requests);
    const big = await afterWrite(ids.get(biggest)!);
    verdict(name, `page after a write / normal, ${biggest} (p50)`, big.read.p50 / normalBig.p50, 1.2, `after-write p50 ${ms(big.read.p50)} p95 ${ms(big.read.p95)}, normal p50 ${ms(normalBig.p50)}`);
    const onEmpty = await afterWrite(ids.get(0)!);
    verdict(name, `write at ${biggest} events / on empty (p50)`, big.write.p50 / onEmpty.write.p50, 2, `p50 ${ms(big.write.p50)} p95 ${ms(big.write.p95)}, empty p50 ${ms(onEmpty.write.p50)} p95 ${ms(onEmpty.write.p95)}`);

    if (withChromium) {
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
      try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await context.addCookies(cookie.split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: base })));
        const draws: number[] = [];
        const lcps: number[] = [];
        for (let i = 0; i < 4; i++) {
          const tab = await context.newPage();
          await tab.addInitScript(() => {
            const w = window as unknown as { lcp: number };
            w.lcp = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) w.lcp = Math.max(w.lcp, entry.startTime);
            }).observe({ type: "largest-contentful-paint", buffered: true });
          });
          const start = performance.now();
          await tab.goto(`${base}/patients/${ids.get(biggest)}`, { waitUntil: "commit" });
          await tab.locator('[data-lane="muscle"] svg.recharts-surface').first().waitFor({ timeout: 120_000 });
          const drawn = performance.now() - start;
          await tab.waitForLoadState("load");
          await tab.waitForTimeout(300);
          const lcp = await tab.evaluate(() => (window as unknown as { lcp: number }).lcp);
          if (i > 0) {
            draws.push(drawn);
            lcps.push(lcp);
          }
          if (i < 3) await tab.close();
          else {
            // Hover to readout on the last tab.
            const stack = tab.getByRole("application", { name: /Course chart/ });
            const lane = stack.locator('[data-lane="muscle"]');
            await lane.scrollIntoViewIfNeeded();
            const box = (await lane.boundingBox())!;
            const { plotLeft, plotWidth } = await stack.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
            const stackBox = (await stack.boundingBox())!;
            const hover: number[] = [];
            for (let m = 0; m < moves; m++) {
              const before = await tab.locator("#readout-heading").textContent();
              const started = performance.now();
              await tab.mouse.move(stackBox.x + Number(plotLeft) + ((m + 0.5) / moves) * Number(plotWidth), box.y + box.height / 2);
              await tab.waitForFunction((previous) => document.getElementById("readout-heading")?.textContent !== previous, before, { timeout: 5000 });
              hover.push(performance.now() - started);
            }
            const h = stats(hover);
            console.log(`  Chromium hover→readout (Playwright round trip) p50 ${ms(h.p50)} p95 ${ms(h.p95)} (target ≤ 200 ms) ${h.p95 <= 200 ? "met" : "NOT met"}`);
          }
        }
        const d = stats(draws);
        const l = stats(lcps);
        console.log(`  Chromium ${biggest} events: LCP p50 ${ms(l.p50)} max ${ms(Math.max(...lcps))}; chart drawn p50 ${ms(d.p50)} max ${ms(Math.max(...draws))} (target ≤ 2 500 ms) ${Math.max(l.p50, d.p50) <= 2500 ? "met" : "NOT met"}`);
        results.push({ db: name, line: "chart drawn / LCP ≤ 2.5 s", ratio: Math.max(l.p50, d.p50) / 2500, target: 1 });
      } finally {
        await browser.close();
      }
    }
  } finally {
    await app.stop();
  }
}

const only = values.database;
console.log(`load before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} cores)`);
if (only === "pglite" || only === "both") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flarewatch-page-bench-"));
  const dataDir = path.join(dir, "pglite");
  try {
    const db = await openPGlite(dataDir);
    const { ids, user } = await seed(db);
    await db.close();
    await run("PGlite", { PGLITE_DATA_DIR: dataDir }, ids, user, values.chromium !== "none");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.lock`, { force: true });
  }
}
if ((only === "postgres" || only === "both") && process.env.TEST_DATABASE_URL) {
  const schema = `pagebench_${process.pid}`;
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.searchParams.set("schema", schema);
  try {
    const db = await openPostgres(process.env.TEST_DATABASE_URL, schema);
    const { ids, user } = await seed(db);
    await db.close();
    await run("PostgreSQL", { DATABASE_URL: url.toString() }, ids, user, values.chromium === "both");
  } finally {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
} else if (only !== "pglite") {
  console.log("PostgreSQL skipped: set TEST_DATABASE_URL");
}
console.log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const missed = results.filter((r) => r.ratio > r.target);
console.log(missed.length === 0 ? "All targets met." : `Targets NOT met: ${missed.map((r) => `${r.db} ${r.line} (${r.ratio.toFixed(2)}×)`).join("; ")}`);
