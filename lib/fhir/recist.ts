import { recistResponseNames, type EventOfKind, type TimelineEvent } from "@/lib/events";
import { assessCourse, bestResponseByLine, courseScansFromImaging, lineStartsFromCycles, type BestResponse } from "@/lib/recist";
import { FW, system } from "./codes";
import type { BundleEntry, Extension } from "./types";

/**
 * RECIST additions to the export (export only; import ignores them, as the server recomputes them):
 * on each imaging Observation,
 * - `recist-computed-response` (valueCodeableConcept from FW/CodeSystem/recist-response): the response
 *   the server computed from the lesions, beside the recorded one in Observation.value;
 * - `recist-response-disagreement` (valueString): present only when the recorded and computed responses
 *   differ, saying whether a clinician overrode it (with the reason) or an imported report disagrees;
 * - `recist-best-response` (complex: `line` valueInteger, `response` valueCodeableConcept, `confirmed`
 *   valueBoolean, `unconfirmed` valueCode, `rule` valueString) on the scan that gave each line's best
 *   overall response (RECIST 1.1 §4.4.3, with confirmation).
 */
export const recistExtension = {
  computedResponse: `${FW}/StructureDefinition/recist-computed-response`,
  disagreement: `${FW}/StructureDefinition/recist-response-disagreement`,
  bestResponse: `${FW}/StructureDefinition/recist-best-response`,
};

const response = (value: BestResponse["response"]) => ({ coding: [{ system: system.recistResponse, code: value, display: recistResponseNames[value] }] });

function bestResponseExtension(best: BestResponse): Extension {
  return {
    url: recistExtension.bestResponse,
    extension: [
      ...(best.line !== undefined ? [{ url: "line", valueInteger: best.line }] : []),
      { url: "response", valueCodeableConcept: response(best.response) },
      { url: "confirmed", valueBoolean: best.confirmed },
      ...(best.unconfirmed ? [{ url: "unconfirmed", valueCode: best.unconfirmed }] : []),
      { url: "rule", valueString: best.rule },
    ],
  } as Extension;
}

/** Adds the RECIST extensions to the imaging Observations of an export's entries (by event fullUrl). */
export function withRecistExtensions(entries: BundleEntry[], events: readonly TimelineEvent[], fullUrlOf: (event: TimelineEvent) => string): BundleEntry[] {
  const imaging = events.filter((e): e is EventOfKind<"imaging"> => e.kind === "imaging");
  if (imaging.length === 0) return entries;
  const cycles = events.filter((e): e is EventOfKind<"treatment_cycle"> => e.kind === "treatment_cycle");
  const lines = lineStartsFromCycles(cycles);
  const best = bestResponseByLine(assessCourse(courseScansFromImaging(imaging), lines), lines);
  const byUrl = new Map(entries.map((entry) => [entry.fullUrl, entry]));
  for (const event of imaging) {
    const resource = byUrl.get(fullUrlOf(event))?.resource as { extension?: Extension[] } | undefined;
    if (!resource) continue;
    const p = event.payload;
    const added: Extension[] = [];
    if (p.computedResponse) added.push({ url: recistExtension.computedResponse, valueCodeableConcept: response(p.computedResponse) } as Extension);
    if (p.computedResponse && p.response && p.computedResponse !== p.response) {
      const text = p.responseOverrideReason
        ? `Recorded ${p.response}, overriding the computed ${p.computedResponse}: ${p.responseOverrideReason}`
        : `Reported ${p.response}; the lesions give ${p.computedResponse}`;
      added.push({ url: recistExtension.disagreement, valueString: text } as Extension);
    }
    for (const line of best.filter((b) => b.eventId === event.id)) added.push(bestResponseExtension(line));
    if (added.length > 0) resource.extension = [...(resource.extension ?? []), ...added];
  }
  return entries;
}
