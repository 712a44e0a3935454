import path from "node:path";

export type DatabaseTarget =
  | { kind: "postgres"; url: string; schema?: string }
  | { kind: "pglite"; dataDir: string };

/**
 * PostgreSQL when DATABASE_URL is set; otherwise the embedded PGlite in PGLITE_DATA_DIR
 * (default ./data/pglite), so a fresh machine needs nothing installed.
 */
export function databaseTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL) {
    // Prisma's convention: `?schema=name` selects a schema other than public.
    const url = new URL(env.DATABASE_URL);
    const schema = url.searchParams.get("schema") ?? undefined;
    url.searchParams.delete("schema");
    return { kind: "postgres", url: url.toString(), schema };
  }
  return { kind: "pglite", dataDir: path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DATA_DIR ?? path.join("data", "pglite")) };
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `PGlite at ${target.dataDir}`;
  const url = new URL(target.url);
  return `PostgreSQL at ${url.host}${url.pathname}${target.schema ? ` (schema ${target.schema})` : ""}`;
}
