import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

// The CLI only generates the client and writes migrations (`migrate diff`, on a throw-away in-memory
// PGlite, so no native schema engine and no server is needed). The app applies migrations itself at
// start (lib/db/migrate.ts), because PGlite allows one process per data directory.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPGlite(new PGlite()),
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
});
