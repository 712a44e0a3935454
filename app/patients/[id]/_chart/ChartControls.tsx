"use client";

import type { TimelineModel, WindowPreset } from "@/lib/timeline";
import styles from "./chart.module.css";

const PRESETS: { preset: WindowPreset; label: string }[] = [
  { preset: "all", label: "All" },
  { preset: "last-year", label: "Last year" },
  { preset: "last-6-months", label: "Last 6 months" },
  { preset: "current-line", label: "Current line of therapy" },
];

export interface ChartControlsProps {
  /** The preset the window came from (pressed), if any. */
  preset: WindowPreset | null;
  /** The whole record is in view: nothing to zoom out to. */
  showingAll: boolean;
  onPreset: (preset: WindowPreset) => void;
  /** 0.5 zooms in, 2 out. */
  onZoom: (factor: number) => void;
  /** "calendar" or the reference event's id. */
  axis: string;
  axisChoices: TimelineModel["axis"]["choices"];
  onAxis: (value: string) => void;
  onSave: (kind: "svg" | "png") => void;
}

/** Above the chart: the time window (presets, zoom), the time axis, and saving the chart as an image. */
export function ChartControls({ preset, showingAll, onPreset, onZoom, axis, axisChoices, onAxis, onSave }: ChartControlsProps) {
  return (
    <div className={styles.controls}>
      <div role="group" aria-label="Time window" className={styles.group}>
        {PRESETS.map((p) => (
          <button key={p.preset} type="button" className="secondary" aria-pressed={preset === p.preset} onClick={() => onPreset(p.preset)}>
            {p.label}
          </button>
        ))}
        <button type="button" className="secondary" onClick={() => onZoom(0.5)}>
          Zoom in
        </button>
        <button type="button" className="secondary" onClick={() => onZoom(2)} disabled={showingAll}>
          Zoom out
        </button>
        <button type="button" className="secondary" onClick={() => onPreset("all")} disabled={preset === "all"}>
          Reset zoom
        </button>
      </div>
      <div className={styles.group}>
        <label htmlFor="chart-axis" className={styles.inlineLabel}>
          Time axis
        </label>
        <select id="chart-axis" value={axis} onChange={(e) => onAxis(e.target.value)}>
          <option value="calendar">Calendar dates</option>
          {axisChoices.map((c) => (
            <option key={c.eventId} value={c.eventId}>
              Days from {c.label}
            </option>
          ))}
        </select>
      </div>
      <div role="group" aria-label="Save the chart" className={styles.group}>
        <button type="button" className="secondary" onClick={() => onSave("svg")}>
          Save as SVG
        </button>
        <button type="button" className="secondary" onClick={() => onSave("png")}>
          Save as PNG
        </button>
      </div>
    </div>
  );
}
