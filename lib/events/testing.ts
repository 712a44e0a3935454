import { precisionOf, type ClinicalDate } from "./dates";
import type { EventInput, EventOfKind, EventStatus, TimelineEvent } from "./event";
import type { EventKind, PayloadOf } from "./kinds";

/**
 * Test data only (never imported by the app): one typed builder per event kind, each returning a valid
 * event input with sensible defaults (the seed case's flare day and values), any payload field or date
 * overridden by name:
 *
 *   lab({ analyte: "alt", value: 61, unit: "U/L" })   skin({ occurredAt: "2020-08-03", grade: 3 })
 *
 * `stored(input)` turns an input into an event as the services return it (version 1, final), for the
 * pure core's tests; `stored(input, { id: "ct-1", status: "entered_in_error" })` sets the envelope.
 */

/** The seed case's flare admission (DOMAIN.md), the day a builder dates its event unless told. */
export const TEST_DAY = "2020-08-03";

export type InputOf<K extends EventKind> = Extract<EventInput, { kind: K }>;

/** A builder's argument: any payload field, and the dates. */
export type Fields<K extends EventKind> = Partial<PayloadOf<K>> & { occurredAt?: ClinicalDate; endedAt?: ClinicalDate };

/** The input of kind `kind` on `occurredAt` (and to `endedAt`, when given). */
export function input<K extends EventKind>(kind: K, occurredAt: ClinicalDate, payload: PayloadOf<K>, endedAt?: ClinicalDate): InputOf<K> {
  return { kind, occurredAt, ...(endedAt !== undefined ? { endedAt } : {}), payload } as InputOf<K>;
}

function builder<K extends EventKind>(kind: K, defaults: PayloadOf<K>) {
  return (fields: Fields<K> = {}): InputOf<K> => {
    const { occurredAt = TEST_DAY, endedAt, ...payload } = fields;
    return input(kind, occurredAt, { ...defaults, ...payload } as PayloadOf<K>, endedAt);
  };
}

/** A lab result: CK 695 U/L, range 25–200 (the seed case's admission CK) unless told. */
export const lab = builder("lab_result", { analyte: "ck", value: 695, unit: "U/L", referenceRange: { low: 25, high: 200 } });
/** A skin assessment: grade 1, no signs. */
export const skin = builder("skin_assessment", { grade: 1, signs: [] });
/** A muscle assessment: proximal strength MRC 4 (a muscle assessment records at least one finding). */
export const muscle = builder("muscle_assessment", { proximalWeaknessMrc: 4 });
/** An imaging study: a CT, nothing else said. */
export const imaging = builder("imaging", { modality: "CT" });
/** A treatment cycle: doxorubicin, line 1, cycle 1. */
export const cycle = builder("treatment_cycle", { regimen: "doxorubicin", lineOfTherapy: 1, cycleNumber: 1 });
/** A medication: oral prednisolone as immunosuppression, no dose. */
export const medication = builder("medication", { drug: "prednisolone", role: "immunosuppression", route: "oral" });
/** A diagnosis: the seed case's cancer. */
export const diagnosis = builder("diagnosis", { role: "cancer", name: "Leiomyosarcoma, grade 2" });
/** An antibody result: anti-TIF1γ positive. */
export const antibody = builder("antibody_result", { antibody: "tif1-gamma", result: "positive" });
/** An adverse event: febrile neutropenia, CTCAE grade 3. */
export const adverse = builder("adverse_event", { term: "Febrile neutropenia", grade: 3 });
/** An admission. */
export const admission = builder("admission", { reason: "Rash and proximal weakness" });
/** A procedure: a core biopsy. */
export const procedure = builder("procedure", { name: "Core biopsy" });
/** A course of radiotherapy to the left femur. */
export const radiotherapy = builder("radiotherapy", { site: "left femur" });
/** A free-text note. */
export const note = builder("note", { text: "Seen in clinic" });

/** The envelope of a stored event, for `stored`. */
export type Envelope = Partial<Pick<TimelineEvent, "id" | "versionId" | "version" | "statusReason" | "patientId" | "recordedAt" | "recordedBy" | "recordedRole">> & {
  status?: EventStatus;
};

let sequence = 0;

/** The event an input becomes once stored: version 1, final, ids from a counter unless `envelope` says. */
export function stored<K extends EventKind>(event: InputOf<K>, envelope: Envelope = {}): EventOfKind<K> {
  sequence += 1;
  const id = envelope.id ?? `${event.kind}-${sequence}`;
  return {
    id,
    versionId: `${id}@1`,
    version: 1,
    status: "final",
    patientId: "p1",
    kind: event.kind,
    occurredAt: event.occurredAt,
    ...(event.endedAt !== undefined ? { endedAt: event.endedAt } : {}),
    datePrecision: precisionOf(event.occurredAt),
    payload: event.payload,
    recordedAt: "2024-05-01T09:00:00.000Z",
    recordedBy: "Dr Test",
    recordedRole: "oncologist",
    ...envelope,
  } as EventOfKind<K>;
}
