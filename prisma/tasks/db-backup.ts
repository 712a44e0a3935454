/**
 * `npm run db:backup [-- --out file.tar.gz]`: a consistent backup of the embedded database (PGlite) in
 * PGLITE_DATA_DIR (default ./data/pglite). Stop the app first: PGlite allows one process per data
 * directory, and a backup taken beside a running server is refused with the process that holds it.
 * For PostgreSQL (DATABASE_URL) use pg_dump, as the README's production section shows.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { backupPGlite } from "@/lib/db/backup";
import { databaseTargetFromEnv, DatabaseLockedError } from "@/lib/db";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const target = databaseTargetFromEnv();
if (target.kind !== "pglite") {
  console.error("DATABASE_URL is set: back up PostgreSQL with pg_dump (README, \"Backup and restore\"), not with this task.");
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
const out = values.out ?? path.join("backups", `flarewatch-${stamp}.tar.gz`);
try {
  const summary = await backupPGlite(target.dataDir, out);
  console.log(`Backed up ${path.resolve(target.dataDir)} to ${path.resolve(summary.file)} (${(summary.bytes / 1e6).toFixed(1)} MB).`);
  console.log(`${summary.patients} patients, ${summary.events} event rows, ${summary.alerts} alerts, ${summary.auditRows} audit rows; audit head: ${summary.auditHead}`);
} catch (error) {
  if (error instanceof DatabaseLockedError) {
    console.error(`${error.message}\nStop the app, run the backup, then start the app again.`);
    process.exit(1);
  }
  throw error;
}
