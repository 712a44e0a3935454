import { describe, expect, it } from "vitest";
import { readBundle, type BundleReadResult } from "./index";
import { generalHealthPanelBundle, mcodeExample, mcodeJennyBundle } from "./hl7-examples";

/**
 * HL7's own published examples imported as an oncology team would import an EHR export (issue 17):
 * what each maps to, and what it ignores with which reason. Versions pinned in package.json:
 * hl7.fhir.us.mcode 4.0.0, hl7.fhir.r4.examples 4.0.1.
 */

const planOf = (result: BundleReadResult) => {
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.plan;
};

/** A collection bundle of an mCODE example patient and some of the package's example resources. */
function mcodeBundle(patientFile: string, files: string[]) {
  const entry = [patientFile, ...files].map((file) => {
    const resource = mcodeExample(file);
    return { fullUrl: `http://example.org/fhir/${String(resource.resourceType)}/${String(resource.id)}`, resource };
  });
  return { resourceType: "Bundle", type: "collection", entry };
}

describe("the mCODE 4.0.0 example patient bundle (Jenny M)", () => {
  const plan = planOf(readBundle(mcodeJennyBundle(), { timeZone: "UTC" }));

  it("imports the patient with her identifier's system", () => {
    expect(plan.patient).toMatchObject({ identifier: "MRN1234", identifierSystem: "http://hospital.example.org", familyName: "M", givenName: "Jenny", sex: "female", birthDate: "1965-01-01" });
  });

  it("maps the coded cancer, the disease status, the surgery and the radiotherapy summary", () => {
    expect(plan.events.map((e) => [e.entry, e.event.kind, e.event.occurredAt, e.event.endedAt])).toEqual([
      [1, "diagnosis", "2018-03-16", undefined],
      [6, "imaging", "2018-11-01", undefined],
      [9, "procedure", "2018-04-01", undefined],
      [11, "radiotherapy", "2018-08-15", "2018-10-25"],
    ]);
    const [cancer, status, surgery, radiotherapy] = plan.events.map((e) => e.event.payload);
    expect(cancer).toEqual({ role: "cancer", name: "Primary malignant neoplasm of female left breast (disorder)", stage: "American Joint Committee on Cancer stage IIIC (qualifier value)" });
    // The clinician's judgement "improved" is a disease status, not a RECIST response.
    expect(status).toEqual({ modality: "not stated", diseaseStatus: "improving", statusEvidence: ["imaging"] });
    expect(surgery).toEqual({ name: "Excision of part of breast (procedure)", site: "Left breast structure (body structure)" });
    // 6000 cGy to the chest wall in 30 fractions, curative (mCODE procedure intent).
    expect(radiotherapy).toEqual({ site: "Chest Wall Structure (body structure)", totalDoseGy: 60, fractions: 30, intent: "curative" });
    expect(plan.events[3].notes).toEqual([
      "Recognised as radiotherapy by its mCODE RadiotherapyCourseSummary profile",
      "Dose 6000 cGy converted to 60 Gy (UCUM)",
      "2 treated volumes: Flarewatch keeps the dose and fractions of the first",
    ]);
  });

  it("ignores, each with its reason, what Flarewatch does not track, and blocks nothing", () => {
    const reasons = new Map(plan.ignored.map((i) => [i.entry, i.reason]));
    expect(plan.ignored).toHaveLength(40 - 1 - 4);
    expect(reasons.get(2)).toMatch(/MedicationRequest of cyclophosphamide \(status active\): an order records what was prescribed, not what was given/);
    expect(reasons.get(19)).toMatch(/^Tumour marker .*85337-4.* \(mCODE TumorMarkerTest\): not one of the analytes Flarewatch tracks/);
    expect(reasons.get(26)).toMatch(/^LOINC 26499-4 \(Neutrophils \[#\/volume\] in Blood\) is not a lab Flarewatch tracks/);
    expect(reasons.get(24)).toMatch(/neither cancer surgery nor radiotherapy/);
    expect(reasons.get(16)).toBe("Flarewatch does not import Specimen resources");
    expect(reasons.get(32)).toMatch(/DiagnosticReport is not imported itself/);
  });
});

describe("single mCODE 4.0.0 examples", () => {
  it("recognises every primary and secondary cancer condition, and ignores the other conditions", () => {
    const plan = planOf(
      readBundle(
        mcodeBundle("Patient-cancer-patient-john-anyperson.json", [
          "Condition-primary-cancer-condition-nsclc.json",
          "Condition-secondary-cancer-condition-brain-mets.json",
          "Condition-john-anyperson-chf.json",
          "Condition-john-anyperson-hd.json",
        ]),
      ),
    );
    expect(plan.events.map((e) => [e.entry, e.event.kind, e.event.kind === "diagnosis" && e.event.payload.role])).toEqual([
      [1, "diagnosis", "cancer"],
      [2, "diagnosis", "cancer"],
    ]);
    expect(plan.events.map((e) => e.notes)).toEqual([["Recognised as a cancer by mCODE PrimaryCancerCondition"], ["Recognised as a cancer by mCODE SecondaryCancerCondition"]]);
    expect(plan.ignored.map((i) => i.entry)).toEqual([3, 4]);
    expect(plan.ignored[0].reason).toMatch(/neither a cancer nor dermatomyositis/);
  });

  it("imports cancer-related medication administrations as treatment cycles, numbered by date, and says so", () => {
    const plan = planOf(
      readBundle(
        mcodeBundle("Patient-cancer-patient-brian-l.json", [
          "MedicationAdministration-cancer-related-medication-admin-idarubicin-brian-l.json",
          "MedicationAdministration-cancer-related-medication-admin-vincristine-brian-l.json",
          "MedicationAdministration-cancer-related-medication-admin-prednisone-brian-l.json",
        ]),
      ),
    );
    expect(plan.events.map((e) => e.event)).toEqual([
      expect.objectContaining({ kind: "treatment_cycle", occurredAt: "2024-01-09", payload: expect.objectContaining({ regimen: "IDArubicin", lineOfTherapy: 1, cycleNumber: 1, dose: { value: 5.4, unit: "mg" } }) }),
      expect.objectContaining({ kind: "treatment_cycle", occurredAt: "2024-01-09", payload: expect.objectContaining({ regimen: "vincristine", lineOfTherapy: 1, cycleNumber: 1, dose: { value: 2, unit: "mg" } }) }),
      expect.objectContaining({ kind: "treatment_cycle", occurredAt: "2024-01-09", payload: expect.objectContaining({ regimen: expect.stringMatching(/prednisone/i), cycleNumber: 1 }) }),
    ]);
    expect(plan.events[0].notes).toEqual([
      "Recognised as an anticancer treatment by its mCODE profile",
      "The record gives no cycle number or line of therapy: cycles of IDArubicin are numbered by date in this bundle, line 1 assumed",
    ]);
  });

  it("converts a WBC in 10*3/uL to 10*9/L exactly (the same number), keeping the reported unit", () => {
    const plan = planOf(readBundle(mcodeBundle("Patient-cancer-patient-brian-l.json", ["Observation-white-blood-cell-brian-l.json"])));
    expect(plan.events).toEqual([
      expect.objectContaining({
        event: expect.objectContaining({ kind: "lab_result", payload: expect.objectContaining({ analyte: "wbc", value: 88.5, unit: "10*9/L", reported: expect.objectContaining({ value: 88.5, unit: "10*3/uL" }) }) }),
        notes: ["WBC 88.5 10*3/uL converted to 88.5 10*9/L (UCUM)"],
      }),
    ]);
  });

  it("maps the standalone cancer disease status examples to a disease status with its trend", () => {
    const plan = planOf(readBundle(mcodeBundle("Patient-cancer-patient-john-anyperson.json", ["Observation-cancer-disease-status-improved.json"])));
    expect(plan.events.map((e) => e.event.payload)).toEqual([expect.objectContaining({ diseaseStatus: "improving" })]);
    expect(plan.events[0].event.payload).not.toHaveProperty("response");
  });
});

describe("the FHIR R4 specification's General Health Panel", () => {
  it("imports the tracked labs dated by their panel and report, accepts UCUM strings without a code, and ignores the rest", () => {
    const bundle = generalHealthPanelBundle();
    // The WBC as many labs print it, in 10*3/uL: exactly the same number as 10*9/L.
    const wbc = bundle.entry.find((e) => (e.resource as { id?: string }).id === "r7")!.resource as Record<string, unknown>;
    wbc.valueQuantity = { value: 4.6, unit: "10*3/uL" };
    wbc.referenceRange = [{ low: { value: 4, unit: "10*3/uL" }, high: { value: 11, unit: "10*3/uL" } }];
    const plan = planOf(readBundle(bundle, { timeZone: "UTC" }));
    expect(plan.patient).toMatchObject({ identifier: "123456", identifierSystem: "urn:oid:0.1.2.3.4.5.6.7" });
    expect(plan.events.map((e) => [e.entry, e.event.kind === "lab_result" && e.event.payload.analyte, e.event.occurredAt, e.event.kind === "lab_result" && e.event.payload.value])).toEqual([
      [11, "wbc", "2015-08-16T06:40", 4.6],
      [36, "alt", "2015-08-16T06:40", 54],
      [37, "ast", "2015-08-16T06:40", 30],
      [38, "ldh", "2015-08-16T06:40", 131],
    ]);
    expect(plan.events[0].notes).toEqual(["WBC 4.6 10*3/uL converted to 4.6 10*9/L (UCUM)", "Dated from the panel Observation in entry 4, which lists this result"]);
    expect(plan.events[1].event.payload).toEqual({ analyte: "alt", value: 54, unit: "U/L", referenceRange: { low: 0, high: 45 } });
    expect(plan.ignored).toHaveLength(56 - 1 - 4);
    expect(plan.ignored.find((i) => i.entry === 5)?.reason).toBe("Observation Haemoglobin is not one Flarewatch records");
  });
});
