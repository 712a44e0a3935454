import type { EventKind, EventOfKind, PayloadOf, TimelineEvent } from "@/lib/events";

/** Test data only: events shaped as the services return them. */
let counter = 0;
export function ev<K extends EventKind>(kind: K, occurredAt: string, payload: PayloadOf<K>, extra: Partial<TimelineEvent> = {}): EventOfKind<K> {
  counter += 1;
  const id = extra.id ?? `${kind}-${counter}`;
  return {
    id,
    versionId: `${id}-v1`,
    version: 1,
    status: "final",
    patientId: "seed-case",
    kind,
    occurredAt,
    datePrecision: occurredAt.length > 10 ? "time" : "day",
    payload,
    recordedAt: "2020-12-01T09:00:00Z",
    recordedBy: "clinician-1",
    recordedRole: "oncologist",
    ...extra,
  } as EventOfKind<K>;
}

const ck = (id: string, date: string, value: number, range = { low: 25, high: 200 }) =>
  ev("lab_result", date, { analyte: "ck", value, unit: "U/L", referenceRange: range }, { id });
const doxorubicin = (cycle: number, date: string, extra: Partial<PayloadOf<"treatment_cycle">> = {}) =>
  ev(
    "treatment_cycle",
    date,
    { regimen: "doxorubicin", lineOfTherapy: 1, cycleNumber: cycle, dose: { value: cycle < 3 ? 75 : 56.25, unit: "mg/m2" }, intent: "palliative", ...extra },
    { id: `dox-${cycle}` },
  );
const prednisolone = (id: string, from: string, to: string | undefined, mg: number) =>
  ev("medication", from, { drug: "prednisolone", role: "immunosuppression", dose: { value: mg, unit: "mg/day" }, route: "oral", tapering: true }, to ? { id, endedAt: to } : { id });

/**
 * The published case (DOMAIN.md) on real dates; day 0 = the biopsy, 6 Jan 2020. One CK result comes
 * before day 0, a repeat CK shares a day with the admission CK, and a mistaken entry is in error.
 */
export function seedCase(): TimelineEvent[] {
  return [
    ck("ck-before", "2019-12-20", 150),
    ev("diagnosis", "2020-01-06", { role: "cancer", name: "Leiomyosarcoma, grade 2" }, { id: "dx-lms" }),
    ev("imaging", "2020-01-08", { modality: "CT", targetSumMm: 120, findings: "Metastases in lung, liver, adrenal" }, { id: "ct-baseline" }),
    ev("procedure", "2020-01-20", { name: "prophylactic femoral stabilisation", site: "left femur" }, { id: "femur" }),
    ev("radiotherapy", "2020-01-27", { site: "left femur", totalDoseGy: 20, fractions: 5 }, { id: "rt", endedAt: "2020-01-31" }),
    ev("skin_assessment", "2020-01-26", { grade: 1, signs: ["photodistributed"] }, { id: "skin-1" }),
    doxorubicin(1, "2020-02-10"),
    doxorubicin(2, "2020-03-02"),
    ev("adverse_event", "2020-03-12", { term: "febrile neutropenia", grade: 3, relatedTo: "doxorubicin" }, { id: "fn" }),
    doxorubicin(3, "2020-03-23", { doseChangePercent: -25, doseChangeReason: "febrile neutropenia" }),
    ev("skin_assessment", "2020-02-28", { grade: 0, signs: [] }, { id: "skin-2" }),
    ev("imaging", "2020-04-01", { modality: "CT", response: "SD", targetSumMm: 112 }, { id: "ct-mid" }),
    doxorubicin(4, "2020-04-13"),
    doxorubicin(5, "2020-05-04"),
    doxorubicin(6, "2020-05-25"),
    ev("imaging", "2020-06-04", { modality: "CT", response: "SD", targetSumMm: 110 }, { id: "ct-end" }),
    ev("admission", "2020-08-03", { reason: "Rash, proximal weakness, fever" }, { id: "admission" }),
    ev("skin_assessment", "2020-08-03", { grade: 4, cdasiActivity: 32, signs: ["shawl-sign", "v-sign", "heliotrope", "gottron-papules"] }, { id: "skin-3" }),
    ev("muscle_assessment", "2020-08-03", { mmt8: { score: 62, scale: 80 }, proximalWeaknessMrc: 3.5 }, { id: "mmt-1" }),
    ck("ck-admission", "2020-08-03", 695),
    ck("ck-repeat", "2020-08-03T18:00", 720),
    ev("lab_result", "2020-08-03", { analyte: "alt", value: 61, unit: "U/L", referenceRange: { low: 10, high: 49 } }, { id: "alt-1" }),
    ev("lab_result", "2020-08-03", { analyte: "crp", value: 4, comparator: "<", unit: "mg/L", referenceRange: { high: 5 } }, { id: "crp-1" }),
    ck("ck-typo", "2020-08-04", 6950, { low: 25, high: 200 }),
    prednisolone("pred-40", "2020-08-04", "2020-08-17", 40),
    prednisolone("pred-30", "2020-08-18", "2020-08-31", 30),
    prednisolone("pred-20", "2020-09-01", "2020-09-14", 20),
    prednisolone("pred-10", "2020-09-15", "2020-10-31", 10),
    ev("medication", "2020-08-04", { drug: "clobetasol", role: "immunosuppression", strength: "0.05%", route: "topical" }, { id: "clobetasol", endedAt: "2020-09-30" }),
    ev("imaging", "2020-08-05", { modality: "MRI", findings: "Oedema of thigh muscles: myositis" }, { id: "mri-thigh" }),
    ev("imaging", "2020-08-18", { modality: "CT", response: "PD", targetSumMm: 150, newLesions: true }, { id: "ct-pd" }),
    ck("ck-2", "2020-08-20", 400),
    ev("skin_assessment", "2020-08-20", { grade: 3, cdasiActivity: 24, signs: ["shawl-sign"] }, { id: "skin-4" }),
    ck("ck-3", "2020-09-15", 180),
    ev("skin_assessment", "2020-09-15", { grade: 2, cdasiActivity: 15, signs: [] }, { id: "skin-5" }),
    ev("treatment_cycle", "2020-09-21", { regimen: "trabectedin", lineOfTherapy: 2, cycleNumber: 1 }, { id: "trab-1" }),
    ev("treatment_cycle", "2020-10-12", { regimen: "trabectedin", lineOfTherapy: 2, cycleNumber: 2 }, { id: "trab-2" }),
    ck("ck-4", "2020-10-12", 90, { low: 30, high: 170 }),
  ].map((e) => (e.id === "ck-typo" ? { ...e, status: "entered_in_error" as const } : e));
}

