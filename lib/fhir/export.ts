import {
  analytes,
  antibodyNames,
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
import type { Bundle, BundleEntry, CodeableConcept, Extension, Identifier, Quantity, Reference, Resource } from "./types";

/**
 * A patient's course as a FHIR R4 collection Bundle (FHIR.md). Pure: the caller passes the patient,
 * the current events and, for events that came from elsewhere, the identifier they were imported
 * under, so that re-importing an export anywhere is idempotent.
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
  subject: Reference;
}

const coding = (systemUrl: string, value: string, display?: string): CodeableConcept => ({
  coding: [{ system: systemUrl, code: value, ...(display ? { display } : {}) }],
});
const ucum = (value: number, ucumCode: string, unit = ucumCode): Quantity => ({ value, unit, system: system.ucum, code: ucumCode });
const component = (systemUrl: string, value: string, rest: Record<string, unknown>) => ({ code: coding(systemUrl, value), ...rest });
const compact = <T>(items: (T | undefined | false)[]): T[] => items.filter((x): x is T => x !== undefined && x !== false);
/** Drops empty arrays and undefined fields, which FHIR does not allow. */
function clean<T extends Record<string, unknown>>(resource: T): T {
  for (const key of Object.keys(resource)) {
    const value = resource[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete resource[key];
  }
  return resource;
}

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

export function patientResource(patient: Patient): Resource {
  return clean({
    resourceType: "Patient",
    identifier: [{ type: coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR"), system: system.patientIdentifier, value: patient.identifier }],
    name: [{ family: patient.familyName, given: [patient.givenName] }],
    gender: patient.sex,
    birthDate: patient.birthDate,
  });
}

function treatmentCycle(event: EventOfKind<"treatment_cycle">, ctx: Context): Resource {
  const p = event.payload;
  return clean({
    resourceType: "MedicationAdministration",
    extension: compact<Extension>([
      { url: extension.cycleNumber, valueInteger: p.cycleNumber },
      { url: extension.lineOfTherapy, valueInteger: p.lineOfTherapy },
      p.doseChangePercent !== undefined && { url: extension.doseChangePercent, valueDecimal: p.doseChangePercent },
      p.doseChangeReason !== undefined && { url: extension.doseChangeReason, valueString: p.doseChangeReason },
      p.intent !== undefined && { url: extension.treatmentIntent, valueCode: p.intent },
    ]),
    status: "completed",
    category: coding(system.medicationRole, "anticancer"),
    medicationCodeableConcept: { text: p.regimen },
    subject: ctx.subject,
    ...when(event, ctx, "effective"),
    dosage: p.dose ? { dose: ucum(p.dose.value, treatmentDoseUcum[p.dose.unit], p.dose.unit) } : undefined,
  });
}

function medicationStatement(event: EventOfKind<"medication">, ctx: Context): Resource {
  const p = event.payload;
  const perPeriod = p.dose && p.dose.unit in medicationPerPeriod ? medicationPerPeriod[p.dose.unit as keyof typeof medicationPerPeriod] : undefined;
  const doseQuantity = p.dose
    ? perPeriod
      ? ucum(p.dose.value, perPeriod.unit)
      : ucum(p.dose.value, medicationDoseUcum[p.dose.unit as keyof typeof medicationDoseUcum])
    : undefined;
  return clean({
    resourceType: "MedicationStatement",
    extension: compact<Extension>([
      p.strength !== undefined && { url: extension.strength, valueString: p.strength },
      p.tapering !== undefined && { url: extension.tapering, valueBoolean: p.tapering },
    ]),
    status: event.endedAt ? "completed" : "active",
    category: coding(system.medicationRole, p.role),
    medicationCodeableConcept: { text: p.drug },
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

function procedure(event: EventOfKind<"procedure">, ctx: Context): Resource {
  const p = event.payload;
  return clean({
    resourceType: "Procedure",
    status: "completed",
    category: { text: "surgery" },
    code: { text: p.name },
    subject: ctx.subject,
    ...when(event, ctx, "performed"),
    bodySite: p.site !== undefined ? [{ text: p.site }] : undefined,
    note: p.notes !== undefined ? [{ text: p.notes }] : undefined,
  });
}

function radiotherapy(event: EventOfKind<"radiotherapy">, ctx: Context): Resource {
  const p = event.payload;
  return clean({
    resourceType: "Procedure",
    extension: compact<Extension>([
      p.totalDoseGy !== undefined && { url: extension.radiotherapyDose, valueQuantity: ucum(p.totalDoseGy, "Gy") },
      p.fractions !== undefined && { url: extension.fractions, valueInteger: p.fractions },
      p.intent !== undefined && { url: extension.treatmentIntent, valueCode: p.intent },
    ]),
    status: "completed",
    category: { text: "radiotherapy" },
    code: { text: "Radiotherapy" },
    subject: ctx.subject,
    ...when(event, ctx, "performed"),
    bodySite: [{ text: p.site }],
  });
}

const observationStatus = (event: TimelineEvent) => (event.status === "amended" ? "amended" : "final");
const observationCategory = (value: "imaging" | "laboratory" | "exam") => [coding(system.observationCategory, value)];

function imaging(event: EventOfKind<"imaging">, ctx: Context): Resource {
  const p = event.payload;
  return clean({
    resourceType: "Observation",
    status: observationStatus(event),
    category: observationCategory("imaging"),
    code: coding(system.loinc, code.cancerDiseaseStatus, "Cancer disease status"),
    method: coding(system.responseCriteria, code.recist, "RECIST 1.1"),
    subject: ctx.subject,
    ...when(event, ctx, "effective"),
    valueCodeableConcept: p.response ? coding(system.recistResponse, p.response, recistResponseNames[p.response]) : undefined,
    note: p.findings !== undefined ? [{ text: p.findings }] : undefined,
    component: compact([
      component(system.imaging, "modality", { valueString: p.modality }),
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
  });
}

function labResult(event: EventOfKind<"lab_result">, ctx: Context): Resource {
  const p = event.payload;
  const analyte = analytes[p.analyte];
  const quantity = (value: number) => ucum(value, p.unit, unitLabel(p.unit));
  const range = p.referenceRange;
  return clean({
    resourceType: "Observation",
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
  });
}

function skinAssessment(event: EventOfKind<"skin_assessment">, ctx: Context): Resource {
  const p = event.payload;
  return clean({
    resourceType: "Observation",
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
  });
}

function muscleAssessment(event: EventOfKind<"muscle_assessment">, ctx: Context): Resource {
  const p = event.payload;
  return clean({
    resourceType: "Observation",
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
  });
}

function antibodyResult(event: EventOfKind<"antibody_result">, ctx: Context): Resource {
  const p = event.payload;
  const result = antibodyResultCodes[p.result];
  return clean({
    resourceType: "Observation",
    status: observationStatus(event),
    category: observationCategory("laboratory"),
    code: coding(system.myositisAntibody, p.antibody, antibodyNames[p.antibody]),
    subject: ctx.subject,
    ...when(event, ctx, "effective"),
    // One value per Observation: a titre (ANA 1:160) is the value, and the result goes in interpretation.
    ...(p.titre !== undefined
      ? { valueString: p.titre, interpretation: [coding(system.interpretation, result.interpretation)] }
      : { valueCodeableConcept: coding(system.snomed, result.snomed, result.display) }),
  });
}

function adverseEvent(event: EventOfKind<"adverse_event">, ctx: Context, identifier: Identifier): Resource {
  const p = event.payload;
  return clean({
    resourceType: "AdverseEvent",
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

function diagnosis(event: EventOfKind<"diagnosis">, ctx: Context): Resource {
  const p = event.payload;
  return clean({
    resourceType: "Condition",
    clinicalStatus: event.endedAt ? coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved") : undefined,
    category: [coding(system.conditionRole, p.role)],
    code: p.role === "dermatomyositis" ? { ...coding(system.snomed, code.dermatomyositis, "Dermatomyositis"), text: p.name } : { text: p.name },
    subject: ctx.subject,
    onsetDateTime: toFhirDateTime(event.occurredAt, ctx.tz),
    abatementDateTime: event.endedAt ? toFhirDateTime(event.endedAt, ctx.tz) : undefined,
    recordedDate: event.recordedAt,
    evidence: (p.criteria ?? []).map((criterion) => ({ code: [coding(system.dmCriterion, criterion)] })),
    note: p.stage !== undefined ? [{ text: p.stage }] : undefined,
  });
}

function admission(event: EventOfKind<"admission">, ctx: Context): Resource {
  const p = event.payload;
  return clean({
    resourceType: "Encounter",
    status: event.endedAt ? "finished" : "in-progress",
    class: { system: system.actCode, code: "IMP", display: "inpatient encounter" },
    subject: ctx.subject,
    period: { start: toFhirDateTime(event.occurredAt, ctx.tz), ...(event.endedAt ? { end: toFhirDateTime(event.endedAt, ctx.tz) } : {}) },
    reasonCode: [{ text: p.reason }],
    location: p.ward !== undefined ? [{ location: { display: p.ward } }] : undefined,
  });
}

function note(event: EventOfKind<"note">, ctx: Context): Resource {
  return clean({
    resourceType: "DocumentReference",
    status: "current",
    type: coding(system.loinc, code.progressNote, "Progress note"),
    subject: ctx.subject,
    content: [{ attachment: { contentType: "text/plain; charset=utf-8", data: Buffer.from(event.payload.text, "utf8").toString("base64") } }],
    context: { period: { start: toFhirDateTime(event.occurredAt, ctx.tz), ...(event.endedAt ? { end: toFhirDateTime(event.endedAt, ctx.tz) } : {}) } },
  });
}

/** One event as its FHIR resource, with its identifier (the idempotency key on re-import). */
export function eventResource(event: TimelineEvent, subject: Reference, identifier: Identifier, timeZone = "UTC"): Resource {
  const ctx: Context = { tz: timeZone, subject };
  const withIdentifier = (resource: Resource): Resource => {
    const { resourceType, ...rest } = resource;
    return { resourceType, identifier: [identifier], ...rest };
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
  const subject: Reference = { reference: patientFullUrl(patient) };
  const entries: BundleEntry[] = [
    { fullUrl: patientFullUrl(patient), resource: patientResource(patient) },
    ...events.map((event) => ({ fullUrl: eventFullUrl(event), resource: eventResource(event, subject, identifierOf(event, options.sourceKeys), timeZone) })),
    ...more,
  ];
  withRecistExtensions(entries, events, eventFullUrl);
  return { resourceType: "Bundle", type: "collection", ...(options.generatedAt ? { timestamp: options.generatedAt } : {}), entry: entries };
}
