"use client";

import { memo } from "react";
import type { TreatmentLane } from "@/lib/timeline";
import { Panel, PlotLayer, RowLabels, FONT, X_AXIS_HEIGHT, type Frame } from "../Panel";
import { INK, Marker, ShapeSwatch } from "../symbols";
import { LaneFrame, NothingRecorded, PanelBox, TOP } from "./common";


/**
 * Where a line of therapy's label goes, never cut: the full label or "Line 2: trabectedin" inside the span
 * if it fits, else beside it (right, then left) where the next span leaves room, else "Line 2: trabectedin"
 * over the span's start with a white halo.
 */
export function lineLabelPlace(full: string, short: string, inside: number, room: { right: number; left: number }): { text: string; side: "inside" | "right" | "left" | "overflow" } {
  const fits = (t: string, w: number) => t.length * 6.2 <= w;
  if (fits(full, inside)) return { text: full, side: "inside" };
  if (fits(short, inside)) return { text: short, side: "inside" };
  if (fits(short, room.right)) return { text: short, side: "right" };
  if (fits(short, room.left)) return { text: short, side: "left" };
  return { text: short, side: "overflow" };
}

/** Lines of therapy as labelled spans, cycles as ticks, dose changes, adverse events, procedures and radiotherapy. */
export const TreatmentLaneView = memo(function TreatmentLaneView({ lane, frame }: { lane: TreatmentLane; frame: Frame }) {
  const empty = lane.cycles.length === 0 && lane.adverseEvents.length === 0 && lane.interventions.length === 0;
  const height = (empty ? TOP + 34 : TOP + 74) + X_AXIS_HEIGHT;
  const rows = { line: 11, cycle: 36, event: 60 };
  return (
    <LaneFrame
      lane={lane}
      legend={
        <>
          <li data-legend-item>
            <svg width="30" height="14" viewBox="0 0 30 14" aria-hidden="true" focusable="false">
              <rect x="1" y="2" width="28" height="10" fill="#d6e6f4" stroke="#0072B2" />
            </svg>
            Line of therapy
          </li>
          <li data-legend-item>
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <line x1="8" x2="8" y1="2" y2="14" stroke={INK} strokeWidth="2" />
            </svg>
            Cycle
          </li>
          <li data-legend-item>
            <ShapeSwatch shape="triangle-down" fill="#E69F00" />
            Dose change
          </li>
          <li data-legend-item>
            <ShapeSwatch shape="cross" fill="#D55E00" />
            Adverse event (CTCAE grade)
          </li>
          <li data-legend-item>
            <ShapeSwatch shape="square" fill="#000000" />
            Procedure
          </li>
          <li data-legend-item>
            <svg width="30" height="14" viewBox="0 0 30 14" aria-hidden="true" focusable="false">
              <rect x="1" y="3" width="28" height="8" fill="#fff" stroke={INK} strokeDasharray="3 2" />
            </svg>
            Radiotherapy
          </li>
        </>
      }
    >
      <PanelBox height={height}>
        <Panel frame={frame} height={height} showXAxis>
          {empty ? (
            <NothingRecorded window={frame.window} text="No anticancer treatment recorded" />
          ) : (
            <RowLabels
              rows={[
                { y: rows.line, text: "Lines" },
                { y: rows.cycle, text: "Cycles" },
                { y: rows.event, text: "Events" },
              ]}
            />
          )}
          <PlotLayer window={frame.window}>
            {(plot) => {
              const y = (row: number) => plot.y + row;
              return (
                <g>
                  {lane.lines.map((l, i) => {
                    const x1 = plot.px(l.from);
                    const x2 = Math.max(plot.px(l.to + 1), x1 + 3);
                    const visible1 = Math.max(x1, plot.x);
                    const inside = Math.min(x2, plot.x + plot.width) - visible1 - 6;
                    const short = `Line ${l.line}: ${l.regimens}`;
                    const place = lineLabelPlace(l.label, short, inside, {
                      right: Math.min(i + 1 < lane.lines.length ? plot.px(lane.lines[i + 1].from) : Infinity, plot.x + plot.width) - x2 - 6,
                      left: x1 - Math.max(i > 0 ? plot.px(lane.lines[i - 1].to + 1) : -Infinity, plot.x) - 6,
                    });
                    const tx = place.side === "right" ? x2 + 4 : place.side === "left" ? x1 - 4 : visible1 + 4;
                    return (
                      <g key={l.line}>
                        <rect x={x1} y={y(rows.line) - 9} width={x2 - x1} height={18} fill="#d6e6f4" stroke="#0072B2" />
                        {/* Never cut: a label that does not fit inside its span is written beside it, whole. */}
                        <text
                          x={tx}
                          y={y(rows.line)}
                          dominantBaseline="central"
                          textAnchor={place.side === "left" ? "end" : "start"}
                          fontSize={FONT}
                          fill={INK}
                          stroke="#fff"
                          strokeWidth={place.side === "overflow" ? 3 : 0}
                          paintOrder="stroke"
                          data-line-label
                        >
                          {place.text}
                        </text>
                      </g>
                    );
                  })}
                  {lane.cycles.map((c) => (
                    <line key={c.eventId} x1={plot.px(c.x)} x2={plot.px(c.x)} y1={y(rows.cycle) - 8} y2={y(rows.cycle) + 8} stroke={INK} strokeWidth={2} />
                  ))}
                  {lane.doseChanges.map((d) => (
                    <g key={d.eventId}>
                      <Marker shape={d.percent < 0 ? "triangle-down" : "triangle-up"} x={plot.px(d.x) + 8} y={y(rows.cycle) - 3} size={4.5} fill="#E69F00" />
                      <text x={plot.px(d.x) + 15} y={y(rows.cycle) - 2} dominantBaseline="central" fontSize={FONT} fill={INK}>
                        {d.percent < 0 ? `−${-d.percent}%` : `+${d.percent}%`}
                      </text>
                    </g>
                  ))}
                  {lane.interventions.map((i) =>
                    i.kind === "radiotherapy" ? (
                      <rect
                        key={i.eventId}
                        x={plot.px(i.from)}
                        y={y(rows.event) - 5}
                        width={Math.max(3, plot.px(i.to + 1) - plot.px(i.from))}
                        height={10}
                        fill="#fff"
                        stroke={INK}
                        strokeDasharray="3 2"
                      />
                    ) : (
                      <Marker key={i.eventId} shape="square" x={plot.px(i.from)} y={y(rows.event)} size={4} fill="#000000" />
                    ),
                  )}
                  {lane.adverseEvents.map((a) => (
                    <g key={a.eventId}>
                      <Marker shape="cross" x={plot.px(a.x)} y={y(rows.event)} size={5} fill="#D55E00" />
                      <text x={plot.px(a.x) + 8} y={y(rows.event)} dominantBaseline="central" fontSize={FONT} fill={INK}>
                        grade {a.grade}
                      </text>
                    </g>
                  ))}
                </g>
              );
            }}
          </PlotLayer>
        </Panel>
      </PanelBox>
    </LaneFrame>
  );
});
