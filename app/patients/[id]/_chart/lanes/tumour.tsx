"use client";

import { memo } from "react";
import { carriedTumourStatus, type TumourLane } from "@/lib/timeline";
import { Panel, PlotLayer, FONT, X_AXIS_HEIGHT, type Frame } from "../Panel";
import { axisOf, seriesElements, styledSeries } from "../SeriesPanels";
import { INK, MUTED, Marker, ShapeSwatch, responseShape } from "../symbols";
import { LaneFrame, NothingRecorded, PanelBox, SeriesLegend, TOP, firstFitting, fit } from "./common";

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
