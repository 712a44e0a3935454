import { addDays, type ClinicalDate, type EventKind, type EventOfKind, type PayloadOf, type TimelineEvent } from "@/lib/events";
import { input, stored } from "@/lib/events/testing";

/**
 * Builders for the alert tests: events dated by day number from day 0 = 2020-01-06 (the seed case's
 * biopsy), with readable ids. Not used by the app.
 */
export const DAY_0 = "2020-01-06";

/** The clinical date of day `n` (optionally at a time of day, "HH:MM"). */
export function day(n: number, time?: string): ClinicalDate {
  const date = addDays(DAY_0, n);
  return time ? `${date}T${time}` : date;
}

export function event<K extends EventKind>(id: string, kind: K, occurredAt: ClinicalDate, payload: PayloadOf<K>, extra: Partial<TimelineEvent> = {}): EventOfKind<K> {
  // Recorded long after and in no particular order (lib/events/testing.ts's envelope): the engine must never read it.
  return { ...stored(input(kind, occurredAt, payload), { id, recordedRole: "clinician" }), ...extra } as EventOfKind<K>;
}

export const skin = (id: string, on: number, grade: number, more: Partial<PayloadOf<"skin_assessment">> = {}) =>
  event(id, "skin_assessment", day(on), { grade, signs: [], ...more });

export const cdasi = (id: string, on: number, activity: number, grade = 1) => skin(id, on, grade, { cdasiActivity: activity });

/** A CK result in U/L with the seed case's range 25–200, another upper limit, or none (null). */
export const ck = (id: string, on: number, value: number, high: number | null = 200) =>
  event(id, "lab_result", day(on), { analyte: "ck", value, unit: "U/L", referenceRange: high === null ? { low: 25 } : { low: 25, high } });

export const muscle = (id: string, on: number, payload: PayloadOf<"muscle_assessment">) => event(id, "muscle_assessment", day(on), payload);

export const mmt8 = (id: string, on: number, score: number, scale: 80 | 150 = 80) => muscle(id, on, { mmt8: { score, scale } });

export const mrc = (id: string, on: number, grade: number) => muscle(id, on, { proximalWeaknessMrc: grade });

export const scan = (id: string, on: number, response?: PayloadOf<"imaging">["response"], modality: PayloadOf<"imaging">["modality"] = "CT") =>
  event(id, "imaging", day(on), response === undefined ? { modality } : { modality, response });

/** A baseline staging study: it answers, though it has no response. */
export const baselineScan = (id: string, on: number, modality: PayloadOf<"imaging">["modality"] = "CT") => event(id, "imaging", day(on), { modality, baseline: true });

export const dmDiagnosis = (id = "dx-dm", on = 0) => event(id, "diagnosis", day(on), { role: "dermatomyositis", name: "Dermatomyositis" });

export const medication = (id: string, on: number, drug: string, dose?: number, more: Partial<PayloadOf<"medication">> = {}) =>
  event(id, "medication", day(on), { drug, role: drug.includes("statin") ? "supportive" : "immunosuppression", route: "oral", ...(dose !== undefined && { dose: { value: dose, unit: "mg/day" } }), ...more });

export const adverse = (id: string, on: number, term: string, grade: number) => event(id, "adverse_event", day(on), { term, grade });

export const troponin = (id: string, on: number, value: number, high = 14) =>
  event(id, "lab_result", day(on), { analyte: "troponin-t", value, unit: "ng/L", referenceRange: { low: 0, high } });

export const cancer = (id = "dx-cancer", on = 0) => event(id, "diagnosis", day(on), { role: "cancer", name: "Leiomyosarcoma, grade 2" });

export const cycle = (id: string, on: number, cycleNumber: number, regimen: string = "doxorubicin") =>
  event(id, "treatment_cycle", day(on), { regimen, lineOfTherapy: 1, cycleNumber, dose: { value: 75, unit: "mg/m2" } });

export const antibody = (id: string, on: number, name: PayloadOf<"antibody_result">["antibody"], result: PayloadOf<"antibody_result">["result"]) =>
  event(id, "antibody_result", day(on), { antibody: name, result });

export function enteredInError<E extends TimelineEvent>(original: E): E {
  return { ...original, versionId: `${original.id}@2`, version: original.version + 1, status: "entered_in_error", statusReason: "wrong patient" };
}

/**
 * The seed case (DOMAIN.md "The seed case as a timeline") up to the flare, without the CT that showed
 * progression: leiomyosarcoma, baseline CT, a mild rash at diagnosis, six cycles of doxorubicin, SD at
 * mid-treatment and at the end, then two months later the flare with TIF1γ antibodies.
 */
export function seedCaseBeforeProgression(): TimelineEvent[] {
  return [
    cancer("dx-lms", 0),
    event("biopsy", "procedure", day(0), { name: "Core biopsy", site: "left supraclavicular mass" }),
    baselineScan("ct-baseline", 7),
    baselineScan("pet-baseline", 7, "PET-CT"),
    event("femur-fixation", "procedure", day(14), { name: "Prophylactic femoral stabilisation", site: "left femur" }),
    event("femur-rt", "radiotherapy", day(17), { site: "left femur", totalDoseGy: 20, fractions: 5, intent: "prophylactic" }, { endedAt: day(21) }),
    skin("skin-d20", 20, 1, { signs: ["photodistributed"] }),
    event("hydrocortisone", "medication", day(20), { drug: "hydrocortisone 1%", role: "supportive", route: "topical" }),
    ...[35, 56, 77, 98, 119, 140].map((on, i) => cycle(`dox-c${i + 1}`, on, i + 1)),
    event("fn", "adverse_event", day(66), { term: "Febrile neutropenia", grade: 3, relatedTo: "doxorubicin" }),
    skin("skin-d49", 49, 0),
    scan("ct-mid", 95, "SD"),
    skin("skin-d140", 140, 0),
    scan("ct-end", 150, "SD"),
    event("admission", "admission", day(209), { reason: "Rash, periorbital oedema, proximal weakness and fever" }, { endedAt: day(228) }),
    skin("skin-d210", 210, 3, {
      signs: ["shawl-sign", "v-sign", "flagellate-erythema", "periorbital-oedema", "heliotrope", "gottron-papules", "periungual-erythema"],
    }),
    ck("ck-d210", 210, 695),
    event("alt-d210", "lab_result", day(210), { analyte: "alt", value: 61, unit: "U/L", referenceRange: { low: 10, high: 49 } }),
    muscle("mrc-d210", 210, { proximalWeaknessMrc: 3.5, dysphagia: false }),
    antibody("tif1-d211", 211, "tif1-gamma", "positive"),
    antibody("jo1-d211", 211, "jo-1", "negative"),
    antibody("mi2-d211", 211, "mi-2", "negative"),
    scan("mri-thighs", 212, undefined, "MRI"),
    event("pred", "medication", day(213), { drug: "prednisolone", role: "immunosuppression", dose: { value: 40, unit: "mg/day" }, route: "oral", tapering: true }),
  ];
}

export const progressionCt = () => scan("ct-pd", 225, "PD");

/** A deterministic shuffle (mulberry32), so a failing order can be replayed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
