import { defineConfig, devices } from "@playwright/test";

/**
 * The built app in real Chromium (Debian's /usr/bin/chromium: Playwright cannot download its own
 * browser here). One server on a fresh PGlite directory, and, when TEST_DATABASE_URL is set, a second
 * one on a fresh PostgreSQL schema, so every browser test runs on both databases. Tests never write into
 * the seeded demo data (they read it); whatever they write goes to a patient they created.
 */
const runId = process.env.E2E_RUN_ID ?? String(Date.now());
process.env.E2E_RUN_ID = runId;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// E2E_PORT lets several checkouts run their browser tests side by side.
const basePort = Number(process.env.E2E_PORT ?? 3100);
const servers = [{ name: "pglite", port: basePort, env: { PGLITE_DATA_DIR: `data/e2e-${runId}` } as Record<string, string> }];
if (process.env.TEST_DATABASE_URL) {
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.searchParams.set("schema", `e2e_${runId}`);
  servers.push({ name: "postgres", port: basePort + 1, env: { DATABASE_URL: url.toString() } });
  // A second server on the same schema, for e2e/two-servers.spec.ts (several app servers on one PostgreSQL).
  process.env.E2E_TWO_SERVERS_FIRST = `http://127.0.0.1:${basePort + 1}`;
  process.env.E2E_TWO_SERVERS_SECOND = `http://127.0.0.1:${basePort + 2}`;
  process.env.E2E_TWO_SERVERS_DATABASE_URL = url.toString();
}
const twoServers = /two-servers\.spec\.ts/;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // Every spec owns its data (e2e/support/fixtures.ts: a patient of its own, made through the API), so
  // tests run side by side; the few that share state within a file say so (mode: "serial").
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: [["list"]],
  // Generous: the machine running the suite is often shared, and tests run two at a time.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  globalTeardown: "./e2e/teardown.ts",
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    ...servers.flatMap((server) => [
      { name: `setup-${server.name}`, testMatch: /auth\.setup\.ts/, use: { baseURL: `http://127.0.0.1:${server.port}` } },
      {
        name: server.name,
        dependencies: [`setup-${server.name}`],
        testIgnore: twoServers,
        use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${server.port}`, channel: undefined, storageState: `test-results/.auth/${server.name}.json` },
      },
    ]),
    ...(process.env.TEST_DATABASE_URL ? [{ name: "two-servers", testMatch: twoServers, dependencies: ["setup-postgres"] }] : []),
  ],
  webServer: [
    ...servers.map((server) => ({
      command: `npm run db:seed -- --if-empty && npx next start -p ${server.port}`,
      // Answers 401 until someone signs in: it is up.
      url: `http://127.0.0.1:${server.port}/sign-in`,
      env: { ...server.env, NODE_ENV: "production" },
      reuseExistingServer: false,
      // Seeding on a machine shared with other builds can take minutes.
      timeout: 300_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
    })),
    ...(process.env.TEST_DATABASE_URL
      ? [
          {
            command: `npx next start -p ${basePort + 2}`,
            url: `${process.env.E2E_TWO_SERVERS_SECOND}/sign-in`,
            env: { DATABASE_URL: process.env.E2E_TWO_SERVERS_DATABASE_URL!, NODE_ENV: "production" },
            reuseExistingServer: false,
            timeout: 300_000,
            stdout: "ignore" as const,
            stderr: "pipe" as const,
          },
        ]
      : []),
  ],
});
