import { describe, expect, it } from "vitest";
import { exampleEvents, type Patient } from "@/lib/events";
import { courseBundle, readBundle, type Bundle, type Resource } from "./index";
import { storedEvent } from "./testing";

const patient: Patient = {
  id: "22222222-2222-4222-8222-222222222222",
  identifier: "MRN-42",
  familyName: "Doe",
  givenName: "Jane",
  sex: "female",
  birthDate: "1970-05-01",
  createdAt: "2026-01-01T00:00:00.000Z",
  createdBy: "Test",
};

/** A valid transaction bundle: the patient, a CK result (entry 1) and a skin assessment (entry 2). */
function bundle(): Bundle & Record<string, unknown> {
  const exported = courseBundle(patient, [storedEvent(exampleEvents.lab_result, patient.id), storedEvent(exampleEvents.skin_assessment, patient.id)]);
  return JSON.parse(JSON.stringify({ ...exported, type: "transaction" }));
}
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const lab = (b: Bundle) => b.entry[1].resource as Json;
const skin = (b: Bundle) => b.entry[2].resource as Json;

describe("reading a bundle", () => {
  it("plans the patient and each event with its key", () => {
    const result = readBundle(bundle());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.bundleType).toBe("transaction");
    expect(result.plan.patient).toMatchObject({ identifier: "MRN-42", familyName: "Doe", givenName: "Jane", sex: "female", birthDate: "1970-05-01" });
    expect(result.plan.events.map((e) => [e.entry, e.resourceType, e.event.kind, e.event.occurredAt])).toEqual([
      [1, "Observation", "lab_result", "2020-08-03T08:15"],
      [2, "Observation", "skin_assessment", "2020-08-03T10:30"],
    ]);
  });

  it("refuses a bundle with a result dated after the clinic's today, naming the entry and its date", () => {
    const b = bundle();
    lab(b).effectiveDateTime = "2026-12-03T08:15:00Z";
    const result = readBundle(b, { timeZone: "UTC", today: "2026-12-02" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(
      expect.objectContaining({ entry: 1, resourceType: "Observation", message: "3 Dec 2026 08:15 is after today (2 Dec 2026): record an event once it has happened" }),
    );
    expect(readBundle(bundle(), { timeZone: "UTC", today: "2026-12-02" }).ok).toBe(true);
  });

  it("ignores and counts resource types it does not import, with the reason", () => {
    const b = bundle();
    b.entry.push({ fullUrl: "urn:uuid:aaaaaaaa-0000-4000-8000-000000000001", resource: { resourceType: "Immunization", status: "completed" } as unknown as Resource });
    b.entry.push({ fullUrl: "urn:uuid:aaaaaaaa-0000-4000-8000-000000000002", resource: { resourceType: "Observation", status: "final", code: { coding: [{ system: "http://loinc.org", code: "8867-4" }] }, category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "vital-signs" }] }] } });
    const result = readBundle(b);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.ignored).toEqual([
      { entry: 3, fullUrl: "urn:uuid:aaaaaaaa-0000-4000-8000-000000000001", resourceType: "Immunization", reason: "Flarewatch does not import Immunization resources" },
      { entry: 4, fullUrl: "urn:uuid:aaaaaaaa-0000-4000-8000-000000000002", resourceType: "Observation", reason: "Observation http://loinc.org|8867-4 is not one Flarewatch records" },
    ]);
    expect(result.plan.resourceCount).toBe(5);
  });

  it("ignores, with the reason, a laboratory result Flarewatch does not track instead of refusing the bundle", () => {
    const b = bundle();
    lab(b).code = { coding: [{ system: "http://loinc.org", code: "2345-7", display: "Glucose" }] };
    const result = readBundle(b);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.ignored).toEqual([expect.objectContaining({ entry: 1, resourceType: "Observation", reason: expect.stringMatching(/LOINC 2345-7 \(.*Glucose\) is not a lab Flarewatch tracks/) })]);
    expect(result.plan.events.map((e) => e.event.kind)).toEqual(["skin_assessment"]);
  });

  it("accepts a UCUM unit string without a code, and converts a commensurable unit exactly, keeping what was reported", () => {
    const b = bundle();
    lab(b).valueQuantity = { value: 11.6, unit: "ukat/L" };
    lab(b).referenceRange = [{ low: { value: 0.4, unit: "ukat/L" }, high: { value: 3.33, unit: "ukat/L" } }];
    const result = readBundle(b);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [ck] = result.plan.events;
    // 1 ukat = 60 U (UCUM: U = umol/min, kat = mol/s).
    expect(ck.event.payload).toEqual({ analyte: "ck", value: 696, unit: "U/L", referenceRange: { low: 24, high: 199.8 }, reported: { value: 11.6, unit: "ukat/L", low: 0.4, high: 3.33 } });
    expect(ck.notes).toEqual(["CK 11.6 ukat/L converted to 696 U/L (UCUM)"]);
  });

  it("keeps a day-precision date a day, and turns an offset into the clinic's wall clock", () => {
    const b = bundle();
    lab(b).effectiveDateTime = "2020-08-03";
    skin(b).effectiveDateTime = "2020-08-03T23:30:59-05:00";
    const result = readBundle(b, { timeZone: "Europe/London" });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.events.map((e) => e.event.occurredAt)).toEqual(["2020-08-03", "2020-08-04T05:30"]);
  });

  it("falls back to the fullUrl as the key when a resource has no identifier", () => {
    const b = bundle();
    delete lab(b).identifier;
    const result = readBundle(b);
    expect(result.ok && result.plan.events[0].key).toBe(`urn:ietf:rfc:3986|${b.entry[1].fullUrl}`);
  });

  const rejections: [string, (b: Bundle & Json) => void, { path: string; message: RegExp; entry?: number }][] = [
    ["a lab value in a unit the analyte cannot take", (b) => Object.assign(lab(b).valueQuantity, { code: "mg/L", unit: "mg/L" }), { entry: 1, path: "Observation.valueQuantity.code", message: /CK is reported in U\/L; mg\/L cannot be converted to it/ }],
    ["a unit that is not UCUM", (b) => Object.assign(lab(b).valueQuantity, { system: "http://example.org/units" }), { entry: 1, path: "Observation.valueQuantity.system", message: /UCUM/ }],
    ["a unit given only as text that is not UCUM", (b) => (delete lab(b).valueQuantity.code, (lab(b).valueQuantity.unit = "units per litre")), { entry: 1, path: "Observation.valueQuantity.unit", message: /"units per litre" is not a UCUM unit/ }],
    ["a reference range in another unit", (b) => Object.assign(lab(b).referenceRange[0].high, { code: "mg/L" }), { entry: 1, path: "Observation.referenceRange[0].high.code", message: /mg\/L cannot be converted to U\/L: the units are not commensurable/ }],
    ["an unknown skin sign", (b) => (skin(b).component[2].code.coding[0].code = "butterfly-rash"), { entry: 2, path: "Observation.component[2].code", message: /Unknown code "butterfly-rash"/ }],
    ["a skin grade out of range", (b) => (skin(b).valueInteger = 7), { entry: 2, path: "Observation.valueInteger", message: /at most 4/ }],
    ["an unknown assessment code", (b) => (skin(b).code.coding[0].code = "mrss"), { entry: 2, path: "Observation.code", message: /Unknown assessment "mrss"/ }],
    ["a broken reference", (b) => (lab(b).subject.reference = "urn:uuid:99999999-9999-4999-8999-999999999999"), { entry: 1, path: "Observation.subject.reference", message: /Broken reference/ }],
    ["a reference to something other than the patient", (b) => (lab(b).subject.reference = b.entry[2].fullUrl), { entry: 1, path: "Observation.subject.reference", message: /is a Observation, not the bundle's Patient/ }],
    ["no subject", (b) => delete lab(b).subject, { entry: 1, path: "Observation.subject", message: /subject must reference/ }],
    ["duplicate identifiers", (b) => (skin(b).identifier = lab(b).identifier), { entry: 2, path: "Observation.identifier", message: /Duplicate identifier .* entry 1 \(Observation\) has it too/ }],
    ["duplicate fullUrls", (b) => (b.entry[2].fullUrl = b.entry[1].fullUrl), { entry: 2, path: "Bundle.entry[2].fullUrl", message: /also used by entry 1/ }],
    ["a date without a day", (b) => (lab(b).effectiveDateTime = "2020-08"), { entry: 1, path: "Observation.effectiveDateTime", message: /gives no day/ }],
    ["a time without an offset", (b) => (lab(b).effectiveDateTime = "2020-08-03T08:15:00"), { entry: 1, path: "Observation.effectiveDateTime", message: /no offset/ }],
    ["no Patient", (b) => b.entry.splice(0, 1), { path: "Bundle.entry", message: /no Patient/ }],
    ["two Patients", (b) => b.entry.push({ fullUrl: "urn:uuid:33333333-3333-4333-8333-333333333333", resource: b.entry[0].resource }), { path: "Bundle.entry", message: /2 Patients/ }],
    ["a patient without an identifier", (b) => delete (b.entry[0].resource as Json).identifier, { entry: 0, path: "Patient.identifier.value", message: /hospital identifier/ }],
    ["a batch bundle", (b) => ((b as Json).type = "batch"), { path: "Bundle.type", message: /not batch/ }],
    ["something that is not a Bundle", (b) => ((b as Json).resourceType = "Patient"), { path: "Bundle.resourceType", message: /Expected a FHIR Bundle, got Patient/ }],
    ["a DELETE in a transaction", (b) => (b.entry[1].request = { method: "DELETE", url: "Observation/1" }), { entry: 1, path: "Bundle.entry[1].request.method", message: /not DELETE/ }],
    ["an unknown RECIST response", (b) => b.entry.push({ fullUrl: "urn:uuid:44444444-4444-4444-8444-444444444444", resource: { resourceType: "Observation", identifier: [{ value: "x" }], status: "final", code: { coding: [{ system: "http://loinc.org", code: "97509-4" }] }, method: { coding: [{ system: "https://w3id.org/flarewatch/fhir/CodeSystem/response-criteria", code: "recist-1.1" }] }, subject: { reference: b.entry[0].fullUrl }, effectiveDateTime: "2020-01-01", valueCodeableConcept: { coding: [{ system: "https://w3id.org/flarewatch/fhir/CodeSystem/recist-response", code: "iUPD" }] } } }), { entry: 3, path: "Observation.valueCodeableConcept", message: /RECIST response/ }],
    [
      "a treatment cycle without its cycle number",
      (b) =>
        b.entry.push({
          fullUrl: "urn:uuid:55555555-5555-4555-8555-555555555555",
          resource: {
            resourceType: "MedicationAdministration",
            identifier: [{ system: "urn:oid:1.2", value: "C1" }],
            status: "completed",
            category: { coding: [{ system: "https://w3id.org/flarewatch/fhir/CodeSystem/medication-role", code: "anticancer" }] },
            medicationCodeableConcept: { text: "doxorubicin" },
            subject: { reference: b.entry[0].fullUrl },
            effectiveDateTime: "2020-02-10",
            extension: [{ url: "https://w3id.org/flarewatch/fhir/StructureDefinition/line-of-therapy", valueInteger: 1 }],
            dosage: { dose: { value: 75, unit: "mg/m2", system: "http://unitsofmeasure.org", code: "mg/m2" } },
          },
        }),
      { entry: 3, path: "MedicationAdministration.extension('https://w3id.org/flarewatch/fhir/StructureDefinition/cycle-number')", message: /Enter the cycle number/ },
    ],
  ];

  it.each(rejections)("rejects %s, naming the resource and the field", (_, change, expected) => {
    const b = bundle();
    change(b);
    const result = readBundle(b);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(expect.objectContaining({ path: expected.path, message: expect.stringMatching(expected.message), ...(expected.entry !== undefined ? { entry: expected.entry } : {}) }));
    expect(result.message).toMatch(/Nothing was written/);
  });

  it("lists every problem, not only the first", () => {
    const b = bundle();
    lab(b).valueQuantity.value = -1;
    skin(b).valueInteger = 9;
    const result = readBundle(b);
    expect(!result.ok && result.problems.map((p) => [p.entry, p.path])).toEqual([
      [1, "Observation.valueQuantity.value"],
      [2, "Observation.valueInteger"],
    ]);
  });
});
