import { describe, expect, it } from "vitest";
import { eventInput, exampleEvents, type EventInput, type Patient } from "@/lib/events";
import { seedCaseEvents, seedCasePatient } from "@/prisma/seed/seed-case";
import { courseBundle, readBundle, type Resource } from "./index";
import { fhirR4Problems, r4SchemaProblems, storedEvent } from "./testing";
import { adverse, antibody, cycle, diagnosis, imaging, input, lab, medication, note, radiotherapy, skin } from "@/lib/events/testing";

const patient: Patient = { id: "11111111-1111-4111-8111-111111111111", ...seedCasePatient, createdAt: "2026-01-01T00:00:00.000Z", createdBy: "Test" } as Patient;
const normalised = (input: EventInput) => {
  const e = eventInput.parse(input) as EventInput;
  return { kind: e.kind, occurredAt: e.occurredAt, endedAt: e.endedAt, payload: e.payload };
};

const cases: [string, EventInput[]][] = [
  ["the seed case", seedCaseEvents],
  ["one example of every kind", Object.values(exampleEvents)],
  [
    "times of day, spans and edge values",
    [
      note({ occurredAt: "2020-10-25T01:30", endedAt: "2020-10-25T02:45", text: "Überweisung — ß, 漢字 and a\nsecond line" }),
      adverse({ occurredAt: "2020-03-05", endedAt: "2020-03-09", term: "Febrile neutropenia", grade: 4 }),
      input("lab_result", "2020-03-05T23:59", { analyte: "ldh", value: 0.1 + 0.2, unit: "U/L" }),
      lab({ occurredAt: "2020-03-06", analyte: "aldolase", value: 7.65, unit: "U/L", referenceRange: { low: 1.2, high: 7.6 } }),
      medication({ occurredAt: "2020-03-06", drug: "methotrexate", role: "immunosuppression", dose: { value: 15, unit: "mg/week" }, route: "SC" }),
      medication({ occurredAt: "2020-03-06", drug: "IVIG", role: "immunosuppression", dose: { value: 2, unit: "g/kg" }, route: "IV" }),
      cycle({ occurredAt: "2020-03-06", regimen: "carboplatin", lineOfTherapy: 3, cycleNumber: 1, dose: { value: 5, unit: "AUC" }, doseChangePercent: 12.5 }),
      imaging({ occurredAt: "2020-03-07", modality: "CT", response: "CR", targetLesions: [{ organ: "mediastinal node", nodal: true, diameterMm: 8 }], targetSumMm: 8, responseOverrideReason: "Radiologist's read" }),
      input("muscle_assessment", "2020-03-08", { dysphagia: true }),
      skin({ occurredAt: "2020-03-08", grade: 0 }),
      diagnosis({ occurredAt: "2020-03-08", endedAt: "2020-04-01", role: "other", name: "Staphylococcus hominis bacteraemia" }),
      antibody({ occurredAt: "2020-03-09", antibody: "nxp2", result: "equivocal" }),
    ],
  ],
  [
    "what came from standard records (mCODE, converted units) and clock changes",
    [
      diagnosis({ occurredAt: "2018-03-16", role: "cancer", name: "Primary malignant neoplasm of female left breast (disorder)", stage: "AJCC IIIC" }),
      imaging({ occurredAt: "2018-11-01", modality: "not stated", diseaseStatus: "improving", statusEvidence: ["imaging", "physical-exam"] }),
      imaging({ occurredAt: "2019-02-01", modality: "CT", response: "PR", targetSumMm: 40, diseaseStatus: "stable" }),
      imaging({ occurredAt: "2019-05-01", modality: "MRI", diseaseStatus: "worsening" }),
      lab({ occurredAt: "2020-03-29T02:00", analyte: "ck", value: 696, unit: "U/L", referenceRange: { low: 24, high: 199.8 }, reported: { value: 11.6, unit: "ukat/L", low: 0.4, high: 3.33 } }),
      input("lab_result", "2020-10-25T01:30", { analyte: "wbc", value: 88.5, unit: "10*9/L", reported: { value: 88.5, unit: "10*3/uL" } }),
      radiotherapy({ occurredAt: "2018-08-15", endedAt: "2018-10-25", site: "Chest wall", totalDoseGy: 60, fractions: 30, intent: "prophylactic" }),
      cycle({ occurredAt: "2018-04-22", regimen: "doxorubicin", lineOfTherapy: 1, cycleNumber: 1, dose: { value: 60, unit: "mg/m2" }, intent: "curative" }),
    ],
  ],
];

type Json = Record<string, unknown>;

