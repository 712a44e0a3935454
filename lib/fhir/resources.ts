import {
  analyteByLoinc,
  analytes,
  myositisAntibodies,
  recistResponses,
  skinSigns,
  type EventKind,
} from "@/lib/events";
import { code, extension, medicationPerPeriod, system, treatmentDoseUcum } from "./codes";
import { codeIn, codingsOf, hasCode, isObject, textOf, type Json, type ResourceReader } from "./read";

/**
 * One FHIR resource → the event it records (FHIR.md's table, read backwards). A mapper only moves
 * fields across; the event's own zod schema then validates the result, and each zod problem is
 * reported at the FHIR path the field came from (`paths`: event field → FHIR path).
 */

export type Mapping =
  | { type: "event"; event: { kind: EventKind; occurredAt?: string; endedAt?: string; payload: Json }; paths: [string, string][] }
  | { type: "ignored"; reason: string }
  | { type: "rejected" };

type Mapper = (r: ResourceReader) => Mapping;

const ignored = (reason: string): Mapping => ({ type: "ignored", reason });
/** Drops undefined fields so that stored payloads carry only what was given. */
function defined(payload: Json): Json {
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
  return payload;
}
const conceptLabel = (concept: unknown): string => {
  const text = textOf(concept);
  if (typeof text === "string") return text;
  const first = codingsOf(concept)[0];
  return first ? `${String(first.system ?? "")}|${String(first.code ?? "")}` : "without a code";
};
const fwCodes = <T extends string>(known: readonly T[]) => known.join(", ");

function event(kind: EventKind, when: { occurredAt?: string; endedAt?: string; paths: [string, string][] }, payload: Json, paths: [string, string][]): Mapping {
  return { type: "event", event: { kind, occurredAt: when.occurredAt, endedAt: when.endedAt, payload: defined(payload) }, paths: [...when.paths, ...paths] };
}

// ---------------------------------------------------------------------------------------------------
// Condition → diagnosis

const conditionRoles = ["cancer", "dermatomyositis", "progression", "other"] as const;
const dmCriteria = ["rash", "proximal-weakness", "raised-enzymes", "myopathic-emg", "biopsy"] as const;

const condition: Mapper = (r) => {
  const roleCode = codeIn(r.get("category"), system.conditionRole);
  const isDm = hasCode(r.get("code"), system.snomed, code.dermatomyositis);
  if (roleCode !== undefined && !(conditionRoles as readonly string[]).includes(roleCode)) {
    r.fail("category", `Unknown condition role "${roleCode}" (${system.conditionRole}: ${fwCodes(conditionRoles)})`);
    return { type: "rejected" };
  }
  if (!isDm && roleCode === undefined) return ignored(`Condition ${conceptLabel(r.get("code"))} is neither dermatomyositis (SNOMED ${code.dermatomyositis}) nor given a Flarewatch condition role`);
  const onset = r.get("onsetDateTime") !== undefined ? "onsetDateTime" : "recordedDate";
  const occurredAt = r.date(r.get(onset), onset);
  const endedAt = r.get("abatementDateTime") === undefined ? undefined : r.date(r.get("abatementDateTime"), "abatementDateTime");
  const notes = r.list(r.get("note"), "note").filter(isObject).map((n) => n.text);
  const criteria = r.list(r.get("evidence"), "evidence").flatMap((evidence, i) => {
    const found = codingsOf(isObject(evidence) ? evidence.code : undefined).filter((c) => c.system === system.dmCriterion);
    for (const c of found) {
      if (!(dmCriteria as readonly unknown[]).includes(c.code)) r.fail(`evidence[${i}].code`, `Unknown criterion "${String(c.code)}" (${fwCodes(dmCriteria)})`);
    }
    return found.map((c) => c.code);
  });
  return event(
    "diagnosis",
    { occurredAt, endedAt, paths: [["occurredAt", onset], ["endedAt", "abatementDateTime"]] },
    {
      role: isDm ? "dermatomyositis" : roleCode,
      name: textOf(r.get("code")) ?? codingsOf(r.get("code"))[0]?.display,
      stage: notes.length === 0 ? undefined : notes.length === 1 ? notes[0] : notes.join("\n"),
      criteria: criteria.length > 0 ? criteria : undefined,
    },
    [
      ["payload.name", "code.text"],
      ["payload.stage", "note"],
      ["payload.criteria", "evidence"],
      ["payload.role", "category"],
    ],
  );
};

