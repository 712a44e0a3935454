import { code, extension, medicationPerPeriod, system, treatmentDoseUcum } from "./codes";
import { convertUcum } from "@/lib/units";
import { conceptLabel, event, fwCodes, ignored, profilesOf, type Mapper, type Mapping } from "./mapping";
import { observation } from "./observations";
import { codeIn, codingsOf, hasCode, isObject, textOf, type Json, type ResourceReader } from "./read";
import {
  cancerSnomed,
  dermatomyositisSnomed,
  icd10Dermatomyositis,
  icd10Neoplasm,
  icdO3Malignant,
  intentBySnomed,
  malignantWords,
  mcodeExtension,
  mcodeProfile,
  rxnormByCode,
  terminology,
} from "./standards";

/** One FHIR resource → the event it records; see mapping.ts. Observations are in observations.ts. */

// ---------------------------------------------------------------------------------------------------
// Condition → diagnosis

const conditionRoles = ["cancer", "dermatomyositis", "progression", "other"] as const;
const dmCriteria = ["rash", "proximal-weakness", "raised-enzymes", "myopathic-emg", "biopsy"] as const;

/**
 * What a Condition is to Flarewatch: its own condition-role category first, then the standards
 * (FHIR.md): dermatomyositis by SNOMED CT or ICD-10 M33 (not M33.2, polymyositis); a cancer by mCODE's
 * Primary/SecondaryCancerCondition profile, ICD-10 C00–D49 (less the benign D10–D36), an ICD-O-3
 * morphology of malignant behaviour, or a SNOMED CT cancer disorder.
 */
function conditionRole(r: ResourceReader): { role?: string; recognisedBy?: string; notTracked?: string } {
  const concept = r.get("code");
  const codings = codingsOf(concept);
  if (codings.some((c) => c.system === system.snomed && dermatomyositisSnomed.includes(String(c.code)))) return { role: "dermatomyositis", recognisedBy: "SNOMED CT" };
  for (const c of codings) {
    if ((c.system === terminology.icd10 || c.system === terminology.icd10cm) && typeof c.code === "string") {
      const dm = icd10Dermatomyositis(c.code);
      if (dm === "dermatomyositis") return { role: "dermatomyositis", recognisedBy: `ICD-10 ${c.code}` };
      if (dm === "polymyositis") return { notTracked: `ICD-10 ${c.code} is polymyositis, not dermatomyositis` };
    }
  }
  const profiles = profilesOf(r.resource);
  if (profiles.includes(mcodeProfile.primaryCancerCondition)) return { role: "cancer", recognisedBy: "mCODE PrimaryCancerCondition" };
  if (profiles.includes(mcodeProfile.secondaryCancerCondition)) return { role: "cancer", recognisedBy: "mCODE SecondaryCancerCondition" };
  for (const c of codings) {
    if ((c.system === terminology.icd10 || c.system === terminology.icd10cm) && typeof c.code === "string") {
      const neoplasm = icd10Neoplasm(c.code);
      if (neoplasm === "cancer") return { role: "cancer", recognisedBy: `ICD-10 ${c.code}` };
      if (neoplasm === "benign") return { notTracked: `ICD-10 ${c.code} is a benign neoplasm` };
    }
    if (c.system === terminology.icdO3 && typeof c.code === "string" && icdO3Malignant(c.code)) return { role: "cancer", recognisedBy: `ICD-O-3 ${c.code}` };
  }
  const morphology = r.extension(r.resource, mcodeExtension.histologyMorphologyBehavior, "valueCodeableConcept");
  if (codingsOf(morphology).some((c) => c.system === terminology.icdO3 && typeof c.code === "string" && icdO3Malignant(c.code))) return { role: "cancer", recognisedBy: "ICD-O-3 morphology" };
  for (const c of codings) {
    if (c.system !== system.snomed) continue;
    if (cancerSnomed.has(String(c.code))) return { role: "cancer", recognisedBy: `SNOMED CT ${String(c.code)}` };
    if (typeof c.display === "string" && malignantWords.test(c.display) && !/\bbenign\b/i.test(c.display)) return { role: "cancer", recognisedBy: `SNOMED CT ${String(c.code)} (${c.display})` };
  }
  return {};
}

