import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import { exampleEvents } from "../lib/events/examples";
import { eventKinds, payloadSchemas } from "../lib/events/kinds";
import { patientInput } from "../lib/events/patient";

/**
 * Random and malformed bodies, built from the zod schemas, to every write endpoint: never a 5xx, never
 * a partial write, and every refusal a 4xx problem+json saying what was wrong. Runs as the demo
 * oncologist, whose team follows the patients made here.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const REFUSALS = [400, 401, 403, 404, 409, 413, 415, 422];

const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(""),
  fc.constantFrom("2020-02-30", "2020-13-01", "20-01-01", "2020-01-01T25:00", "9999-12-31", "-1", "1e309"),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
);

function shapeKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** A valid example event of some kind with one field removed, replaced or retyped (by the schema's own keys). */
const mutatedEvent = fc
  .record({ kind: fc.constantFrom(...eventKinds), where: fc.constantFrom("payload", "top"), op: fc.constantFrom("drop", "set"), pick: fc.nat(), value: jsonish })
  .map(({ kind, where, op, pick, value }) => {
    const event = structuredClone(exampleEvents[kind]) as Record<string, unknown> & { payload: Record<string, unknown> };
    const target = where === "payload" ? event.payload : event;
    const keys = where === "payload" ? shapeKeys(payloadSchemas[kind]) : ["kind", "occurredAt", "endedAt", "payload"];
    const key = keys[pick % keys.length];
    if (op === "drop") delete target[key];
    else target[key] = value;
    return event;
  });

/** A body: a mutated event, arbitrary JSON, or text that is not JSON at all. */
function bodies(valid: fc.Arbitrary<unknown>): fc.Arbitrary<{ text: string; type: string }> {
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((value) => ({ text: JSON.stringify(value), type: "application/json" })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ text: JSON.stringify(value), type: "application/json" })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((text) => ({ text, type: "application/json" })) },
    { weight: 1, arbitrary: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "").map((type) => ({ text: "{}", type })) },
  );
}

async function expectClearRefusalOrSuccess(response: APIResponse, what: string) {
  const status = response.status();
  expect(status, `${what}: ${status} ${await response.text()}`).toBeLessThan(500);
  if (status >= 400) {
    expect(REFUSALS, `${what}: unexpected ${status}`).toContain(status);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    const problem = await response.json();
    expect(typeof problem.title).toBe("string");
    expect(typeof problem.detail).toBe("string");
    expect(JSON.stringify(problem)).not.toMatch(/\n\s+at |node_modules|Error:/);
  }
  return status;
}

async function send(request: APIRequestContext, method: "post" | "put", url: string, body: { text: string; type: string }) {
  return request[method](url, { headers: body.type ? { "content-type": body.type } : {}, data: Buffer.from(body.text) });
}