// ---------------------------------------------------------------------------------------------------
// MedicationAdministration → treatment_cycle; MedicationStatement → medication

const medicationRoles = ["anticancer", "immunosuppression", "supportive"] as const;

function medicationRole(r: ResourceReader): string | undefined | null {
  const role = codeIn(r.get("category"), system.medicationRole);
  if (role !== undefined && !(medicationRoles as readonly string[]).includes(role)) {
    r.fail("category", `Unknown medication role "${role}" (${system.medicationRole}: ${fwCodes(medicationRoles)})`);
    return null;
  }
  return role;
}

const ucumToTreatmentUnit = Object.fromEntries(Object.entries(treatmentDoseUcum).map(([unit, ucum]) => [ucum, unit]));

const medicationAdministration: Mapper = (r) => {
  const role = medicationRole(r);
  if (role === null) return { type: "rejected" };
  if (role === undefined) return ignored("MedicationAdministration without the Flarewatch medication role anticancer");
  if (role !== "anticancer") {
    r.fail("category", `A MedicationAdministration is imported as an anticancer treatment cycle; record ${role} as a MedicationStatement`);
    return { type: "rejected" };
  }
  const dosage = r.get("dosage");
  const dose = isObject(dosage) ? r.ucum(dosage.dose, "dosage.dose") : undefined;
  if (dose && !(dose.unit! in ucumToTreatmentUnit)) r.fail("dosage.dose.code", `A cycle's dose is in ${Object.values(treatmentDoseUcum).join(", ")} (UCUM), not ${dose.unit}`);
  return event(
    "treatment_cycle",
    r.when("effective"),
    {
      regimen: textOf(r.get("medicationCodeableConcept")) ?? codingsOf(r.get("medicationCodeableConcept"))[0]?.display,
      lineOfTherapy: r.extension(r.resource, extension.lineOfTherapy, "valueInteger"),
      cycleNumber: r.extension(r.resource, extension.cycleNumber, "valueInteger"),
      dose: dose ? { value: dose.value, unit: ucumToTreatmentUnit[dose.unit!] ?? dose.unit } : undefined,
      doseChangePercent: r.extension(r.resource, extension.doseChangePercent, "valueDecimal"),
      doseChangeReason: r.extension(r.resource, extension.doseChangeReason, "valueString"),
      intent: r.extension(r.resource, extension.treatmentIntent, "valueCode"),
    },
    [
      ["payload.regimen", "medicationCodeableConcept.text"],
      ["payload.lineOfTherapy", `extension('${extension.lineOfTherapy}')`],
      ["payload.cycleNumber", `extension('${extension.cycleNumber}')`],
      ["payload.dose.unit", "dosage.dose.code"],
      ["payload.dose", "dosage.dose"],
      ["payload.doseChangePercent", `extension('${extension.doseChangePercent}')`],
      ["payload.doseChangeReason", `extension('${extension.doseChangeReason}')`],
      ["payload.intent", `extension('${extension.treatmentIntent}')`],
    ],
  );
};

const periodUnits: Record<string, string> = Object.fromEntries(Object.entries(medicationPerPeriod).map(([unit, { period }]) => [period, unit]));

