import { z } from "zod";
import { analyteCodes, analytes } from "./labs";

/**
 * One zod schema per event kind: the payload a clinician fills in. These schemas validate the forms,
 * the HTTP API, the FHIR import and what is stored, so every limit lives here once.
 * Messages are written for clinicians; they appear next to the field.
 */

const text = (label: string, max = 200) =>
  z.string({ error: `Enter the ${label}` }).trim().min(1, { error: `Enter the ${label}` }).max(max, { error: `Keep the ${label} under ${max} characters` });
const optionalText = (label: string, max = 2000) =>
  z.string().trim().max(max, { error: `Keep the ${label} under ${max} characters` }).optional();
/** "Enter the CK" when the field was left empty, "Enter the CK as a number" when something else was typed. */
const numberError = (label: string) => (issue: { input?: unknown }) => (issue.input === undefined ? `Enter the ${label}` : `Enter the ${label} as a number`);
const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: numberError(label) })
    .int({ error: `The ${label} is a whole number` })
    .min(min, { error: `The ${label} is at least ${min}` })
    .max(max, { error: `The ${label} is at most ${max}` });
const measurement = (label: string, max = 1e7) =>
  z
    .number({ error: numberError(label) })
    .refine(Number.isFinite, { error: `Enter the ${label} as a number` })
    .min(0, { error: `The ${label} cannot be negative` })
    .max(max, { error: `The ${label} is implausibly large` });

export const recistResponses = ["CR", "PR", "SD", "PD", "NE"] as const;
export type RecistResponse = (typeof recistResponses)[number];
export const recistResponseNames: Record<RecistResponse, string> = {
  CR: "complete response",
  PR: "partial response",
  SD: "stable disease",
  PD: "progressive disease",
  NE: "not evaluable",
};

/** mCODE 4.0.0 ConditionStatusTrendVS (SNOMED CT), in Flarewatch's words. */
export const diseaseStatuses = ["no-evidence", "improving", "stable", "worsening", "undetermined"] as const;
export type DiseaseStatus = (typeof diseaseStatuses)[number];
export const diseaseStatusNames: Record<DiseaseStatus, string> = {
  "no-evidence": "no evidence of disease",
  improving: "improving",
  stable: "stable",
  worsening: "worsening",
  undetermined: "undetermined",
};
/** mCODE 4.0.0 CancerDiseaseStatusEvidenceTypeVS (SNOMED CT), in Flarewatch's words. */
export const diseaseStatusEvidence = ["imaging", "histopathology", "cytology", "physical-exam", "tumour-markers", "laboratory"] as const;

export const nonTargetResponses = ["CR", "non-CR/non-PD", "PD", "NE"] as const;

export const skinSigns = [
  "heliotrope",
  "gottron-papules",
  "shawl-sign",
  "v-sign",
  "periungual-erythema",
  "flagellate-erythema",
  "periorbital-oedema",
  "ulceration",
  "photodistributed",
] as const;
export type SkinSign = (typeof skinSigns)[number];
export const skinSignNames: Record<SkinSign, string> = {
  heliotrope: "Heliotrope rash",
  "gottron-papules": "Gottron's papules",
  "shawl-sign": "Shawl sign",
  "v-sign": "V-sign",
  "periungual-erythema": "Periungual erythema",
  "flagellate-erythema": "Flagellate erythema",
  "periorbital-oedema": "Periorbital oedema",
  ulceration: "Ulceration",
  photodistributed: "Sun-exposed distribution",
};

export const skinGradeNames = ["none", "mild", "moderate", "severe", "very severe"] as const;

/**
 * Myositis-specific antibodies (MSA) and myositis-associated antibodies (MAA). The first seven were
 * there from the start; the others were added for cancer-screening risk stratification (IMACS 2023
 * stratifies by the MSA/MAA profile): anti-HMGCR and anti-SRP (immune-mediated necrotising myopathy),
 * the anti-synthetase antibodies other than Jo-1 (PL-7, PL-12, EJ, OJ), and the MAAs anti-PM/Scl,
 * anti-Ku, anti-U1-RNP and anti-Ro52. Appended, so stored values keep their meaning.
 */
