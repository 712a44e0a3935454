import { describe, expect, it } from "vitest";
import { eventInput, exampleEvents, type EventInput, type Patient } from "@/lib/events";
import { seedCaseEvents, seedCasePatient } from "@/prisma/seed/seed-case";
import { courseBundle, readBundle, type Resource } from "./index";
import { fhirR4Problems, storedEvent } from "./testing";

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
      { kind: "note", occurredAt: "2020-10-25T01:30", endedAt: "2020-10-25T02:45", payload: { text: "Überweisung — ß, 漢字 and a\nsecond line" } },
      { kind: "adverse_event", occurredAt: "2020-03-05", endedAt: "2020-03-09", payload: { term: "Febrile neutropenia", grade: 4 } },
      { kind: "lab_result", occurredAt: "2020-03-05T23:59", payload: { analyte: "ldh", value: 0.1 + 0.2, unit: "U/L" } },
      { kind: "lab_result", occurredAt: "2020-03-06", payload: { analyte: "aldolase", value: 7.65, unit: "U/L", referenceRange: { low: 1.2, high: 7.6 } } },
      { kind: "medication", occurredAt: "2020-03-06", payload: { drug: "methotrexate", role: "immunosuppression", dose: { value: 15, unit: "mg/week" }, route: "SC" } },
      { kind: "medication", occurredAt: "2020-03-06", payload: { drug: "IVIG", role: "immunosuppression", dose: { value: 2, unit: "g/kg" }, route: "IV" } },
      { kind: "treatment_cycle", occurredAt: "2020-03-06", payload: { regimen: "carboplatin", lineOfTherapy: 3, cycleNumber: 1, dose: { value: 5, unit: "AUC" }, doseChangePercent: 12.5 } },
      { kind: "imaging", occurredAt: "2020-03-07", payload: { modality: "CT", response: "CR", targetLesions: [{ organ: "mediastinal node", nodal: true, diameterMm: 8 }], targetSumMm: 8, responseOverrideReason: "Radiologist's read" } },
      { kind: "muscle_assessment", occurredAt: "2020-03-08", payload: { dysphagia: true } },
      { kind: "skin_assessment", occurredAt: "2020-03-08", payload: { grade: 0, signs: [] } },
      { kind: "diagnosis", occurredAt: "2020-03-08", endedAt: "2020-04-01", payload: { role: "other", name: "Staphylococcus hominis bacteraemia" } },
      { kind: "antibody_result", occurredAt: "2020-03-09", payload: { antibody: "nxp2", result: "equivocal" } },
    ],
  ],
];

type Json = Record<string, unknown>;

describe("export → FHIR R4 → import", () => {
  it.each(cases)("%s: every exported resource is valid FHIR R4", (_, inputs) => {
    const bundle = courseBundle(patient, inputs.map((e) => storedEvent(e, patient.id)), { timeZone: "Europe/London", generatedAt: "2026-01-02T03:04:05.000Z" });
    expect(fhirR4Problems(bundle as unknown as Resource)).toEqual([]);
    for (const entry of bundle.entry) expect({ fullUrl: entry.fullUrl, problems: fhirR4Problems(entry.resource!) }).toEqual({ fullUrl: entry.fullUrl, problems: [] });
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
