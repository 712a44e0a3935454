/**
 * One view per lane of the course chart, file for file with the core's lanes (lib/timeline/lanes/):
 * tumour, treatment, alerts; skin, muscle and immunosuppression share the series view (series.tsx), the
 * immunosuppression lane adding its other medications as spans (immunosuppression.tsx).
 */
export { TumourLaneView } from "./tumour";
export { TreatmentLaneView, lineLabelPlace } from "./treatment";
export { SeriesLaneView } from "./series";
export { AlertsLaneView } from "./alerts";
