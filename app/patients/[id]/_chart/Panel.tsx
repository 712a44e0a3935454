"use client";

import { useId, type ReactNode } from "react";
import { ComposedChart, XAxis, YAxis, usePlotArea } from "recharts";
import type { Tick, TimeWindow } from "@/lib/timeline";
import { GRID, INK, MUTED } from "./symbols";

/** What every panel of every lane shares, so that one x is at one pixel in all of them. */
export interface Frame {
  width: number;
  /** Width of each y axis; the plot runs from axisWidth to width − axisWidth in every panel. */
  axisWidth: number;
  window: TimeWindow;
  ticks: Tick[];
  /** Axis text size: smaller on a phone. */
  fontSize: number;
}

export const X_AXIS_HEIGHT = 24;
export const FONT = 11;

export interface AxisSpec {
  domain: [number, number];
  ticks: number[];
  format: (v: number) => string;
  scale: "linear" | "log";
  /** Pixels kept free above the data (for a row of markers or spans). */
  paddingTop?: number;
}

/** The plot rectangle of the panel being drawn and the time → pixel mapping of its window. */
export function usePlot(window: TimeWindow) {
  const plot = usePlotArea();
  if (!plot || plot.width <= 0) return undefined;
  const k = plot.width / (window[1] - window[0]);
  return { x: plot.x, y: plot.y, width: plot.width, height: plot.height, px: (x: number) => plot.x + (x - window[0]) * k };
}

/** An SVG layer clipped to the plot area, for what Recharts has no element for (spans, ticks, markers). */
export function PlotLayer({ window, children }: { window: TimeWindow; children: (plot: NonNullable<ReturnType<typeof usePlot>>) => ReactNode }) {
  const plot = usePlot(window);
  const id = `clip${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  if (!plot) return null;
  return (
    <g>
      <defs>
        <clipPath id={id}>
          <rect x={plot.x} y={plot.y - 2} width={plot.width} height={plot.height + 4} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${id})`}>{children(plot)}</g>
    </g>
  );
}

/** Vertical grid lines at the time ticks, in every panel, so the eye can follow a date down the lanes. */
function TimeGrid({ frame }: { frame: Frame }) {
  return (
    <PlotLayer window={frame.window}>
      {(plot) => frame.ticks.map((t) => <line key={t.x} x1={plot.px(t.x)} x2={plot.px(t.x)} y1={plot.y} y2={plot.y + plot.height} stroke={GRID} strokeWidth={1} />)}
    </PlotLayer>
  );
}

/** Row labels drawn in the left axis' space ("Lines", "Cycles"). */
export function RowLabels({ rows }: { rows: { y: number; text: string }[] }) {
  const plot = usePlotArea();
  if (!plot) return null;
  return (
    <g>
      {rows.map((r) => (
        <text key={r.text} x={plot.x - 6} y={plot.y + r.y} textAnchor="end" dominantBaseline="middle" fontSize={FONT} fill={MUTED}>
          {r.text}
        </text>
      ))}
    </g>
  );
}

/** A y tick on one line (Recharts would wrap "40 mg/day" to fit the axis width). */
function YTick({ x, y, payload, textAnchor, format, fontSize }: { x?: number; y?: number; payload?: { value: number }; textAnchor?: string; format: (v: number) => string; fontSize: number }) {
  if (x === undefined || y === undefined || !payload) return null;
  return (
    <text x={x} y={y} textAnchor={textAnchor as "start" | "end"} dominantBaseline="central" fontSize={fontSize} fill={INK}>
      {format(payload.value)}
    </text>
  );
}

const hiddenAxis: AxisSpec = { domain: [0, 1], ticks: [], format: () => "", scale: "linear" };

/**
 * One Recharts surface on the shared time axis. Both y axes are always laid out (empty when unused) so
 * the plot area has the same left edge and width in every panel of every lane.
 */
export function Panel({
  frame,
  height,
  showXAxis,
  left = hiddenAxis,
  right = hiddenAxis,
  children,
}: {
  frame: Frame;
  height: number;
  showXAxis: boolean;
  left?: AxisSpec;
  right?: AxisSpec;
  children?: ReactNode;
}) {
  const labels = new Map(frame.ticks.map((t) => [t.x, t.label]));
  const yAxis = (id: "left" | "right", spec: AxisSpec) => (
    <YAxis
      yAxisId={id}
      orientation={id}
      width={frame.axisWidth}
      type="number"
      scale={spec.scale}
      domain={spec.domain}
      allowDataOverflow
      ticks={spec.ticks}
      interval={0}
      tick={(props: object) => <YTick {...props} format={spec.format} fontSize={frame.fontSize} />}
      tickLine={spec.ticks.length > 0}
      axisLine={spec.ticks.length > 0 ? { stroke: MUTED } : false}
      padding={{ top: spec.paddingTop ?? 0, bottom: 0 }}
    />
  );
  return (
    <ComposedChart width={frame.width} height={height} margin={{ top: 8, right: 0, bottom: showXAxis ? 0 : 8, left: 0 }} accessibilityLayer={false}>
      <XAxis
        type="number"
        dataKey="x"
        domain={frame.window}
        allowDataOverflow
        ticks={frame.ticks.map((t) => t.x)}
        interval={0}
        tickFormatter={(x: number) => labels.get(x) ?? ""}
        tick={{ fontSize: frame.fontSize, fill: INK }}
        stroke={MUTED}
        height={showXAxis ? X_AXIS_HEIGHT : 0}
        hide={!showXAxis}
      />
      {yAxis("left", left)}
      {yAxis("right", right)}
      <TimeGrid frame={frame} />
      {children}
    </ComposedChart>
  );
}
