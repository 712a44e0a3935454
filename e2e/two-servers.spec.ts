import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { demoUser } from "./support/users";

/**
 * Two `next start` processes on one PostgreSQL schema, as behind a load balancer (the "two-servers"
 * project, defined only when TEST_DATABASE_URL names a PostgreSQL server: PGlite is one process by
 * design). Nothing one server keeps in memory may be needed by the other: a session made on one works
 * on the other and ends on both, failed sign-ins are counted across both, writes through both are all
 * read back through both, and the audit trail both wrote is sealed (by whichever server is elected)
 * into one chain that verifies.
 */
const json = { "content-type": "application/json" };
const first = process.env.E2E_TWO_SERVERS_FIRST!;
const second = process.env.E2E_TWO_SERVERS_SECOND!;
const databaseUrl = process.env.E2E_TWO_SERVERS_DATABASE_URL!;

async function signedIn(baseURL: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  const user = demoUser("oncologist");
  const response = await context.post("/api/v1/session", { data: { email: user.email, password: user.password } });
  expect(response.status(), await response.text()).toBe(200);
  return context;
}

async function auditVerify(): Promise<string> {
  const { stdout } = await promisify(execFile)("npx", ["tsx", "--conditions=react-server", "prisma/tasks/audit-verify.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PGLITE_DATA_DIR: "" },
    timeout: 60_000,
  });
  return stdout;
}

test("a session made on one server works on the other, and signing out on either ends it on both", async () => {
  const a = await signedIn(first);
  const b = await playwrightRequest.newContext({ baseURL: second, storageState: await a.storageState() });
  expect((await b.get("/api/v1/session")).status()).toBe(200);
  expect(await (await b.get("/api/v1/session")).json()).toMatchObject({ user: { email: demoUser("oncologist").email } });
  expect((await b.delete("/api/v1/session")).status()).toBeLessThan(300);
  expect((await a.get("/api/v1/session")).status()).toBe(401);
  expect((await a.get("/api/v1/patients")).status()).toBe(401);
});

test("failed sign-ins are counted across both servers: the account is refused on either", async () => {
  test.setTimeout(120_000);
  // An address no account has: its failures count against it alone, and no other test signs in with it.
  const email = `nobody-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@two-servers.example`;
  const [a, b] = [await playwrightRequest.newContext({ baseURL: first }), await playwrightRequest.newContext({ baseURL: second })];
  for (let attempt = 1; attempt <= 5; attempt++) {
    const server = attempt % 2 ? a : b;
    const response = await server.post("/api/v1/session", { data: { email, password: `wrong-password-${attempt}` } });
    expect(response.status(), `attempt ${attempt}`).toBe(401);
  }
  for (const server of [a, b]) {
    const refused = await server.post("/api/v1/session", { data: { email, password: "wrong-password-again" } });
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(800);
  }
});

test("writes through both servers, concurrently, are all read back through both, and the audit trail seals into one chain", async () => {
  test.setTimeout(180_000);
  const a = await signedIn(first);
  const b = await playwrightRequest.newContext({ baseURL: second, storageState: await a.storageState() });
  const created = await a.post("/api/v1/patients", {
    headers: json,
    data: { identifier: `TWO-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`, familyName: "Twoservers", givenName: "Test", sex: "female", birthDate: "1968-03-12" },
  });
  expect(created.status()).toBe(201);
  const patient = (await created.json()) as { id: string };
  // Read once through each server first, so each holds whatever it would cache for this patient.
  for (const server of [a, b]) expect((await server.get(`/api/v1/patients/${patient.id}/events`)).status()).toBe(200);

  const writes = Array.from({ length: 24 }, (_, i) =>
    (i % 2 ? b : a).post(`/api/v1/patients/${patient.id}/events`, {
      headers: json,
      data: { kind: "note", occurredAt: `2021-03-${String((i % 28) + 1).padStart(2, "0")}`, payload: { text: `written through server ${i % 2 ? "B" : "A"}, #${i}` } },
    }),
  );
  const statuses = await Promise.all(writes.map(async (write) => (await write).status()));
  expect(statuses).toEqual(Array(24).fill(201));

  for (const server of [a, b]) {
    const events = (await (await server.get(`/api/v1/patients/${patient.id}/events`)).json()) as { payload: { text: string } }[];
    expect(events).toHaveLength(24);
    expect(new Set(events.map((event) => event.payload.text)).size).toBe(24);
    // The patient page (its timeline read from the shared cache) shows a write made through the other server.
    const page = await server.get(`/patients/${patient.id}`);
    expect(page.status()).toBe(200);
  }

  const wroteBy = Date.now();

  // Every server runs a sealer, one is elected per round: within seconds everything both wrote is
  // sealed. Other specs may be writing to this database meanwhile, so what may remain unsealed is only
  // what was written after these writes.
  let report = "";
  await expect
    .poll(
      async () => {
        report = await auditVerify();
        if (report.includes("Not sealed yet: none.")) return true;
        const oldest = report.match(/the oldest row \d+ written (\S+) /);
        return oldest !== null && Date.parse(oldest[1]) > wroteBy;
      },
      { timeout: 60_000, intervals: [1000, 2000, 3000] },
    )
    .toBe(true);
  expect(report).toMatch(/Audit trail intact: \d+ sealed rows, every link holds\./);
});
