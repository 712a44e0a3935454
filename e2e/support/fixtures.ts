import { test as base, expect, type APIRequestContext } from "@playwright/test";

export { expect };

export const json = { "content-type": "application/json" };

/** A patient created for one test, through the API as any client would, under an identifier no other test uses. */
export interface OwnPatient {
  id: string;
  identifier: string;
  familyName: string;
  givenName: string;
  /** As the app writes it in headings and lists: "FAMILY, Given". */
  displayName: string;
}

let counter = 0;

/** An identifier unique across workers, servers and runs: prefix, worker, time, a counter and a random tail. */
export function uniqueIdentifier(prefix = "E2E"): string {
  counter += 1;
  const worker = process.env.TEST_WORKER_INDEX ?? "0";
  return `${prefix}-${worker}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
}

export async function createPatient(
  request: APIRequestContext,
  fields: { familyName?: string; givenName?: string; sex?: string; birthDate?: string; identifier?: string } = {},
): Promise<OwnPatient> {
  const data = { identifier: uniqueIdentifier(), familyName: "Entry", givenName: "Test", sex: "female", birthDate: "1970-05-01", ...fields };
  const response = await request.post("/api/v1/patients", { headers: json, data });
  expect(response.status(), await response.text()).toBe(201);
  const created = (await response.json()) as { id: string; identifier: string };
  return { ...created, familyName: data.familyName, givenName: data.givenName, displayName: `${data.familyName.toUpperCase()}, ${data.givenName}` };
}

export async function recordEvent(request: APIRequestContext, patientId: string, event: unknown): Promise<{ id: string; version: number }> {
  const response = await request.post(`/api/v1/patients/${patientId}/events`, { headers: json, data: event });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

/** The id of the seeded reference case FW-0001: for tests that only read the demo data. */
export async function referenceCaseId(request: APIRequestContext): Promise<string> {
  const [patient] = (await (await request.get("/api/v1/patients?q=FW-0001")).json()) as { id: string }[];
  return patient.id;
}

/**
 * `patient`: a fresh, empty patient of the signed-in user's care team, made for this test alone, so a
 * test that writes never touches the reference case FW-0001 or another test's data, and tests can run
 * side by side on several workers.
 */
export const test = base.extend<{ patient: OwnPatient }>({
  patient: async ({ request }, provide) => {
    await provide(await createPatient(request));
  },
});

/**
 * A copy of the reference case under a new identifier and family name: its FHIR export imported again
 * (one request each way, as another hospital's system would), for tests that write into a record shaped
 * like FW-0001 without touching FW-0001.
 */
export async function referenceCaseCopy(request: APIRequestContext, options: { familyName?: string } = {}): Promise<OwnPatient> {
  const identifier = uniqueIdentifier("COPY");
  const familyName = options.familyName ?? "Copy";
  const exported = await request.get(`/api/v1/patients/${await referenceCaseId(request)}/fhir`);
  expect(exported.status()).toBe(200);
  const bundle = await exported.json();
  bundle.type = "transaction";
  const patient = bundle.entry[0].resource;
  patient.identifier[0].value = identifier;
  patient.name = [{ family: familyName, given: ["Case"] }];
  const imported = await request.post("/api/v1/fhir", { headers: { "content-type": "application/fhir+json" }, data: bundle });
  expect(imported.status(), (await imported.text()).slice(0, 500)).toBe(201);
  const [created] = (await (await request.get(`/api/v1/patients?q=${identifier}`)).json()) as { id: string; identifier: string }[];
  return { id: created.id, identifier: created.identifier, familyName, givenName: "Case", displayName: `${familyName.toUpperCase()}, Case` };
}
