import {
  analyteCodes,
  isKind,
  timesUpperLimit,
  unitLabel,
  type AnalyteCode,
  type EventOfKind,
  type ReferenceRange,
  type TimelineEvent,
} from "@/lib/events";
import { currentEvents } from "./events";
import type { ActivityPoint } from "./scores";

export type Comparator = "<" | "<=" | ">" | ">=";

/** A lab result as the lab printed it, plus ×ULN against that result's own range. */
export interface LabPoint extends ActivityPoint {
  analyte: AnalyteCode;
  /** UCUM unit as recorded ("10*9/L"); `unitLabel` turns it into what people read. */
  unit: string;
  comparator?: Comparator;
  referenceRange?: ReferenceRange;
  /** The printed range with its unit, e.g. "25–200 U/L"; absent when the lab printed none. */
  rangeText?: string;
  /** value ÷ this result's own upper limit; absent when no upper limit was printed. */
  timesUln?: number;
}

const COMPARATOR_TEXT: Record<Comparator, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥" };

/** "25–200 U/L", "< 5 mg/L" (upper limit only), "> 4 ×10⁹/L" (lower limit only). */
export function formatReferenceRange(range: ReferenceRange | undefined, unit: string): string | undefined {
  if (!range) return undefined;
  const u = unitLabel(unit);
  if (range.low !== undefined && range.high !== undefined) return `${range.low}–${range.high} ${u}`;
  if (range.high !== undefined) return `< ${range.high} ${u}`;
  if (range.low !== undefined) return `> ${range.low} ${u}`;
  return undefined;
}

/** "695 U/L", "< 4 mg/L": the true value as recorded, never rounded. */
export function formatLabValue(point: Pick<LabPoint, "value" | "unit" | "comparator">): string {
  const prefix = point.comparator ? `${COMPARATOR_TEXT[point.comparator]} ` : "";
  return `${prefix}${point.value} ${unitLabel(point.unit)}`;
}

/**
 * Every result of every analyte, grouped by analyte in clinical order. Several results on one day are
 * all kept (ordered by time, then id): a repeat CK the same afternoon is clinical information.
 */
export function labSeriesByAnalyte(events: readonly TimelineEvent[]): Partial<Record<AnalyteCode, LabPoint[]>> {
  return labsFrom(currentEvents(events).filter(isKind("lab_result")));
}

/** Lab results already reduced to current versions, in clinical order. */
export function labsFrom(results: EventOfKind<"lab_result">[]): Partial<Record<AnalyteCode, LabPoint[]>> {
  const byAnalyte: Partial<Record<AnalyteCode, LabPoint[]>> = {};
  for (const e of results) {
    const { analyte, value, unit, comparator, referenceRange } = e.payload;
    const point: LabPoint = { eventId: e.id, date: e.occurredAt, value, analyte, unit };
    if (comparator) point.comparator = comparator;
    if (referenceRange) {
      point.referenceRange = { ...referenceRange };
      const text = formatReferenceRange(referenceRange, unit);
      if (text) point.rangeText = text;
      const uln = timesUpperLimit(value, referenceRange);
      if (uln !== undefined) point.timesUln = uln;
    }
    (byAnalyte[analyte] ??= []).push(point);
  }
  return byAnalyte;
}

export function labSeries(events: readonly TimelineEvent[], analyte: AnalyteCode): LabPoint[] {
  return labSeriesByAnalyte(events)[analyte] ?? [];
}

/** Analytes present, in the order of the analyte table (CK first). */
export function analytesPresent(series: Partial<Record<AnalyteCode, LabPoint[]>>): AnalyteCode[] {
  return analyteCodes.filter((code) => (series[code]?.length ?? 0) > 0);
}
