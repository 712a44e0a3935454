import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const shared = {
  resolve: { alias: { "@": path.resolve(root) } },
};
const suites = ["lib/**/*.test.ts", "app/**/*.test.ts", "prisma/**/*.test.ts"];
// Tests that open a database (PGlite, and PostgreSQL too when TEST_DATABASE_URL is set) are named
// *.db.test.ts: the pure core runs alone in seconds (`npm run test:core`), the services beside it.
const databaseSuites = suites.map((glob) => glob.replace(/\.test\.ts$/, ".db.test.ts"));

export default defineConfig({
  ...shared,
  test: {
    projects: [
      {
        ...shared,
        test: { name: "core", include: suites, exclude: databaseSuites, alias: { "server-only": path.resolve(root, "lib/db/server-only-stub.ts") }, testTimeout: 60_000, pool: "threads" },
      },
      {
        ...shared,
        test: {
          name: "db",
          include: databaseSuites,
          // "server-only" throws outside a React Server Components build; services are tested directly.
          alias: { "server-only": path.resolve(root, "lib/db/server-only-stub.ts") },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
        },
      },
    ],
  },
});