/**
 * A deterministic pseudo-random patient with `count` events over about ten years, mostly labs. Activity
 * follows slow waves (flares and remissions) with noise, as a real course does, rather than pure noise.
 */
export function generatedPatient(count: number, seed = 42): TimelineEvent[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const start = Date.UTC(2012, 0, 1);
  const dateOf = (i: number) => new Date(start + Math.floor((i / count) * 3650) * 86_400_000).toISOString().slice(0, 10);
  const events: TimelineEvent[] = [ev("diagnosis", "2012-01-01", { role: "cancer", name: "Leiomyosarcoma" }, { id: "gen-dx" })];
  for (let i = 1; i < count; i++) {
    const date = dateOf(i);
    const activity = Math.sin((i / count) * 14); // −1 remission … +1 flare
    const id = `gen-${i}`;
    const r = random();
    if (r < 0.6) {
      events.push(ev("lab_result", date, { analyte: r < 0.45 ? "ck" : "alt", value: Math.round(200 * Math.exp(1.2 * activity + 0.15 * (random() - 0.5))), unit: "U/L", referenceRange: { low: 25, high: 200 } }, { id }));
    } else if (r < 0.8) {
      events.push(ev("skin_assessment", date, { grade: Math.round(2 + 2 * activity), cdasiActivity: Math.max(0, Math.round(16 + 14 * activity + 4 * (random() - 0.5))), signs: [] }, { id }));
    } else if (r < 0.88) {
      events.push(ev("muscle_assessment", date, { mmt8: { score: Math.round(65 - 15 * activity + 2 * random()), scale: 80 } }, { id }));
    } else if (r < 0.93) {
      events.push(ev("medication", date, { drug: "prednisolone", role: "immunosuppression", dose: { value: 5 + Math.floor(random() * 8) * 5, unit: "mg/day" }, route: "oral" }, { id }));
    } else if (r < 0.97) {
      events.push(ev("treatment_cycle", date, { regimen: "doxorubicin", lineOfTherapy: 1 + Math.floor(i / (count / 5)), cycleNumber: 1 + (i % 6) }, { id }));
    } else {
      const responses = ["CR", "PR", "SD", "PD", "NE"] as const;
      events.push(ev("imaging", date, { modality: "CT", response: responses[Math.floor(random() * 5)], targetSumMm: Math.round(random() * 200) }, { id }));
    }
  }
  return events;
}
