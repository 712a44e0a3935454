import { z } from "zod";
import { clinicalDate, compareClinicalDates, type ClinicalDate, type DatePrecision } from "./dates";
import { eventKinds, payloadSchemas, type EventKind, type PayloadOf } from "./kinds";

function envelope<K extends EventKind>(kind: K) {
  return z.object({
    kind: z.literal(kind),
    occurredAt: clinicalDate,
    /** For spans: last day of a radiotherapy course, a medication, an admission. */
    endedAt: clinicalDate.optional(),
    payload: payloadSchemas[kind],
  });
}

/**
 * The thirteen kinds spelled out, one envelope each, so `z.infer` gives the discriminated union itself
 * (kind ↔ payload) and no caller casts. A kind added to payloadSchemas and not here fails to compile
 * (everyKindHasAnEnvelope below).
 */
const byKind = [
  envelope("treatment_cycle"),
  envelope("procedure"),
  envelope("radiotherapy"),
  envelope("imaging"),
  envelope("skin_assessment"),
  envelope("muscle_assessment"),
  envelope("lab_result"),
  envelope("medication"),
  envelope("diagnosis"),
  envelope("antibody_result"),
  envelope("adverse_event"),
  envelope("admission"),
  envelope("note"),
] as const;

/** What a client sends to record (or amend) an event. */
export const eventInput = z
  .discriminatedUnion("kind", byKind, { error: `Choose the kind of event: one of ${eventKinds.join(", ")}` })
  .superRefine((event, ctx) => {
    if (event.endedAt !== undefined && compareClinicalDates(event.endedAt, event.occurredAt) < 0) {
      ctx.addIssue({ code: "custom", path: ["endedAt"], message: "The end date cannot be before the start date" });
    }
  });

export type EventInput = z.infer<typeof eventInput>;

type Holds<T extends true> = T;
/** Compiles only while every kind of payloadSchemas has its envelope in byKind. */
export type EveryKindHasAnEnvelope = Holds<[Exclude<EventKind, EventInput["kind"]>] extends [never] ? true : false>;

export const eventStatuses = ["final", "amended", "entered_in_error"] as const;
export type EventStatus = (typeof eventStatuses)[number];

export interface Recorder {
  id: string;
  name: string;
  role: string;
}

/** A stored event version as the rest of the app sees it (never a Prisma type). */
export type TimelineEvent = {
  [K in EventKind]: {
    /** The logical event's id, stable across versions. */
    id: string;
    /** This version's own id. */
    versionId: string;
    version: number;
    status: EventStatus;
    statusReason?: string;
    patientId: string;
    kind: K;
    occurredAt: ClinicalDate;
    endedAt?: ClinicalDate;
    datePrecision: DatePrecision;
    payload: PayloadOf<K>;
    recordedAt: string;
    recordedBy: string;
    recordedRole: string;
  };
}[EventKind];

export type EventOfKind<K extends EventKind> = Extract<TimelineEvent, { kind: K }>;

export function isKind<K extends EventKind>(kind: K) {
  return (event: TimelineEvent): event is EventOfKind<K> => event.kind === kind;
}

export const timelineQuery = z.object({
  kinds: z.array(z.enum(eventKinds, { error: "Unknown event kind" })).optional(),
  from: clinicalDate.optional(),
  to: clinicalDate.optional(),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;

/** Why a version was written over the previous one: shown with that version in the event's history. */
export const changeReason = z
  .string({ error: "Give the reason" })
  .trim()
  .min(3, { error: "Give the reason (at least 3 characters)" })
  .max(500, { error: "Keep the reason under 500 characters" });

export const amendmentInput = z.object({
  /** The version the clinician was looking at; a newer one means someone else changed it meanwhile. */
  expectedVersion: z.number({ error: "Say which version you are amending" }).int().min(1),
  event: eventInput,
  /** Optional for API clients; the amend form asks for it. */
  reason: changeReason.optional(),
});

export const enteredInErrorInput = z.object({
  expectedVersion: z.number({ error: "Say which version you are marking" }).int().min(1),
  reason: changeReason,
});