function medicationDose(r: ResourceReader, dosage: Json): { value?: unknown; unit?: string } | undefined {
  const rates = r.list(dosage.doseAndRate, "dosage[0].doseAndRate");
  const first = rates[0];
  if (!isObject(first) || first.doseQuantity === undefined) return undefined;
  const quantity = r.ucum(first.doseQuantity, "dosage[0].doseAndRate[0].doseQuantity");
  if (!quantity) return undefined;
  const repeat = isObject(dosage.timing) && isObject(dosage.timing.repeat) ? dosage.timing.repeat : undefined;
  if (repeat) {
    // Flarewatch keeps a daily or weekly total: a dose once per day or per week.
    const unit = typeof repeat.periodUnit === "string" ? periodUnits[repeat.periodUnit] : undefined;
    if (quantity.unit !== "mg" || !unit || repeat.period !== 1 || (repeat.frequency ?? 1) !== 1) {
      r.fail("dosage[0].timing.repeat", "Give a timed dose as mg once a day (periodUnit d) or once a week (periodUnit wk)");
      return undefined;
    }
    return { value: quantity.value, unit };
  }
  const fromUcum: Record<string, string> = { mg: "mg", g: "g", "g/kg": "g/kg", "mg/d": "mg/day", "mg/wk": "mg/week" };
  if (!(quantity.unit! in fromUcum)) {
    r.fail("dosage[0].doseAndRate[0].doseQuantity.code", `A medication dose is in mg, g, g/kg, mg/d or mg/wk (UCUM), not ${quantity.unit}`);
    return undefined;
  }
  return { value: quantity.value, unit: fromUcum[quantity.unit!] };
}

const medicationStatement: Mapper = (r) => {
  const role = medicationRole(r);
  if (role === null) return { type: "rejected" };
  if (role === undefined) return ignored("MedicationStatement without the Flarewatch medication role immunosuppression or supportive");
  if (role === "anticancer") {
    r.fail("category", "Anticancer treatment is imported as a MedicationAdministration per cycle");
    return { type: "rejected" };
  }
  const dosage = r.list(r.get("dosage"), "dosage")[0];
  const when = r.when("effective");
  const reasons = r.list(r.get("reasonCode"), "reasonCode");
  return event(
    "medication",
    when,
    {
      drug: textOf(r.get("medicationCodeableConcept")) ?? codingsOf(r.get("medicationCodeableConcept"))[0]?.display,
      role,
      dose: isObject(dosage) ? medicationDose(r, dosage) : undefined,
      strength: r.extension(r.resource, extension.strength, "valueString"),
      route: isObject(dosage) ? textOf(dosage.route) : undefined,
      tapering: r.extension(r.resource, extension.tapering, "valueBoolean"),
      indication: reasons.length > 0 ? textOf(reasons[0]) : undefined,
    },
    [
      ["payload.drug", "medicationCodeableConcept.text"],
      ["payload.dose", "dosage[0].doseAndRate[0].doseQuantity"],
      ["payload.strength", `extension('${extension.strength}')`],
      ["payload.route", "dosage[0].route.text"],
      ["payload.tapering", `extension('${extension.tapering}')`],
      ["payload.indication", "reasonCode[0].text"],
    ],
  );
};

// ---------------------------------------------------------------------------------------------------
// Procedure → procedure or radiotherapy

const procedure: Mapper = (r) => {
  const category = textOf(r.get("category"));
  const bodySite = textOf(r.list(r.get("bodySite"), "bodySite")[0]);
  const notes = r.list(r.get("note"), "note").filter(isObject).map((n) => n.text);
  if (category === "surgery") {
    return event(
      "procedure",
      r.when("performed"),
      { name: textOf(r.get("code")) ?? codingsOf(r.get("code"))[0]?.display, site: bodySite, notes: notes.length === 0 ? undefined : notes.join("\n") },
      [
        ["payload.name", "code.text"],
        ["payload.site", "bodySite[0].text"],
        ["payload.notes", "note"],
      ],
    );
  }
  if (category === "radiotherapy") {
    const dose = r.ucum(r.extension(r.resource, extension.radiotherapyDose, "valueQuantity"), `extension('${extension.radiotherapyDose}').valueQuantity`);
    if (dose && dose.unit !== "Gy") r.fail(`extension('${extension.radiotherapyDose}').valueQuantity.code`, `A radiotherapy dose is in Gy, not ${dose.unit}`);
    return event(
      "radiotherapy",
      r.when("performed"),
      {
        site: bodySite,
        totalDoseGy: dose?.value,
        fractions: r.extension(r.resource, extension.fractions, "valueInteger"),
        intent: r.extension(r.resource, extension.treatmentIntent, "valueCode"),
      },
      [
        ["payload.site", "bodySite[0].text"],
        ["payload.totalDoseGy", `extension('${extension.radiotherapyDose}')`],
        ["payload.fractions", `extension('${extension.fractions}')`],
        ["payload.intent", `extension('${extension.treatmentIntent}')`],
      ],
    );
  }
  return ignored(`Procedure with category.text ${typeof category === "string" ? `"${category}"` : "missing"}: Flarewatch imports "surgery" and "radiotherapy"`);
};