export const myositisAntibodies = ["tif1-gamma", "nxp2", "mi-2", "mda5", "sae", "jo-1", "ana", "hmgcr", "srp", "pl-7", "pl-12", "ej", "oj", "pm-scl", "ku", "u1-rnp", "ro52"] as const;
export type MyositisAntibody = (typeof myositisAntibodies)[number];
export const antibodyNames: Record<MyositisAntibody, string> = {
  "tif1-gamma": "Anti-TIF1γ",
  nxp2: "Anti-NXP2",
  "mi-2": "Anti-Mi-2",
  mda5: "Anti-MDA5",
  sae: "Anti-SAE",
  "jo-1": "Anti-Jo-1",
  ana: "ANA",
  hmgcr: "Anti-HMGCR",
  srp: "Anti-SRP",
  "pl-7": "Anti-PL-7",
  "pl-12": "Anti-PL-12",
  ej: "Anti-EJ",
  oj: "Anti-OJ",
  "pm-scl": "Anti-PM/Scl",
  ku: "Anti-Ku",
  "u1-rnp": "Anti-U1-RNP",
  ro52: "Anti-Ro52",
};
/** Myositis-specific antibodies (the others in the list are myositis-associated, or ANA). */
export const myositisSpecificAntibodies: readonly MyositisAntibody[] = ["tif1-gamma", "nxp2", "mi-2", "mda5", "sae", "jo-1", "hmgcr", "srp", "pl-7", "pl-12", "ej", "oj"];

export const treatmentCycle = z.object({
  regimen: text("regimen", 120),
  lineOfTherapy: wholeNumber("line of therapy", 1, 20),
  cycleNumber: wholeNumber("cycle number", 1, 200),
  dose: z
    .object({
      value: measurement("dose", 100_000).refine((v) => v > 0, { error: "The dose is more than 0" }),
      // In the order the form offers them: the first is the unit it starts on.
      unit: z.enum(["mg/m2", "mg", "mg/kg", "AUC"], { error: "Choose the dose unit" }),
    })
    .optional(),
  doseChangePercent: z
    .number({ error: "Enter the dose change as a percentage" })
    .min(-100, { error: "A dose cannot fall by more than 100%" })
    .max(100, { error: "A dose change above +100% is implausible" })
    .optional(),
  doseChangeReason: optionalText("reason for the dose change", 500),
  intent: z.enum(["palliative", "curative"], { error: "Choose curative or palliative" }).optional(),
});

/**
 * Procedures that count towards cancer screening when a patient's dermatomyositis comes first
 * (IMACS 2023 basic and enhanced panels; lib/screening reads them). Optional: other procedures leave it out.
 */
export const screeningProcedures = ["history-examination", "national-screening", "upper-gi-endoscopy", "lower-gi-endoscopy", "nasoendoscopy", "mammography", "cervical-screening"] as const;
export type ScreeningProcedure = (typeof screeningProcedures)[number];
export const screeningProcedureNames: Record<ScreeningProcedure, string> = {
  "history-examination": "Cancer-directed history and examination",
  "national-screening": "Age- and sex-appropriate national cancer screening",
  "upper-gi-endoscopy": "Upper gastrointestinal endoscopy",
  "lower-gi-endoscopy": "Colonoscopy (lower gastrointestinal endoscopy)",
  nasoendoscopy: "Nasoendoscopy",
  mammography: "Mammography",
  "cervical-screening": "Cervical screening",
};

export const procedure = z.object({
  name: text("procedure", 200),
  /** What the procedure is for cancer screening, when it is one (lib/screening). */
  screening: z.enum(screeningProcedures, { error: "Choose the screening procedure from the list" }).optional(),
  site: optionalText("site", 200),
  notes: optionalText("notes"),
});

export const radiotherapy = z.object({
  site: text("site", 200),
  totalDoseGy: measurement("total dose (Gy)", 200).optional(),
  fractions: wholeNumber("number of fractions", 1, 100).optional(),
  intent: z.enum(["palliative", "curative", "prophylactic"], { error: "Choose the intent" }).optional(),
});

/**
 * Organs as RECIST counts them. The two-per-organ limit counts paired organs (both lungs, both
 * kidneys, both ovaries) and all lymph nodes as one organ each (EORTC RECIST working group FAQ,
 * "paired organs", recist.eortc.org/recist-1-1-2), so there is one code for each, not one per side.
 */
