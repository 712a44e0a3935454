/**
 * Laboratory analytes Flarewatch knows (DOMAIN.md): LOINC codes, the UCUM units each can take, and a
 * typical adult range used only as a suggestion in forms. The range that counts is always the one the
 * lab printed on the result.
 */
export const analytes = {
  ck: { name: "Creatine kinase (CK)", short: "CK", loinc: ["2157-6"], units: ["U/L"], typical: { low: 25, high: 200 }, muscleEnzyme: true },
  alt: { name: "Alanine aminotransferase (ALT)", short: "ALT", loinc: ["1742-6"], units: ["U/L"], typical: { low: 10, high: 49 }, muscleEnzyme: true },
  ast: { name: "Aspartate aminotransferase (AST)", short: "AST", loinc: ["1920-8"], units: ["U/L"], typical: { low: 10, high: 40 }, muscleEnzyme: true },
  ldh: { name: "Lactate dehydrogenase (LDH)", short: "LDH", loinc: ["2532-0", "14804-9"], units: ["U/L"], typical: { low: 120, high: 250 }, muscleEnzyme: true },
  aldolase: { name: "Aldolase", short: "Aldolase", loinc: ["1761-6"], units: ["U/L"], typical: { low: 1.2, high: 7.6 }, muscleEnzyme: true },
  esr: { name: "Erythrocyte sedimentation rate (ESR)", short: "ESR", loinc: ["4537-7", "30341-2"], units: ["mm/h"], typical: { low: 0, high: 27 }, muscleEnzyme: false },
  crp: { name: "C-reactive protein (CRP)", short: "CRP", loinc: ["1988-5"], units: ["mg/L"], typical: { low: 0, high: 5 }, muscleEnzyme: false },
  // 26464-8 "Leukocytes [#/volume] in Blood" (LOINC), the method-less code many labs send (e.g. the mCODE examples).
  wbc: { name: "White cell count (WBC)", short: "WBC", loinc: ["6690-2", "26464-8"], units: ["10*9/L"], typical: { low: 4, high: 11 }, muscleEnzyme: false },
  // Cardiac troponins, for the immune-related myositis alert (myocarditis overlaps with checkpoint-inhibitor
  // myositis). LOINC 6598-7 / 67151-1: Troponin T.cardiac [Mass/volume] in Serum or Plasma (conventional /
  // high-sensitivity method); 10839-9 / 89579-7: Troponin I.cardiac, the same. Typical upper limits are the
  // assays' 99th percentiles (hs-TnT about 14 ng/L; hs-TnI about 26 ng/L); the lab's printed limit is what counts.
  "troponin-t": { name: "Troponin T, cardiac", short: "Troponin T", loinc: ["67151-1", "6598-7"], units: ["ng/L", "ng/mL"], typical: { low: 0, high: 14 }, muscleEnzyme: false },
  "troponin-i": { name: "Troponin I, cardiac", short: "Troponin I", loinc: ["89579-7", "10839-9"], units: ["ng/L", "ng/mL"], typical: { low: 0, high: 26 }, muscleEnzyme: false },
  // Tumour markers, for cancer screening when dermatomyositis comes first (IMACS 2023 enhanced panel:
  // "tumour markers"). LOINC: 10334-1 Cancer Ag 125 [Units/volume] in Serum or Plasma; 24108-3 Cancer Ag
  // 19-9 [Units/volume]; 2039-6 Carcinoembryonic Ag [Mass/volume]; 2857-1 Prostate specific Ag
  // [Mass/volume]; 1834-1 Alpha-1-Fetoprotein [Mass/volume]; 6875-9 Cancer Ag 15-3 [Units/volume]. The
  // typical limits are common adult cut-offs (CA-125 35 U/mL, CA 19-9 37 U/mL, CEA 5 ng/mL, PSA 4 ng/mL,
  // AFP 10 ng/mL, CA 15-3 30 U/mL); they are suggestions only, the printed range counts.
  "ca-125": { name: "Cancer antigen 125 (CA-125)", short: "CA-125", loinc: ["10334-1"], units: ["U/mL", "k[IU]/L"], typical: { low: 0, high: 35 }, muscleEnzyme: false, tumourMarker: true },
  "ca-19-9": { name: "Cancer antigen 19-9 (CA 19-9)", short: "CA 19-9", loinc: ["24108-3"], units: ["U/mL", "k[IU]/L"], typical: { low: 0, high: 37 }, muscleEnzyme: false, tumourMarker: true },
  cea: { name: "Carcinoembryonic antigen (CEA)", short: "CEA", loinc: ["2039-6"], units: ["ng/mL", "ug/L"], typical: { low: 0, high: 5 }, muscleEnzyme: false, tumourMarker: true },
  psa: { name: "Prostate-specific antigen (PSA)", short: "PSA", loinc: ["2857-1"], units: ["ng/mL", "ug/L"], typical: { low: 0, high: 4 }, muscleEnzyme: false, tumourMarker: true },
  afp: { name: "Alpha-fetoprotein (AFP)", short: "AFP", loinc: ["1834-1"], units: ["ng/mL", "ug/L"], typical: { low: 0, high: 10 }, muscleEnzyme: false, tumourMarker: true },
  "ca-15-3": { name: "Cancer antigen 15-3 (CA 15-3)", short: "CA 15-3", loinc: ["6875-9"], units: ["U/mL", "k[IU]/L"], typical: { low: 0, high: 30 }, muscleEnzyme: false, tumourMarker: true },
} as const;

/** The tumour markers among the analytes (cancer screening's enhanced panel). */
export const tumourMarkerAnalytes = ["ca-125", "ca-19-9", "cea", "psa", "afp", "ca-15-3"] as const;

export type AnalyteCode = keyof typeof analytes;
export const analyteCodes = Object.keys(analytes) as [AnalyteCode, ...AnalyteCode[]];

/** UCUM codes as people read them. */
export function unitLabel(ucum: string): string {
  return ucum === "10*9/L" ? "×10⁹/L" : ucum;
}

export function analyteByLoinc(loinc: string): AnalyteCode | undefined {
  return analyteCodes.find((code) => (analytes[code].loinc as readonly string[]).includes(loinc));
}

export interface ReferenceRange {
  low?: number;
  high?: number;
}

/**
 * ×ULN: the value over the upper limit of that result's own range, so results from different labs
 * compare. Undefined when the lab printed no upper limit.
 */
export function timesUpperLimit(value: number, range: ReferenceRange | undefined): number | undefined {
  if (!range || range.high === undefined || range.high <= 0) return undefined;
  return value / range.high;
}

/** CTCAE v5 "CPK increased" grade from ×ULN (0 when within range). */
export function ctcaeCpkGrade(timesUln: number): 0 | 1 | 2 | 3 | 4 {
  if (timesUln > 10) return 4;
  if (timesUln > 5) return 3;
  if (timesUln > 2.5) return 2;
  if (timesUln > 1) return 1;
  return 0;
}