// ---------------------------------------------------------------------------------------------------
// Observation → imaging, lab_result, skin_assessment, muscle_assessment, antibody_result

interface Component {
  code: string;
  index: number;
  item: Json;
}

/** Components coded in one of Flarewatch's systems; an unknown code there is a problem. */
function components(r: ResourceReader, systemUrl: string, known: readonly string[]): Component[] {
  const found: Component[] = [];
  r.list(r.get("component"), "component").forEach((item, index) => {
    if (!isObject(item)) return;
    const c = codeIn(item.code, systemUrl);
    if (c === undefined) return;
    if (!known.includes(c)) r.fail(`component[${index}].code`, `Unknown code "${c}" in ${systemUrl} (${known.join(", ")})`);
    else found.push({ code: c, index, item });
  });
  return found;
}

const nonTargetResponses = ["CR", "non-CR/non-PD", "PD", "NE"];

function imaging(r: ResourceReader): Mapping {
  if (!hasCode(r.get("method"), system.responseCriteria, code.recist)) {
    r.fail("method", `Give the response criteria: ${system.responseCriteria} ${code.recist}`);
    return { type: "rejected" };
  }
  const value = r.get("valueCodeableConcept");
  let response: string | undefined;
  if (value !== undefined) {
    response = codeIn(value, system.recistResponse);
    if (!response || !(recistResponses as readonly string[]).includes(response)) {
      r.fail("valueCodeableConcept", `Give the RECIST response as ${system.recistResponse} ${recistResponses.join(", ")}`);
      return { type: "rejected" };
    }
  }
  const parts = components(r, system.imaging, ["modality", "baseline", "target-sum-mm", "target-lesion", "target-node", "non-target-response", "new-lesions", "response-override-reason"]);
  const one = (name: string) => parts.find((p) => p.code === name);
  const mm = (part: Component | undefined) => {
    if (!part) return undefined;
    const q = r.ucum(part.item.valueQuantity, `component[${part.index}].valueQuantity`);
    if (q && q.unit !== "mm") r.fail(`component[${part.index}].valueQuantity.code`, `Measure in mm, not ${q.unit}`);
    return q?.value;
  };
  const lesions = parts
    .filter((p) => p.code === "target-lesion" || p.code === "target-node")
    .map((p) => ({ organ: r.extension(p.item, extension.lesionSite, "valueString", `component[${p.index}].`), nodal: p.code === "target-node", diameterMm: mm(p) }));
  const nonTarget = one("non-target-response");
  const nonTargetCode = nonTarget ? codeIn(nonTarget.item.valueCodeableConcept, system.nonTargetResponse) : undefined;
  if (nonTarget && (!nonTargetCode || !nonTargetResponses.includes(nonTargetCode))) {
    r.fail(`component[${nonTarget.index}].valueCodeableConcept`, `Give the non-target response as ${system.nonTargetResponse} ${nonTargetResponses.join(", ")}`);
  }
  const notes = r.list(r.get("note"), "note").filter(isObject).map((n) => n.text);
  const at = (name: string, field: string) => {
    const part = one(name);
    return part ? `component[${part.index}].${field}` : "component";
  };
  return event(
    "imaging",
    r.when("effective"),
    {
      modality: one("modality")?.item.valueString,
      baseline: one("baseline")?.item.valueBoolean,
      response,
      targetLesions: lesions.length > 0 ? lesions : undefined,
      targetSumMm: mm(one("target-sum-mm")),
      nonTargetResponse: nonTargetCode,
      newLesions: one("new-lesions")?.item.valueBoolean,
      responseOverrideReason: one("response-override-reason")?.item.valueString,
      findings: notes.length === 0 ? undefined : notes.join("\n"),
    },
    [
      ["payload.modality", at("modality", "valueString")],
      ["payload.baseline", at("baseline", "valueBoolean")],
      ["payload.response", "valueCodeableConcept"],
      ["payload.targetLesions", "component"],
      ["payload.targetSumMm", at("target-sum-mm", "valueQuantity.value")],
      ["payload.nonTargetResponse", at("non-target-response", "valueCodeableConcept")],
      ["payload.newLesions", at("new-lesions", "valueBoolean")],
      ["payload.responseOverrideReason", at("response-override-reason", "valueString")],
      ["payload.findings", "note"],
    ],
  );
}

