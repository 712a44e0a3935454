export { currentEvents, byClinicalOrder } from "./events";
export {
  skinGradeSeries,
  cdasiActivitySeries,
  mmt8Series,
  proximalWeaknessSeries,
  type ActivityPoint,
  type SkinGradePoint,
  type Mmt8Point,
} from "./scores";
export { labSeries, labSeriesByAnalyte, analytesPresent, formatReferenceRange, formatLabValue, type LabPoint, type Comparator } from "./labs";
export { activitySeries, type ActivitySeries } from "./series";
