"use client";

import { memo } from "react";
import type { AlertsLane } from "@/lib/timeline";
import { Panel, PlotLayer, FONT, X_AXIS_HEIGHT, type Frame } from "../Panel";
import { INK, MUTED, Marker, ShapeSwatch } from "../symbols";
import { LaneFrame, NothingRecorded, PanelBox, TOP } from "./common";

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
