import { analyteByLoinc, analytes, myositisAntibodies, recistResponses, skinSigns } from "@/lib/events";
import { code, extension, system } from "./codes";
import { commensurableTarget, convertUcum } from "@/lib/units";
import { conceptLabel, defined, event, ignored, profilesOf, type Mapper, type Mapping } from "./mapping";
import { diseaseStatusBySnomed, evidenceBySnomed, mcodeExtension, mcodeProfile, trendOfRecist } from "./standards";
import { codeIn, codingsOf, hasCode, isObject, type Json, type ResourceReader } from "./read";

/** Observation → imaging, lab_result, skin_assessment, muscle_assessment or antibody_result, by its code. */

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

/**
 * LOINC 97509-4, cancer disease status. With Flarewatch's method (RECIST 1.1) it is an imaging study
 * and its RECIST response; as mCODE CancerDiseaseStatus it is the clinician's judgement (SNOMED trend),
 * kept as the disease status beside the study and never read as a RECIST response.
 */
function imaging(r: ResourceReader): Mapping {
  const recist = hasCode(r.get("method"), system.responseCriteria, code.recist);
  const value = r.get("valueCodeableConcept");
  const trendCode = codeIn(value, system.snomed);
  const trend = trendCode === undefined ? undefined : diseaseStatusBySnomed[trendCode];
  // Flarewatch's export writes the trend its RECIST response implies beside it: that is no separate judgement.
  const recistCode = codeIn(value, system.recistResponse);
  const diseaseStatus = recist && recistCode !== undefined && trend === trendOfRecist[recistCode as keyof typeof trendOfRecist] ? undefined : trend;
  const evidence = r
    .list(r.get("extension"), "extension")
    .filter((e): e is Json => isObject(e) && e.url === mcodeExtension.evidenceType)
    .flatMap((e) => codingsOf(e.valueCodeableConcept).filter((c) => c.system === system.snomed).map((c) => evidenceBySnomed[String(c.code)]))
    .filter((e) => e !== undefined);
  if (!recist) {
    if (codeIn(value, system.recistResponse) !== undefined) {
      r.fail("method", `A RECIST response needs its response criteria: method ${system.responseCriteria} ${code.recist}`);
      return { type: "rejected" };
    }
    if (r.get("status") === "entered-in-error" || r.get("status") === "cancelled") return ignored(`Cancer disease status with status ${String(r.get("status"))}`);
    if (!trend) return ignored(`Cancer disease status ${conceptLabel(value)} is not one of mCODE's condition status trends (SNOMED ${Object.keys(diseaseStatusBySnomed).join(", ")})`);
  }
  let response: string | undefined;
  if (recist && value !== undefined) {
    response = codeIn(value, system.recistResponse);
    if (!response || !(recistResponses as readonly string[]).includes(response)) {
      r.fail("valueCodeableConcept", `Give the RECIST response as ${system.recistResponse} ${recistResponses.join(", ")}`);
      return { type: "rejected" };
    }
  }
  const parts = components(r, system.imaging, ["modality", "region", "baseline", "target-sum-mm", "target-lesion", "target-node", "non-target-response", "new-lesions", "response-override-reason"]);
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
      modality: one("modality")?.item.valueString ?? (recist ? undefined : "not stated"),
      region: one("region")?.item.valueString,
      baseline: one("baseline")?.item.valueBoolean,
      response,
      targetLesions: lesions.length > 0 ? lesions : undefined,
      targetSumMm: mm(one("target-sum-mm")),
      nonTargetResponse: nonTargetCode,
      newLesions: one("new-lesions")?.item.valueBoolean,
      responseOverrideReason: one("response-override-reason")?.item.valueString,
      findings: notes.length === 0 ? undefined : notes.join("\n"),
      diseaseStatus,
      // Flarewatch's export names imaging as the evidence of every RECIST status: not a separate record.
      statusEvidence: evidence.length === 0 || (recist && evidence.every((e) => e === "imaging")) ? undefined : [...new Set(evidence)],
    },
    [
      ["payload.modality", at("modality", "valueString")],
      ["payload.region", at("region", "valueString")],
      ["payload.baseline", at("baseline", "valueBoolean")],
      ["payload.response", "valueCodeableConcept"],
      ["payload.targetLesions", "component"],
      ["payload.targetSumMm", at("target-sum-mm", "valueQuantity.value")],
      ["payload.nonTargetResponse", at("non-target-response", "valueCodeableConcept")],
      ["payload.newLesions", at("new-lesions", "valueBoolean")],
      ["payload.responseOverrideReason", at("response-override-reason", "valueString")],
      ["payload.findings", "note"],
      ["payload.diseaseStatus", "valueCodeableConcept"],
    ],
    recist ? [] : ["An mCODE cancer disease status: kept as the clinician's judgement of the trend, not as a RECIST response"],
  );
}

/**
 * A lab result in the analyte's own unit. A result in another UCUM unit commensurable with it
 * (10*3/uL for 10*9/L, ukat/L for U/L, mg/dL for mg/L) is converted exactly (lib/units), the
 * conversion is stated in the report and the reported value and unit are kept on the event; a unit
 * that is not commensurable is refused.
 */
