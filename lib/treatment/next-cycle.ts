import { compareClinicalDates, type EventOfKind, type PayloadOf } from "@/lib/events";

type Cycle = EventOfKind<"treatment_cycle">;

/** What the treatment-cycle form proposes, and the cycle it is proposed from. */
export interface CycleProposal {
  regimen: string;
  lineOfTherapy: number;
  cycleNumber: number;
  dose?: PayloadOf<"treatment_cycle">["dose"];
  intent?: PayloadOf<"treatment_cycle">["intent"];
  basedOn: Cycle;
}

/**
 * The next cycle of the current line: the patient's latest cycle, same regimen and line, cycle + 1,
 * at the dose last given (a reduced dose stays reduced; the reduction itself is not repeated).
 * A new regimen after progression is a new line, which only the clinician can decide.
 */
export function proposeNextCycle(cycles: readonly Cycle[]): CycleProposal | undefined {
  const latest = cycles
    .filter((cycle) => cycle.status !== "entered_in_error")
    .toSorted(
      (a, b) =>
        compareClinicalDates(a.occurredAt, b.occurredAt) ||
        a.payload.lineOfTherapy - b.payload.lineOfTherapy ||
        a.payload.cycleNumber - b.payload.cycleNumber,
    )
    .at(-1);
  if (!latest) return undefined;
  const { regimen, lineOfTherapy, cycleNumber, dose, intent } = latest.payload;
  return { regimen, lineOfTherapy, cycleNumber: cycleNumber + 1, dose, intent, basedOn: latest };
}
