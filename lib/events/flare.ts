import { z } from "zod";
import { clinicalDate } from "./dates";
import type { EventInput } from "./event";
import { labResult, skinAssessment } from "./kinds";

/**
 * The quick "log flare" form: a skin assessment and, when it was measured, a CK, on one date. It is
 * built from the kinds' own schemas, so a flare is checked exactly as the two events it records.
 */
export const flareLog = z.object({
  occurredAt: clinicalDate,
  skin: skinAssessment,
  ck: labResult.optional(),
});
export type FlareLog = z.infer<typeof flareLog>;

/** The events a flare log records, skin first. */
export function flareLogEvents(flare: FlareLog): EventInput[] {
  const skin: EventInput = { kind: "skin_assessment", occurredAt: flare.occurredAt, payload: flare.skin };
  return flare.ck ? [skin, { kind: "lab_result", occurredAt: flare.occurredAt, payload: flare.ck }] : [skin];
}
