import { expect, it } from "vitest";
import { testActor } from "@/lib/patients/testing";
import { openTestDatabase, describeEachDatabase } from "@/lib/db/testing";
import { exampleEvents, type EventInput, type TimelineEvent } from "@/lib/events";
import { fhirR4Problems } from "@/lib/fhir/testing";
import type { Bundle, Resource } from "@/lib/fhir";
import { seedCaseEvents, seedCasePatient } from "@/prisma/seed/seed-case";
import type { ServiceContext } from "./context";
import { amendEvent, createPatient, exportPatientBundle, getEventHistory, getTimeline, importFhirBundle, markEnteredInError, recordEvent } from "./index";
import { value } from "./testing";

/** What "the same timeline" means across databases: kinds, dates, precision and payloads, in order. */
const clinicalContent = (events: TimelineEvent[]) => events.map((e) => ({ kind: e.kind, occurredAt: e.occurredAt, endedAt: e.endedAt, datePrecision: e.datePrecision, payload: e.payload }));

async function counts(ctx: ServiceContext) {
  const [row] = await ctx.db.sql.query<{ patients: number; events: number }>(`SELECT (SELECT count(*) FROM "Patient")::int AS patients, (SELECT count(*) FROM "Event")::int AS events`);
  return { patients: Number(row.patients), events: Number(row.events) };
}

let counter = 0;
async function patientWith(ctx: ServiceContext, events: EventInput[] = [exampleEvents.lab_result, exampleEvents.skin_assessment]) {
  counter += 1;
  const patient = value(await createPatient(ctx, { identifier: `FHIR-${Date.now()}-${counter}`, familyName: "Fhir", givenName: "Test", sex: "female", birthDate: "1970-01-01" }));
  for (const event of events) value(await recordEvent(ctx, patient.id, event));
  return patient;
}

