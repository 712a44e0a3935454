import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "prisma/**/*.test.ts"],
    // "server-only" throws outside a React Server Components build; services are tested directly.
    alias: { "server-only": path.resolve(import.meta.dirname, "lib/db/server-only-stub.ts") },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
