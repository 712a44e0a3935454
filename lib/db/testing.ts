import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import pg from "pg";
import { openPGlite, openPostgres, type Database } from "./client";

export type TestTarget = "pglite" | "postgres";

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server (CI sets it). */
export const testTargets: TestTarget[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/** A fresh, migrated database: in-memory PGlite, or a new schema on the PostgreSQL server, dropped on close. */
export async function openTestDatabase(target: TestTarget): Promise<Database> {
  if (target === "pglite") return openPGlite();
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const db = await openPostgres(url, schema);
  return {
    ...db,
    close: async () => {
      await db.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

/** Runs the same suite against each test database, each in a database of its own. */
export function describeEachDatabase(name: string, suite: (db: () => Database, target: TestTarget) => void): void {
  for (const target of testTargets) {
    describe(`${name} [${target}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(target);
      });
      afterAll(async () => {
        await database?.close();
      });
      suite(() => {
        if (!database) throw new Error("test database not open");
        return database;
      }, target);
    });
  }
}
