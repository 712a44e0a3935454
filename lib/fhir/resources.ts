import { code, extension, medicationPerPeriod, system, treatmentDoseUcum } from "./codes";
import { conceptLabel, event, fwCodes, ignored, type Mapper } from "./mapping";
import { observation } from "./observations";
import { codeIn, codingsOf, hasCode, isObject, textOf, type Json, type ResourceReader } from "./read";

/** One FHIR resource → the event it records; see mapping.ts. Observations are in observations.ts. */

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
  // Flarewatch's own export carries alerts as Flags; the importing side derives its alerts from the events.
  Flag: () => ignored("Alerts are not imported: they are re-derived from the events by the alert rules"),
};
