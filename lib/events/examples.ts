import type { EventInput } from "./event";
import type { EventKind } from "./kinds";

/** One realistic, valid event of every kind: for tests, API documentation and form defaults. */
export const exampleEvents: { [K in EventKind]: Extract<EventInput, { kind: K }> } = {
  treatment_cycle: {
    kind: "treatment_cycle",
    occurredAt: "2020-02-10",
    payload: { regimen: "doxorubicin", lineOfTherapy: 1, cycleNumber: 3, dose: { value: 75, unit: "mg/m2" }, doseChangePercent: -25, doseChangeReason: "febrile neutropenia", intent: "palliative" },
  },
  procedure: { kind: "procedure", occurredAt: "2020-01-20", payload: { name: "Prophylactic femoral stabilisation", site: "left femur" } },
  radiotherapy: {
    kind: "radiotherapy",
    occurredAt: "2020-01-27",
    endedAt: "2020-01-31",
    payload: { site: "left femur", totalDoseGy: 20, fractions: 5, intent: "prophylactic" },
  },
  imaging: {
    kind: "imaging",
    occurredAt: "2020-06-01",
    payload: {
      modality: "CT",
      response: "SD",
      targetLesions: [
        { organ: "lung", nodal: false, diameterMm: 22 },
        { organ: "liver", nodal: false, diameterMm: 31 },
      ],
      targetSumMm: 53,
      nonTargetResponse: "non-CR/non-PD",
      newLesions: false,
      findings: "Minor reduction of lung and liver metastases.",
    },
  },
  skin_assessment: {
    kind: "skin_assessment",
    occurredAt: "2020-08-03T10:30",
    payload: { grade: 3, cdasiActivity: 28, cdasiDamage: 2, signs: ["shawl-sign", "v-sign", "heliotrope", "gottron-papules"] },
  },
  muscle_assessment: {
    kind: "muscle_assessment",
    occurredAt: "2020-08-03",
    payload: { mmt8: { score: 118, scale: 150 }, proximalWeaknessMrc: 3.5, dysphagia: false, respiratoryInvolvement: false },
  },
  lab_result: {
    kind: "lab_result",
    occurredAt: "2020-08-03T08:15",
    payload: { analyte: "ck", value: 695, unit: "U/L", referenceRange: { low: 25, high: 200 } },
  },
  medication: {
    kind: "medication",
    occurredAt: "2020-08-05",
    endedAt: "2020-08-25",
    payload: { drug: "prednisolone", role: "immunosuppression", dose: { value: 40, unit: "mg/day" }, route: "oral", tapering: true, indication: "dermatomyositis" },
  },
  diagnosis: { kind: "diagnosis", occurredAt: "2020-01-06", payload: { role: "cancer", name: "Leiomyosarcoma, grade 2", stage: "metastatic (skin, soft tissue, lung, liver, adrenal, peritoneum, bone)" } },
  antibody_result: { kind: "antibody_result", occurredAt: "2020-08-04", payload: { antibody: "tif1-gamma", result: "positive" } },
  adverse_event: { kind: "adverse_event", occurredAt: "2020-03-05", payload: { term: "Febrile neutropenia", grade: 3, relatedTo: "doxorubicin" } },
  admission: { kind: "admission", occurredAt: "2020-08-02", endedAt: "2020-08-20", payload: { reason: "Rash, periorbital oedema and proximal weakness; fever", ward: "Oncology" } },
  note: { kind: "note", occurredAt: "2020-08-06", payload: { text: "Staphylococcus hominis bacteraemia treated; DM flare discussed with rheumatology." } },
};
