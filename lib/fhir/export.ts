import type {
  AdverseEvent,
  Condition,
  DocumentReference,
  Encounter,
  MedicationAdministration,
  MedicationStatement,
  Observation,
  ObservationComponent,
  Patient as FhirPatient,
  Procedure,
} from "@medplum/fhirtypes";
import {
  analytes,
  antibodyNames,
  describeEvent,
  formatClinicalDate,
  patientDisplayName,
  recistResponseNames,
  skinSignNames,
  unitLabel,
  type EventOfKind,
  type Patient,
  type TimelineEvent,
} from "@/lib/events";
import { antibodyResultCodes, code, extension, medicationDoseUcum, medicationPerPeriod, system, treatmentDoseUcum } from "./codes";
import { toFhirDateTime } from "./datetime";
import { withRecistExtensions } from "./recist";
import { diseaseStatusSnomed, evidenceSnomed, intentSnomed, mcodeExtension, mcodeProfile, rxnormIngredients, terminology, trendOfRecist, usCoreProfile } from "./standards";
import type { Bundle, BundleEntry, CodeableConcept, Extension, Identifier, Narrative, Quantity, Reference, Resource } from "./types";

/**
 * A patient's course as a FHIR R4 collection Bundle (FHIR.md). Pure: the caller passes the patient,
 * the current events and, for events that came from elsewhere, the identifier they were imported
 * under, so that re-importing an export anywhere is idempotent.
 *
 * Where an mCODE 4.0.0 or US Core profile fits what Flarewatch stores, the resource follows it and
 * says so in meta.profile: the cancer diagnosis (PrimaryCancerCondition), imaging with a response or a
 * disease status (CancerDiseaseStatus, with focus on the cancer Condition, the evidence type, and the
 * SNOMED CT trend beside the RECIST code), anticancer cycles (CancerRelatedMedicationAdministration,
 * with mCODE's procedure-intent and normalization-basis extensions and an RxNorm code where the
 * regimen is one drug of the table in standards.ts) and labs (US Core Laboratory Result Observation).
 * Every resource carries a short generated narrative.
 */

export interface ExportOptions {
  /** IANA zone of the clinic's wall clock, for times of day (default UTC). */
  timeZone?: string;
  /** The idempotency key an event was imported under ("system|value"), by event id. */
  sourceKeys?: ReadonlyMap<string, string>;
  /** Bundle.timestamp, an instant. */
  generatedAt?: string;
}

interface Context {
  tz: string;
  subject: Reference<FhirPatient>;
  /** The cancer diagnoses in the export, by date: a disease status points at the one it is about. */
  cancers: readonly { occurredAt: string; fullUrl: string }[];
}

