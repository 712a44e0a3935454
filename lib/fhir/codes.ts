/**
 * Code systems, extensions and units of Flarewatch's FHIR R4 profile (shared/FHIR.md). `FW` is the
 * canonical base for Flarewatch's own code systems and extensions; standard systems are used wherever
 * a standard code exists.
 *
 * Codes and extensions beyond FHIR.md's table, added so that every event round-trips exactly (each is
 * under the FW base and is optional on import):
 * - condition-role `dermatomyositis`, `progression`, `other` (FHIR.md names `cancer`; dermatomyositis is
 *   also recognised by its SNOMED code); Condition.evidence codes from `FW/CodeSystem/dm-criterion`
 *   for the Bohan & Peter criteria met.
 * - extension `dose-change-reason` (valueString) on MedicationAdministration; `strength` (valueString),
 *   `tapering` (valueBoolean) on MedicationStatement; `radiotherapy-dose` (valueQuantity Gy), `fractions`
 *   (valueInteger) on a radiotherapy Procedure. The intent of a cycle or a radiotherapy course is
 *   exported as mCODE's procedure-intent (SNOMED); `treatment-intent` (valueCode), which earlier exports
 *   wrote, is still read;
 * - `reported-quantity` (valueQuantity) and `reported-range` (valueRange) on a lab Observation whose
 *   result an import converted to the analyte's unit: what the lab reported; `end-date` (valueDateTime) on an AdverseEvent that lasted; `lesion-site`
 *   (valueString) on a target-lesion component.
 * - imaging components `baseline` (valueBoolean), `target-lesion` / `target-node` (valueQuantity mm,
 *   one per lesion, nodes by short axis), `non-target-response` (valueCodeableConcept from
 *   `FW/CodeSystem/recist-non-target-response`), `new-lesions` (valueBoolean),
 *   `response-override-reason` (valueString).
 * - muscle component `respiratory-involvement` (valueBoolean).
 *
 * One departure from FHIR.md's letter, forced by R4 itself: Observation.component has no valueDecimal,
 * so `proximal-weakness-mrc` is exported as a dimensionless valueQuantity (UCUM "1"); import accepts both.
 * - admission: Encounter of class inpatient (v3 ActCode IMP), reasonCode.text, location display = ward.
 * - note: DocumentReference typed LOINC 11506-3 (progress note) with the text as a text/plain attachment.
 * - alert (export only): Flag with code `FW/CodeSystem/alert-rule` (code.text = the alert's reason),
 *   identifier `FW/identifier/alert` (the alert key), extensions `alert-priority` (valueCoding from
 *   `FW/CodeSystem/alert-priority`: high, normal) and `alert-evidence` (valueReference, one per flare
 *   event, to that event's fullUrl). Import ignores Flags: alerts are re-derived from the events.
 */
export const FW = "https://w3id.org/flarewatch/fhir";

export const system = {
  loinc: "http://loinc.org",
  snomed: "http://snomed.info/sct",
  ucum: "http://unitsofmeasure.org",
  observationCategory: "http://terminology.hl7.org/CodeSystem/observation-category",
  interpretation: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
  actCode: "http://terminology.hl7.org/CodeSystem/v3-ActCode",
  uri: "urn:ietf:rfc:3986",
  conditionRole: `${FW}/CodeSystem/condition-role`,
  dmCriterion: `${FW}/CodeSystem/dm-criterion`,
  medicationRole: `${FW}/CodeSystem/medication-role`,
  responseCriteria: `${FW}/CodeSystem/response-criteria`,
  recistResponse: `${FW}/CodeSystem/recist-response`,
  nonTargetResponse: `${FW}/CodeSystem/recist-non-target-response`,
  imaging: `${FW}/CodeSystem/imaging`,
  assessment: `${FW}/CodeSystem/assessment`,
  skinSign: `${FW}/CodeSystem/skin-sign`,
  myositisAntibody: `${FW}/CodeSystem/myositis-antibody`,
  /** What a procedure is for cancer screening (lib/events screeningProcedures). */
  screeningProcedure: `${FW}/CodeSystem/screening-procedure`,
  alertRule: `${FW}/CodeSystem/alert-rule`,
  alertPriority: `${FW}/CodeSystem/alert-priority`,
  /** Identifiers of events first recorded in Flarewatch: the event's id. */
  eventIdentifier: `${FW}/identifier/event`,
  /** Alerts: the alert's key (patient, rule, first evidence event), stable across re-evaluations. */
  alertIdentifier: `${FW}/identifier/alert`,
  /** The hospital identifier (MRN) Flarewatch knows the patient by. */
  patientIdentifier: `${FW}/identifier/patient`,
} as const;

export const extension = {
  cycleNumber: `${FW}/StructureDefinition/cycle-number`,
  lineOfTherapy: `${FW}/StructureDefinition/line-of-therapy`,
  doseChangePercent: `${FW}/StructureDefinition/dose-change-percent`,
  doseChangeReason: `${FW}/StructureDefinition/dose-change-reason`,
  treatmentIntent: `${FW}/StructureDefinition/treatment-intent`,
  strength: `${FW}/StructureDefinition/strength`,
  tapering: `${FW}/StructureDefinition/tapering`,
  radiotherapyDose: `${FW}/StructureDefinition/radiotherapy-dose`,
  fractions: `${FW}/StructureDefinition/fractions`,
  ctcaeGrade: `${FW}/StructureDefinition/ctcae-grade`,
  endDate: `${FW}/StructureDefinition/end-date`,
  lesionSite: `${FW}/StructureDefinition/lesion-site`,
  /** A lab result converted on import: the value and unit as the lab reported them (valueQuantity), and their range (valueRange). */
  reportedQuantity: `${FW}/StructureDefinition/reported-quantity`,
  reportedRange: `${FW}/StructureDefinition/reported-range`,
  alertPriority: `${FW}/StructureDefinition/alert-priority`,
  alertEvidence: `${FW}/StructureDefinition/alert-evidence`,
} as const;

export const code = {
  dermatomyositis: "396230008",
  cancerDiseaseStatus: "97509-4",
  progressNote: "11506-3",
  recist: "recist-1.1",
  skinSeverity: "skin-severity",
  mmt8: "mmt8",
  positive: "10828004",
  negative: "260385009",
  equivocal: "42425007",
} as const;

/** The antibody result as SNOMED codes (FHIR.md) and as v3 interpretation codes (used beside a titre). */
export const antibodyResultCodes = {
  positive: { snomed: code.positive, display: "Positive", interpretation: "POS" },
  negative: { snomed: code.negative, display: "Negative", interpretation: "NEG" },
  equivocal: { snomed: code.equivocal, display: "Equivocal", interpretation: "IND" },
} as const;

/**
 * Flarewatch's dose units as UCUM. A daily or weekly dose is exported FHIR's way, as the amount per
 * dose with a timing (40 mg once a day); carboplatin's "AUC" is a target, not a unit, and goes as the
 * UCUM annotation {AUC}.
 */
export const treatmentDoseUcum = { mg: "mg", "mg/m2": "mg/m2", "mg/kg": "mg/kg", AUC: "{AUC}" } as const;
export const medicationDoseUcum = { mg: "mg", g: "g", "g/kg": "g/kg" } as const;
export const medicationPerPeriod = { "mg/day": { unit: "mg", period: "d" }, "mg/week": { unit: "mg", period: "wk" } } as const;
