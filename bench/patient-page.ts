/**
 * The patient page of a 20 000-event patient, served by the built app (`next start`) on PGlite:
 * - server time (full response) p50/p95 over --requests requests, against a patient with no events;
 * - bytes sent to the browser: the HTML document (with its inline RSC payload) and the RSC payload of a
 *   client-side navigation, raw and gzip, and how much of it the chart model and the event table take;
 * - points per chart series (the model's counts; target ≤ 1 500);
 * - hover-to-readout latency in Chromium: from a mouse move over the chart to the readout text changing.
 * Targets (the chart issue): page ≤ 1.5× the empty page, ≤ 1 500 points per series, hover ≤ 200 ms.
 * Needs a build (`npx next build`) and Chromium (/usr/bin/chromium or CHROMIUM_PATH).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { chromium } from "@playwright/test";
import { createUser } from "@/lib/admin/users";
import { systemActor } from "@/lib/auth";
import { openPGlite } from "@/lib/db";
import { createPatient, getTimeline } from "@/lib/patients";
import { buildTimeline } from "@/lib/timeline";
import { generateCohort } from "@/prisma/seed/cohort";
import { loadPatients } from "@/prisma/seed/load";
import { measure, ms } from "./measure";

const { values } = parseArgs({ options: { events: { type: "string", default: "20000" }, requests: { type: "string", default: "20" }, moves: { type: "string", default: "30" } } });
const eventCount = Number(values.events);
const requests = Number(values.requests);
const moves = Number(values.moves);
const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("No build found: run `npx next build` first.");
  process.exit(2);
}

// 1. Data: one 20 000-event patient and one without events, in a PGlite directory of their own.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flarewatch-page-bench-"));
const dataDir = path.join(dir, "pglite");
const db = await openPGlite(dataDir);
const ctx = { db, actor: systemActor("bench") };
const [generated] = generateCohort({ patients: 1, eventsPerPatient: eventCount, identifierPrefix: "BENCH" });
await loadPatients(db, [generated]);
const [{ id: bigId }] = await db.sql.query<{ id: string }>(`SELECT id FROM "Patient" WHERE identifier = $1`, [generated.patient.identifier]);
const empty = await createPatient(ctx, { identifier: "BENCH-EMPTY", familyName: "Empty", givenName: "Record", sex: "female" });
if (!empty.ok) throw new Error(empty.error.message);
const emptyId = empty.value.id;
// A clinician whose care team holds both patients: the page is measured signed in, as it is used.
const team = await db.prisma.careTeam.create({ data: { name: "Bench team" } });
await db.prisma.patientTeam.createMany({ data: [bigId, emptyId].map((patientId) => ({ patientId, teamId: team.id })) });
const benchUser = { email: "bench@hospital.example", password: "plinth vellum sorrel 9" };
const createdUser = await createUser(ctx, { name: "Bench Clinician", role: "oncologist", teamIds: [team.id], ...benchUser });
if (!createdUser.ok) throw new Error(createdUser.error.message);

// What the page does for the chart, in process: the timeline service and the pure model.
const timeline = await getTimeline(ctx, bigId);
if (!timeline.ok) throw new Error(timeline.error.message);
const events = timeline.value;
const service = await measure(() => getTimeline(ctx, bigId), 10, 2);
const build = await measure(async () => buildTimeline(events), 10, 2);
const model = buildTimeline(events);
const modelBytes = Buffer.byteLength(JSON.stringify(model));
await db.close();

// 2. The built app on that directory, on a free port.
const port = await new Promise<number>((resolve) => {
  const server = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address() as net.AddressInfo;
    server.close(() => resolve(port));
  });
});
const base = `http://127.0.0.1:${port}`;
const app: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
  env: { ...process.env, PGLITE_DATA_DIR: dataDir, NODE_ENV: "production" },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
const stopApp = () => {
  if (app.pid && app.exitCode === null) process.kill(-app.pid, "SIGTERM");
};
process.on("exit", stopApp);

try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/sign-in`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 120) throw new Error("next start did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 500));
  }

  const signIn = await fetch(`${base}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(benchUser) });
  if (!signIn.ok) throw new Error(`bench sign-in: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

  // 3. Server time: the whole response, as the browser needs it before the page is complete.
  const page = (id: string) => async () => {
    const response = await fetch(`${base}/patients/${id}`, { headers: { cookie } });
    await response.arrayBuffer();
  };
  const emptyTime = await measure(page(emptyId), requests, 3);
  const bigTime = await measure(page(bigId), requests, 3);

  // 4. Bytes, raw and as sent with gzip.
  // Next answers an RSC request with a redirect to its cache-busting `_rsc` URL first: follow it.
  const get = (url: string, headers: Record<string, string>, redirects = 3): Promise<Buffer> =>
    new Promise<Buffer>((resolve, reject) => {
      http.get(url, { headers: { ...headers, cookie } }, (res) => {
        if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && res.headers.location && redirects > 0) {
          res.resume();
          resolve(get(new URL(res.headers.location, url).toString(), headers, redirects - 1));
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks)));
        res.on("error", reject);
      });
    });
  const html = await get(`${base}/patients/${bigId}`, { "accept-encoding": "identity" });
  const htmlGzip = await get(`${base}/patients/${bigId}`, { "accept-encoding": "gzip" });
  const rsc = await get(`${base}/patients/${bigId}`, { "accept-encoding": "identity", rsc: "1" });
  const rscGzip = await get(`${base}/patients/${bigId}`, { "accept-encoding": "gzip", rsc: "1" });
  const emptyHtml = await get(`${base}/patients/${emptyId}`, { "accept-encoding": "identity" });
  const text = html.toString("utf8");
  const tableStart = text.indexOf('id="events-heading"');
  const tableHtml = tableStart >= 0 ? text.slice(tableStart, text.indexOf("</table>", tableStart)).length : 0;
  const gzip = (b: Buffer | string) => zlib.gzipSync(b).length;

  // 5. Hover to readout, in Chromium.
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const browserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await browserContext.addCookies(cookie.split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: base })));
  const tab = await browserContext.newPage();
  const loadStart = performance.now();
  await tab.goto(`${base}/patients/${bigId}`, { waitUntil: "commit" });
  await tab.locator('[data-lane="muscle"] svg.recharts-surface').first().waitFor({ timeout: 120_000 });
  const chartDrawn = performance.now() - loadStart;
  const stack = tab.getByRole("application", { name: /Course chart/ });
  const lane = stack.locator('[data-lane="muscle"]');
  await lane.scrollIntoViewIfNeeded();
  const box = (await lane.boundingBox())!;
  const { plotLeft, plotWidth } = await stack.evaluate((el) => ({ ...(el as HTMLElement).dataset }));
  const stackBox = (await stack.boundingBox())!;
  // In the page: when the pointer event was created, when the readout heading changed, the next frame after.
  await tab.evaluate(() => {
    const w = window as unknown as { bench: { move: number; change: number; frame: number } };
    w.bench = { move: 0, change: 0, frame: 0 };
    document.addEventListener("pointermove", (e) => (w.bench.move = e.timeStamp), { capture: true });
    const heading = document.getElementById("readout-heading")!;
    new MutationObserver(() => {
      w.bench.change = performance.now();
      requestAnimationFrame(() => (w.bench.frame = performance.now()));
    }).observe(heading, { childList: true, characterData: true, subtree: true });
  });
  const toChange: number[] = [];
  const toFrame: number[] = [];
  const wall: number[] = [];
  const y = box.y + box.height / 2;
  for (let i = 0; i < moves; i++) {
    const x = stackBox.x + Number(plotLeft) + ((i + 0.5) / moves) * Number(plotWidth);
    const before = await tab.locator("#readout-heading").textContent();
    await tab.evaluate(() => {
      const w = window as unknown as { bench: { change: number; frame: number } };
      w.bench.change = 0;
      w.bench.frame = 0;
    });
    const started = performance.now();
    await tab.mouse.move(x, y);
    await tab.waitForFunction((previous) => document.getElementById("readout-heading")?.textContent !== previous, before, { timeout: 5000 });
    await tab.waitForFunction(() => (window as unknown as { bench: { frame: number } }).bench.frame > 0);
    wall.push(performance.now() - started);
    const b = await tab.evaluate(() => (window as unknown as { bench: { move: number; change: number; frame: number } }).bench);
    toChange.push(b.change - b.move);
    toFrame.push(b.frame - b.move);
  }
  await browser.close();
  [toChange, toFrame, wall].forEach((list) => list.sort((a, b) => a - b));

  // 6. Report.
  const series = model.lanes.flatMap((l) => l.series.map((s) => ({ lane: l.id, id: s.id, ...s.counts })));
  const maxShown = Math.max(...series.map((s) => s.shown));
  const tableRows = model.lanes.reduce((n, l) => n + l.table.rows.length, 0);
  console.log(`Patient page, ${events.length} events (PGlite, next start, ${requests} requests after 3 warm-up)`);
  console.log(`  server time      p50 ${ms(bigTime.p50)}  p95 ${ms(bigTime.p95)}   empty patient p50 ${ms(emptyTime.p50)}  p95 ${ms(emptyTime.p95)}`);
  console.log(`  ratio            p50 ${(bigTime.p50 / emptyTime.p50).toFixed(1)}×  p95 ${(bigTime.p95 / emptyTime.p95).toFixed(1)}×   (target ≤ 1.5×)`);
  console.log(`  in process       getTimeline p50 ${ms(service.p50)}  buildTimeline p50 ${ms(build.p50)}  p95 ${ms(build.p95)}`);
  console.log(`  HTML document    ${kB(html.length)} (gzip ${kB(htmlGzip.length)}); empty patient ${kB(emptyHtml.length)}`);
  console.log(`  RSC payload      ${kB(rsc.length)} (gzip ${kB(rscGzip.length)}) on client-side navigation`);
  console.log(`  of which         chart model JSON ${kB(modelBytes)} (gzip ${kB(gzip(JSON.stringify(model)))}), ${tableRows} lane-table rows inside it;`);
  console.log(`                   event table HTML ${kB(tableHtml)} (gzip ${kB(gzip(text.slice(tableStart, tableStart + tableHtml)))}), ${events.length} rows`);
  console.log(`  points/series    max ${maxShown} (target ≤ 1 500): ${series.map((s) => `${s.id} ${s.shown}/${s.total}`).join(", ")}`);
  console.log(`  Chromium         chart drawn ${ms(chartDrawn)} after navigation`);
  console.log(`  hover→readout    p50 ${ms(quantile(toChange, 0.5))}  p95 ${ms(quantile(toChange, 0.95))}  (pointer event to text change, ${moves} moves; target ≤ 200 ms)`);
  console.log(`  hover→next frame p50 ${ms(quantile(toFrame, 0.5))}  p95 ${ms(quantile(toFrame, 0.95))};  Playwright round trip p50 ${ms(quantile(wall, 0.5))}  p95 ${ms(quantile(wall, 0.95))}`);
} finally {
  stopApp();
  await new Promise((r) => setTimeout(r, 500));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.lock`, { force: true });
}
