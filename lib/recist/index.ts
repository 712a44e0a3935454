export { assessResponse, type ResponseAssessment, type ResponseAssessmentInput } from "./assess";
export { formCourse, responseOverrideProblem, targetLesionsToRemeasure, type FormCourse } from "./follow-up";
export { baselineAndNadir, priorAssessmentsFromImaging, type BaselineAndNadir, type PriorAssessment } from "./baseline";
export {
  isMeasurableAtBaseline,
  organForTargetLimit,
  recistThresholds,
  targetLesionProblems,
  targetLesionSum,
  type LesionProblem,
  type TargetLesion,
} from "./lesions";
export {
  explainOverallResponse,
  explainTargetResponse,
  overallResponse,
  targetResponse,
  type ExplainedResponse,
  type NonTargetResponse,
  type OverallResponseInput,
  type TargetResponseInput,
} from "./response";
export { assessTimePoint, nonTargetResponseOf, type TimePointAssessment, type TimePointInput, type TimePointReference } from "./timepoint";
export {
  assessCourse,
  courseScansFromImaging,
  defaultRecistSettings,
  effectiveResponse,
  isMeasured,
  lineStartsFromCycles,
  scanSumMm,
  type CourseScan,
  type ImagingPayload,
  type LineStart,
  type RecistSettings,
  type ScanInCourse,
  type ScanRole,
} from "./course";
export { bestResponseByLine, formatBestResponse, type BestResponse } from "./best-response";
export { recistFieldChanges, recistFieldsOf, serverOwnedImagingFields, shownSumMm, vouchForImaging, withoutServerFields, type VouchedWrite } from "./vouch";
export { matchToBaseline, identifyBaselineLesions, describeMatch, type LesionMatch, type LesionMatching } from "./identity";
export { organCodeOf, organKey, organLabel } from "./organs";