const coding = (systemUrl: string, value: string, display?: string): CodeableConcept => ({
  coding: [{ system: systemUrl, code: value, ...(display ? { display } : {}) }],
});
const ucum = (value: number, ucumCode: string, unit = ucumCode): Quantity => ({ value, unit, system: system.ucum, code: ucumCode });
const component = (systemUrl: string, value: string, rest: Omit<ObservationComponent, "code">): ObservationComponent => ({ code: coding(systemUrl, value), ...rest });
const compact = <T>(items: (T | undefined | false)[]): T[] => items.filter((x): x is T => x !== undefined && x !== false);
/** Drops empty arrays and undefined fields, which FHIR does not allow. */
function clean<T extends object>(resource: T): T {
  const record = resource as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete record[key];
  }
  return resource;
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** FHIR's generated narrative: XHTML in a div, here one paragraph. */
export function narrative(text: string): Narrative {
  return { status: "generated", div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeHtml(text)}</p></div>` };
}
const eventNarrative = (event: TimelineEvent): Narrative => {
  const end = event.endedAt ? ` to ${formatClinicalDate(event.endedAt)}` : "";
  return narrative(`${formatClinicalDate(event.occurredAt)}${end}: ${describeEvent(event)}`);
};
const profiled = (profile: string) => ({ meta: { profile: [profile] } });

function when(event: TimelineEvent, ctx: Context, name: "effective" | "performed") {
  const start = toFhirDateTime(event.occurredAt, ctx.tz);
  return event.endedAt ? { [`${name}Period`]: { start, end: toFhirDateTime(event.endedAt, ctx.tz) } } : { [`${name}DateTime`]: start };
}

export function identifierOf(event: TimelineEvent, sourceKeys?: ReadonlyMap<string, string>): Identifier {
  const key = sourceKeys?.get(event.id);
  if (key) {
    const bar = key.indexOf("|");
    return bar > 0 ? { system: key.slice(0, bar), value: key.slice(bar + 1) } : { value: key.slice(bar + 1) };
  }
  return { system: system.eventIdentifier, value: event.id };
}

export function patientFullUrl(patient: Pick<Patient, "id">): string {
  return `urn:uuid:${patient.id}`;
}

export function patientResource(patient: Patient): FhirPatient {
  return clean<FhirPatient>({
    resourceType: "Patient",
    text: narrative(`${patientDisplayName(patient)}, ${patient.identifier}${patient.birthDate ? `, born ${formatClinicalDate(patient.birthDate)}` : ""}`),
    // The identifier's own namespace when an import gave one; otherwise the number this install knows the patient by.
    identifier: [{ type: coding(terminology.v20203, "MR"), system: patient.identifierSystem ?? system.patientIdentifier, value: patient.identifier }],
    name: [{ family: patient.familyName, given: [patient.givenName] }],
    gender: patient.sex,
    birthDate: patient.birthDate,
  });
}

/** The regimen as a medication: an RxNorm ingredient code when the regimen is exactly one drug of the table. */
function medicationConcept(name: string): CodeableConcept {
  const drug = rxnormIngredients[name.trim().toLowerCase()];
  return drug ? { coding: [{ system: terminology.rxnorm, code: drug.rxcui, display: name.trim().toLowerCase() }], text: name } : { text: name };
}

const intentExtension = (intent: keyof typeof intentSnomed | undefined): Extension | false =>
  intent !== undefined && { url: mcodeExtension.procedureIntent, valueCodeableConcept: coding(system.snomed, intentSnomed[intent].code, intentSnomed[intent].display) };

/** mCODE NormalizationBasisVS: what a dose is per (SNOMED CT). */
const normalizationBasis = { "mg/m2": { code: "301898006", display: "Body surface area (observable entity)" }, "mg/kg": { code: "363804004", display: "Body weight characteristic (observable entity)" }, mg: { code: "1157245009", display: "Fixed dose (qualifier value)" } } as const;

function treatmentCycle(event: EventOfKind<"treatment_cycle">, ctx: Context): MedicationAdministration {
  const p = event.payload;
  const basis = p.dose && p.dose.unit in normalizationBasis ? normalizationBasis[p.dose.unit as keyof typeof normalizationBasis] : undefined;
  return clean<MedicationAdministration>({
    resourceType: "MedicationAdministration",
    ...profiled(mcodeProfile.medicationAdministration),
    text: eventNarrative(event),
    extension: compact<Extension>([
      { url: extension.cycleNumber, valueInteger: p.cycleNumber },
      { url: extension.lineOfTherapy, valueInteger: p.lineOfTherapy },
      p.doseChangePercent !== undefined && { url: extension.doseChangePercent, valueDecimal: p.doseChangePercent },
      p.doseChangeReason !== undefined && { url: extension.doseChangeReason, valueString: p.doseChangeReason },
      intentExtension(p.intent),
      basis && { url: mcodeExtension.normalizationBasis, valueCodeableConcept: coding(system.snomed, basis.code, basis.display) },
    ]),
    status: "completed",
    category: coding(system.medicationRole, "anticancer"),
    medicationCodeableConcept: medicationConcept(p.regimen),
    subject: ctx.subject,
    ...when(event, ctx, "effective"),
    dosage: p.dose ? { dose: ucum(p.dose.value, treatmentDoseUcum[p.dose.unit], p.dose.unit) } : undefined,
  } as MedicationAdministration);
}

function medicationStatement(event: EventOfKind<"medication">, ctx: Context): MedicationStatement {
  const p = event.payload;
  const perPeriod = p.dose && p.dose.unit in medicationPerPeriod ? medicationPerPeriod[p.dose.unit as keyof typeof medicationPerPeriod] : undefined;
  const doseQuantity = p.dose
    ? perPeriod
      ? ucum(p.dose.value, perPeriod.unit)
      : ucum(p.dose.value, medicationDoseUcum[p.dose.unit as keyof typeof medicationDoseUcum])
    : undefined;
  return clean<MedicationStatement>({
    resourceType: "MedicationStatement",
    text: eventNarrative(event),
    extension: compact<Extension>([
      p.strength !== undefined && { url: extension.strength, valueString: p.strength },
      p.tapering !== undefined && { url: extension.tapering, valueBoolean: p.tapering },
    ]),
    status: event.endedAt ? "completed" : "active",
    category: coding(system.medicationRole, p.role),
    medicationCodeableConcept: medicationConcept(p.drug),
    subject: ctx.subject,
    effectivePeriod: { start: toFhirDateTime(event.occurredAt, ctx.tz), ...(event.endedAt ? { end: toFhirDateTime(event.endedAt, ctx.tz) } : {}) },
    reasonCode: p.indication !== undefined ? [{ text: p.indication }] : undefined,
    dosage: [
      clean({
        timing: perPeriod ? { repeat: { frequency: 1, period: 1, periodUnit: perPeriod.period } } : undefined,
        route: { text: p.route },
        doseAndRate: doseQuantity ? [{ doseQuantity }] : undefined,
      }),
    ],
  });
}

function procedure(event: EventOfKind<"procedure">, ctx: Context): Procedure {
  const p = event.payload;
  return clean<Procedure>({
    resourceType: "Procedure",
    text: eventNarrative(event),
    status: "completed",
    category: { text: "surgery" },
    code: { ...(p.screening ? { coding: [{ system: system.screeningProcedure, code: p.screening }] } : {}), text: p.name },
    subject: ctx.subject,
    ...when(event, ctx, "performed"),
    bodySite: p.site !== undefined ? [{ text: p.site }] : undefined,
    note: p.notes !== undefined ? [{ text: p.notes }] : undefined,
  } as Procedure);
}

function radiotherapy(event: EventOfKind<"radiotherapy">, ctx: Context): Procedure {
  const p = event.payload;
  return clean<Procedure>({
    resourceType: "Procedure",
    text: eventNarrative(event),
    extension: compact<Extension>([
      p.totalDoseGy !== undefined && { url: extension.radiotherapyDose, valueQuantity: ucum(p.totalDoseGy, "Gy") },
      p.fractions !== undefined && { url: extension.fractions, valueInteger: p.fractions },
      intentExtension(p.intent),
    ]),
    status: "completed",
    category: { text: "radiotherapy" },
    code: { text: "Radiotherapy" },
    subject: ctx.subject,
    ...when(event, ctx, "performed"),
    bodySite: [{ text: p.site }],
  } as Procedure);
}

const observationStatus = (event: TimelineEvent) => (event.status === "amended" ? "amended" : "final");
const observationCategory = (value: "imaging" | "laboratory" | "exam") => [coding(system.observationCategory, value)];

/** The cancer diagnosis a disease status is about: the latest on or before its date, else the first. */
function cancerFocus(event: TimelineEvent, ctx: Context): Reference[] | undefined {
  if (ctx.cancers.length === 0) return undefined;
  const before = ctx.cancers.filter((c) => c.occurredAt <= event.occurredAt);
  return [{ reference: (before.at(-1) ?? ctx.cancers[0]).fullUrl }];
}

function imaging(event: EventOfKind<"imaging">, ctx: Context): Observation {
  const p = event.payload;
  // A status: the RECIST response (with the SNOMED trend it implies beside it), or an imported clinician's judgement.
  const trend = p.diseaseStatus ?? (p.response ? trendOfRecist[p.response] : undefined);
  const value: CodeableConcept | undefined =
    p.response || trend
      ? {
          coding: [
            ...(p.response ? [{ system: system.recistResponse, code: p.response, display: recistResponseNames[p.response] }] : []),
            ...(trend ? [{ system: system.snomed, code: diseaseStatusSnomed[trend].code, display: diseaseStatusSnomed[trend].display }] : []),
          ],
        }
      : undefined;
  const evidence = p.statusEvidence ?? (p.response ? (["imaging"] as const) : []);
  const focus = value ? cancerFocus(event, ctx) : undefined;
  return clean<Observation>({
    resourceType: "Observation",
    ...(value ? profiled(mcodeProfile.cancerDiseaseStatus) : {}),
    text: eventNarrative(event),
    extension: evidence.map((e) => ({ url: mcodeExtension.evidenceType, valueCodeableConcept: coding(system.snomed, evidenceSnomed[e].code, evidenceSnomed[e].display) })),
    status: observationStatus(event),
    category: observationCategory("imaging"),
    code: coding(system.loinc, code.cancerDiseaseStatus, "Cancer disease status"),
    // The status of an imported judgement is not a RECIST response: no response criteria.
    method: p.response !== undefined || p.diseaseStatus === undefined ? coding(system.responseCriteria, code.recist, "RECIST 1.1") : undefined,
    subject: ctx.subject,
    focus,
    ...when(event, ctx, "effective"),
    valueCodeableConcept: value,
    note: p.findings !== undefined ? [{ text: p.findings }] : undefined,
    component: compact([
      p.modality !== "not stated" && component(system.imaging, "modality", { valueString: p.modality }),
      p.region !== undefined && component(system.imaging, "region", { valueString: p.region }),
      p.baseline !== undefined && component(system.imaging, "baseline", { valueBoolean: p.baseline }),
      p.targetSumMm !== undefined && component(system.imaging, "target-sum-mm", { valueQuantity: ucum(p.targetSumMm, "mm") }),
      ...(p.targetLesions ?? []).map((lesion) =>
        component(system.imaging, lesion.nodal ? "target-node" : "target-lesion", {
          extension: [{ url: extension.lesionSite, valueString: lesion.organ }],
          valueQuantity: ucum(lesion.diameterMm, "mm"),
        }),
      ),
      p.nonTargetResponse !== undefined && component(system.imaging, "non-target-response", { valueCodeableConcept: coding(system.nonTargetResponse, p.nonTargetResponse) }),
      p.newLesions !== undefined && component(system.imaging, "new-lesions", { valueBoolean: p.newLesions }),
      p.responseOverrideReason !== undefined && component(system.imaging, "response-override-reason", { valueString: p.responseOverrideReason }),
    ]),
  } as Observation);
}

function labResult(event: EventOfKind<"lab_result">, ctx: Context): Observation {
  const p = event.payload;
  const analyte = analytes[p.analyte];
  const quantity = (value: number) => ucum(value, p.unit, unitLabel(p.unit));
  const range = p.referenceRange;
  const reported = p.reported;
  const reportedQ = (value: number) => ({ value, unit: reported!.unit, system: system.ucum, code: reported!.unit });
  return clean<Observation>({
    resourceType: "Observation",
    ...profiled(usCoreProfile.observationLab),
    text: eventNarrative(event),
    // A result converted on import keeps what the lab reported.
    extension: reported
      ? compact<Extension>([
          { url: extension.reportedQuantity, valueQuantity: reportedQ(reported.value) },
          (reported.low !== undefined || reported.high !== undefined) && {
            url: extension.reportedRange,
            valueRange: { ...(reported.low !== undefined ? { low: reportedQ(reported.low) } : {}), ...(reported.high !== undefined ? { high: reportedQ(reported.high) } : {}) },
          },
        ])
      : undefined,
    status: observationStatus(event),
    category: observationCategory("laboratory"),
    code: { ...coding(system.loinc, analyte.loinc[0], analyte.name), text: analyte.short },
    subject: ctx.subject,
    ...when(event, ctx, "effective"),
    valueQuantity: { ...quantity(p.value), ...(p.comparator ? { comparator: p.comparator } : {}) },
    referenceRange:
      range && (range.low !== undefined || range.high !== undefined)
        ? [{ ...(range.low !== undefined ? { low: quantity(range.low) } : {}), ...(range.high !== undefined ? { high: quantity(range.high) } : {}) }]
        : undefined,
  } as Observation);
}

function skinAssessment(event: EventOfKind<"skin_assessment">, ctx: Context): Observation {
  const p = event.payload;
  return clean<Observation>({
    resourceType: "Observation",
    text: eventNarrative(event),
    status: observationStatus(event),
    category: observationCategory("exam"),
    code: coding(system.assessment, code.skinSeverity, "Skin severity grade (0–4)"),
    subject: ctx.subject,
    ...when(event, ctx, "effective"),
    valueInteger: p.grade,
    component: compact([
      p.cdasiActivity !== undefined && component(system.assessment, "cdasi-activity", { valueInteger: p.cdasiActivity }),
      p.cdasiDamage !== undefined && component(system.assessment, "cdasi-damage", { valueInteger: p.cdasiDamage }),
      ...p.signs.map((sign) => ({ code: coding(system.skinSign, sign, skinSignNames[sign]), valueBoolean: true })),
    ]),
  } as Observation);
}

function muscleAssessment(event: EventOfKind<"muscle_assessment">, ctx: Context): Observation {
  const p = event.payload;
  return clean<Observation>({
    resourceType: "Observation",
    text: eventNarrative(event),
    status: observationStatus(event),
    category: observationCategory("exam"),
    code: coding(system.assessment, code.mmt8, "Manual muscle testing (MMT-8)"),
    subject: ctx.subject,
    ...when(event, ctx, "effective"),
    valueInteger: p.mmt8?.score,
    component: compact([
      p.mmt8 !== undefined && component(system.assessment, "mmt8-scale", { valueInteger: p.mmt8.scale }),
      // FHIR.md says valueDecimal, but R4 components have no valueDecimal: a dimensionless UCUM quantity.
      p.proximalWeaknessMrc !== undefined && component(system.assessment, "proximal-weakness-mrc", { valueQuantity: ucum(p.proximalWeaknessMrc, "1", "MRC grade") }),
      p.dysphagia !== undefined && component(system.assessment, "dysphagia", { valueBoolean: p.dysphagia }),
      p.respiratoryInvolvement !== undefined && component(system.assessment, "respiratory-involvement", { valueBoolean: p.respiratoryInvolvement }),
    ]),
  } as Observation);
}

function antibodyResult(event: EventOfKind<"antibody_result">, ctx: Context): Observation {
  const p = event.payload;
  const result = antibodyResultCodes[p.result];
  return clean<Observation>({
    resourceType: "Observation",
    text: eventNarrative(event),
    status: observationStatus(event),
    category: observationCategory("laboratory"),
    code: coding(system.myositisAntibody, p.antibody, antibodyNames[p.antibody]),
    subject: ctx.subject,
    ...when(event, ctx, "effective"),
    // One value per Observation: a titre (ANA 1:160) is the value, and the result goes in interpretation.
    ...(p.titre !== undefined
      ? { valueString: p.titre, interpretation: [coding(system.interpretation, result.interpretation)] }
      : { valueCodeableConcept: coding(system.snomed, result.snomed, result.display) }),
  } as Observation);
}

function adverseEvent(event: EventOfKind<"adverse_event">, ctx: Context, identifier: Identifier): AdverseEvent {
  const p = event.payload;
  return clean<AdverseEvent>({
    resourceType: "AdverseEvent",
    text: eventNarrative(event),
    extension: compact<Extension>([
      { url: extension.ctcaeGrade, valueInteger: p.grade },
      event.endedAt !== undefined && { url: extension.endDate, valueDateTime: toFhirDateTime(event.endedAt, ctx.tz) },
    ]),
    // AdverseEvent has a single identifier in R4.
    identifier,
    actuality: "actual",
    event: { text: p.term },
    subject: ctx.subject,
    date: toFhirDateTime(event.occurredAt, ctx.tz),
    suspectEntity: p.relatedTo !== undefined ? [{ instance: { display: p.relatedTo } }] : undefined,
  });
}

function diagnosis(event: EventOfKind<"diagnosis">, ctx: Context): Condition {
  const p = event.payload;
  // US Core's problem-list category beside Flarewatch's role; statuses as US Core and mCODE expect them.
  return clean<Condition>({
    resourceType: "Condition",
    ...(p.role === "cancer" ? profiled(mcodeProfile.primaryCancerCondition) : {}),
    text: eventNarrative(event),
    clinicalStatus: coding(terminology.conditionClinical, event.endedAt ? "resolved" : "active"),
    verificationStatus: coding(terminology.conditionVerification, "confirmed"),
    category: [coding(system.conditionRole, p.role), coding(terminology.conditionCategory, "problem-list-item", "Problem List Item")],
    code: p.role === "dermatomyositis" ? { ...coding(system.snomed, code.dermatomyositis, "Dermatomyositis"), text: p.name } : { text: p.name },
    subject: ctx.subject,
    onsetDateTime: toFhirDateTime(event.occurredAt, ctx.tz),
    abatementDateTime: event.endedAt ? toFhirDateTime(event.endedAt, ctx.tz) : undefined,
    recordedDate: event.recordedAt,
    evidence: (p.criteria ?? []).map((criterion) => ({ code: [coding(system.dmCriterion, criterion)] })),
    note: p.stage !== undefined ? [{ text: p.stage }] : undefined,
  });
}

function admission(event: EventOfKind<"admission">, ctx: Context): Encounter {
  const p = event.payload;
  return clean<Encounter>({
    resourceType: "Encounter",
    text: eventNarrative(event),
    status: event.endedAt ? "finished" : "in-progress",
    class: { system: system.actCode, code: "IMP", display: "inpatient encounter" },
    subject: ctx.subject,
    period: { start: toFhirDateTime(event.occurredAt, ctx.tz), ...(event.endedAt ? { end: toFhirDateTime(event.endedAt, ctx.tz) } : {}) },
    reasonCode: [{ text: p.reason }],
    location: p.ward !== undefined ? [{ location: { display: p.ward } }] : undefined,
  });
}

function note(event: EventOfKind<"note">, ctx: Context): DocumentReference {
  return clean<DocumentReference>({
    resourceType: "DocumentReference",
    text: eventNarrative(event),
    status: "current",
    type: coding(system.loinc, code.progressNote, "Progress note"),
    subject: ctx.subject,
    content: [{ attachment: { contentType: "text/plain; charset=utf-8", data: Buffer.from(event.payload.text, "utf8").toString("base64") } }],
    context: { period: { start: toFhirDateTime(event.occurredAt, ctx.tz), ...(event.endedAt ? { end: toFhirDateTime(event.endedAt, ctx.tz) } : {}) } },
  });
}

/** The cancer diagnoses among the events, in date order, with their fullUrls. */
function cancersOf(events: readonly TimelineEvent[]): Context["cancers"] {
  return events
    .filter((e) => e.kind === "diagnosis" && e.payload.role === "cancer")
    .map((e) => ({ occurredAt: e.occurredAt, fullUrl: eventFullUrl(e) }))
    .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
}

/**
 * One event as its FHIR resource, with its identifier (the idempotency key on re-import). `cancers`:
 * the record's cancer diagnoses, so that a disease status points at its Condition (courseBundle passes them).
 */
export function eventResource(event: TimelineEvent, subject: Reference<FhirPatient>, identifier: Identifier, timeZone = "UTC", cancers: Context["cancers"] = []): Resource {
  const ctx: Context = { tz: timeZone, subject, cancers };
  const withIdentifier = <R extends Resource>(resource: R): R => {
    const text = "text" in resource ? resource.text : undefined;
    // `identifier` placed after resourceType, meta and text (the key order FHIR examples use); then every
    // field of the resource is assigned over it, keeping that order, so the result is the resource itself
    // with its identifier, typed R (TypeScript types Object.assign as the intersection) without a cast.
    return Object.assign({ resourceType: resource.resourceType, ...(resource.meta ? { meta: resource.meta } : {}), ...(text ? { text } : {}), identifier: [identifier] }, resource);
  };
  switch (event.kind) {
    case "treatment_cycle":
      return withIdentifier(treatmentCycle(event, ctx));
    case "medication":
      return withIdentifier(medicationStatement(event, ctx));
    case "procedure":
      return withIdentifier(procedure(event, ctx));
    case "radiotherapy":
      return withIdentifier(radiotherapy(event, ctx));
    case "imaging":
      return withIdentifier(imaging(event, ctx));
    case "lab_result":
      return withIdentifier(labResult(event, ctx));
    case "skin_assessment":
      return withIdentifier(skinAssessment(event, ctx));
    case "muscle_assessment":
      return withIdentifier(muscleAssessment(event, ctx));
    case "antibody_result":
      return withIdentifier(antibodyResult(event, ctx));
    case "adverse_event":
      return adverseEvent(event, ctx, identifier);
    case "diagnosis":
      return withIdentifier(diagnosis(event, ctx));
    case "admission":
      return withIdentifier(admission(event, ctx));
    case "note":
      return withIdentifier(note(event, ctx));
  }
}

/** An event's fullUrl in an export: stable, so that other resources (alert Flags' evidence) can point at it. */
export function eventFullUrl(event: Pick<TimelineEvent, "id">): string {
  return `urn:uuid:${event.id}`;
}

/**
 * The whole course: the Patient, then one resource per current event in clinical order, then any
 * further entries: the export service passes the patient's alerts as Flags (`alertFlagEntries`,
 * evidence by eventFullUrl) in `more`.
 */
export function courseBundle(patient: Patient, events: readonly TimelineEvent[], options: ExportOptions = {}, more: readonly BundleEntry[] = []): Bundle {
  const timeZone = options.timeZone ?? "UTC";
  const subject: Reference<FhirPatient> = { reference: patientFullUrl(patient) };
  const cancers = cancersOf(events);
  const entries: BundleEntry[] = [
    { fullUrl: patientFullUrl(patient), resource: patientResource(patient) },
    ...events.map((event) => ({ fullUrl: eventFullUrl(event), resource: eventResource(event, subject, identifierOf(event, options.sourceKeys), timeZone, cancers) })),
    ...more,
  ];
  withRecistExtensions(entries, events, eventFullUrl);
  return { resourceType: "Bundle", type: "collection", ...(options.generatedAt ? { timestamp: options.generatedAt } : {}), entry: entries };
}
