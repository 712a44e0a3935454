// No "server-only" here, nor in startup.ts, config.ts, lock.ts, maintenance.ts and migrate.ts: instrumentation.ts opens
// the database at start-up through startup.ts, and Next compiles instrumentation's imports outside the
// server-component layer, where "server-only" throws (vercel/next.js#57563, #50319). Every other door to
// the database (lib/db/index.ts, the services) imports it, and ESLint keeps app/ and the pure core away.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { databaseTargetFromEnv, type DatabaseTarget } from "./config";
import { lockDataDir } from "./lock";
import { applyMigrations, type SqlRunner } from "./migrate";

export interface Database {
  prisma: PrismaClient;
  /** Raw SQL on the same database, for migrations, benchmarks and tests. */
  sql: SqlRunner;
  target: DatabaseTarget | { kind: "pglite-memory" };
  close(): Promise<void>;
}

function pgliteRunner(db: Pick<PGlite, "exec" | "query"> & { transaction?: PGlite["transaction"] }): SqlRunner {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    transaction: (fn) => {
      if (!db.transaction) return fn(pgliteRunner(db));
      return db.transaction((tx) => fn(pgliteRunner(tx)));
    },
  };
}

function pgRunner(client: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    transaction: async (fn) => {
      const connection = client instanceof pg.Pool ? await client.connect() : client;
      try {
        await connection.query("BEGIN");
        const result = await fn(pgRunner(connection));
        await connection.query("COMMIT");
        return result;
      } catch (error) {
        await connection.query("ROLLBACK");
        throw error;
      } finally {
        if (connection !== client) (connection as pg.PoolClient).release();
      }
    },
  };
}

/** Opens PGlite (in a data directory or in memory), migrated and ready. */
export async function openPGlite(dataDir?: string): Promise<Database> {
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    const pglite = await PGlite.create(dataDir ? { dataDir } : {});
    const sql = pgliteRunner(pglite);
    await applyMigrations(sql);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      prisma,
      sql,
      target: dataDir ? { kind: "pglite", dataDir } : { kind: "pglite-memory" },
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Opens a PostgreSQL database (optionally one schema of it, for tests), migrated and ready. */
export async function openPostgres(url: string, schema?: string): Promise<Database> {
  const poolConfig: pg.PoolConfig = {
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  };
  const pool = new pg.Pool(poolConfig);
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const sql = pgRunner(pool);
    await applyMigrations(sql, undefined, true);
    const prisma = new PrismaClient({ adapter: new PrismaPg(poolConfig, schema ? { schema } : undefined) });
    return {
      prisma,
      sql,
      target: { kind: "postgres", url, schema },
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

export function openDatabase(target: DatabaseTarget = databaseTargetFromEnv()): Promise<Database> {
  return target.kind === "postgres" ? openPostgres(target.url, target.schema) : openPGlite(target.dataDir);
}

const holder = globalThis as typeof globalThis & { __flarewatchDatabase?: Promise<Database> };

/**
 * The process's database, opened (and migrated) on first use. Kept on globalThis because Next.js may
 * evaluate this module more than once in one server process, and PGlite must be opened only once.
 */
export function getDatabase(): Promise<Database> {
  holder.__flarewatchDatabase ??= openDatabase().catch((error) => {
    holder.__flarewatchDatabase = undefined;
    throw error;
  });
  return holder.__flarewatchDatabase;
}