const condition: Mapper = (r) => {
  const roleCode = codeIn(r.get("category"), system.conditionRole);
  if (roleCode !== undefined && !(conditionRoles as readonly string[]).includes(roleCode)) {
    r.fail("category", `Unknown condition role "${roleCode}" (${system.conditionRole}: ${fwCodes(conditionRoles)})`);
    return { type: "rejected" };
  }
  const verification = codeIn(r.get("verificationStatus"), terminology.conditionVerification);
  if (verification === "refuted" || verification === "entered-in-error") return ignored(`Condition ${conceptLabel(r.get("code"))} is ${verification}`);
  const standard = roleCode === undefined ? conditionRole(r) : {};
  if (standard.notTracked) return ignored(`Condition ${conceptLabel(r.get("code"))}: ${standard.notTracked}, which Flarewatch does not track`);
  const role = roleCode ?? standard.role;
  if (role === undefined) {
    return ignored(`Condition ${conceptLabel(r.get("code"))} is neither a cancer nor dermatomyositis (by mCODE profile, SNOMED CT, ICD-10 or ICD-O-3) nor given a Flarewatch condition role`);
  }
  const onset =
    r.get("onsetDateTime") !== undefined ? "onsetDateTime" : isObject(r.get("onsetPeriod")) && (r.get("onsetPeriod") as Json).start !== undefined ? "onsetPeriod.start" : "recordedDate";
  const onsetValue = onset === "onsetPeriod.start" ? (r.get("onsetPeriod") as Json).start : r.get(onset);
  const occurredAt = onsetValue === undefined ? r.fail(onset, "Give the date of the diagnosis (onsetDateTime or recordedDate)") : r.date(onsetValue, onset);
  const endedAt = r.get("abatementDateTime") === undefined ? undefined : r.date(r.get("abatementDateTime"), "abatementDateTime");
  const notes = r.list(r.get("note"), "note").filter(isObject).map((n) => n.text);
  // mCODE carries the stage as Condition.stage.summary; Flarewatch keeps it as text.
  const stages = r
    .list(r.get("stage"), "stage")
    .filter(isObject)
    .map((st) => (typeof textOf(st.summary) === "string" ? (textOf(st.summary) as string) : (codingsOf(st.summary)[0]?.display as string | undefined)))
    .filter((t): t is string => typeof t === "string");
  const stageText = [...notes.filter((n): n is string => typeof n === "string"), ...(notes.length === 0 ? stages : [])];
  const criteria = r.list(r.get("evidence"), "evidence").flatMap((evidence, i) => {
    const found = codingsOf(isObject(evidence) ? evidence.code : undefined).filter((c) => c.system === system.dmCriterion);
    for (const c of found) {
      if (!(dmCriteria as readonly unknown[]).includes(c.code)) r.fail(`evidence[${i}].code`, `Unknown criterion "${String(c.code)}" (${fwCodes(dmCriteria)})`);
    }
    return found.map((c) => c.code);
  });
  const name = textOf(r.get("code")) ?? codingsOf(r.get("code")).find((c) => typeof c.display === "string")?.display;
  return event(
    "diagnosis",
    { occurredAt, endedAt, paths: [["occurredAt", onset], ["endedAt", "abatementDateTime"]] },
    {
      role,
      name,
      stage: stageText.length === 0 ? undefined : stageText.join("\n"),
      criteria: criteria.length > 0 ? criteria : undefined,
    },
    [
      ["payload.name", "code.text"],
      ["payload.stage", notes.length > 0 ? "note" : "stage.summary"],
      ["payload.criteria", "evidence"],
      ["payload.role", "category"],
    ],
    standard.recognisedBy ? [`Recognised as ${role === "cancer" ? "a cancer" : "dermatomyositis"} by ${standard.recognisedBy}`] : [],
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

/** The drug named by a medication[x] CodeableConcept: its RxNorm ingredient when Flarewatch's table knows it. */
function drugOf(r: ResourceReader): { name?: string; rxnorm?: { name: string; role: "anticancer" | "immunosuppression" } } {
  const concept = r.get("medicationCodeableConcept");
  const rx = codingsOf(concept).find((c) => c.system === terminology.rxnorm && typeof c.code === "string" && rxnormByCode[c.code as string]);
  const rxnorm = rx ? rxnormByCode[rx.code as string] : undefined;
  const text = textOf(concept);
  const display = codingsOf(concept).find((c) => typeof c.display === "string")?.display;
  return { name: typeof text === "string" ? text : typeof display === "string" ? display : rxnorm?.name, rxnorm };
}

const intentOf = (r: ResourceReader): unknown => {
  const own = r.extension(r.resource, extension.treatmentIntent, "valueCode");
  if (own !== undefined) return own;
  const mcode = codeIn(r.extension(r.resource, mcodeExtension.procedureIntent, "valueCodeableConcept"), system.snomed);
  return mcode === undefined ? undefined : intentBySnomed[mcode];
};

/**
 * An anticancer dose given → a treatment cycle. Flarewatch's own export carries the cycle number and
 * line of therapy as extensions; a standard record (mCODE) has neither: the cycle is then numbered by
 * the date order of the bundle's administrations of the same drug (BundleReader), line 1, and the
 * report says so.
 */
function treatmentCycleFrom(r: ResourceReader, drug: string | undefined, when: ReturnType<ResourceReader["when"]>, doseQuantity: unknown, dosePath: string, notes: string[]) {
  const dose = r.ucum(doseQuantity, dosePath);
  if (dose && !(dose.unit! in ucumToTreatmentUnit)) r.fail(`${dosePath}.code`, `A cycle's dose is in ${Object.values(treatmentDoseUcum).join(", ")} (UCUM), not ${dose.unit}`);
  const line = r.extension(r.resource, extension.lineOfTherapy, "valueInteger");
  const cycle = r.extension(r.resource, extension.cycleNumber, "valueInteger");
  const counted = line === undefined && cycle === undefined && r.extension(r.resource, extension.doseChangePercent, "valueDecimal") === undefined;
  if (counted) notes.push(`The record gives no cycle number or line of therapy: cycles of ${drug ?? "this drug"} are numbered by date in this bundle, line 1 assumed`);
  const mapping = event(
    "treatment_cycle",
    when,
    {
      regimen: drug,
      lineOfTherapy: counted ? 1 : line,
      cycleNumber: counted ? 1 : cycle,
      dose: dose ? { value: dose.value, unit: ucumToTreatmentUnit[dose.unit!] ?? dose.unit } : undefined,
      doseChangePercent: r.extension(r.resource, extension.doseChangePercent, "valueDecimal"),
      doseChangeReason: r.extension(r.resource, extension.doseChangeReason, "valueString"),
      intent: intentOf(r),
    },
    [
      ["payload.regimen", "medicationCodeableConcept.text"],
      ["payload.lineOfTherapy", `extension('${extension.lineOfTherapy}')`],
      ["payload.cycleNumber", `extension('${extension.cycleNumber}')`],
      ["payload.dose.unit", `${dosePath}.code`],
      ["payload.dose", dosePath],
      ["payload.doseChangePercent", `extension('${extension.doseChangePercent}')`],
      ["payload.doseChangeReason", `extension('${extension.doseChangeReason}')`],
      ["payload.intent", `extension('${mcodeExtension.procedureIntent}')`],
    ],
    notes,
  );
  return counted && mapping.type === "event" ? { ...mapping, countCycles: true } : mapping;
}

const medicationAdministration: Mapper = (r) => {
  const role = medicationRole(r);
  if (role === null) return { type: "rejected" };
  const status = r.get("status");
  if (status === "not-done" || status === "entered-in-error" || status === "stopped" && r.get("effectiveDateTime") === undefined && r.get("effectivePeriod") === undefined) {
    return ignored(`MedicationAdministration with status ${String(status)}: nothing was given`);
  }
  const drug = drugOf(r);
  const mcode = profilesOf(r.resource).includes(mcodeProfile.medicationAdministration);
  if (role === undefined && !mcode && drug.rxnorm?.role !== "anticancer") {
    return ignored(`MedicationAdministration of ${drug.name ?? "an unnamed drug"} is not an anticancer treatment (no mCODE CancerRelatedMedicationAdministration profile, no anticancer RxNorm code, no Flarewatch role)`);
  }
  if (role !== undefined && role !== "anticancer") {
    r.fail("category", `A MedicationAdministration is imported as an anticancer treatment cycle; record ${role} as a MedicationStatement`);
    return { type: "rejected" };
  }
  const dosage = r.get("dosage");
  return treatmentCycleFrom(r, drug.name, r.when("effective"), isObject(dosage) ? dosage.dose : undefined, "dosage.dose", role === undefined ? [`Recognised as an anticancer treatment by ${mcode ? "its mCODE profile" : "its RxNorm code"}`] : []);
};

/**
 * A MedicationRequest is an order: it records what was given only once it is completed. A completed
 * anticancer request becomes one treatment cycle dated by its dosage's start (else authoredOn), and the
 * report says it came from an order; any other status is ignored with that reason.
 */
const medicationRequest: Mapper = (r) => {
  const drug = drugOf(r);
  const mcode = profilesOf(r.resource).includes(mcodeProfile.medicationRequest);
  if (!mcode && drug.rxnorm?.role !== "anticancer") return ignored(`MedicationRequest of ${drug.name ?? "an unnamed drug"} is not an anticancer treatment`);
  const status = r.get("status");
  if (status !== "completed") {
    return ignored(`MedicationRequest of ${drug.name ?? "a drug"} (status ${String(status)}): an order records what was prescribed, not what was given; only completed orders are imported`);
  }
  const instruction = r.list(r.get("dosageInstruction"), "dosageInstruction")[0];
  const repeat = isObject(instruction) && isObject(instruction.timing) && isObject(instruction.timing.repeat) ? instruction.timing.repeat : undefined;
  const bounds = repeat && isObject(repeat.boundsPeriod) ? repeat.boundsPeriod : undefined;
  const when =
    bounds && bounds.start !== undefined
      ? { occurredAt: r.date(bounds.start, "dosageInstruction[0].timing.repeat.boundsPeriod.start"), endedAt: undefined, paths: [["occurredAt", "dosageInstruction[0].timing.repeat.boundsPeriod.start"]] as [string, string][] }
      : { occurredAt: r.get("authoredOn") === undefined ? r.fail("authoredOn", "Give the date of the order") : r.date(r.get("authoredOn"), "authoredOn"), endedAt: undefined, paths: [["occurredAt", "authoredOn"]] as [string, string][] };
  const rates = isObject(instruction) ? r.list(instruction.doseAndRate, "dosageInstruction[0].doseAndRate") : [];
  const dose = isObject(rates[0]) ? rates[0].doseQuantity : undefined;
  return treatmentCycleFrom(r, drug.name, when, dose, "dosageInstruction[0].doseAndRate[0].doseQuantity", ["From a completed MedicationRequest: the order, taken as given on its start date"]);
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

/** SNOMED CT routes (FHIR's SNOMEDCTRouteCodes) Flarewatch records. */
const routeBySnomed: Record<string, string> = { "26643006": "oral", "6064005": "topical", "47625008": "IV", "34206005": "SC", "78421000": "IM" };

const medicationStatement: Mapper = (r) => {
  const role = medicationRole(r);
  if (role === null) return { type: "rejected" };
  const status = r.get("status");
  if (status === "not-taken" || status === "entered-in-error" || status === "intended") return ignored(`MedicationStatement with status ${String(status)}: the drug was not taken`);
  const drug = drugOf(r);
  if (role === undefined) {
    if (drug.rxnorm?.role === "anticancer") {
      return treatmentCycleFrom(r, drug.name, r.when("effective"), undefined, "dosage[0].doseAndRate[0].doseQuantity", [
        "From a MedicationStatement (what the patient took over a period, not each dose given): one cycle on its start date",
      ]);
    }
    if (drug.rxnorm?.role !== "immunosuppression") {
      return ignored(`MedicationStatement of ${drug.name ?? "an unnamed drug"}: neither immunosuppression nor anticancer by its RxNorm code, and no Flarewatch medication role`);
    }
  } else if (role === "anticancer") {
    r.fail("category", "Anticancer treatment is imported as a MedicationAdministration per cycle");
    return { type: "rejected" };
  }
  const dosage = r.list(r.get("dosage"), "dosage")[0];
  const routeText = isObject(dosage) ? textOf(dosage.route) : undefined;
  const routeCode = isObject(dosage) ? codeIn(dosage.route, system.snomed) : undefined;
  const route = routeText ?? (routeCode ? routeBySnomed[routeCode] : undefined);
  if (role === undefined && route === undefined) return ignored(`MedicationStatement of ${drug.name}: the record gives no route (oral, topical, IV, SC, IM) to file it under`);
  const when = r.when("effective");
  const reasons = r.list(r.get("reasonCode"), "reasonCode");
  return event(
    "medication",
    when,
    {
      drug: drug.name,
      role: role ?? drug.rxnorm?.role,
      dose: isObject(dosage) ? medicationDose(r, dosage) : undefined,
      strength: r.extension(r.resource, extension.strength, "valueString"),
      route,
      tapering: r.extension(r.resource, extension.tapering, "valueBoolean"),
      indication: reasons.length > 0 ? (textOf(reasons[0]) ?? codingsOf(reasons[0])[0]?.display) : undefined,
    },
    [
      ["payload.drug", "medicationCodeableConcept.text"],
      ["payload.dose", "dosage[0].doseAndRate[0].doseQuantity"],
      ["payload.strength", `extension('${extension.strength}')`],
      ["payload.route", "dosage[0].route.text"],
      ["payload.tapering", `extension('${extension.tapering}')`],
      ["payload.indication", "reasonCode[0].text"],
    ],
    role === undefined ? ["Recognised as immunosuppression by its RxNorm code"] : [],
  );
};

// ---------------------------------------------------------------------------------------------------
// Procedure → procedure or radiotherapy

const conceptText = (concept: unknown): unknown => textOf(concept) ?? codingsOf(concept).find((c) => typeof c.display === "string")?.display;

/** mCODE RadiotherapyCourseSummary: the dose and fractions delivered to each volume, in extensions. */
function radiotherapySummary(r: ResourceReader, bodySite: unknown): Mapping {
  const notes: string[] = ["Recognised as radiotherapy by its mCODE RadiotherapyCourseSummary profile"];
  const volumes = r.list(r.get("extension"), "extension").filter((e): e is Json => isObject(e) && e.url === mcodeExtension.doseDeliveredToVolume);
  const first = volumes[0];
  const part = (name: string) => (first ? r.list(first.extension, "extension").find((e): e is Json => isObject(e) && e.url === name) : undefined);
  const doseQ = part("totalDoseDelivered")?.valueQuantity;
  let totalDoseGy: unknown;
  if (doseQ !== undefined) {
    const q = r.ucum(doseQ, `extension('${mcodeExtension.doseDeliveredToVolume}').extension('totalDoseDelivered').valueQuantity`);
    if (q && typeof q.value === "number") {
      const converted = convertUcum(q.value, q.unit!, "Gy");
      if (converted.ok) {
        totalDoseGy = converted.value;
        if (q.unit !== "Gy") notes.push(`Dose ${q.value} ${q.unit} converted to ${converted.value} Gy (UCUM)`);
      } else r.fail(`extension('${mcodeExtension.doseDeliveredToVolume}').extension('totalDoseDelivered').valueQuantity`, `A radiotherapy dose is in Gy (or cGy), not ${q.unit}`);
    }
  }
  if (volumes.length > 1) notes.push(`${volumes.length} treated volumes: Flarewatch keeps the dose and fractions of the first`);
  const volumeRef = first ? part("volume")?.valueReference : undefined;
  return event(
    "radiotherapy",
    r.when("performed"),
    {
      site: bodySite ?? (isObject(volumeRef) ? volumeRef.display : undefined),
      totalDoseGy,
      fractions: part("fractionsDelivered")?.valueUnsignedInt ?? r.extension(r.resource, mcodeExtension.radiotherapySessions, "valueUnsignedInt"),
      intent: intentOf(r),
    },
    [
      ["payload.site", "bodySite[0]"],
      ["payload.totalDoseGy", `extension('${mcodeExtension.doseDeliveredToVolume}')`],
      ["payload.fractions", `extension('${mcodeExtension.doseDeliveredToVolume}')`],
      ["payload.intent", `extension('${mcodeExtension.procedureIntent}')`],
    ],
    notes,
  );
}

const procedure: Mapper = (r) => {
  const category = textOf(r.get("category"));
  const bodySite = conceptText(r.list(r.get("bodySite"), "bodySite")[0]);
  const notes = r.list(r.get("note"), "note").filter(isObject).map((n) => n.text);
  const profiles = profilesOf(r.resource);
  const status = r.get("status");
  if (status === "not-done" || status === "entered-in-error" || status === "preparation") return ignored(`Procedure with status ${String(status)}: it was not done`);
  if (category === "surgery" || profiles.includes(mcodeProfile.surgicalProcedure)) {
    return event(
      "procedure",
      r.when("performed"),
      { name: conceptText(r.get("code")), screening: codeIn(r.get("code"), system.screeningProcedure), site: bodySite, notes: notes.length === 0 ? undefined : notes.join("\n") },
      [
        ["payload.name", "code.text"],
        ["payload.screening", "code.coding"],
        ["payload.site", "bodySite[0].text"],
        ["payload.notes", "note"],
      ],
      category === "surgery" ? [] : ["Recognised as surgery by its mCODE CancerRelatedSurgicalProcedure profile"],
    );
  }
  if (category !== "radiotherapy" && profiles.includes(mcodeProfile.radiotherapyCourseSummary)) return radiotherapySummary(r, bodySite);
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
        intent: intentOf(r),
      },
      [
        ["payload.site", "bodySite[0].text"],
        ["payload.totalDoseGy", `extension('${extension.radiotherapyDose}')`],
        ["payload.fractions", `extension('${extension.fractions}')`],
        ["payload.intent", `extension('${extension.treatmentIntent}')`],
      ],
    );
  }
  return ignored(`Procedure ${conceptLabel(r.get("code"))}: neither cancer surgery nor radiotherapy (category.text "surgery" or "radiotherapy", or an mCODE surgical or radiotherapy profile)`);
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
  MedicationRequest: medicationRequest,
  Procedure: procedure,
  Observation: observation,
  AdverseEvent: adverseEvent,
  Encounter: encounter,
  DocumentReference: documentReference,
  DiagnosticReport: () => ignored("A DiagnosticReport is not imported itself: its results come in as their Observations, dated by the report where they carry no date"),
  // Flarewatch's own export carries alerts as Flags; the importing side derives its alerts from the events.
  Flag: () => ignored("Alerts are not imported: they are re-derived from the events by the alert rules"),
};