function labResult(r: ResourceReader, analyte: keyof typeof analytes): Mapping {
  const quantity = r.ucum(r.get("valueQuantity"), "valueQuantity");
  if (r.get("valueQuantity") === undefined) r.fail("valueQuantity", "A lab result needs its value as a valueQuantity");
  const ranges = r.list(r.get("referenceRange"), "referenceRange");
  const range = isObject(ranges[0]) ? ranges[0] : undefined;
  const limit = (name: "low" | "high") => {
    if (!range || range[name] === undefined) return undefined;
    const q = r.ucum(range[name], `referenceRange[0].${name}`);
    if (q && quantity?.unit && q.unit !== quantity.unit) r.fail(`referenceRange[0].${name}.code`, `The range is in ${q.unit} but the result in ${quantity.unit}`);
    return q?.value;
  };
  const low = limit("low");
  const high = limit("high");
  return event(
    "lab_result",
    r.when("effective"),
    {
      analyte,
      value: quantity?.value,
      comparator: quantity?.comparator,
      unit: quantity?.unit,
      referenceRange: low === undefined && high === undefined ? undefined : defined({ low, high }),
    },
    [
      ["payload.value", "valueQuantity.value"],
      ["payload.comparator", "valueQuantity.comparator"],
      ["payload.unit", "valueQuantity.code"],
      ["payload.referenceRange", "referenceRange[0]"],
      ["payload.analyte", "code"],
    ],
  );
}

const skinComponents = ["cdasi-activity", "cdasi-damage"];

function skinAssessment(r: ResourceReader): Mapping {
  const scores = components(r, system.assessment, skinComponents);
  const signParts = components(r, system.skinSign, skinSigns);
  const score = (name: string) => scores.find((p) => p.code === name)?.item.valueInteger;
  const at = (name: string) => {
    const part = scores.find((p) => p.code === name);
    return part ? `component[${part.index}].valueInteger` : "component";
  };
  return event(
    "skin_assessment",
    r.when("effective"),
    {
      grade: r.get("valueInteger"),
      cdasiActivity: score("cdasi-activity"),
      cdasiDamage: score("cdasi-damage"),
      // A sign component with valueBoolean false records a sign looked for and not seen.
      signs: signParts.filter((p) => p.item.valueBoolean === true).map((p) => p.code),
    },
    [
      ["payload.grade", "valueInteger"],
      ["payload.cdasiActivity", at("cdasi-activity")],
      ["payload.cdasiDamage", at("cdasi-damage")],
      ["payload.signs", "component"],
    ],
  );
}

/**
 * The MRC grade: a dimensionless valueQuantity (code "1"), which is what R4 allows on a component;
 * valueDecimal, as FHIR.md's table has it, is accepted too.
 */
function mrcGrade(r: ResourceReader, part: Component | undefined): unknown {
  if (!part) return undefined;
  if (part.item.valueDecimal !== undefined) return part.item.valueDecimal;
  const q = r.ucum(part.item.valueQuantity, `component[${part.index}].valueQuantity`);
  if (q && q.unit !== "1") r.fail(`component[${part.index}].valueQuantity.code`, `An MRC grade has no unit (UCUM "1"), not ${q.unit}`);
  return q?.value;
}

