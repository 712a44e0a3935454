import { analytes, type AnalyteCode } from "@/lib/events";
import { analytesPresent, formatLabValue, type ActivityPoint, type LabPoint, type Mmt8Point } from "@/lib/activity";
import { dayNumber } from "../axis";
import { atValue, point, series, seriesRows, table } from "../series";
import type { MuscleLane, NumericSeries } from "../types";

/** ×ULN values are drawn at least here so that a log scale never meets 0; readouts keep the true value. */
export const LOG_FLOOR = 0.01;

/** "3.48×ULN": a ratio for reading, rounded to 2 decimals (the result itself is never rounded). */
export function formatTimesUln(timesUln: number): string {
  return `${Number(timesUln.toFixed(2))}×ULN`;
}

const isMuscleEnzyme = (code: AnalyteCode) => analytes[code].muscleEnzyme;

function enzymeSeries(code: AnalyteCode, results: LabPoint[], maxPoints: number): NumericSeries {
  const withUln = results.filter((r): r is LabPoint & { timesUln: number } => r.timesUln !== undefined);
  return series(
    { id: `lab-${code}`, name: analytes[code].short, unit: "×ULN", yAxis: "times-uln", scale: "log", interpolation: "linear", reference: { y: 1, label: "1×ULN" } },
    withUln,
    {
      x: (r) => dayNumber(r.date),
      y: (r) => Math.max(r.timesUln, LOG_FLOOR),
      point: (r, x, y) =>
        point({ x, y, date: r.date, value: r.value, unit: r.unit, eventId: r.eventId, label: formatLabValue(r) }, { range: r.rangeText, timesUln: r.timesUln, detail: formatTimesUln(r.timesUln) }),
    },
    // Both results around a crossing of 1×ULN are kept: when an enzyme became abnormal is the point.
    { maxPoints, thresholds: [1] },
  );
}

function mmt8SeriesOf(scale: 80 | 150, all: Mmt8Point[], maxPoints: number): NumericSeries {
  const unit = `MMT-8 0–${scale}`;
  return series(
    { id: `mmt8-${scale}`, name: `MMT-8 (0–${scale})`, unit, yAxis: `mmt8-${scale}`, scale: "linear", interpolation: "linear", yDomain: [0, scale] },
    all.filter((m) => m.scale === scale),
    atValue((m, x) => point({ x, date: m.date, value: m.value, unit, eventId: m.eventId, label: `${m.value}/${scale}` })),
    { maxPoints },
  );
}

/**
 * Muscle activity: each muscle enzyme as ×ULN of its own printed range (log scale, the 1×ULN line),
 * MMT-8 (one series per scale: 0–80 and 0–150 scores are not comparable) and proximal MRC grade.
 * A result without a printed upper limit has no ×ULN: it is listed in the table, not drawn.
 */
export function muscleLane(labs: Partial<Record<AnalyteCode, LabPoint[]>>, mmt8: Mmt8Point[], mrc: ActivityPoint[], maxPoints: number): MuscleLane {
  const enzymes = analytesPresent(labs).filter(isMuscleEnzyme);
  const all = [
    ...enzymes.map((code) => enzymeSeries(code, labs[code] ?? [], maxPoints)),
    mmt8SeriesOf(80, mmt8, maxPoints),
    mmt8SeriesOf(150, mmt8, maxPoints),
    series(
      { id: "proximal-mrc", name: "Proximal strength (MRC)", unit: "MRC 0–5", yAxis: "mrc", scale: "linear", interpolation: "linear", yDomain: [0, 5] },
      mrc,
      atValue((m, x) => point({ x, date: m.date, value: m.value, unit: "MRC 0–5", eventId: m.eventId, label: `${m.value}/5` })),
      { maxPoints },
    ),
  ].filter((s) => s.counts.total > 0);

  const unplotted = enzymes.flatMap((code) => (labs[code] ?? []).filter((r) => r.timesUln === undefined).map((r) => ({ code, r })));
  const unplottedRows = unplotted.map(({ code, r }) => {
    const p = point({ date: r.date, value: r.value, unit: r.unit, eventId: r.eventId, label: formatLabValue(r) });
    return { key: `lab-${code}:${r.eventId}:unplotted`, x: p.x, cells: [p.dateLabel, analytes[code].short, p.label, r.rangeText ?? "—", "no upper limit printed"] };
  });
  const notes =
    unplotted.length > 0
      ? [`${unplotted.length} muscle enzyme ${unplotted.length === 1 ? "result has" : "results have"} no printed upper limit, so no ×ULN: listed in the table, not drawn.`]
      : [];

  return {
    id: "muscle",
    title: "Muscle activity",
    series: all,
    reference: { y: 1, label: "1×ULN" },
    logFloor: LOG_FLOOR,
    table: table(
      "Muscle activity",
      ["Date", "Measure", "Result", "Reference range", "×ULN"],
      [...seriesRows(all, (p) => [p.range ?? "—", p.timesUln !== undefined ? formatTimesUln(p.timesUln) : "—"]), ...unplottedRows],
    ),
    notes,
  };
}
