import type { Bundle as R4Bundle, BundleEntry } from "@medplum/fhirtypes";

/**
 * FHIR R4 types: @medplum/fhirtypes (types only, nothing at run time), so the exporter is checked
 * against the whole R4 model. Imported resources are read as unknown JSON and checked field by field
 * (read.ts).
 */
export type {
  Annotation,
  BundleEntry,
  CodeableConcept,
  Coding,
  Extension,
  Identifier,
  Narrative,
  Period,
  Quantity,
  Reference,
  Resource,
} from "@medplum/fhirtypes";

/** The bundles Flarewatch writes: a collection (an export) or a transaction, always with its entries. */
export type Bundle = R4Bundle & { type: "collection" | "transaction" | "searchset"; entry: BundleEntry[] };
