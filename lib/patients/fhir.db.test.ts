import { expect, it } from "vitest";
import { testActor } from "@/lib/patients/testing";
import { openTestDatabase, describeEachDatabase } from "@/lib/db/testing";
import { exampleEvents, type EventInput, type TimelineEvent } from "@/lib/events";
import { fhirR4Problems, r4SchemaProblems } from "@/lib/fhir/testing";
import { mcodeJennyBundle } from "@/lib/fhir/hl7-examples";
import type { Bundle, Resource } from "@/lib/fhir";
import { seedCaseEvents, seedCasePatient } from "@/prisma/seed/seed-case";
import type { ServiceContext } from "./context";
import { amendEvent, createPatient, exportPatientBundle, patientEverything, getEventHistory, getTimeline, importFhirBundle, markEnteredInError, recordEvent } from "./index";
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
    for (const event of seedCaseEvents) value(await recordEvent(ctx(), patient.id, event, { confirm: ["duplicate", "implausible"] }));
    const bundle = json(value(await exportPatientBundle(ctx(), patient.id)));
    // The flare of Aug 2020 raised an alert, answered by the CT that showed progression: one inactive Flag.
    const flags = bundle.entry.filter((e) => e.resource?.resourceType === "Flag");
    expect(flags.map((f) => (f.resource as Json).status)).toEqual(["inactive"]);
    const evidence = (flags[0].resource as Json).extension.filter((x: Json) => x.url.endsWith("/alert-evidence")).map((x: Json) => x.valueReference.reference);
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.every((url: string) => bundle.entry.some((e) => e.fullUrl === url && e.resource?.resourceType === "Observation"))).toBe(true);
    expect((flags[0].resource as Json).subject).toEqual({ reference: bundle.entry[0].fullUrl });
    expect(bundle.entry).toHaveLength(seedCaseEvents.length + 1 + flags.length);
    const invalid = bundle.entry.flatMap((e) => [...fhirR4Problems(e.resource as Resource), ...r4SchemaProblems(e.resource)].map((p) => `${e.fullUrl}: ${p}`));
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
  it("HL7's mCODE example patient bundle imports: cancer, disease status, surgery and radiotherapy in, the rest ignored with reasons; its export validates and re-imports unchanged", async () => {
    const bundle = mcodeJennyBundle() as Json;
    // One identifier per install: keep parallel runs apart.
    bundle.entry[0].resource.identifier[0].value = `MRN1234-${target}-${Date.now()}`;
    const outcome = await importFhirBundle(ctx(), bundle);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.rejection, null, 2));
    expect(outcome.report.patient).toMatchObject({ status: "created", identifierSystem: "http://hospital.example.org", name: "M, Jenny" });
    expect(outcome.report.counts).toEqual({ resources: 40, created: 4, updated: 0, unchanged: 0, ignored: 35 });
    expect(outcome.report.created.map((c) => c.kind)).toEqual(["diagnosis", "imaging", "procedure", "radiotherapy"]);
    expect(outcome.report.created[3].notes).toContain("Dose 6000 cGy converted to 60 Gy (UCUM)");
    const timeline = value(await getTimeline(ctx(), outcome.report.patient.id));
    expect(timeline.find((e) => e.kind === "imaging")?.payload).toEqual({ modality: "not stated", diseaseStatus: "improving", statusEvidence: ["imaging"] });

    const exported = json(value(await exportPatientBundle(ctx(), outcome.report.patient.id)));
    expect((exported.entry[0].resource as Json).identifier[0]).toMatchObject({ system: "http://hospital.example.org", value: bundle.entry[0].resource.identifier[0].value });
    expect(exported.entry.flatMap((e) => [...fhirR4Problems(e.resource as Resource), ...r4SchemaProblems(e.resource)])).toEqual([]);
    const again = await importFhirBundle(ctx(), exported);
    expect(again.ok && again.report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  }, 60_000);

  it("a preview (dry run) reports what would be created, updated, unchanged and ignored, and writes nothing but its audit row", async () => {
    const source = await patientWith(ctx());
    const bundle = json(value(await exportPatientBundle(ctx(), source.id))) as Bundle;
    (bundle.entry[0].resource as Json).identifier[0].value = `${source.identifier}-preview`;
    const before = await counts(ctx());
    const preview = await importFhirBundle(ctx(), bundle, { dryRun: true });
    if (!preview.ok) throw new Error(JSON.stringify(preview.rejection));
    expect(preview.report).toMatchObject({ dryRun: true, patient: { status: "created", id: "" }, counts: { created: 2, updated: 0, unchanged: 0 } });
    expect(await counts(ctx())).toEqual(before);
    const [audit] = await ctx().db.sql.query<{ action: string; outcome: string; detail: string }>(`SELECT action, outcome, detail FROM "AuditEntry" ORDER BY seq DESC LIMIT 1`);
    expect(audit).toMatchObject({ action: "fhir.import.preview", outcome: "ok", detail: expect.stringMatching(/2 created/) });
    // Imported for real, then previewed again: everything would be unchanged.
    expect((await importFhirBundle(ctx(), bundle)).ok).toBe(true);
    const second = await importFhirBundle(ctx(), bundle, { dryRun: true });
    expect(second.ok && second.report.counts).toMatchObject({ created: 0, unchanged: 2 });
  });

  it("keeps the patient identifier's system, and refuses the same number from another system", async () => {
    const source = await patientWith(ctx());
    const bundle = json(value(await exportPatientBundle(ctx(), source.id))) as Bundle;
    const identifier = (bundle.entry[0].resource as Json).identifier[0];
    identifier.value = `${source.identifier}-sys`;
    identifier.system = "urn:oid:1.2.826.0.1.3680043.2.1";
    const first = await importFhirBundle(ctx(), bundle);
    expect(first.ok && first.report.patient).toMatchObject({ status: "created", identifierSystem: "urn:oid:1.2.826.0.1.3680043.2.1" });
    identifier.system = "https://other-hospital.example.org/mrn";
    const before = await counts(ctx());
    const other = await importFhirBundle(ctx(), bundle);
    expect(other.ok).toBe(false);
    if (other.ok) return;
    expect(other.rejection.problems).toEqual([expect.objectContaining({ path: "Patient.identifier.system", message: expect.stringMatching(/is not the patient's: the patient here .* has it from urn:oid:1\.2\.826/) })]);
    expect(await counts(ctx())).toEqual(before);
  });
  it("$everything: the course with meta.lastUpdated, _since, pages that add up, and the care-team 404", async () => {
    const source = await patientWith(ctx(), [exampleEvents.lab_result, exampleEvents.skin_assessment, exampleEvents.note]);
    const all = value(await patientEverything(ctx(), source.id));
    expect(all.total).toBe(4);
    expect(all.entries.map((e) => e.resource?.resourceType)).toEqual(["Patient", "Observation", "Observation", "DocumentReference"]);
    expect(all.entries.every((e) => typeof (e.resource as Json).meta.lastUpdated === "string")).toBe(true);
    const pages = [value(await patientEverything(ctx(), source.id, { count: 3 })), value(await patientEverything(ctx(), source.id, { count: 3, offset: 3 }))];
    expect(pages.map((p) => p.total)).toEqual([4, 4]);
    expect(pages.flatMap((p) => p.entries.map((e) => e.fullUrl))).toEqual(all.entries.map((e) => e.fullUrl));
    const later = new Date(Date.now() + 1000);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    value(await recordEvent(ctx(), source.id, exampleEvents.antibody_result));
    const since = value(await patientEverything(ctx(), source.id, { since: later }));
    expect(since.entries.map((e) => e.resource?.resourceType)).toEqual(["Patient", "Observation"]);
    expect((since.entries[1].resource as Json).code.coding[0].code).toBe("tif1-gamma");
    const outsider: ServiceContext = { db: db(), actor: { id: "outsider", name: "Outsider", role: "oncologist", teams: [] } };
    expect(await patientEverything(outsider, source.id)).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });
});
