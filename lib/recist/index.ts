export { assessResponse, type ResponseAssessment, type ResponseAssessmentInput } from "./assess";
export { responseOverrideProblem, targetLesionsToRemeasure } from "./follow-up";
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
