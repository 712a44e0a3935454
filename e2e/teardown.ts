import fs from "node:fs";
import pg from "pg";

/** Removes this run's PGlite directory and PostgreSQL schema. */
export default async function teardown() {
  const runId = process.env.E2E_RUN_ID;
  if (!runId) return;
  fs.rmSync(`data/e2e-${runId}`, { recursive: true, force: true });
  fs.rmSync(`data/e2e-${runId}.lock`, { force: true });
  if (process.env.TEST_DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "e2e_${runId}" CASCADE`);
    await client.end();
  }
}