async function newPatient(request: APIRequestContext) {
  const identifier = `FUZZ-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const response = await request.post("/api/v1/patients", { data: { identifier, familyName: "Fuzz", givenName: "Target", sex: "female" } });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; identifier: string };
}

const eventsOf = async (request: APIRequestContext, patientId: string) => JSON.stringify(await (await request.get(`/api/v1/patients/${patientId}/events`)).json());
const historyOf = async (request: APIRequestContext, eventId: string) => (await (await request.get(`/api/v1/events/${eventId}/history`)).json()) as { version: number }[];

// One test after another within this file (other files run beside it): the patients named "Fuzz" are
// this file's alone, which the checks below rely on. Generous: a shared machine can be slow.
test.describe.configure({ mode: "default", timeout: 480_000 });

/**
 * Patients this file's bodies could have created: each body changes one string, so a wrongly stored
 * one keeps at least one of its identifier's prefix, family name or given name. Other tests create
 * patients meanwhile on other workers, so the whole list's length would prove nothing.
 */
async function patientsOfThisFile(request: APIRequestContext): Promise<string[]> {
  const listed = (await (await request.get("/api/v1/patients")).json()) as { id: string; identifier: string; familyName: string; givenName: string }[];
  return listed
    .filter((p) => /^(FUZZ|FZP|ODD)-/.test(p.identifier) || ["Fuzz", "Odd"].includes(p.familyName) || ["Target", "Patient", "Character"].includes(p.givenName))
    .map((p) => p.id)
    .sort();
}

test("POST /api/v1/patients: random patients are created whole or not at all", async ({ request }) => {
  const base = { identifier: "X", familyName: "Fuzz", givenName: "Patient", sex: "male", birthDate: "1960-05-04" };
  const mutated = fc.record({ op: fc.constantFrom("drop", "set"), pick: fc.nat(), value: jsonish }).map(({ op, pick, value }) => {
    const patient: Record<string, unknown> = { ...base, identifier: `FZP-${Date.now()}-${Math.floor(Math.random() * 1e9)}` };
    const keys = shapeKeys(patientInput);
    const key = keys[pick % keys.length];
    if (op === "drop") delete patient[key];
    else patient[key] = value;
    return patient;
  });
  await fc.assert(
    fc.asyncProperty(bodies(mutated), async (body) => {
      const before = await patientsOfThisFile(request);
      const status = await expectClearRefusalOrSuccess(await send(request, "post", "/api/v1/patients", body), `patient ${body.text}`);
      const after = await patientsOfThisFile(request);
      expect(after.length, body.text).toBe(status === 201 ? before.length + 1 : before.length);
    }),
    { numRuns: RUNS },
  );
});

test("POST /api/v1/patients/{id}/events: a refused event leaves the record as it was", async ({ request }) => {
  const patient = await newPatient(request);
  await fc.assert(
    fc.asyncProperty(bodies(mutatedEvent), async (body) => {
      const before = await eventsOf(request, patient.id);
      const status = await expectClearRefusalOrSuccess(await send(request, "post", `/api/v1/patients/${patient.id}/events`, body), `event ${body.text}`);
      const after = await eventsOf(request, patient.id);
      if (status === 201) expect(JSON.parse(after).length).toBe(JSON.parse(before).length + 1);
      else expect(after).toBe(before);
    }),
    { numRuns: RUNS * 2 },
  );
});

test("PUT /api/v1/events/{id} and POST …/entered-in-error: refused changes add no version", async ({ request }) => {
  const patient = await newPatient(request);
  const created = await request.post(`/api/v1/patients/${patient.id}/events`, { data: exampleEvents.lab_result });
  const event = (await created.json()) as { id: string };
  const amendment = fc
    .record({ expectedVersion: fc.oneof(fc.constant(1), jsonish), event: mutatedEvent, reason: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }) })
    .map((value) => value as unknown);
  await fc.assert(
    fc.asyncProperty(bodies(amendment), async (body) => {
      const before = await historyOf(request, event.id);
      const status = await expectClearRefusalOrSuccess(await send(request, "put", `/api/v1/events/${event.id}`, body), `amend ${body.text}`);
      const after = await historyOf(request, event.id);
      expect(after.length, body.text).toBe(status === 200 ? before.length + 1 : before.length);
    }),
    { numRuns: RUNS },
  );
  const marking = fc.record({ expectedVersion: jsonish, reason: jsonish }).map((value) => value as unknown);
  await fc.assert(
    fc.asyncProperty(bodies(marking), async (body) => {
      const before = await historyOf(request, event.id);
      const status = await expectClearRefusalOrSuccess(await send(request, "post", `/api/v1/events/${event.id}/entered-in-error`, body), `error ${body.text}`);
      const after = await historyOf(request, event.id);
      expect(after.length, body.text).toBe(status === 200 ? before.length + 1 : before.length);
    }),
    { numRuns: RUNS },
  );
});

test("POST /api/v1/fhir and /api/v1/labs/csv: a refused import writes nothing", async ({ request }) => {
  const patient = await newPatient(request);
  const bundle = fc
    .record({ resourceType: fc.oneof(fc.constant("Bundle"), jsonish), type: fc.oneof(fc.constantFrom("collection", "transaction"), jsonish), entry: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), jsonish) })
    .map((value) => value as unknown);
  await fc.assert(
    fc.asyncProperty(bodies(bundle), async (body) => {
      const listed = async () => (await (await request.get("/api/v1/patients")).json()) as { id: string; identifier: string }[];
      const before = new Set((await listed()).map((p) => p.id));
      const status = await expectClearRefusalOrSuccess(await send(request, "post", "/api/v1/fhir", body), `fhir ${body.text}`);
      // Other tests create patients meanwhile: a refused bundle must have added none with its identifiers.
      const added = (await listed()).filter((p) => !before.has(p.id));
      if (status >= 400) expect(added.filter((p) => body.text.includes(JSON.stringify(p.identifier)))).toEqual([]);
    }),
    { numRuns: RUNS },
  );
  const csvLine = fc.tuple(jsonish, jsonish, jsonish, jsonish, jsonish, jsonish).map((cells) => cells.map((c) => (typeof c === "string" ? c : JSON.stringify(c))).join(","));
  await fc.assert(
    fc.asyncProperty(fc.array(csvLine, { maxLength: 4 }), fc.boolean(), async (lines, commit) => {
      const before = await eventsOf(request, patient.id);
      const response = await request.post(`/api/v1/labs/csv?patient=${patient.id}${commit ? "&commit=true" : ""}`, { headers: { "content-type": "text/csv" }, data: Buffer.from(lines.join("\n")) });
      const status = await expectClearRefusalOrSuccess(response, `csv ${lines.join(" | ")}`);
      const after = await eventsOf(request, patient.id);
      if (!(commit && status === 201)) expect(after).toBe(before);
    }),
    { numRuns: RUNS },
  );
});

test("POST /api/v1/session: malformed sign-in bodies get a 4xx that says what to send", async ({ playwright, baseURL }) => {
  // A fresh context: a refused sign-in must not disturb the session the other specs use. Bodies
  // without a string email and password never reach the password check, so they do not count
  // towards the lockout of this test machine's address.
  const request = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const notCredentials = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }).filter((v) => !(v && typeof v === "object" && !Array.isArray(v) && typeof (v as Record<string, unknown>).email === "string" && typeof (v as Record<string, unknown>).password === "string")),
    fc.record({ email: jsonish.filter((v) => typeof v !== "string"), password: jsonish }),
  );
  await fc.assert(
    fc.asyncProperty(bodies(notCredentials), async (body) => {
      await expectClearRefusalOrSuccess(await send(request, "post", "/api/v1/session", body), `session ${body.text}`);
      await expectClearRefusalOrSuccess(await send(request, "post", "/api/v1/session/two-factor", body), `two-factor ${body.text}`);
      const session = await request.get("/api/v1/session");
      expect(session.status(), `still signed out after ${body.text}: ${await session.text()}`).toBe(401);
    }),
    { numRuns: RUNS },
  );
  const huge = await request.post("/api/v1/session", { headers: { "content-type": "application/json" }, data: Buffer.from(JSON.stringify({ email: "x".repeat(20_000), password: "y" })) });
  expect(huge.status()).toBe(413);
  await request.dispose();
});

/**
 * NUL and unpaired UTF-16 surrogates (issue 15): PostgreSQL cannot store NUL as text, and half a
 * surrogate pair is not text. Put into any string of any write body (JSON.stringify writes them as
 * "\u0000" and "\ud800" escapes), they must get a 4xx that names the field, and change nothing.
 */
const oddCharacter = fc.constantFrom("\u0000", "\uD800", "\uDC00", "\uDBFF\u0000", "a\uD83Db");

/** A copy of a JSON value with one of its strings (picked by index) given an odd character. */
function withOddString(value: unknown, pick: number, odd: string, at: number): unknown {
  const copy = structuredClone(value);
  const strings: { text: string; set: (v: string) => void }[] = [];
  const walk = (node: unknown, set: (v: string) => void) => {
    if (typeof node === "string") strings.push({ text: node, set });
    else if (Array.isArray(node)) node.forEach((item, i) => walk(item, (v) => (node[i] = v)));
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) walk(record[key], (v) => (record[key] = v));
    }
  };
  walk(copy, () => {});
  if (strings.length === 0) return copy;
  const { text, set } = strings[pick % strings.length];
  const i = at % (text.length + 1);
  set(text.slice(0, i) + odd + text.slice(i));
  return copy;
}

async function expectOddRefused(response: APIResponse, what: string) {
  const status = await expectClearRefusalOrSuccess(response, what);
  expect([400, 401, 422], `${what}: ${status}`).toContain(status);
  return status;
}

test("NUL and half surrogate pairs in any string of any write body are refused with 422 and change nothing", async ({ request }) => {
  const patient = await newPatient(request);
  const created = await request.post(`/api/v1/patients/${patient.id}/events`, { data: exampleEvents.note });
  const event = (await created.json()) as { id: string };
  const bundle = await (await request.get(`/api/v1/patients/${patient.id}/fhir`)).json();
  const targets: { name: string; url: string; method: "post" | "put"; body: unknown; type?: string }[] = [
    { name: "patient", url: "/api/v1/patients", method: "post", body: { identifier: "ODD-1", familyName: "Odd", givenName: "Character", sex: "female", birthDate: "1970-01-01" } },
    ...eventKinds.map((kind) => ({ name: `event ${kind}`, url: `/api/v1/patients/${patient.id}/events`, method: "post" as const, body: exampleEvents[kind] })),
    { name: "amendment", url: `/api/v1/events/${event.id}`, method: "put", body: { expectedVersion: 1, event: exampleEvents.note, reason: "typo" } },
    { name: "entered in error", url: `/api/v1/events/${event.id}/entered-in-error`, method: "post", body: { expectedVersion: 1, reason: "wrong patient" } },
    { name: "fhir", url: "/api/v1/fhir", method: "post", body: bundle, type: "application/fhir+json" },
  ];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...targets), fc.nat(), fc.nat(), oddCharacter, async (target, pick, at, odd) => {
      const body = withOddString(target.body, pick, odd, at);
      const text = JSON.stringify(body);
      if (text === JSON.stringify(target.body)) return;
      const before = [await eventsOf(request, patient.id), JSON.stringify(await historyOf(request, event.id)), await patientsOfThisFile(request)];
      const response = await send(request, target.method, target.url, { text, type: target.type ?? "application/json" });
      const status = await expectOddRefused(response, `${target.name} ${JSON.stringify(odd)}`);
      if (status === 422) expect(Object.keys((await response.json()).errors ?? {}).length, target.name).toBeGreaterThan(0);
      const after = [await eventsOf(request, patient.id), JSON.stringify(await historyOf(request, event.id)), await patientsOfThisFile(request)];
      expect(after, target.name).toEqual(before);
    }),
    { numRuns: Math.max(RUNS * 2, targets.length * 3) },
  );
  // Every target at least once, with NUL and with a lone surrogate, in its first string.
  for (const target of targets) {
    for (const odd of ["\u0000", "\uD800"]) {
      const response = await send(request, target.method, target.url, { text: JSON.stringify(withOddString(target.body, 0, odd, 0)), type: target.type ?? "application/json" });
      expect(response.status(), `${target.name} ${JSON.stringify(odd)}: ${await response.text()}`).toBe(422);
    }
  }
  // CSV: a raw NUL byte on a line (UTF-8 cannot carry a lone surrogate: it arrives as U+FFFD, which is text).
  for (const commit of [false, true]) {
    const before = await eventsOf(request, patient.id);
    const csv = await request.post(`/api/v1/labs/csv?patient=${patient.id}${commit ? "&commit=true" : ""}`, { headers: { "content-type": "text/csv" }, data: Buffer.from("2020-01-01,ck,100,U/L,25,200\n2020-01-02,ck,1\u000000,U/L,25,200") });
    expect(csv.status()).toBe(422);
    expect((await csv.json()).errors).toEqual({ "line 2": [expect.stringContaining("NUL")] });
    expect(await eventsOf(request, patient.id)).toBe(before);
  }
});

test("NUL in a query or a sign-in is refused with a 4xx, never a 500", async ({ request, playwright, baseURL }) => {
  const patient = await newPatient(request);
  for (const url of ["/api/v1/patients?q=%00", "/api/v1/patients?q=a%00b", `/api/v1/patients/${patient.id}/events?kind=%00`, `/api/v1/patients/${patient.id}/events?from=2020-01-01%00`, "/api/v1/alerts.csv?x=%00", `/api/v1/patients/${patient.id}/events.csv?%00=1`]) {
    const response = await request.get(url);
    expect(response.status(), `${url}: ${await response.text()}`).toBe(422);
  }
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  for (const odd of ["\u0000", "\uD800"]) {
    const signIn = await anonymous.post("/api/v1/session", { headers: { "content-type": "application/json" }, data: Buffer.from(JSON.stringify({ email: `oncologist${odd}@flarewatch.example`, password: "x" })) });
    expect(signIn.status()).toBe(422);
    const code = await anonymous.post("/api/v1/session/two-factor", { headers: { "content-type": "application/json" }, data: Buffer.from(JSON.stringify({ code: `12345${odd}` })) });
    expect(code.status()).toBe(422);
  }
  await anonymous.dispose();
});
