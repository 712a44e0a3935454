"use client";

import { Line, ReferenceLine } from "recharts";
import { formatTick, formatUlnTick, logDomain, logTicks, niceCeiling, pointsInWindow, stepLine, type NumericSeries } from "@/lib/timeline";
import { Panel, FONT, type AxisSpec, type Frame } from "./Panel";
import { INK, Marker, seriesStyle, type SeriesStyle } from "./symbols";

/** Dots are drawn while a window shows at most this many points of a series; beyond it, the line alone. */
const MAX_DOTS = 150;

export interface StyledSeries {
  series: NumericSeries;
  style: SeriesStyle;
}

/** A lane's series with their styles, by their place in the lane (the legend uses the same). */
export function styledSeries(series: NumericSeries[]): StyledSeries[] {
  return series.map((s, i) => ({ series: s, style: seriesStyle(i) }));
}

/**
 * Series grouped into panels: series sharing a y axis stay together; a log axis has a panel of its own;
 * two linear axes share a panel (left and right).
 */
export function panelsOf(all: StyledSeries[]): StyledSeries[][][] {
  const groups: StyledSeries[][] = [];
  for (const s of all) {
    const group = groups.find((g) => g[0].series.yAxis === s.series.yAxis);
    if (group) group.push(s);
    else groups.push([s]);
  }
  const panels: StyledSeries[][][] = [];
  let open: StyledSeries[][] | undefined;
  for (const g of groups) {
    if (g[0].series.scale === "log") {
      panels.push([g]);
      open = undefined;
    } else if (open && open.length === 1) {
      open.push(g);
      open = undefined;
    } else {
      open = [g];
      panels.push(open);
    }
  }
  return panels;
}

function tickFormat(s: NumericSeries): (v: number) => string {
  if (s.scale === "log") return formatUlnTick;
  if (s.unit.startsWith("grade")) return (v) => `grade ${v}`;
  if (s.yDomain) return (v) => `${v}/${s.yDomain![1]}`;
  return (v) => formatTick(v, s.unit);
}

/** The y axis of a group of series: its fixed range if it has one, else from 0 to a round maximum; ×ULN on a log scale. */
export function axisOf(group: StyledSeries[], logFloor: number, paddingTop = 0): AxisSpec {
  const first = group[0].series;
  const ys = group.flatMap((g) => g.series.points.map((p) => p.y));
  const format = tickFormat(first);
  if (first.scale === "log") {
    const domain = logDomain(ys, logFloor);
    return { domain, ticks: logTicks(domain, 5), format, scale: "log", paddingTop };
  }
  const max = first.yDomain ? first.yDomain[1] : niceCeiling(Math.max(0, ...ys));
  const min = first.yDomain ? first.yDomain[0] : 0;
  const ticks = max - min <= 4 ? Array.from({ length: max - min + 1 }, (_, i) => min + i) : [min, (min + max) / 2, max];
  return { domain: [min, max], ticks, format, scale: "linear", paddingTop };
}

/** A reference line's short label: "CDASI 14" of "CDASI 14: mild at or below, moderate–severe above". */
function shortLabel(label: string): string {
  return label.split(":")[0];
}

export function seriesElements(group: StyledSeries[], side: "left" | "right", frame: Frame) {
  const elements = [];
  const refs = new Map<number, string>();
  for (const { series, style } of group) {
    if (series.reference) refs.set(series.reference.y, shortLabel(series.reference.label));
    const step = series.interpolation === "step-after";
    const data = step ? stepLine(series, frame.window[1]) : pointsInWindow(series.points, frame.window);
    const dots = !step && data.length <= MAX_DOTS;
    elements.push(
      <Line
        key={series.id}
        data={data}
        dataKey="y"
        yAxisId={side}
        name={series.name}
        type={step ? "stepAfter" : "linear"}
        stroke={style.colour}
        strokeWidth={2}
        strokeDasharray={style.dash}
        dot={dots ? (p: { cx?: number; cy?: number; index: number }) => <Marker key={p.index} shape={style.shape} x={p.cx ?? 0} y={p.cy ?? 0} size={3.5} fill={style.colour} /> : false}
        activeDot={false}
        isAnimationActive={false}
        connectNulls
      />,
    );
  }
  for (const [y, label] of refs) {
    elements.push(
      <ReferenceLine
        key={`ref-${y}`}
        yAxisId={side}
        y={y}
        stroke={INK}
        strokeDasharray="3 3"
        ifOverflow="hidden"
        label={{ value: label, position: side === "left" ? "insideTopLeft" : "insideTopRight", fontSize: FONT, fill: INK }}
      />,
    );
  }
  return elements;
}

/** One panel of a lane: up to two groups of series (left and right axes). */
export function SeriesPanel({
  groups,
  frame,
  height,
  showXAxis,
  logFloor,
  paddingTop,
  children,
}: {
  groups: StyledSeries[][];
  frame: Frame;
  height: number;
  showXAxis: boolean;
  logFloor: number;
  paddingTop?: number;
  children?: React.ReactNode;
}) {
  const [left, right] = groups;
  return (
    <Panel
      frame={frame}
      height={height}
      showXAxis={showXAxis}
      left={axisOf(left, logFloor, paddingTop)}
      right={right ? axisOf(right, logFloor, paddingTop) : undefined}
    >
      {children}
      {seriesElements(left, "left", frame)}
      {right ? seriesElements(right, "right", frame) : null}
    </Panel>
  );
}
