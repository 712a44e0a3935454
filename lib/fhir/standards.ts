import type { DiseaseStatus, diseaseStatusEvidence } from "@/lib/events";

/**
 * The standards Flarewatch reads and writes beside its own profile (FHIR.md, "Standards we follow"):
 * HL7 mCODE STU4 (package hl7.fhir.us.mcode 4.0.0) and US Core profiles, SNOMED CT, ICD-10 (WHO and
 * ICD-10-CM), ICD-O-3 and RxNorm. Every code below is quoted from the source named beside it.
 */

export const terminology = {
  icd10: "http://hl7.org/fhir/sid/icd-10",
  icd10cm: "http://hl7.org/fhir/sid/icd-10-cm",
  icdO3: "http://terminology.hl7.org/CodeSystem/icd-o-3",
  rxnorm: "http://www.nlm.nih.gov/research/umls/rxnorm",
  conditionClinical: "http://terminology.hl7.org/CodeSystem/condition-clinical",
  conditionVerification: "http://terminology.hl7.org/CodeSystem/condition-ver-status",
  conditionCategory: "http://terminology.hl7.org/CodeSystem/condition-category",
  v20203: "http://terminology.hl7.org/CodeSystem/v2-0203",
} as const;

const MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition";
/** mCODE 4.0.0 profiles (canonical URLs from the package's StructureDefinitions). */
export const mcodeProfile = {
  cancerPatient: `${MCODE}/mcode-cancer-patient`,
  primaryCancerCondition: `${MCODE}/mcode-primary-cancer-condition`,
  secondaryCancerCondition: `${MCODE}/mcode-secondary-cancer-condition`,
  cancerDiseaseStatus: `${MCODE}/mcode-cancer-disease-status`,
  medicationAdministration: `${MCODE}/mcode-cancer-related-medication-administration`,
  medicationRequest: `${MCODE}/mcode-cancer-related-medication-request`,
  surgicalProcedure: `${MCODE}/mcode-cancer-related-surgical-procedure`,
  radiotherapyCourseSummary: `${MCODE}/mcode-radiotherapy-course-summary`,
  tumorMarkerTest: `${MCODE}/mcode-tumor-marker-test`,
} as const;
/** mCODE 4.0.0 extensions. */
export const mcodeExtension = {
  procedureIntent: `${MCODE}/mcode-procedure-intent`,
  normalizationBasis: `${MCODE}/mcode-normalization-basis`,
  evidenceType: `${MCODE}/mcode-cancer-disease-status-evidence-type`,
  histologyMorphologyBehavior: `${MCODE}/mcode-histology-morphology-behavior`,
  radiotherapySessions: `${MCODE}/mcode-radiotherapy-sessions`,
  doseDeliveredToVolume: `${MCODE}/mcode-radiotherapy-dose-delivered-to-volume`,
} as const;
/** US Core 6.1.0 profiles Flarewatch recognises. */
export const usCoreProfile = {
  observationLab: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-lab",
  diagnosticReportLab: "http://hl7.org/fhir/us/core/StructureDefinition/us-core-diagnosticreport-lab",
} as const;

/** mCODE ConditionStatusTrendVS (and its max set, for full remission), SNOMED CT. */
export const diseaseStatusSnomed: Record<DiseaseStatus, { code: string; display: string }> = {
  "no-evidence": { code: "550991000124107", display: "Malignant neoplasm in full remission (disorder)" },
  improving: { code: "268910001", display: "Patient's condition improved (finding)" },
  stable: { code: "359746009", display: "Patient's condition stable (finding)" },
  worsening: { code: "271299001", display: "Patient's condition worsened (finding)" },
  undetermined: { code: "709137006", display: "Patient condition undetermined (finding)" },
};
export const diseaseStatusBySnomed: Record<string, DiseaseStatus> = {
  ...Object.fromEntries(Object.entries(diseaseStatusSnomed).map(([status, c]) => [c.code, status as DiseaseStatus])),
  // "In full remission (qualifier value)", also in mCODE's max value set.
  "103338009": "no-evidence",
};

