import type { PrismaClient } from "@prisma/client";

/**
 * Planner statistics for PGlite. PostgreSQL keeps them fresh itself (autovacuum's auto-analyze);
 * PGlite runs no background workers, so a table that grew after it was last analyzed (a bulk load,
 * years of imported events) is planned as if it were still small: the patient page's "latest 50
 * events" then sorted all 20 000 rows of a record instead of reading the timeline index backwards
 * (491 ms against 0.2 ms, measured with EXPLAIN ANALYZE). This analyzes the tables that grew.
 *
 * "Grew" follows auto-analyze's default rule (PostgreSQL documentation, "The Autovacuum Daemon":
 * autovacuum_analyze_threshold 50 + autovacuum_analyze_scale_factor 0.1 × the table), measured in
 * pages, which PostgreSQL tracks for free, rather than in rows, which would need a count.
 */
const STALE_TABLES_SQL = `
  SELECT c.relname::text AS name
    FROM pg_class c
   WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
     AND pg_relation_size(c.oid) > 0
     AND (c.reltuples < 0 OR pg_relation_size(c.oid) / current_setting('block_size')::int > c.relpages * 1.1 + 1)
   ORDER BY c.relname`;

/**
 * Analyzes the tables whose statistics are missing or older than a tenth of their growth; returns
 * their names. Through Prisma, so that on PGlite (one session) it waits for a transaction in progress
 * rather than running inside it.
 */
export async function analyzeStaleTables(prisma: Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">): Promise<string[]> {
  const stale = await prisma.$queryRawUnsafe<{ name: string }[]>(STALE_TABLES_SQL);
  for (const { name } of stale) await prisma.$executeRawUnsafe(`ANALYZE "${name.replaceAll('"', '""')}"`);
  return stale.map((table) => table.name);
}

/** On PGlite, analyzes stale tables now and then every `analyzeInterval()`; PostgreSQL does it itself. */
export function startPGliteAnalyzer(db: { prisma: Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">; target: { kind: string } }): () => void {
  const every = analyzeInterval();
  if (db.target.kind === "postgres" || every === 0) return () => {};
  const run = () => analyzeStaleTables(db.prisma).catch((error: Error) => console.error(`Flarewatch could not refresh planner statistics: ${error.message}`));
  void run();
  const timer = setInterval(run, every);
  timer.unref();
  return () => clearInterval(timer);
}

/** How often a PGlite server looks for tables to analyze (FLAREWATCH_ANALYZE_MS, default one minute; 0 turns it off). */
export function analyzeInterval(): number {
  const raw = process.env.FLAREWATCH_ANALYZE_MS;
  const value = raw === undefined || raw === "" ? 60_000 : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`FLAREWATCH_ANALYZE_MS must be a number of milliseconds (0 turns it off), not ${raw}`);
  return value;
}
