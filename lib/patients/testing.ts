import fc from "fast-check";
import { systemActor } from "@/lib/auth";
import { addDays, type EventInput, type TimelineEvent } from "@/lib/events";
import { lab } from "@/lib/events/testing";
import { acknowledgeAlert, dismissAlert } from "./alert-lifecycle";
import { listAlerts } from "./inbox";
import type { ServiceContext } from "./context";
import { amendEvent, markEnteredInError, recordEvent, recordEvents } from "./events";
import type { Result } from "./result";

/** For service tests: the value of a successful result, or a failure that says what came back instead. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Every stored event version, to show that a refused write left nothing behind. */
export async function eventCount(ctx: ServiceContext): Promise<number> {
  const [row] = await ctx.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Event"`);
  return Number(row.n);
}

/** The actor of service tests that are not about access: a system task, which sees every patient. */
export const testActor = systemActor("vitest");

/**
 * A step of a random write sequence, for the tests that compare what a write maintains (the worklist
 * summary, the chart overview, the alerts) with what is computed from the whole record: record one event
 * or a batch, amend one (moving its date, or turning a CK into a CRP result), enter one in error, or
 * dismiss or acknowledge an active alert. `pick` chooses among the events (or alerts) there are then.
 */
export type WriteStep =
  | { op: "record"; input: EventInput }
  | { op: "batch"; inputs: EventInput[] }
  | { op: "amend"; pick: number; shift: number }
  | { op: "amend-analyte"; pick: number }
  | { op: "error"; pick: number }
  | { op: "dismiss"; pick: number }
  | { op: "acknowledge"; pick: number };

export interface WriteStepMix {
  /** How often each step comes (relative weights; a step left out never comes). */
  weights: Partial<Record<"record" | "batch" | "amend" | "error" | "dismiss" | "acknowledge", number>>;
  /** The most events in a batch (at least 2). */
  batchMax: number;
  /** The most days an amendment moves an event, either way. */
  maxShift: number;
}

/** Random write steps recording events from `inputs`, in the proportions of `mix`. */
export function writeSteps(inputs: fc.Arbitrary<EventInput>, mix: WriteStepMix): fc.Arbitrary<WriteStep> {
  const steps: Record<keyof WriteStepMix["weights"], fc.Arbitrary<WriteStep>> = {
    record: inputs.map((input) => ({ op: "record" as const, input })),
    batch: fc.array(inputs, { minLength: 2, maxLength: mix.batchMax }).map((batch) => ({ op: "batch" as const, inputs: batch })),
    amend: fc.record({ pick: fc.nat(), shift: fc.integer({ min: -mix.maxShift, max: mix.maxShift }) }).map((s) => ({ op: "amend" as const, ...s })),
    error: fc.nat().map((pick) => ({ op: "error" as const, pick })),
    dismiss: fc.nat().map((pick) => ({ op: "dismiss" as const, pick })),
    acknowledge: fc.nat().map((pick) => ({ op: "acknowledge" as const, pick })),
  };
  const weighted = (Object.keys(steps) as (keyof typeof steps)[]).flatMap((op) => {
    const weight = mix.weights[op] ?? 0;
    return weight > 0 ? [{ weight, arbitrary: steps[op] }] : [];
  });
  return fc.oneof(...weighted);
}

// Random writes repeat a measurement on a day: the clinician's "save anyway", as the form offers.
const anyway = { confirm: ["duplicate", "implausible"] as const };

/**
 * Makes the step's write through the services, keeping `events` (the patient's current events, in the
 * order written) up to date. A step that has nothing to act on (no events, no active alert) does nothing.
 */
export async function applyWriteStep(ctx: ServiceContext, patientId: string, events: TimelineEvent[], step: WriteStep): Promise<void> {
  switch (step.op) {
    case "record":
      events.push(value(await recordEvent(ctx, patientId, step.input, anyway)));
      return;
    case "batch":
      events.push(...value(await recordEvents(ctx, patientId, step.inputs, anyway)));
      return;
    case "amend": {
      if (events.length === 0) return;
      const target = events[step.pick % events.length];
      const moved = { kind: target.kind, occurredAt: addDays(target.occurredAt, step.shift), payload: target.payload } as EventInput;
      events[events.indexOf(target)] = value(await amendEvent(ctx, target.id, { expectedVersion: target.version, event: moved, reason: "date corrected" }));
      return;
    }
    case "amend-analyte": {
      if (events.length === 0) return;
      const target = events[step.pick % events.length];
      const crp = lab({ occurredAt: target.occurredAt, analyte: "crp", value: 12, unit: "mg/L", referenceRange: { high: 5 } });
      events[events.indexOf(target)] = value(await amendEvent(ctx, target.id, { expectedVersion: target.version, event: crp, reason: "wrong analyte" }));
      return;
    }
    case "error": {
      if (events.length === 0) return;
      const target = events[step.pick % events.length];
      value(await markEnteredInError(ctx, target.id, { expectedVersion: target.version, reason: "wrong patient" }));
      events.splice(events.indexOf(target), 1);
      return;
    }
    case "dismiss":
    case "acknowledge": {
      const active = value(await listAlerts(ctx, { patientId, status: "active" }));
      if (active.length === 0) return;
      const alert = active[step.pick % active.length];
      if (step.op === "dismiss") value(await dismissAlert(ctx, alert.id, { reason: "explained by taper" }));
      else if (alert.status === "open") value(await acknowledgeAlert(ctx, alert.id, { note: "CT booked" }));
    }
  }
}
