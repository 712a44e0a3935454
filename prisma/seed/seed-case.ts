import { addDays, type EventInput, type PatientInput } from "@/lib/events";

/**
 * The reference case (Clin Sarcoma Res 2020) as a full timeline. The report gives intervals, not
 * dates: day 0, the leiomyosarcoma biopsy, is placed on 6 Jan 2020 and every other date follows the
 * report's intervals, so every date is approximate.
 *
 * What the report gives: the sites of disease, the histology, the hydrocortisone 1% for the first
 * rash, doxorubicin every 21 days for six cycles with one febrile neutropenia and a 25% dose
 * reduction after it, SD mid-treatment and at the end, the flare about two months later with its
 * signs (shawl and V-neck rash, flagellate erythema, periorbital oedema, heliotrope, Gottron's,
 * periungual erythema), proximal weakness 3–4/5 (MRC 3.5 here), fever and S. hominis bacteraemia,
 * its labs (CRP < 4 mg/L, WBC 11.4, ALT 61 U/L (10–49), CK 695 U/L (25–200), ESR 32 mm/h (0–27)),
 * ANA 1:160, TIF1γ positive, Jo-1 and Mi-2 negative, the MRI (myositis and intramuscular metastatic
 * disease), the myopathic EMG, the right chest punch biopsy, prednisolone 40 mg/day weaning,
 * clobetasol 0.05%, the PD CT, and trabectedin once DM was controlled, DM improving a little.
 *
 * Everything else is ILLUSTRATIVE, chosen to make a plausible demo record, and marked so below:
 * lesion sizes and target sums, every CK other than 695 U/L and every other lab value, skin grades,
 * CDASI and MMT-8 scores, drug doses, the radiotherapy dose, the prednisolone taper steps, the
 * number of trabectedin cycles, the lengths of admissions. The record itself says so in its first
 * note, and the patient page marks every demo patient (`isDemoPatient`).
 */
export const seedCaseDay0 = "2020-01-06";
const d = (days: number) => addDays(seedCaseDay0, days);

export const seedCasePatient: PatientInput = {
  identifier: "FW-0001",
  familyName: "Reference",
  givenName: "Case",
  sex: "female",
  birthDate: "1976-09-14",
};

const doxorubicin = (cycle: number, day: number, dose: number, change?: { percent: number; reason: string }): EventInput => ({
  kind: "treatment_cycle",
  occurredAt: d(day),
  payload: {
    regimen: "doxorubicin",
    lineOfTherapy: 1,
    cycleNumber: cycle,
    dose: { value: dose, unit: "mg/m2" },
    intent: "palliative",
    ...(change ? { doseChangePercent: change.percent, doseChangeReason: change.reason } : {}),
  },
});

const lab = (day: number, analyte: "ck" | "alt" | "ast" | "ldh" | "esr" | "crp" | "wbc", value: number, unit: string, low: number | undefined, high: number, comparator?: "<"): EventInput => ({
  kind: "lab_result",
  occurredAt: d(day),
  payload: { analyte, value, unit, referenceRange: { ...(low !== undefined ? { low } : {}), high }, ...(comparator ? { comparator } : {}) },
});

/** The lab's CK range, 25–200 U/L, is from the report; every CK value but 695 U/L (d210) is illustrative. */
const ck = (day: number, value: number) => lab(day, "ck", value, "U/L", 25, 200);

/** The first note of the record: what in it is the published case and what is not. */
export const seedCaseDemoNote =
  "Demo data: values not in the published case report are illustrative. This record follows a published case (Clin Sarcoma Res 2020) whose report gives intervals, not dates, so every date is approximate; lesion sizes, CK values other than 695 U/L, other lab values, skin grades, CDASI and MMT-8 scores, doses and the prednisolone taper steps were made up for the demonstration.";