/**
 * RECIST 1.1 overall response → the SNOMED trend written beside it on export. Flarewatch's reading:
 * CR (every lesion gone) is no evidence of disease, PR improved, SD stable, PD worsened, NE undetermined.
 */
export const trendOfRecist = { CR: "no-evidence", PR: "improving", SD: "stable", PD: "worsening", NE: "undetermined" } as const;

type Evidence = (typeof diseaseStatusEvidence)[number];
/** mCODE CancerDiseaseStatusEvidenceTypeVS: its is-a roots (SNOMED CT). */
export const evidenceSnomed: Record<Evidence, { code: string; display: string }> = {
  imaging: { code: "363679005", display: "Imaging (procedure)" },
  histopathology: { code: "714797009", display: "Histologic test (procedure)" },
  cytology: { code: "116147009", display: "Cytologic test" },
  "physical-exam": { code: "5880005", display: "Clinical examination" },
  "tumour-markers": { code: "250724005", display: "Tumor marker measurement" },
  laboratory: { code: "386344002", display: "Laboratory data interpretation (procedure)" },
};
export const evidenceBySnomed: Record<string, Evidence> = {
  ...Object.fromEntries(Object.entries(evidenceSnomed).map(([e, c]) => [c.code, e as Evidence])),
  "108257001": "histopathology",
};

/** mCODE ProcedureIntentVS (SNOMED CT) for the intents Flarewatch records. */
export const intentSnomed = {
  curative: { code: "373808002", display: "Curative - procedure intent" },
  palliative: { code: "363676003", display: "Palliative - procedure intent" },
  prophylactic: { code: "129428001", display: "Preventive - intent" },
} as const;
export const intentBySnomed: Record<string, keyof typeof intentSnomed> = Object.fromEntries(Object.entries(intentSnomed).map(([i, c]) => [c.code, i as keyof typeof intentSnomed]));

/** SNOMED CT: dermatomyositis (disorder), and its juvenile form. */
export const dermatomyositisSnomed = ["396230008", "402614006"];

/**
 * ICD-10 (WHO 2019; ICD-10-CM adds subcodes): M33 dermatopolymyositis. M33.0 juvenile and M33.1 other
 * dermatomyositis, M33.9 unspecified dermatopolymyositis are dermatomyositis; M33.2 is polymyositis.
 */
export function icd10Dermatomyositis(code: string): "dermatomyositis" | "polymyositis" | undefined {
  const c = code.toUpperCase().replace(/\s/g, "");
  if (!/^M33(\.|$)/.test(c)) return undefined;
  return c.startsWith("M33.2") ? "polymyositis" : "dermatomyositis";
}

/**
 * ICD-10 chapter II, neoplasms (C00–D49 in ICD-10-CM): C00–C97 malignant, D00–D09 in situ, D37–D49
 * uncertain or unknown behaviour are a cancer for Flarewatch; D10–D36 are benign.
 */
export function icd10Neoplasm(code: string): "cancer" | "benign" | undefined {
  const m = /^([CD])(\d{2})/.exec(code.toUpperCase().trim());
  if (!m) return undefined;
  const n = Number(m[2]);
  if (m[1] === "C") return "cancer";
  if (n <= 9 || (n >= 37 && n <= 49)) return "cancer";
  if (n >= 10 && n <= 36) return "benign";
  return undefined;
}

/** ICD-O-3 morphology "8500/3": behaviour /2 in situ, /3 malignant primary, /6 metastatic, /9 uncertain primary or metastatic. */
export function icdO3Malignant(code: string): boolean | undefined {
  const m = /^\d{4}\/(\d)$/.exec(code.trim());
  if (!m) return undefined;
  return ["2", "3", "6", "9"].includes(m[1]);
}

/**
 * SNOMED CT cancer disorders known without a terminology server: the top concepts of mCODE's
 * PrimaryOrUncertainBehaviorCancerDisorderVS and SecondaryCancerDisorderVS, and the disorders in the
 * mCODE 4.0.0 examples. Other SNOMED codes are recognised by a display naming a malignancy.
 */
