/**
 * `npm run db:restore -- <backup.tar.gz> [--data-dir dir]`: restores a backup made by `npm run db:backup`
 * into a data directory that is empty or does not exist (default PGLITE_DATA_DIR, ./data/pglite), then
 * opens it (applying any newer migrations), walks the audit chain and prints what it holds. It never
 * writes over an existing database: move the old directory aside first.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { verifyAuditTrail } from "@/lib/audit/service";
import { openPGlite } from "@/lib/db";
import { restorePGlite } from "@/lib/db/backup";

const { values, positionals } = parseArgs({ options: { "data-dir": { type: "string" } }, allowPositionals: true });
const [file] = positionals;
if (!file) {
  console.error("Usage: npm run db:restore -- <backup.tar.gz> [--data-dir <empty directory>]");
  process.exit(2);
}
const dataDir = values["data-dir"] ?? process.env.PGLITE_DATA_DIR ?? "./data/pglite";
try {
  const summary = await restorePGlite(file, dataDir);
  console.log(`Restored ${path.resolve(file)} into ${path.resolve(dataDir)}.`);
  console.log(`${summary.patients} patients, ${summary.events} event rows, ${summary.alerts} alerts, ${summary.auditRows} audit rows; audit head: ${summary.auditHead}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const db = await openPGlite(dataDir);
try {
  const { checked, problem } = await verifyAuditTrail(db.prisma);
  if (problem) {
    console.error(`Audit trail BROKEN after ${checked} rows: ${problem.message}`);
    process.exitCode = 1;
  } else console.log(`Audit trail intact: ${checked} rows, every link holds.`);
} finally {
  await db.close();
}
