import { formatClinicalDate, type ClinicalDate } from "@/lib/events";
import { dayNumber } from "./axis";
import { downsample } from "./downsample";
import type { NumericSeries, SeriesPoint, TableModel } from "./types";

export type SeriesShape = Omit<NumericSeries, "points" | "counts">;

/** A point with the date fields filled in; optional fields are only set when present (plain JSON). */
export function point(
  fields: { date: ClinicalDate; value: number; unit: string; eventId: string; label: string; y?: number; x?: number },
  optional: { range?: string; timesUln?: number; detail?: string } = {},
): SeriesPoint {
  const p: SeriesPoint = {
    x: fields.x ?? dayNumber(fields.date),
    y: fields.y ?? fields.value,
    value: fields.value,
    unit: fields.unit,
    eventId: fields.eventId,
    date: fields.date,
    dateLabel: formatClinicalDate(fields.date),
    label: fields.label,
  };
  if (optional.range !== undefined) p.range = optional.range;
  if (optional.timesUln !== undefined) p.timesUln = optional.timesUln;
  if (optional.detail !== undefined && optional.detail !== "") p.detail = optional.detail;
  return p;
}

/** How a series places its items (x, y) and, for the items shown, the point read out. */
export interface Placement<T> {
  x: (item: T) => number;
  y: (item: T) => number;
  point: (item: T, x: number, y: number) => SeriesPoint;
}

/**
 * A series as drawn: downsampled to `maxPoints` (with `thresholds` crossings kept) unless `keepAll`,
 * which imaging- and treatment-related series use because every one of their points is a clinical act.
 * Items are placed first and only the points shown are formatted, which keeps a 20 000-result series cheap.
 */
export function series<T>(
  shape: SeriesShape,
  items: readonly T[],
  place: Placement<T>,
  how: { maxPoints: number; thresholds?: number[]; keepAll?: boolean },
): NumericSeries {
  const placed = items.map((item) => ({ x: place.x(item), y: place.y(item), item }));
  const shown = how.keepAll ? placed : downsample(placed, how.maxPoints, undefined, how.thresholds ?? []);
  return { ...shape, points: shown.map((p) => place.point(p.item, p.x, p.y)), counts: { total: items.length, shown: shown.length } };
}

/** For points already built (imaging, doses): drawn where they are. */
export const asBuilt: Placement<SeriesPoint> = { x: (p) => p.x, y: (p) => p.y, point: (p) => p };

/** The usual placement: at the item's date, y = its value. */
export function atValue<T extends { date: ClinicalDate; value: number }>(point: Placement<T>["point"]): Placement<T> {
  return { x: (item) => dayNumber(item.date), y: (item) => item.value, point };
}

export function table(caption: string, columns: string[], rows: TableModel["rows"]): TableModel {
  // Stable: rows of one day keep the order in which the lane listed its series.
  return { caption, columns, rows: [...rows].sort((a, b) => a.x - b.x) };
}

/** The lane's table rows for its numeric series: Date | Measure | Value (+ extra columns). */
export function seriesRows(all: NumericSeries[], extra: (p: SeriesPoint, s: NumericSeries) => string[] = () => []): TableModel["rows"] {
  return all.flatMap((s) =>
    s.points.map((p) => ({
      // An event can give two points of one series (a dose and its stop), never two at the same x.
      key: `${s.id}:${p.eventId}:${p.x}`,
      x: p.x,
      cells: [p.dateLabel, s.name, p.label, ...extra(p, s)],
    })),
  );
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