/** The seed case's events, in the order the report tells them. */
export const seedCaseEvents: EventInput[] = [
  { kind: "note", occurredAt: d(0), payload: { text: seedCaseDemoNote } },
  // Diagnosis and staging (d0–d7)
  { kind: "procedure", occurredAt: d(0), payload: { name: "Core biopsy of left supraclavicular mass", site: "left supraclavicular fossa", notes: "Grade 2 leiomyosarcoma; desmin, SMA and h-caldesmon positive." } },
  {
    kind: "diagnosis",
    occurredAt: d(0),
    payload: { role: "cancer", name: "Leiomyosarcoma, grade 2", stage: "Metastatic: skin, soft tissue, lung, liver, right adrenal, peritoneum, lytic left femoral head" },
  },
  // Illustrative: the lesion diameters and target sums of every CT (the report gives sites and responses only).
  {
    kind: "imaging",
    occurredAt: d(3),
    payload: {
      modality: "CT",
      baseline: true,
      targetLesions: [
        { organ: "lung", nodal: false, diameterMm: 24 },
        { organ: "liver", nodal: false, diameterMm: 31 },
        { organ: "right adrenal", nodal: false, diameterMm: 22 },
        { organ: "soft tissue", nodal: false, diameterMm: 19 },
      ],
      targetSumMm: 96,
      findings: "Baseline staging: metastases in skin, soft tissue, lung, liver, right adrenal and peritoneum; lytic lesion of the left femoral head.",
    },
  },
  { kind: "imaging", occurredAt: d(7), payload: { modality: "PET-CT", baseline: true, findings: "FDG-avid disease at all CT sites; no further sites." } },
  // Illustrative: the baseline WBC and CK.
  lab(1, "wbc", 7.2, "10*9/L", 4, 11),
  ck(1, 88),
  // Femur (≈ d14) and radiotherapy after it
  { kind: "procedure", occurredAt: d(14), payload: { name: "Prophylactic femoral stabilisation", site: "left femur" } },
  // Illustrative: the dose and fractions (the report says radiotherapy followed the surgery).
  { kind: "radiotherapy", occurredAt: d(24), endedAt: d(28), payload: { site: "left femur", totalDoseGy: 20, fractions: 5, intent: "palliative" } },
  // Mild sun-exposed rash days after surgery (≈ d20). Illustrative: the skin grades and CDASI scores
  // throughout (the grade is Flarewatch's own scale; the report describes the rash in words).
  { kind: "skin_assessment", occurredAt: d(20), payload: { grade: 1, cdasiActivity: 6, signs: ["photodistributed"] } },
  { kind: "note", occurredAt: d(20), payload: { text: "Mild erythematous maculopapular rash of the face and upper chest, sun-exposed distribution. Hydrocortisone 1% cream." } },
  { kind: "medication", occurredAt: d(20), endedAt: d(48), payload: { drug: "hydrocortisone cream", role: "supportive", strength: "1%", route: "topical", indication: "rash" } },
  // Doxorubicin, six cycles every 21 days from ≈ d35; febrile neutropenia once, then −25%.
  // Illustrative: the 75 mg/m2 starting dose, the WBC of 0.8 and the admission's length.
  ck(34, 95),
  doxorubicin(1, 35, 75),
  { kind: "skin_assessment", occurredAt: d(48), payload: { grade: 0, cdasiActivity: 0, signs: [] } },
  doxorubicin(2, 56, 75),
  { kind: "adverse_event", occurredAt: d(66), payload: { term: "Febrile neutropenia", grade: 3, relatedTo: "doxorubicin" } },
  { kind: "admission", occurredAt: d(66), endedAt: d(70), payload: { reason: "Febrile neutropenia", ward: "Oncology" } },
  lab(66, "wbc", 0.8, "10*9/L", 4, 11),
  doxorubicin(3, 77, 56.25, { percent: -25, reason: "febrile neutropenia after cycle 2" }),
  ck(76, 102),
  {
    kind: "imaging",
    occurredAt: d(92),
    payload: {
      modality: "CT",
      response: "SD",
      targetLesions: [
        { organ: "lung", nodal: false, diameterMm: 22 },
        { organ: "liver", nodal: false, diameterMm: 29 },
        { organ: "right adrenal", nodal: false, diameterMm: 21 },
        { organ: "soft tissue", nodal: false, diameterMm: 18 },
      ],
      targetSumMm: 90,
      nonTargetResponse: "non-CR/non-PD",
      newLesions: false,
      findings: "Mid-treatment: minor reduction.",
    },
  },
  doxorubicin(4, 98, 56.25),
  doxorubicin(5, 119, 56.25),
  ck(118, 110),
  doxorubicin(6, 140, 56.25),
  {
    kind: "imaging",
    occurredAt: d(150),
    payload: {
      modality: "CT",
      response: "SD",
      targetLesions: [
        { organ: "lung", nodal: false, diameterMm: 21 },
        { organ: "liver", nodal: false, diameterMm: 29 },
        { organ: "right adrenal", nodal: false, diameterMm: 20 },
        { organ: "soft tissue", nodal: false, diameterMm: 18 },
      ],
      targetSumMm: 88,
      nonTargetResponse: "non-CR/non-PD",
      newLesions: false,
      findings: "End of treatment: stable disease.",
    },
  },
  { kind: "skin_assessment", occurredAt: d(150), payload: { grade: 0, cdasiActivity: 0, signs: [] } },
  ck(150, 96),
  // Two months later (≈ d210): the flare. From the report: the signs, MRC 3–4 (3.5), CRP, WBC, ALT,
  // CK 695, ESR. Illustrative: skin grade 3, CDASI 34/2, MMT-8 112/150, the admission's end date.
  {
    kind: "admission",
    occurredAt: d(210),
    endedAt: d(232),
    payload: { reason: "Rash with periorbital oedema, proximal weakness and fever", ward: "Oncology" },
  },
  {
    kind: "skin_assessment",
    occurredAt: d(210),
    payload: {
      grade: 3,
      cdasiActivity: 34,
      cdasiDamage: 2,
      signs: ["shawl-sign", "v-sign", "flagellate-erythema", "periorbital-oedema", "heliotrope", "gottron-papules", "periungual-erythema"],
    },
  },
  { kind: "muscle_assessment", occurredAt: d(210), payload: { mmt8: { score: 112, scale: 150 }, proximalWeaknessMrc: 3.5, dysphagia: false, respiratoryInvolvement: false } },
  lab(210, "crp", 4, "mg/L", undefined, 5, "<"),
  lab(210, "wbc", 11.4, "10*9/L", 4, 11),
  lab(210, "alt", 61, "U/L", 10, 49),
  ck(210, 695),
  lab(210, "esr", 32, "mm/h", 0, 27),
  { kind: "note", occurredAt: d(211), payload: { text: "Fever; blood cultures grew Staphylococcus hominis. Treated for bacteraemia." } },
  { kind: "antibody_result", occurredAt: d(212), payload: { antibody: "ana", result: "positive", titre: "1:160" } },
  { kind: "antibody_result", occurredAt: d(212), payload: { antibody: "tif1-gamma", result: "positive" } },
  { kind: "antibody_result", occurredAt: d(212), payload: { antibody: "jo-1", result: "negative" } },
  { kind: "antibody_result", occurredAt: d(212), payload: { antibody: "mi-2", result: "negative" } },
  { kind: "imaging", occurredAt: d(213), payload: { modality: "MRI", findings: "Thighs: oedema of proximal muscles consistent with myositis, and intramuscular metastatic disease." } },
  { kind: "procedure", occurredAt: d(214), payload: { name: "Electromyography", notes: "Myopathic pattern." } },
  { kind: "procedure", occurredAt: d(215), payload: { name: "Skin punch biopsy", site: "right chest", notes: "Consistent with dermatomyositis." } },
  {
    kind: "diagnosis",
    occurredAt: d(216),
    payload: { role: "dermatomyositis", name: "Paraneoplastic dermatomyositis, anti-TIF1γ positive", criteria: ["rash", "proximal-weakness", "raised-enzymes", "myopathic-emg"] },
  },
  { kind: "medication", occurredAt: d(216), endedAt: d(237), payload: { drug: "prednisolone", role: "immunosuppression", dose: { value: 40, unit: "mg/day" }, route: "oral", tapering: true, indication: "dermatomyositis" } },
  { kind: "medication", occurredAt: d(216), payload: { drug: "clobetasol propionate cream", role: "immunosuppression", strength: "0.05%", route: "topical", indication: "dermatomyositis" } },
  // Illustrative: every CK after the flare (540, 410, 320, 260, 240 U/L), falling on prednisolone.
  ck(218, 540),
  // CT (≈ d225): multifocal progression
  {
    kind: "imaging",
    occurredAt: d(225),
    payload: {
      modality: "CT",
      response: "PD",
      targetLesions: [
        { organ: "lung", nodal: false, diameterMm: 29 },
        { organ: "liver", nodal: false, diameterMm: 38 },
        { organ: "right adrenal", nodal: false, diameterMm: 27 },
        { organ: "soft tissue", nodal: false, diameterMm: 24 },
      ],
      targetSumMm: 118,
      nonTargetResponse: "PD",
      newLesions: true,
      findings: "Multifocal progression with new peritoneal deposits.",
    },
  },
  { kind: "diagnosis", occurredAt: d(225), payload: { role: "progression", name: "Multifocal progression of leiomyosarcoma" } },
  ck(232, 410),
  // Illustrative: the taper steps after 40 mg/day (30, 20, 15 mg/day) and their dates.
  { kind: "medication", occurredAt: d(238), endedAt: d(258), payload: { drug: "prednisolone", role: "immunosuppression", dose: { value: 30, unit: "mg/day" }, route: "oral", tapering: true, indication: "dermatomyositis" } },
  { kind: "medication", occurredAt: d(259), endedAt: d(286), payload: { drug: "prednisolone", role: "immunosuppression", dose: { value: 20, unit: "mg/day" }, route: "oral", tapering: true, indication: "dermatomyositis" } },
  { kind: "medication", occurredAt: d(287), payload: { drug: "prednisolone", role: "immunosuppression", dose: { value: 15, unit: "mg/day" }, route: "oral", indication: "dermatomyositis" } },
  // Trabectedin, second line once DM controlled; DM improves a little.
  // Illustrative: the skin and muscle scores, the number of cycles and the 1.5 mg/m2 dose.
  { kind: "skin_assessment", occurredAt: d(245), payload: { grade: 2, cdasiActivity: 22, signs: ["shawl-sign", "heliotrope", "gottron-papules"] } },
  { kind: "muscle_assessment", occurredAt: d(245), payload: { mmt8: { score: 124, scale: 150 }, proximalWeaknessMrc: 4 } },
  ck(245, 320),
  ...[0, 1, 2, 3].map(
    (i): EventInput => ({
      kind: "treatment_cycle",
      occurredAt: d(252 + 21 * i),
      payload: { regimen: "trabectedin", lineOfTherapy: 2, cycleNumber: i + 1, dose: { value: 1.5, unit: "mg/m2" }, intent: "palliative" },
    }),
  ),
  ck(273, 260),
  { kind: "skin_assessment", occurredAt: d(294), payload: { grade: 2, cdasiActivity: 18, signs: ["heliotrope", "gottron-papules"] } },
  ck(294, 240),
];