export const organCodes = [
  "lung",
  "liver",
  "lymph-node",
  "adrenal",
  "kidney",
  "bone",
  "brain",
  "pleura",
  "peritoneum",
  "soft-tissue",
  "skin",
  "spleen",
  "pancreas",
  "ovary",
  "breast",
  "other",
] as const;
export type OrganCode = (typeof organCodes)[number];
export const organNames: Record<OrganCode, string> = {
  lung: "Lung",
  liver: "Liver",
  "lymph-node": "Lymph node",
  adrenal: "Adrenal",
  kidney: "Kidney",
  bone: "Bone (soft-tissue component)",
  brain: "Brain",
  pleura: "Pleura",
  peritoneum: "Peritoneum",
  "soft-tissue": "Soft tissue / muscle",
  skin: "Skin",
  spleen: "Spleen",
  pancreas: "Pancreas",
  ovary: "Ovary",
  breast: "Breast",
  other: "Other organ",
};

/**
 * How a target lesion was read on this scan. RECIST 1.1 (Eisenhauer et al. 2009, §4.3.2): a lesion
 * present but too small to measure is recorded as 5 mm, one that has disappeared as 0 mm; fragments of
 * a lesion that split are summed; of lesions that coalesced, the merged lesion carries the measurement
 * and the others are recorded as 0 mm.
 */
export const lesionStates = ["measured", "too-small", "disappeared", "merged"] as const;
export type LesionState = (typeof lesionStates)[number];
export const tooSmallToMeasureMm = 5;

const lesionId = z
  .string({ error: "Enter the lesion id" })
  .trim()
  .min(1, { error: "Enter the lesion id" })
  .max(20, { error: "Keep the lesion id under 20 characters" })
  .regex(/^[A-Za-z0-9._-]+$/, { error: "A lesion id is letters, digits, dots, dashes or underscores, e.g. T1" });

const organFields = {
  /** Lesion identity, given at baseline (T1, T2, … for targets; N1, … for non-targets) and kept on later scans. */
  id: lesionId.optional(),
  /** The organ as written (older records have only this); the coded organ below decides grouping. */
  organ: text("organ", 80),
  organCode: z.enum(organCodes, { error: "Choose the organ from the list" }).optional(),
  /** Where in the organ, e.g. "segment 4", "right lower lobe". */
  site: optionalText("site", 120),
};

export const targetLesion = z
  .object({
    ...organFields,
    nodal: z.boolean(),
    /** Longest diameter; for a lymph node, its short axis. */
    diameterMm: measurement("diameter (mm)", 1000),
    state: z.enum(lesionStates, { error: "Choose how the lesion was read" }).optional(),
    /** A lesion that split: the longest diameter of each fragment; diameterMm is their sum. */
    fragmentsMm: z.array(measurement("fragment diameter (mm)", 1000)).min(2, { error: "A split lesion has at least 2 fragments" }).max(10).optional(),
    /** A lesion that coalesced into another: the id of the lesion now carrying the measurement. */
    mergedInto: lesionId.optional(),
  })
  .superRefine((lesion, ctx) => {
    const hundredths = (mm: number) => Math.round(mm * 100);
    if (lesion.state === "too-small" && hundredths(lesion.diameterMm) !== hundredths(tooSmallToMeasureMm)) {
      ctx.addIssue({ code: "custom", path: ["diameterMm"], message: `A lesion too small to measure is recorded as ${tooSmallToMeasureMm} mm (RECIST 1.1)` });
    }
    if ((lesion.state === "disappeared" || lesion.state === "merged") && lesion.diameterMm !== 0) {
      ctx.addIssue({ code: "custom", path: ["diameterMm"], message: `A lesion that has ${lesion.state === "merged" ? "merged into another" : "disappeared"} is recorded as 0 mm (RECIST 1.1)` });
    }
    if (lesion.state === "merged" && lesion.mergedInto === undefined) {
      ctx.addIssue({ code: "custom", path: ["mergedInto"], message: "Name the lesion it merged into" });
    }
    if (lesion.fragmentsMm && hundredths(lesion.fragmentsMm.reduce((sum, mm) => sum + mm, 0)) !== hundredths(lesion.diameterMm)) {
      ctx.addIssue({ code: "custom", path: ["diameterMm"], message: "The diameter of a split lesion is the sum of its fragments" });
    }
  });

