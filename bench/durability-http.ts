/**
 * Durability as a user would lose data: many concurrent writers go through HTTP to `next start`
 * (creates, event records, amendments, flare logs, lab CSV imports), and the app server is SIGKILLed
 * in the middle of them, --kills times, on PGlite and on PostgreSQL. After each kill, before the
 * restart, the audit chain is walked (what `npm run audit:verify` does, in this process); after each
 * restart every write acknowledged so far (a 2xx received) is looked for through the API, with the
 * re-imaging alert every acknowledged flare implies. Only the app server is killed: the PostgreSQL
 * server is shared with other databases and is never stopped.
 *
 *   npx next build && npm run bench:durability:http -- --kills 20 [--writers 6] [--database pglite|postgres|both]
 *
 * PostgreSQL needs TEST_DATABASE_URL (a schema of its own is made and dropped). Prints, per database:
 * kills, acknowledged writes by kind, lost (must be 0), and exits 1 if anything was lost.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { verifyAuditTrail } from "@/lib/audit/service";
import { openPGlite, openPostgres, type Database } from "@/lib/db";
import { exampleEvents } from "@/lib/events/examples";
import { demoUsers } from "@/prisma/seed/users";

const { values } = parseArgs({
  options: {
    kills: { type: "string", default: "20" },
    writers: { type: "string", default: "6" },
    database: { type: "string", default: "both" },
    port: { type: "string", default: process.env.DURABILITY_PORT ?? "3390" },
  },
});
const kills = Number(values.kills);
const writers = Number(values.writers);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const oncologist = demoUsers.find((u) => u.role === "oncologist")!;

type Ack =
  | { kind: "patient"; identifier: string }
  | { kind: "event"; patientId: string; eventId: string; value: number }
  | { kind: "amendment"; eventId: string; version: number; value: number }
  | { kind: "flare"; patientId: string; identifier: string; eventIds: string[] }
  | { kind: "csv"; patientId: string; rows: number; firstDate: string };

interface Target {
  name: string;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
  open: () => Promise<Database>;
}

let server: ChildProcess | undefined;
let cookie = "";

function startServer(env: Record<string, string>): ChildProcess {
  const child = spawn("npx", ["next", "start", "-p", String(port)], { env: { ...process.env, ...env, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "pipe"], detached: true });
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    if (/error/i.test(text) && !/ECONNRESET|aborted/i.test(text)) process.stderr.write(`[server] ${text}`);
  });
  return child;
}

async function waitUp(timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/sign-in`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("server did not come up");
}

/** SIGKILLs the whole process group (npx and the next-server it started) and waits until it is gone. */
async function killServer() {
  if (!server?.pid) return;
  const group = server.pid;
  server = undefined;
  try {
    process.kill(-group, "SIGKILL");
  } catch {
    return;
  }
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(-group, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process group ${group} survived SIGKILL`);
}

async function api(method: string, url: string, body?: unknown, type = "application/json"): Promise<Response> {
  return fetch(`${base}${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": type }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
}

async function signIn() {
  const response = await fetch(`${base}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: oncologist.email, password: oncologist.password }) });
  if (!response.ok) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
  cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

const day = (n: number) => new Date(Date.UTC(2021, 0, 1 + n)).toISOString().slice(0, 10);
const lab = (value: number, occurredAt: string) => ({ ...exampleEvents.lab_result, occurredAt, payload: { ...exampleEvents.lab_result.payload, value } });

/** One write, chosen at random; resolves with what the server acknowledged, or null. */
async function oneWrite(state: { patients: { id: string; identifier: string }[]; events: { id: string; version: number }[]; serial: number }): Promise<Ack | null> {
  const n = ++state.serial;
  const roll = Math.random();
  const patient = state.patients[n % state.patients.length];
  if (roll < 0.1) {
    const identifier = `DUR-${process.pid}-${n}`;
    const response = await api("POST", "/api/v1/patients", { identifier, familyName: "Durability", givenName: `W${n}`, sex: "unknown" });
    return response.status === 201 ? { kind: "patient", identifier } : null;
  }
  if (roll < 0.55) {
    const response = await api("POST", `/api/v1/patients/${patient.id}/events`, lab(n, day(n % 300)));
    if (process.env.DURABILITY_DEBUG && response.status !== 201) console.error(response.status, await response.text());
    if (response.status !== 201) return null;
    const { id } = (await response.json()) as { id: string };
    state.events.push({ id, version: 1 });
    return { kind: "event", patientId: patient.id, eventId: id, value: n };
  }
  if (roll < 0.75 && state.events.length > 0) {
    const event = state.events[Math.floor(Math.random() * state.events.length)];
    const response = await api("PUT", `/api/v1/events/${event.id}`, { expectedVersion: event.version, event: lab(n, day(n % 300)), reason: "durability amendment" });
    if (response.status !== 200) return null;
    const { version } = (await response.json()) as { version: number };
    event.version = version;
    return { kind: "amendment", eventId: event.id, version, value: n };
  }
  if (roll < 0.9) {
    // A flare log: the skin and the CK of one visit, after the patient's baseline scan.
    const ids: string[] = [];
    for (const event of [{ ...exampleEvents.skin_assessment, occurredAt: "2020-08-03" }, lab(695, "2020-08-03")]) {
      const response = await api("POST", `/api/v1/patients/${patient.id}/events`, event);
      if (response.status !== 201) return null;
      ids.push(((await response.json()) as { id: string }).id);
    }
    return { kind: "flare", patientId: patient.id, identifier: patient.identifier, eventIds: ids };
  }
  const rows = 20;
  const first = 400 + (n % 5000) * rows;
  const csv = ["date,analyte,value,unit,range low,range high", ...Array.from({ length: rows }, (_, i) => `${day(first + i)},ALT,${30 + i},U/L,10,49`)].join("\n");
  const response = await api("POST", `/api/v1/labs/csv?patient=${patient.id}&commit=true`, csv, "text/csv");
  return response.status === 201 ? { kind: "csv", patientId: patient.id, rows, firstDate: day(first) } : null;
}

async function check(acks: Ack[], patients: { id: string; identifier: string }[]): Promise<string[]> {
  const lost: string[] = [];
  const listed = new Set(((await (await api("GET", "/api/v1/patients")).json()) as { identifier: string }[]).map((p) => p.identifier));
  const timelines = new Map<string, { id: string; version: number; occurredAt: string; payload: { analyte?: string; value?: number } }[]>();
  for (const patient of patients) timelines.set(patient.id, await (await api("GET", `/api/v1/patients/${patient.id}/events`)).json());
  const current = new Map([...timelines.values()].flat().map((e) => [e.id, e]));
  const alerts = await (await api("GET", "/api/v1/alerts.csv")).text();
  for (const ack of acks) {
    if (ack.kind === "patient" && !listed.has(ack.identifier)) lost.push(`patient ${ack.identifier}`);
    if (ack.kind === "event" && !current.has(ack.eventId)) lost.push(`event ${ack.eventId}`);
    if (ack.kind === "amendment" && (current.get(ack.eventId)?.version ?? 0) < ack.version) lost.push(`amendment ${ack.eventId} v${ack.version}`);
    if (ack.kind === "flare") {
      for (const id of ack.eventIds) if (!current.has(id)) lost.push(`flare event ${id}`);
      if (!alerts.includes(ack.identifier)) lost.push(`re-imaging alert for ${ack.identifier}`);
    }
    if (ack.kind === "csv") {
      const imported = (timelines.get(ack.patientId) ?? []).filter((e) => e.payload.analyte === "alt" && e.occurredAt >= ack.firstDate && e.occurredAt < day(Math.round((Date.parse(ack.firstDate) - Date.UTC(2021, 0, 1)) / 86_400_000) + ack.rows));
      if (imported.length < ack.rows) lost.push(`CSV rows from ${ack.firstDate}: ${imported.length} of ${ack.rows}`);
    }
  }
  return lost;
}

/** What `npm run audit:verify` does, in this process (the server is down, so PGlite's directory is free). */
async function auditVerify(open: () => Promise<Database>): Promise<string> {
  const db = await open();
  try {
    const { checked, problem } = await verifyAuditTrail(db.prisma);
    if (problem) throw new Error(`audit chain BROKEN after ${checked} rows: ${problem.message}`);
    return `audit chain intact (${checked} rows)`;
  } finally {
    await db.close();
  }
}

async function run(target: Target) {
  const started = performance.now();
  const seeded = spawnSync("npx", ["tsx", "--conditions=react-server", "prisma/seed/index.ts", "--if-empty", "--patients", "0"], { env: { ...process.env, ...target.env }, stdio: "inherit" });
  if (seeded.status !== 0) throw new Error("seed failed");
  server = startServer(target.env);
  await waitUp();
  await signIn();
  const patients: { id: string; identifier: string }[] = [];
  for (let i = 0; i < writers; i++) {
    const identifier = `DURP-${process.pid}-${i}`;
    const created = await api("POST", "/api/v1/patients", { identifier, familyName: "Durability", givenName: `Patient ${i}`, sex: "female" });
    const { id } = (await created.json()) as { id: string };
    patients.push({ id, identifier });
    // A cancer, its baseline scan and a quiet skin, so that a logged flare implies a re-imaging alert.
    await api("POST", `/api/v1/patients/${id}/events`, exampleEvents.diagnosis);
    await api("POST", `/api/v1/patients/${id}/events`, { ...exampleEvents.imaging, occurredAt: "2020-06-01" });
    await api("POST", `/api/v1/patients/${id}/events`, { kind: "skin_assessment", occurredAt: "2020-06-10", payload: { grade: 0, signs: [] } });
  }
  const acks: Ack[] = [];
  const state = { patients, events: [] as { id: string; version: number }[], serial: 0 };
  let lost: string[] = [];
  let verified = "";
  for (let k = 1; k <= kills; k++) {
    let running = true;
    const loops = Array.from({ length: writers }, async () => {
      while (running) {
        try {
          const ack = await oneWrite(state);
          if (ack) acks.push(ack);
        } catch (error) {
          if (process.env.DURABILITY_DEBUG) console.error(error);
          // The server went away mid-request: not acknowledged, so not counted.
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500 + Math.random() * 3500));
    await killServer();
    running = false;
    await Promise.all(loops);
    const t0 = performance.now();
    verified = await auditVerify(target.open);
    const t1 = performance.now();
    server = startServer(target.env);
    await waitUp();
    if (process.env.DURABILITY_DEBUG) console.error(`verify ${Math.round(t1 - t0)} ms, restart ${Math.round(performance.now() - t1)} ms`);
    await signIn();
    lost = await check(acks, patients);
    const byKind = (kind: Ack["kind"]) => acks.filter((a) => a.kind === kind).length;
    process.stdout.write(`${target.name} kill ${k}/${kills}: ${acks.length} acknowledged (patients ${byKind("patient")}, events ${byKind("event")}, amendments ${byKind("amendment")}, flares ${byKind("flare")}, CSV imports ${byKind("csv")}), lost ${lost.length}; ${verified}\n`);
    if (lost.length > 0) break;
  }
  await killServer();
  await target.cleanup();
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`${target.name}: ${kills} SIGKILLs, ${acks.length} acknowledged writes, ${lost.length} lost, audit chain verified after every kill (${seconds} s)`);
  if (lost.length > 0) console.error(`LOST: ${lost.slice(0, 20).join("; ")}`);
  return lost.length;
}

const targets: Target[] = [];
if (values.database === "pglite" || values.database === "both") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flarewatch-durability-http-"));
  const env = { PGLITE_DATA_DIR: path.join(dir, "pglite") };
  targets.push({ name: "PGlite", env, open: () => openPGlite(env.PGLITE_DATA_DIR), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) });
}
if ((values.database === "postgres" || values.database === "both") && process.env.TEST_DATABASE_URL) {
  const schema = `durability_${process.pid}`;
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.searchParams.set("schema", schema);
  const env = { DATABASE_URL: url.toString() };
  targets.push({
    name: "PostgreSQL",
    env,
    open: () => openPostgres(process.env.TEST_DATABASE_URL!, schema),
    cleanup: async () => {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  });
}
let totalLost = 0;
try {
  for (const target of targets) totalLost += await run(target);
} finally {
  await killServer();
}
process.exit(totalLost > 0 ? 1 : 0);