function labResult(r: ResourceReader, analyte: keyof typeof analytes): Mapping {
  const raw = r.get("valueQuantity");
  if (raw === undefined) {
    if (r.get("dataAbsentReason") !== undefined) return ignored(`${analytes[analyte].short} without a value (dataAbsentReason)`);
    r.fail("valueQuantity", "A lab result needs its value as a valueQuantity");
  }
  const quantity = r.ucum(raw, "valueQuantity");
  const ranges = r.list(r.get("referenceRange"), "referenceRange");
  const range = isObject(ranges[0]) ? ranges[0] : undefined;
  const allowed = analytes[analyte].units as readonly string[];
  const notes: string[] = [];
  // A reported result in its analyte's unit is stored as is; one in another UCUM unit is converted.
  const own = quantity?.unit === undefined ? undefined : commensurableTarget(quantity.unit, allowed);
  if (quantity?.unit !== undefined && own === undefined) {
    r.fail("valueQuantity.code", `${analytes[analyte].short} is reported in ${allowed.join(" or ")}; ${quantity.unit} cannot be converted to it`);
  }
  const convert = (value: unknown, unit: string | undefined, path: string): number | undefined => {
    if (typeof value !== "number" || unit === undefined || own === undefined) return typeof value === "number" ? value : undefined;
    const converted = convertUcum(value, unit, own);
    if (!converted.ok) {
      r.fail(path, `${converted.message} (${analytes[analyte].short} is in ${own})`);
      return undefined;
    }
    return converted.value;
  };
  const value = convert(quantity?.value, quantity?.unit, "valueQuantity.code");
  const reportedExt = r.extension(r.resource, extension.reportedQuantity, "valueQuantity");
  const limit = (name: "low" | "high") => {
    if (!range || range[name] === undefined) return { value: undefined, reported: undefined };
    const q = r.ucum(range[name], `referenceRange[0].${name}`);
    if (!q) return { value: undefined, reported: undefined };
    return { value: convert(q.value, q.unit, `referenceRange[0].${name}.code`), reported: typeof q.value === "number" ? q.value : undefined };
  };
  const low = limit("low");
  const high = limit("high");
  let reported: Json | undefined;
  if (quantity?.unit !== undefined && own !== undefined && quantity.unit !== own && typeof quantity.value === "number" && value !== undefined) {
    notes.push(`${analytes[analyte].short} ${quantity.value} ${quantity.unit} converted to ${value} ${own} (UCUM)`);
    reported = defined({ value: quantity.value, unit: quantity.unit, low: low.reported, high: high.reported });
  } else if (isObject(reportedExt)) {
    // Flarewatch's own export of a converted result: the value is already in the analyte's unit.
    const q = r.ucum(reportedExt, `extension('${extension.reportedQuantity}').valueQuantity`);
    const reportedRange = r.extension(r.resource, extension.reportedRange, "valueRange");
    const rr = isObject(reportedRange) ? reportedRange : {};
    const num = (x: unknown) => (isObject(x) && typeof x.value === "number" ? x.value : undefined);
    if (q) reported = defined({ value: q.value, unit: q.unit, low: num(rr.low), high: num(rr.high) });
  }
  return event(
    "lab_result",
    r.when("effective"),
    {
      analyte,
      value,
      comparator: quantity?.comparator,
      unit: own ?? quantity?.unit,
      referenceRange: low.value === undefined && high.value === undefined ? undefined : defined({ low: low.value, high: high.value }),
      reported,
    },
    [
      ["payload.value", "valueQuantity.value"],
      ["payload.comparator", "valueQuantity.comparator"],
      ["payload.unit", "valueQuantity.code"],
      ["payload.referenceRange", "referenceRange[0]"],
      ["payload.analyte", "code"],
      ["payload.reported", `extension('${extension.reportedQuantity}')`],
    ],
    notes,
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

const displayOf = (concept: unknown): string | undefined => {
  const text = isObject(concept) && typeof concept.text === "string" ? concept.text : undefined;
  return text ?? (codingsOf(concept).find((c) => typeof c.display === "string")?.display as string | undefined);
};
const trackedAnalytes = () => Object.values(analytes).map((a) => `${a.short} ${a.loinc.join(" or ")}`).join(", ");

export const observation: Mapper = (r) => {
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
  const status = r.get("status");
  if (status === "entered-in-error" || status === "cancelled" || status === "registered") return ignored(`Observation ${conceptLabel(concept)} with status ${String(status)}: no result to record`);
  const tumourMarker = profilesOf(r.resource).includes(mcodeProfile.tumorMarkerTest);
  if (analyte) return labResult(r, analyte);
  if (tumourMarker) return ignored(`Tumour marker ${conceptLabel(concept)} (mCODE TumorMarkerTest): not one of the analytes Flarewatch tracks (${trackedAnalytes()})`);
  if (hasCode(r.get("category"), system.observationCategory, "laboratory")) {
    return ignored(
      loincCodes.length > 0
        ? `LOINC ${loincCodes.join(", ")}${displayOf(concept) ? ` (${displayOf(concept)})` : ""} is not a lab Flarewatch tracks (${trackedAnalytes()})`
        : `Laboratory result ${conceptLabel(concept)} has no LOINC code of a lab Flarewatch tracks`,
    );
  }
  return ignored(`Observation ${conceptLabel(concept)} is not one Flarewatch records`);
};