export const nonTargetStatuses = ["present", "absent", "progression", "not-evaluated"] as const;
export type NonTargetStatus = (typeof nonTargetStatuses)[number];

/** A non-target lesion: followed for presence, absence or unequivocal progression, not measured. */
export const nonTargetLesion = z.object({
  ...organFields,
  nodal: z.boolean().optional(),
  status: z.enum(nonTargetStatuses, { error: "Choose present, absent, progression or not evaluated" }).optional(),
});

/** A lesion first seen on this scan (RECIST 1.1 §4.3.5: an unequivocal new lesion means progression). */
export const newLesion = z.object({
  organ: text("organ", 80),
  organCode: z.enum(organCodes, { error: "Choose the organ from the list" }).optional(),
  site: optionalText("site", 120),
});

/**
 * What the server computed for a scan (never taken from the client): the sums, the comparison and
 * the rule in plain words. Stored so that every reader shows the same figures.
 */
export const recistComputation = z.object({
  rule: z.string().max(2000),
  line: z.number().int().optional(),
  targetSumMm: z.number().optional(),
  baselineDate: z.string().optional(),
  baselineSumMm: z.number().optional(),
  nadirDate: z.string().optional(),
  nadirSumMm: z.number().optional(),
  changeFromBaselinePercent: z.number().optional(),
  changeFromNadirPercent: z.number().optional(),
  /** How each lesion was matched to the baseline, e.g. "lesion 2 (liver) taken as T2 by organ and order". */
  matches: z.array(z.string().max(300)).max(20).optional(),
});

/** The imaging studies a clinician records; an imported disease status may also name none ("not stated"). */
export const imagingModalities = ["CT", "PET-CT", "MRI", "X-ray", "ultrasound", "bone scan"] as const;
export type ImagingModality = (typeof imagingModalities)[number] | "not stated";

/**
 * The body region a study covered (optional; older records have none). Cancer screening reads it: a
 * CT of thorax, abdomen and pelvis is the enhanced panel's scan, a chest radiograph the basic panel's.
 */
export const imagingRegions = ["chest", "thorax-abdomen-pelvis", "abdomen-pelvis", "neck", "head", "whole-body", "breast", "pelvis", "limbs", "other"] as const;
export type ImagingRegion = (typeof imagingRegions)[number];
export const imagingRegionNames: Record<ImagingRegion, string> = {
  chest: "Chest",
  "thorax-abdomen-pelvis": "Thorax, abdomen and pelvis",
  "abdomen-pelvis": "Abdomen and pelvis",
  neck: "Neck",
  head: "Head",
  "whole-body": "Whole body",
  breast: "Breast",
  pelvis: "Pelvis",
  limbs: "Limbs / muscles",
  other: "Other region",
};