export const cancerSnomed = new Set([
  "363346000", // Malignant neoplastic disease (disorder)
  "372087000", // Primary malignant neoplasm (disorder)
  "128462008", // Secondary malignant neoplastic disease (disorder)
  "353431000119107", // Primary malignant neoplasm of female left breast (disorder), mCODE example
  "254637007", // Non-small cell lung cancer (disorder), mCODE example
  "94225005", // Secondary malignant neoplasm of brain (disorder), mCODE example
  "408643008", // Infiltrating duct carcinoma of breast (disorder), mCODE example
  "92814006", // Chronic lymphoid leukemia, disease (disorder), mCODE example
]);
export const malignantWords = /\b(malignan\w*|carcinoma|sarcoma|lymphoma|leuka?emia|melanoma|myeloma|mesothelioma|blastoma|cancer|metasta\w*)\b/i;

/**
 * RxNorm ingredient concepts (RXCUI) of the drugs Flarewatch's regimens and immunosuppression name.
 * Sources: the RxNorm codings in the mCODE 4.0.0 examples (marked mCODE) and RxNorm (NLM, RxNav);
 * the table is kept by hand: add a drug with its ingredient RXCUI.
 */
export const rxnormIngredients: Record<string, { rxcui: string; role: "anticancer" | "immunosuppression" }> = {
  doxorubicin: { rxcui: "3639", role: "anticancer" }, // mCODE
  cyclophosphamide: { rxcui: "3002", role: "anticancer" }, // mCODE
  paclitaxel: { rxcui: "56946", role: "anticancer" }, // mCODE
  anastrozole: { rxcui: "84857", role: "anticancer" }, // mCODE
  vincristine: { rxcui: "11202", role: "anticancer" }, // mCODE
  idarubicin: { rxcui: "5650", role: "anticancer" }, // mCODE
  crizotinib: { rxcui: "1148495", role: "anticancer" }, // mCODE
  alectinib: { rxcui: "1727455", role: "anticancer" }, // mCODE
  cisplatin: { rxcui: "2555", role: "anticancer" },
  carboplatin: { rxcui: "40048", role: "anticancer" },
  gemcitabine: { rxcui: "12574", role: "anticancer" },
  docetaxel: { rxcui: "72962", role: "anticancer" },
  epirubicin: { rxcui: "3995", role: "anticancer" },
  oxaliplatin: { rxcui: "32592", role: "anticancer" },
  fluorouracil: { rxcui: "4492", role: "anticancer" },
  pemetrexed: { rxcui: "68446", role: "anticancer" },
  capecitabine: { rxcui: "194000", role: "anticancer" },
  prednisone: { rxcui: "8640", role: "immunosuppression" }, // mCODE
  prednisolone: { rxcui: "8638", role: "immunosuppression" },
  methylprednisolone: { rxcui: "6902", role: "immunosuppression" },
  methotrexate: { rxcui: "6851", role: "immunosuppression" },
  azathioprine: { rxcui: "1256", role: "immunosuppression" },
  "mycophenolate mofetil": { rxcui: "68149", role: "immunosuppression" },
  tacrolimus: { rxcui: "42316", role: "immunosuppression" },
  hydroxychloroquine: { rxcui: "5521", role: "immunosuppression" },
  rituximab: { rxcui: "121191", role: "immunosuppression" },
};
export const rxnormByCode: Record<string, { name: string; role: "anticancer" | "immunosuppression" }> = Object.fromEntries(
  Object.entries(rxnormIngredients).map(([name, d]) => [d.rxcui, { name, role: d.role }]),
);

/** The RxNorm ingredients named in a regimen or drug name ("carboplatin-paclitaxel", "pegylated liposomal doxorubicin"). */
export function rxnormOf(name: string): { name: string; rxcui: string }[] {
  const lower = name.toLowerCase();
  return Object.entries(rxnormIngredients)
    .filter(([ingredient]) => new RegExp(`(^|[^a-z])${ingredient}([^a-z]|$)`).test(lower))
    .map(([ingredient, d]) => ({ name: ingredient, rxcui: d.rxcui }));
}
