"use client";

import type { ImmunosuppressionLane } from "@/lib/timeline";
import { PlotLayer, FONT, type Frame } from "../Panel";
import { INK } from "../symbols";
import { fit } from "./common";

export const SPAN_ROW = 19;
const MAX_SPAN_ROWS = 3;

/** The immunosuppression lane's other medications (topical, weekly, per kg): spans, not a series. */
export type OtherMedication = ImmunosuppressionLane["otherMedications"][number];

/** A row for each span so that spans overlapping in time sit one above the other (at most three rows). */
export function spanRows(spans: { from: number; to: number }[]): number[] {
  const ends: number[] = [];
  return spans.map((s) => {
    let row = ends.findIndex((end) => end < s.from);
    if (row === -1) row = ends.length < MAX_SPAN_ROWS ? ends.length : MAX_SPAN_ROWS - 1;
    ends[row] = Math.max(ends[row] ?? -Infinity, s.to + 1);
    return row;
  });
}

export function OtherMedicationsLegend() {
  return (
    <li data-legend-item>
      <svg width="30" height="14" viewBox="0 0 30 14" aria-hidden="true" focusable="false">
        <rect x="1" y="3" width="28" height="8" fill="#efe3ec" stroke="#CC79A7" />
      </svg>
      Other immunosuppression (topical, weekly, per kg)
    </li>
  );
}

/** Other immunosuppression as labelled spans above the lane's first panel, one row per overlap. */
export function OtherMedicationSpans({ others, rows, window }: { others: OtherMedication[]; rows: number[]; window: Frame["window"] }) {
  return (
    <PlotLayer key="spans" window={window}>
      {(plot) =>
        others.map((m, j) => {
          const x1 = plot.px(m.from);
          // An ongoing span runs to today, which may lie beyond the window: it stops at the plot's
          // right edge so its arrow stays in view.
          const x2 = Math.max(m.ongoing ? Math.min(plot.px(m.to + 1), plot.x + plot.width - 8) : plot.px(m.to + 1), x1 + 3);
          const y = plot.y + 2 + rows[j] * SPAN_ROW;
          const visible1 = Math.max(x1, plot.x);
          return (
            <g key={m.eventId}>
              <rect x={x1} y={y} width={x2 - x1} height={16} fill="#efe3ec" stroke="#CC79A7" />
              {m.ongoing ? (
                // Recorded without an end date: an open arrow at today says it is still being used.
                <path d={`M ${x2} ${y} L ${x2 + 7} ${y + 8} L ${x2} ${y + 16} Z`} fill="#CC79A7" data-ongoing />
              ) : null}
              <text x={x2 - x1 > 40 ? visible1 + 4 : x2 + 4} y={y + 8} dominantBaseline="central" fontSize={FONT} fill={INK}>
                {fit(m.label, x2 - x1 > 40 ? Math.min(x2, plot.x + plot.width) - visible1 - 6 : plot.x + plot.width - x2 - 6)}
              </text>
            </g>
          );
        })
      }
    </PlotLayer>
  );
}