export const imaging = z
  .object({
    /** "not stated": a disease status imported from a record that does not name the study (mCODE CancerDiseaseStatus). */
    modality: z.enum([...imagingModalities, "not stated"], { error: "Choose the modality" }),
    /** The region covered, e.g. thorax-abdomen-pelvis for a screening CT. */
    region: z.enum(imagingRegions, { error: "Choose the region from the list" }).optional(),
    /**
     * A baseline staging study: later scans are compared with it. Also set on a scan that is both the
     * PD assessment of one line and the baseline of the next (then it has a response too).
     */
    baseline: z.boolean().optional(),
    /** The line of therapy this scan is the baseline for (a new line takes a new baseline). */
    baselineForLine: wholeNumber("line of therapy", 1, 20).optional(),
    /** RECIST 1.1 overall response as recorded (by the clinician, or the radiologist's report when imported). */
    response: z.enum(recistResponses, { error: "Choose CR, PR, SD, PD or NE" }).optional(),
    targetLesions: z.array(targetLesion).max(5, { error: "RECIST 1.1 allows at most 5 target lesions" }).optional(),
    targetSumMm: measurement("target-lesion sum (mm)", 5000).optional(),
    nonTargetLesions: z.array(nonTargetLesion).max(20, { error: "Record at most 20 non-target lesions" }).optional(),
    nonTargetResponse: z.enum(nonTargetResponses).optional(),
    newLesions: z.boolean().optional(),
    newLesionList: z.array(newLesion).max(20, { error: "Record at most 20 new lesions" }).optional(),
    /** Set when the clinician chose a response other than the one the app computed. */
    responseOverrideReason: optionalText("reason for the override", 500),
    /** Server-owned: the RECIST 1.1 response computed from the lesions, set on every write that measured them. */
    computedResponse: z.enum(recistResponses).optional(),
    /** Server-owned: the figures and rule behind computedResponse. */
    recist: recistComputation.optional(),
    findings: optionalText("findings", 4000),
    /**
     * The cancer's overall status as a clinician judged it (mCODE CancerDiseaseStatus, SNOMED
     * ConditionStatusTrend): recorded beside, never instead of, a RECIST response.
     */
    diseaseStatus: z.enum(diseaseStatuses, { error: "Choose the disease status" }).optional(),
    /** What the status was judged on (mCODE CancerDiseaseStatusEvidenceType). */
    statusEvidence: z.array(z.enum(diseaseStatusEvidence)).max(diseaseStatusEvidence.length).optional(),
  })
  .superRefine((payload, ctx) => {
    if (payload.baselineForLine !== undefined && payload.baseline !== true) {
      ctx.addIssue({ code: "custom", path: ["baselineForLine"], message: "A scan that is the baseline for a line of therapy is a baseline scan: set baseline too" });
    }
    if (payload.newLesionList && payload.newLesionList.length > 0 && payload.newLesions === false) {
      ctx.addIssue({ code: "custom", path: ["newLesions"], message: "New lesions are listed: tick new lesions seen" });
    }
    const ids = [...(payload.targetLesions ?? []), ...(payload.nonTargetLesions ?? [])].map((lesion) => lesion.id).filter((id) => id !== undefined);
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    if (repeated) ctx.addIssue({ code: "custom", path: ["targetLesions"], message: `The lesion id ${repeated} is used twice` });
  });

/** Imaging that assessed the tumour (baseline staging or a RECIST response), as opposed to e.g. a muscle MRI. */
export function isTumourAssessment(payload: z.infer<typeof imaging>): boolean {
  return payload.baseline === true || payload.response !== undefined || payload.computedResponse !== undefined;
}

export const skinAssessment = z.object({
  grade: wholeNumber("skin grade", 0, 4),
  cdasiActivity: wholeNumber("CDASI activity", 0, 100).optional(),
  cdasiDamage: wholeNumber("CDASI damage", 0, 32).optional(),
  signs: z.array(z.enum(skinSigns, { error: "Unknown skin sign" })).max(skinSigns.length).default([]),
});

export const muscleAssessment = z
  .object({
    mmt8: z
      .object({
        score: wholeNumber("MMT-8 score", 0, 150),
        scale: z.union([z.literal(80), z.literal(150)], { error: "The MMT-8 scale is 0–80 (unilateral) or 0–150 (bilateral)" }),
      })
      .refine((m) => m.score <= m.scale, { error: "The MMT-8 score cannot exceed its scale", path: ["score"] })
      .optional(),
    /** MRC grade of the weakest proximal group, 0–5 (half grades such as 3.5 for "3–4"). */
    proximalWeaknessMrc: z
      .number({ error: "Enter the MRC grade as a number" })
      .min(0, { error: "The MRC grade is 0 to 5" })
      .max(5, { error: "The MRC grade is 0 to 5" })
      .refine((v) => Number.isInteger(v * 2), { error: "Use whole or half MRC grades" })
      .optional(),
    dysphagia: z.boolean().optional(),
    respiratoryInvolvement: z.boolean().optional(),
  })
  .refine((m) => m.mmt8 !== undefined || m.proximalWeaknessMrc !== undefined || m.dysphagia !== undefined || m.respiratoryInvolvement !== undefined, {
    error: "Record at least one finding: MMT-8, MRC grade, dysphagia or respiratory involvement",
  });