const json = <T>(x: T): T => JSON.parse(JSON.stringify(x));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachDatabase("FHIR import and export", (db, target) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  it("the seed case exported, validated and re-imported into an empty database gives the same timeline", async () => {
    const patient = value(await createPatient(ctx(), { ...seedCasePatient, identifier: `FW-0001-${target}` }));
    for (const event of seedCaseEvents) value(await recordEvent(ctx(), patient.id, event));
    const bundle = json(value(await exportPatientBundle(ctx(), patient.id)));
    // The flare of Aug 2020 raised an alert, answered by the CT that showed progression: one inactive Flag.
    const flags = bundle.entry.filter((e) => e.resource?.resourceType === "Flag");
    expect(flags.map((f) => (f.resource as Json).status)).toEqual(["inactive"]);
    const evidence = (flags[0].resource as Json).extension.filter((x: Json) => x.url.endsWith("/alert-evidence")).map((x: Json) => x.valueReference.reference);
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.every((url: string) => bundle.entry.some((e) => e.fullUrl === url && e.resource?.resourceType === "Observation"))).toBe(true);
    expect((flags[0].resource as Json).subject).toEqual({ reference: bundle.entry[0].fullUrl });
    expect(bundle.entry).toHaveLength(seedCaseEvents.length + 1 + flags.length);
    const invalid = bundle.entry.flatMap((e) => fhirR4Problems(e.resource as Resource).map((p) => `${e.fullUrl}: ${p}`));
    expect(invalid).toEqual([]);

    const empty = await openTestDatabase(target);
    try {
      const other: ServiceContext = { db: empty, actor: testActor };
      const outcome = await importFhirBundle(other, bundle);
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.rejection, null, 2));
      expect(outcome.report.patient.status).toBe("created");
      expect(outcome.report.counts).toEqual({ resources: seedCaseEvents.length + 1 + flags.length, created: seedCaseEvents.length, updated: 0, unchanged: 0, ignored: flags.length });
      expect(outcome.report.ignored.map((i) => i.reason)).toEqual([expect.stringMatching(/re-derived from the events/)]);
      const original = value(await getTimeline(ctx(), patient.id));
      const rebuilt = value(await getTimeline(other, outcome.report.patient.id));
      expect(clinicalContent(rebuilt)).toEqual(clinicalContent(original));
      // And back again: the second database's export re-imports into the first as unchanged.
      const back = await importFhirBundle(ctx(), json(value(await exportPatientBundle(other, outcome.report.patient.id))));
      expect(back.ok && back.report.counts).toMatchObject({ created: 0, unchanged: seedCaseEvents.length });
    } finally {
      await empty.close();
    }
  });

  it("importing the same bundle twice changes nothing the second time", async () => {
    const source = await patientWith(ctx());
    const bundle = json(value(await exportPatientBundle(ctx(), source.id))) as Bundle;
    (bundle.entry[0].resource as Json).identifier[0].value = `${source.identifier}-copy`;
    const first = await importFhirBundle(ctx(), bundle);
    expect(first.ok && first.report.counts).toMatchObject({ created: 2, unchanged: 0 });
    const before = await counts(ctx());
    const second = await importFhirBundle(ctx(), bundle);
    if (!second.ok) throw new Error(JSON.stringify(second.rejection));
    expect(second.report.patient.status).toBe("existing");
    expect(second.report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(second.report.unchanged.map((u) => u.kind)).toEqual(["lab_result", "skin_assessment"]);
    expect(await counts(ctx())).toEqual(before);
  });

  it("adds to an existing patient, and a resource changed at the source becomes a new version", async () => {
    const source = await patientWith(ctx());
    const bundle = json(value(await exportPatientBundle(ctx(), source.id))) as Bundle;
    // The bundle came back from another system with one more result and a corrected value.
    (bundle.entry[1].resource as Json).valueQuantity.value = 659;
    bundle.entry.push({ ...bundle.entry[1], fullUrl: "urn:uuid:5b0c56a2-31d9-4b5e-9c44-000000000001", resource: { ...(bundle.entry[1].resource as Json), identifier: [{ system: "urn:oid:9.9", value: "LAB-2" }], effectiveDateTime: "2020-08-10" } as unknown as Resource });
    const outcome = await importFhirBundle(ctx(), bundle);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.rejection));
    expect(outcome.report.patient).toMatchObject({ id: source.id, status: "existing" });
    expect(outcome.report.counts).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    const timeline = value(await getTimeline(ctx(), source.id));
    expect(timeline.filter((e) => e.kind === "lab_result").map((e) => [e.occurredAt, (e.payload as { value: number }).value, e.version])).toEqual([
      ["2020-08-03T08:15", 659, 2],
      ["2020-08-10", 659, 1],
    ]);
    const history = value(await getEventHistory(ctx(), outcome.report.updated[0].eventId));
    expect(history.map((e) => [e.version, e.status, (e.payload as { value: number }).value])).toEqual([
      [1, "final", 695],
      [2, "amended", 659],
    ]);
    // Importing the corrected bundle again is a no-op.
    const again = await importFhirBundle(ctx(), bundle);
    expect(again.ok && again.report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it("a clinician's later amendment is kept when the unchanged source is imported again", async () => {
    const source = await patientWith(ctx(), [exampleEvents.note]);
    const bundle = json(value(await exportPatientBundle(ctx(), source.id))) as Bundle;
    (bundle.entry[0].resource as Json).identifier[0].value = `${source.identifier}-b`;
    const first = await importFhirBundle(ctx(), bundle);
    if (!first.ok) throw new Error(JSON.stringify(first.rejection));
    const [note] = first.report.created;
    value(await amendEvent(ctx(), note.eventId, { expectedVersion: 1, event: { ...exampleEvents.note, payload: { text: "Corrected here" } } }));
    const again = await importFhirBundle(ctx(), bundle);
    expect(again.ok && again.report.counts).toMatchObject({ unchanged: 1, updated: 0 });
    const [current] = value(await getTimeline(ctx(), first.report.patient.id));
    expect(current.payload).toEqual({ text: "Corrected here" });
    // An event marked entered in error is not brought back by a changed source.
    value(await markEnteredInError(ctx(), note.eventId, { expectedVersion: 2, reason: "Wrong patient" }));
    (bundle.entry[1].resource as Json).content[0].attachment.data = Buffer.from("Changed at the source").toString("base64");
    const third = await importFhirBundle(ctx(), bundle);
    expect(third.ok && third.report.counts).toMatchObject({ created: 0, updated: 0, ignored: 1 });
    expect(value(await getTimeline(ctx(), first.report.patient.id))).toEqual([]);
  });

  const rejected: [string, (b: Bundle) => void, RegExp][] = [
    ["a wrong unit", (b) => Object.assign((b.entry[1].resource as Json).valueQuantity, { code: "mmol/L" }), /CK is reported in U\/L; mmol\/L cannot be converted to it/],
    ["an unknown code", (b) => ((b.entry[2].resource as Json).component[2].code.coding[0].code = "malar-rash"), /Unknown code "malar-rash"/],
    ["a broken reference", (b) => ((b.entry[2].resource as Json).subject.reference = "urn:uuid:00000000-dead-4000-8000-000000000000"), /Broken reference/],
    ["duplicate identifiers", (b) => ((b.entry[2].resource as Json).identifier = (b.entry[1].resource as Json).identifier), /Duplicate identifier/],
    ["another person under a known identifier", (b) => ((b.entry[0].resource as Json).name[0].family = "Someone-Else"), /belongs to FHIR, Test/],
  ];

  it.each(rejected)("a bundle with %s is rejected with a report naming the problem, and writes nothing", async (_, change, message) => {
    const source = await patientWith(ctx());
    const bundle = json(value(await exportPatientBundle(ctx(), source.id))) as Bundle;
    change(bundle);
    const before = await counts(ctx());
    const outcome = await importFhirBundle(ctx(), bundle);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.rejection.problems.map((p) => p.message).join("\n")).toMatch(message);
    expect(outcome.rejection.message).toMatch(/Nothing was written/);
    expect(await counts(ctx())).toEqual(before);
  });

  it("a new patient in a rejected bundle is not created either", async () => {
    const source = await patientWith(ctx());
    const bundle = json(value(await exportPatientBundle(ctx(), source.id))) as Bundle;
    (bundle.entry[0].resource as Json).identifier[0].value = "NEVER-CREATED";
    (bundle.entry[2].resource as Json).valueInteger = 5;
    const before = await counts(ctx());
    expect((await importFhirBundle(ctx(), bundle)).ok).toBe(false);
    expect(await counts(ctx())).toEqual(before);
  });

  it("exporting an unknown patient is not found", async () => {
    expect(await exportPatientBundle(ctx(), crypto.randomUUID())).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });
});
