import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { lockDataDir } from "./lock";

/**
 * Backup and restore of the embedded database (PGlite). A backup is PGlite's own dump of its data
 * directory (a gzip'd tar, `dumpDataDir`), taken after a CHECKPOINT by a process that holds the
 * directory's lock: so it is consistent, and it cannot be taken while the app runs (PGlite allows one
 * process per directory) — stop the app, back up, start it again; it takes seconds. PostgreSQL
 * installs use pg_dump / pg_restore instead (README, "Backup and restore").
 */

export interface BackupSummary {
  file: string;
  bytes: number;
  patients: number;
  events: number;
  alerts: number;
  auditRows: number;
  /** `<seq>:<hash>` of the audit trail's last sealed row: the restored copy must end with the same. */
  auditHead: string;
}

async function summarise(pglite: PGlite): Promise<Omit<BackupSummary, "file" | "bytes">> {
  const count = async (table: string) => Number((await pglite.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`)).rows[0].n);
  const head = (await pglite.query<{ seq: number; hash: string }>(`SELECT seq, hash FROM "AuditSeal" ORDER BY seq DESC LIMIT 1`)).rows[0];
  return {
    patients: await count("Patient"),
    events: await count("Event"),
    alerts: await count("Alert"),
    auditRows: await count("AuditEntry"),
    auditHead: head ? `${head.seq}:${head.hash}` : "(empty trail)",
  };
}

/** Writes a consistent backup of a PGlite data directory to `file` (written whole, then renamed into place). */
export async function backupPGlite(dataDir: string, file: string): Promise<BackupSummary> {
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) throw new Error(`${path.resolve(dataDir)} holds no Flarewatch database to back up.`);
  const release = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create({ dataDir });
    let summary: Omit<BackupSummary, "file" | "bytes">;
    let dump: Blob;
    try {
      await pglite.exec("CHECKPOINT");
      summary = await summarise(pglite);
      dump = await pglite.dumpDataDir("gzip");
    } finally {
      await pglite.close();
    }
    const bytes = Buffer.from(await dump.arrayBuffer());
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const partial = `${file}.partial`;
    const handle = fs.openSync(partial, "w");
    try {
      fs.writeSync(handle, bytes);
      fs.fsyncSync(handle);
    } finally {
      fs.closeSync(handle);
    }
    fs.renameSync(partial, file);
    return { file, bytes: bytes.length, ...summary };
  } finally {
    release();
  }
}

/** Restores a backup into a data directory that does not exist yet or is empty (never over a database). */
export async function restorePGlite(file: string, dataDir: string): Promise<Omit<BackupSummary, "file" | "bytes">> {
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new Error(`${path.resolve(dataDir)} is not empty. Restore into a new directory (then point PGLITE_DATA_DIR at it), or move the old one aside first.`);
  }
  fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create({ dataDir, loadDataDir: new Blob([fs.readFileSync(file)]) });
    try {
      await pglite.exec("CHECKPOINT");
      return await summarise(pglite);
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}
