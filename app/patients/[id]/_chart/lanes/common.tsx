"use client";

import type { ReactNode } from "react";
import type { Lane } from "@/lib/timeline";
import { PlotLayer, type Frame } from "../Panel";
import { SeriesSwatch, MUTED } from "../symbols";
import type { StyledSeries } from "../SeriesPanels";
import styles from "../chart.module.css";

/** What every lane view shares: its frame (title, legend, notes), its panel box and the text fitting. */

export const TOP = 6;
export const SERIES_PANEL_HEIGHT = 118;

/** Text cut to what fits in `width` pixels at the chart's font size (about 6 px a character). */
export function fit(text: string, width: number): string {
  const chars = Math.floor(width / 6.2);
  if (chars < 3) return "";
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

/** The longest of `texts` (longest first) that fits whole, else the last one cut to fit. */
export function firstFitting(texts: string[], width: number): string {
  return texts.find((t) => t.length <= Math.floor(width / 6.2)) ?? fit(texts[texts.length - 1], width);
}

export function LaneFrame({ lane, legend, notes, children }: { lane: Lane; legend: ReactNode; notes?: string[]; children: ReactNode }) {
  const all = [...(notes ?? []), ...lane.notes];
  return (
    <div className={styles.lane} data-lane={lane.id}>
      <div className={styles.laneHeader}>
        <span className={styles.laneTitle} data-export="lane-title">
          {lane.title}
        </span>
        <ul className={styles.legend} data-export="legend">
          {legend}
        </ul>
      </div>
      {all.map((note) => (
        <p key={note} className={styles.note} data-export="note">
          {note}
        </p>
      ))}
      {children}
    </div>
  );
}

export function PanelBox({ height, children }: { height: number; children: ReactNode }) {
  return (
    <div className={styles.panel} style={{ height }} data-export="panel">
      {children}
    </div>
  );
}

/** "CDASI activity (0–100)", "MMT-8 (0–150)": the unit, less what the name already says. */
function nameWithUnit(name: string, unit: string): string {
  const rest = unit
    .split(" ")
    .filter((word) => !name.includes(word))
    .join(" ");
  return rest ? `${name} (${rest})` : name;
}

export function SeriesLegend({ all }: { all: StyledSeries[] }) {
  return (
    <>
      {all.map(({ series, style }) => (
        <li key={series.id} data-legend-item>
          <SeriesSwatch style={style} step={series.interpolation === "step-after"} />
          {nameWithUnit(series.name, series.unit)}
          {series.counts.shown < series.counts.total ? `: ${series.counts.shown} of ${series.counts.total} results drawn` : ""}
        </li>
      ))}
    </>
  );
}

export function downsampleNotes(all: StyledSeries[]): string[] {
  return all.some((s) => s.series.counts.shown < s.series.counts.total)
    ? ["Long series are thinned for drawing (peaks, troughs and crossings of the reference lines kept); the readout and the table give the results drawn."]
    : [];
}


export function NothingRecorded({ window, text }: { window: Frame["window"]; text: string }) {
  return (
    <PlotLayer window={window}>
      {(plot) => (
        <text x={plot.x + plot.width / 2} y={plot.y + plot.height / 2} textAnchor="middle" dominantBaseline="central" fontSize={12} fill={MUTED}>
          {text}
        </text>
      )}
    </PlotLayer>
  );
}