export const labResult = z
  .object({
    analyte: z.enum(analyteCodes, { error: "Choose the analyte" }),
    value: measurement("result"),
    /** "<" for a result printed as "< 4". */
    comparator: z.enum(["<", "<=", ">", ">="]).optional(),
    unit: z.string({ error: "Enter the unit" }).trim().min(1, { error: "Enter the unit" }),
    referenceRange: z
      .object({ low: measurement("range low").optional(), high: measurement("range high").optional() })
      .refine((r) => r.low === undefined || r.high === undefined || r.low <= r.high, {
        error: "The range's low limit must not exceed its high limit",
        path: ["low"],
      })
      .optional(),
    /**
     * The result as the lab reported it, when an import converted it to the analyte's unit (UCUM,
     * exactly: e.g. 0.1 ukat/L reported, 6 U/L stored). The stored value and range are the converted ones.
     */
    reported: z
      .object({
        value: z.number(),
        unit: z.string().trim().min(1).max(40),
        low: z.number().optional(),
        high: z.number().optional(),
      })
      .optional(),
  })
  .superRefine((lab, ctx) => {
    const allowed = analytes[lab.analyte].units as readonly string[];
    if (!allowed.includes(lab.unit)) {
      ctx.addIssue({ code: "custom", path: ["unit"], message: `${analytes[lab.analyte].short} is reported in ${allowed.join(" or ")}, not ${lab.unit}` });
    }
  });

export const medication = z.object({
  drug: text("drug", 120),
  role: z.enum(["immunosuppression", "supportive"], { error: "Choose immunosuppression or supportive" }),
  dose: z
    .object({
      value: measurement("dose", 100_000).refine((v) => v > 0, { error: "The dose is more than 0" }),
      unit: z.enum(["mg/day", "mg/week", "mg", "g", "g/kg"], { error: "Choose the dose unit" }),
    })
    .optional(),
  /** For topical preparations, e.g. "0.05%". */
  strength: optionalText("strength", 40),
  route: z.enum(["oral", "topical", "IV", "SC", "IM"], { error: "Choose the route" }),
  tapering: z.boolean().optional(),
  indication: optionalText("indication", 200),
});

export const diagnosis = z.object({
  role: z.enum(["cancer", "dermatomyositis", "progression", "other"], { error: "Choose what was diagnosed" }),
  name: text("diagnosis", 200),
  stage: optionalText("stage", 200),
  /** Bohan & Peter criteria met, for a dermatomyositis diagnosis. */
  criteria: z.array(z.enum(["rash", "proximal-weakness", "raised-enzymes", "myopathic-emg", "biopsy"])).optional(),
});

export type DiagnosisRole = z.infer<typeof diagnosis>["role"];

export const antibodyResult = z.object({
  antibody: z.enum(myositisAntibodies, { error: "Choose the antibody" }),
  result: z.enum(["positive", "negative", "equivocal"], { error: "Choose positive, negative or equivocal" }),
  titre: optionalText("titre", 40),
});

export const adverseEvent = z.object({
  term: text("CTCAE term", 200),
  grade: wholeNumber("CTCAE grade", 1, 5),
  relatedTo: optionalText("suspected cause", 200),
});

export const admission = z.object({
  reason: text("reason for admission", 500),
  ward: optionalText("ward", 120),
});

export const note = z.object({
  text: text("note", 10_000),
});

export const payloadSchemas = {
  treatment_cycle: treatmentCycle,
  procedure,
  radiotherapy,
  imaging,
  skin_assessment: skinAssessment,
  muscle_assessment: muscleAssessment,
  lab_result: labResult,
  medication,
  diagnosis,
  antibody_result: antibodyResult,
  adverse_event: adverseEvent,
  admission,
  note,
} as const;

export type EventKind = keyof typeof payloadSchemas;
export const eventKinds = Object.keys(payloadSchemas) as [EventKind, ...EventKind[]];

export const eventKindNames: Record<EventKind, string> = {
  treatment_cycle: "Treatment cycle",
  procedure: "Procedure",
  radiotherapy: "Radiotherapy",
  imaging: "Imaging",
  skin_assessment: "Skin assessment",
  muscle_assessment: "Muscle assessment",
  lab_result: "Lab result",
  medication: "Medication",
  diagnosis: "Diagnosis",
  antibody_result: "Antibody result",
  adverse_event: "Adverse event",
  admission: "Admission",
  note: "Note",
};

export type PayloadOf<K extends EventKind> = z.infer<(typeof payloadSchemas)[K]>;