function muscleAssessment(r: ResourceReader): Mapping {
  const parts = components(r, system.assessment, ["mmt8-scale", "proximal-weakness-mrc", "dysphagia", "respiratory-involvement"]);
  const one = (name: string) => parts.find((p) => p.code === name);
  const score = r.get("valueInteger");
  const scale = one("mmt8-scale")?.item.valueInteger;
  if (score !== undefined && scale === undefined) r.fail("component", "Give the MMT-8 scale (component mmt8-scale: 80 or 150) with the score");
  const at = (name: string, field: string) => {
    const part = one(name);
    return part ? `component[${part.index}].${field}` : "component";
  };
  return event(
    "muscle_assessment",
    r.when("effective"),
    {
      mmt8: score === undefined ? undefined : { score, scale },
      proximalWeaknessMrc: mrcGrade(r, one("proximal-weakness-mrc")),
      dysphagia: one("dysphagia")?.item.valueBoolean,
      respiratoryInvolvement: one("respiratory-involvement")?.item.valueBoolean,
    },
    [
      ["payload.mmt8.scale", at("mmt8-scale", "valueInteger")],
      ["payload.mmt8", "valueInteger"],
      ["payload.proximalWeaknessMrc", at("proximal-weakness-mrc", "valueQuantity.value")],
      ["payload.dysphagia", at("dysphagia", "valueBoolean")],
      ["payload.respiratoryInvolvement", at("respiratory-involvement", "valueBoolean")],
      ["payload", "valueInteger"],
    ],
  );
}

const snomedResults: Record<string, string> = { [code.positive]: "positive", [code.negative]: "negative", [code.equivocal]: "equivocal" };
const interpretationResults: Record<string, string> = { POS: "positive", NEG: "negative", IND: "equivocal" };

function antibodyResult(r: ResourceReader, antibody: string): Mapping {
  let result: string | undefined;
  const value = r.get("valueCodeableConcept");
  const titre = r.get("valueString");
  if (value !== undefined) {
    const c = codeIn(value, system.snomed);
    result = c ? snomedResults[c] : undefined;
    if (!result) r.fail("valueCodeableConcept", `Give the result as SNOMED ${code.positive} positive, ${code.negative} negative or ${code.equivocal} equivocal`);
  } else if (titre !== undefined) {
    const interpretation = r.get("interpretation");
    const c = codeIn(interpretation, system.interpretation);
    const s = codeIn(interpretation, system.snomed);
    result = c ? interpretationResults[c] : s ? snomedResults[s] : undefined;
    if (!result) r.fail("interpretation", "With a titre, say whether it is positive or negative: interpretation POS, NEG or IND (v3 ObservationInterpretation)");
  } else {
    r.fail("valueCodeableConcept", "Give the result: positive or negative (SNOMED), or a titre as valueString");
  }
  return event("antibody_result", r.when("effective"), { antibody, result, titre }, [
    ["payload.antibody", "code"],
    ["payload.result", value !== undefined ? "valueCodeableConcept" : "interpretation"],
    ["payload.titre", "valueString"],
  ]);
}

const observation: Mapper = (r) => {
  const concept = r.get("code");
  if (hasCode(concept, system.loinc, code.cancerDiseaseStatus)) return imaging(r);
  const assessment = codeIn(concept, system.assessment);
  if (assessment === code.skinSeverity) return skinAssessment(r);
  if (assessment === code.mmt8) return muscleAssessment(r);
  if (assessment !== undefined) {
    r.fail("code", `Unknown assessment "${assessment}" (${system.assessment}: ${code.skinSeverity}, ${code.mmt8})`);
    return { type: "rejected" };
  }
  const antibody = codeIn(concept, system.myositisAntibody);
  if (antibody !== undefined) {
    if ((myositisAntibodies as readonly string[]).includes(antibody)) return antibodyResult(r, antibody);
    r.fail("code", `Unknown myositis antibody "${antibody}" (${myositisAntibodies.join(", ")})`);
    return { type: "rejected" };
  }
  const loincCodes = codingsOf(concept).filter((c) => c.system === system.loinc && typeof c.code === "string").map((c) => c.code as string);
  const analyte = loincCodes.map(analyteByLoinc).find((a) => a !== undefined);
  if (analyte) return labResult(r, analyte);
  if (hasCode(r.get("category"), system.observationCategory, "laboratory")) {
    const known = Object.values(analytes).map((a) => `${a.short} ${a.loinc.join(" or ")}`).join(", ");
    r.fail("code", loincCodes.length > 0 ? `LOINC ${loincCodes.join(", ")} is not a lab Flarewatch records (${known})` : `A laboratory result needs a LOINC code (${known})`);
    return { type: "rejected" };
  }
  return ignored(`Observation ${conceptLabel(concept)} is not one Flarewatch records`);
};

