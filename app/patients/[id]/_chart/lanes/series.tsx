"use client";

import { memo } from "react";
import type { ImmunosuppressionLane, MuscleLane, SkinLane } from "@/lib/timeline";
import { Panel, X_AXIS_HEIGHT, type Frame } from "../Panel";
import { SeriesPanel, panelsOf, styledSeries } from "../SeriesPanels";
import { LaneFrame, NothingRecorded, PanelBox, SERIES_PANEL_HEIGHT, SeriesLegend, TOP, downsampleNotes } from "./common";
import { OtherMedicationSpans, OtherMedicationsLegend, SPAN_ROW, spanRows } from "./immunosuppression";

/**
 * Skin, muscle and immunosuppression (lib/timeline/lanes/skin.ts, muscle.ts, immunosuppression.ts): numeric
 * series in panels; other immunosuppression as spans above (./immunosuppression.tsx).
 */
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
          {others.length > 0 ? <OtherMedicationsLegend /> : null}
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
          const spanLayer = spans ? <OtherMedicationSpans key="spans" others={others} rows={rows} window={frame.window} /> : null;
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
