export { FW, system as fhirSystems, extension as fhirExtensions } from "./codes";
export { toFhirDateTime, fromFhirDateTime, assertTimeZone } from "./datetime";
export { courseBundle, eventFullUrl, eventResource, patientResource, identifierOf, patientFullUrl, type ExportOptions } from "./export";
export {
  BundleReader,
  readBundle,
  type BundleReadResult,
  type IgnoredResource,
  type ImportPlan,
  type ImportProblem,
  type PlannedEvent,
  type ReadOptions,
  type ResourceRef,
} from "./bundle";
export type { Bundle, BundleEntry, Resource } from "./types";
export { BundleJsonSplitter, BodyTooLargeError, MalformedJsonError, readBundleStream } from "./stream";
export { alertFlag, alertFlagEntries, flagStatus, type FlagAlert } from "./flags";
export { capabilityStatement, everythingPage, searchsetBundle, type PageRequest } from "./search";
export { narrative } from "./export";