// ---------------------------------------------------------------------------------------------------
// AdverseEvent, Encounter (admission), DocumentReference (note)

const adverseEvent: Mapper = (r) => {
  const endedAt = r.extension(r.resource, extension.endDate, "valueDateTime");
  const suspects = r.list(r.get("suspectEntity"), "suspectEntity");
  const suspect = isObject(suspects[0]) && isObject(suspects[0].instance) ? suspects[0].instance.display : undefined;
  return event(
    "adverse_event",
    {
      occurredAt: r.get("date") === undefined ? r.fail("date", "Give the date of the adverse event") : r.date(r.get("date"), "date"),
      endedAt: endedAt === undefined ? undefined : r.date(endedAt, `extension('${extension.endDate}')`),
      paths: [["occurredAt", "date"], ["endedAt", `extension('${extension.endDate}')`]],
    },
    { term: textOf(r.get("event")) ?? codingsOf(r.get("event"))[0]?.display, grade: r.extension(r.resource, extension.ctcaeGrade, "valueInteger"), relatedTo: suspect },
    [
      ["payload.term", "event.text"],
      ["payload.grade", `extension('${extension.ctcaeGrade}')`],
      ["payload.relatedTo", "suspectEntity[0].instance.display"],
    ],
  );
};

const encounter: Mapper = (r) => {
  const cls = r.get("class");
  if (!isObject(cls) || cls.system !== system.actCode || cls.code !== "IMP") return ignored("Encounter that is not an inpatient admission (class IMP)");
  const period = r.get("period");
  const locations = r.list(r.get("location"), "location");
  const ward = isObject(locations[0]) && isObject(locations[0].location) ? locations[0].location.display : undefined;
  return event(
    "admission",
    {
      occurredAt: isObject(period) && period.start !== undefined ? r.date(period.start, "period.start") : r.fail("period.start", "Give the admission date"),
      endedAt: isObject(period) && period.end !== undefined ? r.date(period.end, "period.end") : undefined,
      paths: [["occurredAt", "period.start"], ["endedAt", "period.end"]],
    },
    { reason: textOf(r.list(r.get("reasonCode"), "reasonCode")[0]), ward },
    [
      ["payload.reason", "reasonCode[0].text"],
      ["payload.ward", "location[0].location.display"],
    ],
  );
};

const documentReference: Mapper = (r) => {
  if (!hasCode(r.get("type"), system.loinc, code.progressNote)) return ignored(`DocumentReference that is not a progress note (LOINC ${code.progressNote})`);
  const contents = r.list(r.get("content"), "content");
  const attachment = isObject(contents[0]) && isObject(contents[0].attachment) ? contents[0].attachment : undefined;
  if (!attachment || typeof attachment.contentType !== "string" || !attachment.contentType.startsWith("text/plain") || typeof attachment.data !== "string") {
    return ignored("DocumentReference without a text/plain attachment to import as a note");
  }
  const context = r.get("context");
  const period = isObject(context) && isObject(context.period) ? context.period : undefined;
  return event(
    "note",
    {
      occurredAt: period && period.start !== undefined ? r.date(period.start, "context.period.start") : r.fail("context.period.start", "Give the date of the note"),
      endedAt: period && period.end !== undefined ? r.date(period.end, "context.period.end") : undefined,
      paths: [["occurredAt", "context.period.start"], ["endedAt", "context.period.end"]],
    },
    { text: Buffer.from(attachment.data, "base64").toString("utf8") },
    [["payload.text", "content[0].attachment.data"]],
  );
};

/** Resource types Flarewatch reads; any other type is ignored and counted. */
export const mappers: Record<string, Mapper> = {
  Condition: condition,
  MedicationAdministration: medicationAdministration,
  MedicationStatement: medicationStatement,
  Procedure: procedure,
  Observation: observation,
  AdverseEvent: adverseEvent,
  Encounter: encounter,
  DocumentReference: documentReference,
};