describe("export → FHIR R4 → import", () => {
  it.each(cases)("%s: every exported resource is valid FHIR R4, by Medplum's validator and by the official R4 JSON Schema", (_, inputs) => {
    const bundle = courseBundle(patient, inputs.map((e) => storedEvent(e, patient.id)), { timeZone: "Europe/London", generatedAt: "2026-01-02T03:04:05.000Z" });
    expect(fhirR4Problems(bundle as unknown as Resource)).toEqual([]);
    expect(r4SchemaProblems(bundle)).toEqual([]);
    for (const entry of bundle.entry) {
      expect({ fullUrl: entry.fullUrl, problems: [...fhirR4Problems(entry.resource!), ...r4SchemaProblems(entry.resource)] }).toEqual({ fullUrl: entry.fullUrl, problems: [] });
    }
  }, 60_000);

  it("the validators catch what they should: an invalid resource fails both", () => {
    const bad = { resourceType: "Observation", status: "done", code: { text: "CK" }, valueQuantity: { value: "695" } } as unknown as Resource;
    expect(fhirR4Problems(bad)).not.toEqual([]);
    expect(r4SchemaProblems(bad)).not.toEqual([]);
  }, 60_000);

  it("the seed case follows mCODE where a profile fits, with a narrative on every resource", () => {
    const stored = seedCaseEvents.map((e) => storedEvent(e, patient.id));
    const bundle = courseBundle(patient, stored, { timeZone: "Europe/London" });
    const resources = bundle.entry.map((e) => ({ fullUrl: e.fullUrl!, ...(e.resource as unknown as Json) }) as Json & { fullUrl: string });
    expect(resources.every((r) => typeof (r.text as Json)?.div === "string" && (r.text as Json).status === "generated")).toBe(true);
    const profileOf = (r: Json) => ((r.meta as Json | undefined)?.profile as string[] | undefined)?.[0]?.split("/").pop();
    const cancer = resources.find((r) => profileOf(r) === "mcode-primary-cancer-condition")!;
    expect(cancer).toMatchObject({
      clinicalStatus: { coding: [{ code: "active" }] },
      verificationStatus: { coding: [{ code: "confirmed" }] },
      code: { text: "Leiomyosarcoma, grade 2" },
    });
    const statuses = resources.filter((r) => profileOf(r) === "mcode-cancer-disease-status");
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) {
      expect(status.focus).toEqual([{ reference: cancer.fullUrl }]);
      // The evidence type, beside the RECIST extensions (best response per line) where a scan carries them.
      expect(status.extension).toEqual(
        expect.arrayContaining([expect.objectContaining({ url: expect.stringMatching(/mcode-cancer-disease-status-evidence-type$/), valueCodeableConcept: expect.objectContaining({ coding: [expect.objectContaining({ code: "363679005" })] }) })]),
      );
      const codings = (status.valueCodeableConcept as Json).coding as Json[];
      expect(codings.map((c) => c.system)).toEqual(["https://w3id.org/flarewatch/fhir/CodeSystem/recist-response", "http://snomed.info/sct"]);
    }
    // PD on the August 2020 CT: the trend beside it is "worsened".
    expect(statuses.some((s) => ((s.valueCodeableConcept as Json).coding as Json[]).some((c) => c.code === "PD") && ((s.valueCodeableConcept as Json).coding as Json[]).some((c) => c.code === "271299001"))).toBe(true);
    const cycles = resources.filter((r) => r.resourceType === "MedicationAdministration");
    expect(cycles.every((c) => profileOf(c) === "mcode-cancer-related-medication-administration")).toBe(true);
    expect((cycles[0].medicationCodeableConcept as Json).coding).toEqual([{ system: "http://www.nlm.nih.gov/research/umls/rxnorm", code: "3639", display: "doxorubicin" }]);
    expect(cycles.some((c) => (c.extension as Json[]).some((x) => String(x.url).endsWith("mcode-procedure-intent")))).toBe(true);
    expect(resources.filter((r) => profileOf(r) === "us-core-observation-lab").length).toBe(stored.filter((e) => e.kind === "lab_result").length);
  });

  it.each(cases)("%s: importing the export gives back the same events and patient", (_, inputs) => {
    const stored = inputs.map((e) => storedEvent(e, patient.id));
    const bundle = JSON.parse(JSON.stringify(courseBundle(patient, stored, { timeZone: "Europe/London" })));
    const result = readBundle(bundle, { timeZone: "Europe/London" });
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
    expect(result.plan.ignored).toEqual([]);
    expect(result.plan.patient).toMatchObject(seedCasePatient);
    expect(result.plan.events.map((p) => normalised(p.event))).toEqual(inputs.map(normalised));
    // Each event comes back under the identifier it was exported with: re-importing is idempotent.
    expect(result.plan.events.map((p) => p.key)).toEqual(stored.map((e) => `https://w3id.org/flarewatch/fhir/identifier/event|${e.id}`));
  });

  it("a time of day keeps its wall-clock time in the clinic's zone, with the offset FHIR needs", () => {
    const [summer, winter] = [storedEvent(exampleEvents.lab_result, patient.id), storedEvent({ ...exampleEvents.lab_result, occurredAt: "2020-01-03T08:15" }, patient.id)];
    const bundle = courseBundle(patient, [summer, winter], { timeZone: "Europe/Paris" });
    expect(bundle.entry.slice(1).map((e) => (e.resource as unknown as Json).effectiveDateTime)).toEqual(["2020-08-03T08:15:00+02:00", "2020-01-03T08:15:00+01:00"]);
    const day = courseBundle(patient, [storedEvent(exampleEvents.diagnosis, patient.id)], { timeZone: "Pacific/Kiritimati" });
    expect((day.entry[1].resource as unknown as Json).onsetDateTime).toBe("2020-01-06");
  });

  it("reuses the identifier an event was imported under", () => {
    const event = storedEvent(exampleEvents.note, patient.id);
    const bundle = courseBundle(patient, [event], { sourceKeys: new Map([[event.id, "urn:oid:1.2.3|N-77"]]) });
    expect((bundle.entry[1].resource as unknown as Json).identifier).toEqual([{ system: "urn:oid:1.2.3", value: "N-77" }]);
  });
});
