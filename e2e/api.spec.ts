import { expect, test, type APIRequestContext } from "@playwright/test";

const json = { "content-type": "application/json" };

async function newPatient(request: APIRequestContext) {
  const response = await request.post("/api/v1/patients", {
    headers: json,
    data: { identifier: `API-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`, familyName: "Api", givenName: "Test", sex: "female", birthDate: "1980-02-29" },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; identifier: string };
}

async function eventCount(request: APIRequestContext, patientId: string) {
  return ((await (await request.get(`/api/v1/patients/${patientId}/events`)).json()) as unknown[]).length;
}

test("records, amends and marks entered-in-error through the API, keeping history", async ({ request }) => {
  const patient = await newPatient(request);
  const created = await request.post(`/api/v1/patients/${patient.id}/events`, {
    headers: json,
    data: { kind: "skin_assessment", occurredAt: "2020-08-03", payload: { grade: 2, signs: ["heliotrope"] } },
  });
  expect(created.status()).toBe(201);
  const event = await created.json();
  expect(event).toMatchObject({ version: 1, status: "final", occurredAt: "2020-08-03", payload: { grade: 2 } });

  const amended = await request.put(`/api/v1/events/${event.id}`, {
    headers: json,
    data: { expectedVersion: 1, event: { kind: "skin_assessment", occurredAt: "2020-08-03", payload: { grade: 3, signs: ["heliotrope", "shawl-sign"] } } },
  });
  expect(amended.status()).toBe(200);
  expect(await amended.json()).toMatchObject({ id: event.id, version: 2, status: "amended" });

  const stale = await request.put(`/api/v1/events/${event.id}`, {
    headers: json,
    data: { expectedVersion: 1, event: { kind: "skin_assessment", occurredAt: "2020-08-03", payload: { grade: 4, signs: [] } } },
  });
  expect(stale.status()).toBe(409);
  expect(stale.headers()["content-type"]).toContain("application/problem+json");

  const marked = await request.post(`/api/v1/events/${event.id}/entered-in-error`, { headers: json, data: { expectedVersion: 2, reason: "Wrong patient" } });
  expect(marked.status()).toBe(200);
  expect(await eventCount(request, patient.id)).toBe(0);
  const history = await (await request.get(`/api/v1/events/${event.id}/history`)).json();
  expect(history.map((v: { status: string }) => v.status)).toEqual(["final", "amended", "entered_in_error"]);
});

test("bad input gets field-level problem+json and writes nothing", async ({ request }) => {
  const patient = await newPatient(request);
  const invalid = await request.post(`/api/v1/patients/${patient.id}/events`, {
    headers: json,
    data: { kind: "lab_result", occurredAt: "2020-02-30", payload: { analyte: "ck", value: -1, unit: "U/L" } },
  });
  expect(invalid.status()).toBe(422);
  const problem = await invalid.json();
  expect(problem).toMatchObject({
    status: 422,
    errors: { occurredAt: [expect.stringContaining("real date")], "payload.value": ["The result cannot be negative"] },
  });
  const malformed = await request.post(`/api/v1/patients/${patient.id}/events`, { headers: json, data: Buffer.from("{not json") });
  expect(malformed.status()).toBe(400);
  const wrongType = await request.post(`/api/v1/patients/${patient.id}/events`, { headers: { "content-type": "text/plain" }, data: "{}" });
  expect(wrongType.status()).toBe(415);
  expect(await eventCount(request, patient.id)).toBe(0);
});

test("an unknown patient or event answers 404 and nothing is written", async ({ request }) => {
  const unknown = "00000000-0000-4000-8000-000000000000";
  expect((await request.get(`/api/v1/patients/${unknown}`)).status()).toBe(404);
  expect((await request.get(`/api/v1/patients/not-a-uuid/events`)).status()).toBe(404);
  const write = await request.post(`/api/v1/patients/${unknown}/events`, { headers: json, data: { kind: "note", occurredAt: "2020-01-01", payload: { text: "x" } } });
  expect(write.status()).toBe(404);
  expect((await request.get(`/api/v1/events/${unknown}`)).status()).toBe(404);
});

test("a duplicate identifier is a conflict", async ({ request }) => {
  const patient = await newPatient(request);
  const again = await request.post("/api/v1/patients", { headers: json, data: { identifier: patient.identifier, familyName: "X", givenName: "Y", sex: "male" } });
  expect(again.status()).toBe(409);
});
