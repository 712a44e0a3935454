export { buildTimeline, laneOf } from "./build";
export { readoutAt, carriedTumourStatus, type CarriedTumourStatus, type Readout, type ReadoutLane, type ReadoutSeries, type ReadoutValue } from "./readout";
export { windowFor, windowPresets, type WindowPreset } from "./presets";
export { downsample, DEFAULT_MAX_POINTS, type XY } from "./downsample";
export { dayNumber, calendarDayOf, formatDayNumber, relativeDay, formatRelativeDay } from "./axis";
export { responseLegend } from "./lanes/tumour";
export { LOG_FLOOR, formatTimesUln } from "./lanes/muscle";
export { CDASI_MILD_LIMIT } from "./lanes/skin";
export { withReference } from "./reference";
export { describeReadout, readoutValueText, type ReadoutItem, type ReadoutLaneText, type ReadoutText } from "./readout-text";
export {
  MIN_WINDOW_DAYS,
  adjacentEventDay,
  brushWindow,
  clampWindow,
  eventDays,
  nearestEventDay,
  padWindow,
  pointsInWindow,
  stepLine,
  windowShowing,
  zoomWindow,
  type TimeWindow,
} from "./viewport";
export { calendarTicks, formatTick, formatUlnTick, logDomain, logTicks, niceCeiling, relativeTicks, type Tick } from "./ticks";
export type * from "./types";
export { mdtSummary, mdtWindow, alertsForPack, currentTreatmentLine, lastTumourImaging, labSummaries, immunosuppressionOn, formatTrend, formatLabResult, type MdtSummary, type Trend, type LabSummary, type TreatmentLineSummary, type ImagingSummary, type MedicationSummary } from "./summary";
export { DETAIL_LANES, DETAIL_MAX_DAYS, coversRange, detailRange, thinnedSeries, withWindowDetail, type DetailRange } from "./window-detail";
export { packModel, unpackModel, type PackedModel } from "./transport";
