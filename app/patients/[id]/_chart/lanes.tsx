"use client";

import { memo, type ReactNode } from "react";
import { carriedTumourStatus, type AlertsLane, type ImmunosuppressionLane, type Lane, type MuscleLane, type SkinLane, type TreatmentLane, type TumourLane } from "@/lib/timeline";
import { Panel, PlotLayer, RowLabels, FONT, X_AXIS_HEIGHT, type Frame } from "./Panel";
import { SeriesPanel, axisOf, panelsOf, seriesElements, styledSeries, type StyledSeries } from "./SeriesPanels";
import { INK, MUTED, Marker, SeriesSwatch, ShapeSwatch, responseShape } from "./symbols";
import styles from "./chart.module.css";

const TOP = 6;
const SERIES_PANEL_HEIGHT = 118;

/** Text cut to what fits in `width` pixels at the chart's font size (about 6 px a character). */
function fit(text: string, width: number): string {
  const chars = Math.floor(width / 6.2);
  if (chars < 3) return "";
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

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

/** The longest of `texts` (longest first) that fits whole, else the last one cut to fit. */
function firstFitting(texts: string[], width: number): string {
  return texts.find((t) => t.length <= Math.floor(width / 6.2)) ?? fit(texts[texts.length - 1], width);
}

function LaneFrame({ lane, legend, notes, children }: { lane: Lane; legend: ReactNode; notes?: string[]; children: ReactNode }) {
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

function PanelBox({ height, children }: { height: number; children: ReactNode }) {
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

function SeriesLegend({ all }: { all: StyledSeries[] }) {
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

function downsampleNotes(all: StyledSeries[]): string[] {
  return all.some((s) => s.series.counts.shown < s.series.counts.total)
    ? ["Long series are thinned for drawing (peaks, troughs and crossings of the reference lines kept); the readout and the table give the results drawn."]
    : [];
}

/** Imaging markers by RECIST response, bands between assessments, the target-lesion sum. */
export const TumourLaneView = memo(function TumourLaneView({ lane, frame }: { lane: TumourLane; frame: Frame }) {
  const all = styledSeries(lane.series);
  const colours = new Map(lane.legend.map((l) => [l.key, l.colour]));
  const empty = lane.markers.length === 0 && all.length === 0;
  const height = (empty ? TOP + 34 : 150) + X_AXIS_HEIGHT;
  const BAND_ROW = 16;
  const MARKER_Y = 30;
  return (
    <LaneFrame
      lane={lane}
      legend={
        <>
          {lane.legend.map((l) => (
            <li key={l.key} data-legend-item>
              <ShapeSwatch shape={responseShape[l.key]} fill={l.colour} />
              {l.label}
            </li>
          ))}
          <SeriesLegend all={all} />
        </>
      }
    >
      <PanelBox height={height}>
        <Panel frame={frame} height={height} showXAxis left={all.length > 0 ? axisOf(all, 0.01, 44) : undefined}>
          {empty ? <NothingRecorded window={frame.window} text="No imaging recorded" /> : null}
          <PlotLayer window={frame.window}>
            {(plot) => (
              <g>
                {(() => {
                  // A window that starts after the last scan before it still says what that scan found.
                  const start = frame.window[0];
                  const carried = carriedTumourStatus(lane, start);
                  if (!carried || carried.x >= start || lane.bands.some((b) => b.from <= start && b.to > start)) return null;
                  const next = lane.markers.find((m) => m.x > start);
                  const x2 = Math.min(next ? plot.px(next.x) : plot.x + plot.width, plot.x + plot.width);
                  const fill = colours.get(carried.colourKey);
                  return (
                    <g data-carried-status>
                      <rect x={plot.x} y={plot.y} width={Math.max(0, x2 - plot.x)} height={plot.height} fill={fill} fillOpacity={0.06} />
                      <rect x={plot.x} y={plot.y} width={Math.max(0, x2 - plot.x)} height={BAND_ROW} fill={fill} fillOpacity={0.2} stroke={INK} strokeWidth={0.5} strokeDasharray="3 2" />
                      <text x={plot.x + 4} y={plot.y + BAND_ROW / 2} dominantBaseline="central" fontSize={FONT} fontWeight={600} fill={INK}>
                        {fit(`← ${carried.label}`, x2 - plot.x - 8)}
                      </text>
                    </g>
                  );
                })()}
                {lane.bands.map((b) => {
                  const x1 = plot.px(b.from);
                  const x2 = plot.px(b.to);
                  // The label sits in the visible part of the band.
                  const [v1, v2] = [Math.max(x1, plot.x), Math.min(x2, plot.x + plot.width)];
                  const fill = colours.get(b.colourKey);
                  return (
                    <g key={`${b.openedBy}-${b.closedBy}`}>
                      <rect x={x1} y={plot.y} width={Math.max(0, x2 - x1)} height={plot.height} fill={fill} fillOpacity={0.1} />
                      <rect x={x1} y={plot.y} width={Math.max(0, x2 - x1)} height={BAND_ROW} fill={fill} fillOpacity={0.35} stroke={INK} strokeWidth={0.5} />
                      {v2 - v1 > 24 ? (
                        <text x={(v1 + v2) / 2} y={plot.y + BAND_ROW / 2} textAnchor="middle" dominantBaseline="central" fontSize={FONT} fontWeight={600} fill={INK}>
                          {firstFitting([`${b.response}: ${b.label}`, `${b.response}: ${b.label.split(" from ")[0]}`, b.response], v2 - v1 - 6)}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
                {lane.markers.map((m) => (
                  <g key={m.eventId}>
                    <line x1={plot.px(m.x)} x2={plot.px(m.x)} y1={plot.y + BAND_ROW} y2={plot.y + plot.height} stroke={MUTED} strokeWidth={0.75} strokeDasharray="2 3" />
                    <Marker shape={responseShape[m.colourKey]} x={plot.px(m.x)} y={plot.y + MARKER_Y} size={5.5} fill={colours.get(m.colourKey) ?? INK} />
                    {m.disagrees ? (
                      // The recorded response differs from the computed one: never shown silently.
                      <text x={plot.px(m.x) + 7} y={plot.y + MARKER_Y - 6} fontSize={FONT + 1} fontWeight={700} fill={INK} data-disagreement>
                        ≠<title>{m.label}</title>
                      </text>
                    ) : null}
                  </g>
                ))}
              </g>
            )}
          </PlotLayer>
          {all.length > 0 ? seriesElements(all, "left", frame) : null}
        </Panel>
      </PanelBox>
    </LaneFrame>
  );
});

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

const SPAN_ROW = 19;
const MAX_SPAN_ROWS = 3;

/** A row for each span so that spans overlapping in time sit one above the other (at most three rows). */
function spanRows(spans: { from: number; to: number }[]): number[] {
  const ends: number[] = [];
  return spans.map((s) => {
    let row = ends.findIndex((end) => end < s.from);
    if (row === -1) row = ends.length < MAX_SPAN_ROWS ? ends.length : MAX_SPAN_ROWS - 1;
    ends[row] = Math.max(ends[row] ?? -Infinity, s.to + 1);
    return row;
  });
}

/** Skin, muscle and immunosuppression: numeric series in panels; other immunosuppression as spans above. */
export const SeriesLaneView = memo(function SeriesLaneView({ lane, frame }: { lane: SkinLane | MuscleLane | ImmunosuppressionLane; frame: Frame }) {
  const all = styledSeries(lane.series);
  const panels = panelsOf(all);
  const logFloor = lane.id === "muscle" ? lane.logFloor : 0.01;
  const others = lane.id === "immunosuppression" ? lane.otherMedications : [];
  const rows = spanRows(others);
  const spanHeight = others.length > 0 ? Math.max(...rows) * SPAN_ROW + SPAN_ROW + 6 : 0;
  const empty = panels.length === 0 && others.length === 0;
  return (
    <LaneFrame
      lane={lane}
      notes={downsampleNotes(all)}
      legend={
        <>
          <SeriesLegend all={all} />
          {others.length > 0 ? (
            <li data-legend-item>
              <svg width="30" height="14" viewBox="0 0 30 14" aria-hidden="true" focusable="false">
                <rect x="1" y="3" width="28" height="8" fill="#efe3ec" stroke="#CC79A7" />
              </svg>
              Other immunosuppression (topical, weekly, per kg)
            </li>
          ) : null}
        </>
      }
    >
      {empty ? (
        <PanelBox height={TOP + 30 + X_AXIS_HEIGHT}>
          <Panel frame={frame} height={TOP + 30 + X_AXIS_HEIGHT} showXAxis>
            <NothingRecorded window={frame.window} text="Nothing recorded" />
          </Panel>
        </PanelBox>
      ) : (
        (panels.length > 0 ? panels : [[]]).map((groups, i) => {
          const last = i === Math.max(panels.length, 1) - 1;
          const spans = i === 0 && others.length > 0;
          const height = (groups.length > 0 ? SERIES_PANEL_HEIGHT : 34) + (spans ? spanHeight : 0) + (last ? X_AXIS_HEIGHT : 0);
          const spanLayer = spans ? (
            <PlotLayer key="spans" window={frame.window}>
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
          ) : null;
          return (
            <PanelBox key={i} height={height}>
              {groups.length > 0 ? (
                <SeriesPanel groups={groups} frame={frame} height={height} showXAxis={last} logFloor={logFloor} paddingTop={spans ? spanHeight : 4}>
                  {spanLayer}
                </SeriesPanel>
              ) : (
                <Panel frame={frame} height={height} showXAxis={last}>
                  {spanLayer}
                </Panel>
              )}
            </PanelBox>
          );
        })
      )}
    </LaneFrame>
  );
});

function NothingRecorded({ window, text }: { window: Frame["window"]; text: string }) {
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

/** Alerts at the time they fired, joined to the evidence events they cite. Empty until alerts are passed in. */
export const AlertsLaneView = memo(function AlertsLaneView({ lane, frame }: { lane: AlertsLane; frame: Frame }) {
  const height = TOP + 40 + X_AXIS_HEIGHT;
  return (
    <LaneFrame
      lane={lane}
      legend={
        <>
          <li data-legend-item>
            <ShapeSwatch shape="diamond" fill="#D55E00" />
            Alert
          </li>
          <li data-legend-item>
            <ShapeSwatch shape="ring" fill="#fff" />
            Its evidence
          </li>
        </>
      }
    >
      <PanelBox height={height}>
        <Panel frame={frame} height={height} showXAxis>
          {lane.markers.length === 0 ? <NothingRecorded window={frame.window} text="No alerts" /> : null}
          <PlotLayer window={frame.window}>
            {(plot) => {
              const y = plot.y + plot.height / 2;
              return lane.markers.map((m) => {
                const xs = m.evidence.flatMap((e) => (e.x === undefined ? [] : [plot.px(e.x)]));
                return (
                  <g key={m.key}>
                    {xs.map((x, i) => (
                      <g key={i}>
                        <line x1={x} x2={plot.px(m.x)} y1={y + 8} y2={y} stroke={MUTED} strokeWidth={1} />
                        <Marker shape="ring" x={x} y={y + 8} size={3} fill="#fff" />
                      </g>
                    ))}
                    <Marker shape="diamond" x={plot.px(m.x)} y={y} size={6} fill={m.priority === "high" ? "#D55E00" : "#E69F00"} />
                    {m.status ? (
                      <text x={plot.px(m.x) + 9} y={y - 9} fontSize={FONT} fill={INK} data-alert-status>
                        {m.status.split(/[ ,:]/)[0]}
                      </text>
                    ) : null}
                  </g>
                );
              });
            }}
          </PlotLayer>
        </Panel>
      </PanelBox>
    </LaneFrame>
  );
});
