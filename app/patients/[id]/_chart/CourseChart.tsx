"use client";

import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import {
  adjacentEventDay,
  dayNumber,
  brushWindow,
  calendarTicks,
  describeReadout,
  eventDays,
  formatDayNumber,
  formatRelativeDay,
  nearestEventDay,
  readoutAt,
  relativeDay,
  relativeTicks,
  unpackModel,
  withReference,
  type PackedModel,
  type TimelineModel,
  type TimeWindow,
} from "@/lib/timeline";
import { ChartControls } from "./ChartControls";
import type { Frame } from "./Panel";
import { AlertsLaneView, SeriesLaneView, TreatmentLaneView, TumourLaneView } from "./lanes";
import { LaneTable } from "./LaneTable";
import { Readout } from "./Readout";
import { composeChartSvg, savePng, saveSvg } from "./exportChart";
import { usePrintWidth, useWidth } from "./useChartWidth";
import { useViewport } from "./useViewport";
import { detailStatusText } from "./useWindowDetail";
import styles from "./chart.module.css";

/** A drag narrower than this is a click, not a brush. */
const BRUSH_MIN_PX = 6;
/** The crosshair snaps to an event this close. */
const SNAP_PX = 6;
/** A finger is less precise than a pointer: a tap snaps from further away. */
const SNAP_TOUCH_PX = 14;

export interface CourseChartProps {
  /** The model as the server built it, packed for the page (lib/timeline/transport.ts). */
  model: PackedModel;
  /** Axis in days from the model's reference event (else calendar dates). */
  relative: boolean;
  /** "REFERENCE, Case (FW-0001)": heads the saved images. */
  patientLabel: string;
  /** Safe for a file name: "FW-0001". */
  fileStem: string;
  /** The period shown first (the MDT pack's window); the whole record when absent. */
  initialWindow?: TimeWindow;
  /** A day to put the crosshair on at once ("Show on the chart" from an alert: ?at=YYYY-MM-DD). */
  initialCursor?: string;
}

export function CourseChart({ model: packed, relative: initiallyRelative, patientLabel, fileStem, initialWindow, initialCursor }: CourseChartProps) {
  const built = useMemo(() => unpackModel(packed), [packed]);
  const [referenceId, setReferenceId] = useState(built.axis.reference?.eventId);
  const [relative, setRelative] = useState(initiallyRelative);

  // Which period is shown (zoom, pan, presets) and the detail fetched for it.
  const viewport = useViewport(built, initialWindow);
  const { all, view, limits, drawn, detail, setWindow, choosePreset } = viewport;
  const detailed = detail.model;
  const model = useMemo(() => (referenceId ? withReference(detailed, referenceId) : detailed), [detailed, referenceId]);
  const [cursor, setCursor] = useState<number | null>(initialCursor ? dayNumber(initialCursor) : null);
  // "Show on the chart" on the same page is a client navigation: the chart stays mounted, so a new
  // ?at= day moves the crosshair here (React's adjust-state-while-rendering pattern, not an effect).
  const [cursorAsked, setCursorAsked] = useState(initialCursor);
  if (initialCursor !== cursorAsked) {
    setCursorAsked(initialCursor);
    if (initialCursor) setCursor(dayNumber(initialCursor));
  }
  const [brush, setBrush] = useState<{ from: number; to: number } | null>(null);
  const days = useMemo(() => eventDays(detailed), [detailed]);

  const stackRef = useRef<HTMLDivElement>(null);
  const measured = useWidth(stackRef);
  const printWidth = usePrintWidth();
  const width = printWidth ?? measured;
  const narrow = width > 0 && width < 560;
  const axisWidth = narrow ? 62 : 72;
  const plotWidth = Math.max(1, width - 2 * axisWidth);

  const frame: Frame | undefined = useMemo(() => {
    if (width === 0) return undefined;
    const maxTicks = Math.max(2, Math.floor(plotWidth / (relative ? 70 : 92)));
    const ticks = relative ? relativeTicks(drawn, model.axis.origin, maxTicks) : calendarTicks(drawn, maxTicks);
    return { width, axisWidth, window: drawn, ticks, fontSize: narrow ? 10 : 11 };
  }, [width, axisWidth, plotWidth, relative, drawn, model.axis.origin, narrow]);

  const readout = useMemo(() => (cursor === null ? undefined : describeReadout(readoutAt(model, cursor), model.axis.reference?.label)), [model, cursor]);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    const sentence = readout?.sentence ?? "";
    const timer = setTimeout(() => setAnnouncement(sentence), 250);
    return () => clearTimeout(timer);
  }, [readout]);

  const [from, to] = drawn;
  const dayAt = useCallback(
    (clientX: number): number | null => {
      const box = stackRef.current?.getBoundingClientRect();
      if (!box) return null;
      const px = clientX - box.left - axisWidth;
      if (px < -2 || px > plotWidth + 2) return null;
      return from + (Math.min(Math.max(px, 0), plotWidth) / plotWidth) * (to - from);
    },
    [axisWidth, plotWidth, from, to],
  );
  const snap = (x: number) => nearestEventDay(days, x, (SNAP_PX / plotWidth) * (to - from)) ?? x;

  const zoom = (factor: number) => viewport.zoom(factor, cursor);

  const moveCursor = (x: number) => {
    setCursor(x);
    viewport.reveal(x);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const x = dayAt(e.clientX);
    if (x === null) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setBrush({ from: x, to: x });
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const x = dayAt(e.clientX);
    if (x === null) return;
    if (brush) setBrush({ from: brush.from, to: x });
    setCursor(snap(x));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!brush) return;
    const x = dayAt(e.clientX) ?? brush.to;
    setBrush(null);
    if ((Math.abs(x - brush.from) / (to - from)) * plotWidth >= BRUSH_MIN_PX) setWindow(brushWindow(brush.from, x, limits));
    // A tap (touch has no hover) or a click puts the crosshair there; a touch snaps from further away.
    else setCursor(nearestEventDay(days, x, ((e.pointerType === "touch" ? SNAP_TOUCH_PX : SNAP_PX) / plotWidth) * (to - from)) ?? x);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = cursor ?? (from + to) / 2;
    const visibleDays = days.filter((d) => d >= from && d <= to);
    let handled = true;
    switch (e.key) {
      case "ArrowRight":
      case "ArrowLeft": {
        const direction = e.key === "ArrowRight" ? 1 : -1;
        const next = e.shiftKey ? Math.floor(at) + direction : adjacentEventDay(days, at, direction);
        if (next !== undefined) moveCursor(next);
        break;
      }
      case "PageUp":
      case "PageDown":
        moveCursor(Math.floor(at + ((e.key === "PageDown" ? 1 : -1) * (to - from)) / 10));
        break;
      case "Home":
        moveCursor(visibleDays[0] ?? Math.ceil(from));
        break;
      case "End":
        moveCursor(visibleDays[visibleDays.length - 1] ?? Math.floor(to));
        break;
      case "+":
      case "=":
        zoom(0.5);
        break;
      case "-":
      case "_":
        zoom(2);
        break;
      case "0":
        choosePreset("all");
        break;
      case "Escape":
        if (brush) setBrush(null);
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };
  const onFocus = () => {
    if (cursor !== null) return;
    const visible = days.filter((d) => d >= from && d <= to);
    if (visible.length > 0) setCursor(visible[visible.length - 1]);
  };

  const chooseAxis = (value: string) => {
    const isRelative = value !== "calendar";
    if (isRelative) setReferenceId(value);
    setRelative(isRelative);
    const url = new URL(window.location.href);
    if (isRelative) url.searchParams.set("ref", value);
    else url.searchParams.delete("ref");
    window.history.replaceState(window.history.state, "", url);
  };

  const windowLabel = (x: number) => (relative ? `${formatDayNumber(x)} (${formatRelativeDay(relativeDay(model.axis, x))})` : formatDayNumber(x));
  const shown = `${windowLabel(Math.ceil(view.window[0]))} to ${windowLabel(Math.floor(view.window[1]))}`;

  const exportImage = async (kind: "svg" | "png") => {
    if (!stackRef.current) return;
    const sub = `${shown}${relative ? `; days from ${model.axis.reference?.label ?? "day 0"}` : ""}`;
    const { svg, width: w, height: h } = composeChartSvg(stackRef.current, `${patientLabel}: course`, sub);
    const name = `flarewatch-${fileStem}-course.${kind}`;
    if (kind === "svg") saveSvg(svg, name);
    else await savePng(svg, w, h, name);
  };

  const pxOf = (x: number) => axisWidth + ((x - from) / (to - from)) * plotWidth;
  const [tumour, treatment, skin, muscle, immunosuppression, alerts] = model.lanes;

  if (built.axis.domain[0] === 0 && built.axis.domain[1] === 0 && built.lanes.every((l) => l.table.rows.length === 0)) {
    return <p className="empty">Nothing recorded yet: the chart appears with the first event.</p>;
  }

  return (
    <div className={styles.chart}>
      <ChartControls
        preset={view.preset}
        showingAll={view.window[0] <= all[0] && view.window[1] >= all[1]}
        onPreset={choosePreset}
        onZoom={zoom}
        axis={relative && referenceId ? referenceId : "calendar"}
        axisChoices={model.axis.choices}
        onAxis={chooseAxis}
        onSave={(kind) => void exportImage(kind)}
      />
      <p className={styles.window} aria-live="polite" data-testid="chart-window">
        Showing {shown}
        {relative && model.axis.reference ? `; day 0: ${model.axis.reference.label}` : ""}
      </p>
      <p className={styles.detailStatus} role="status" aria-live="polite" data-testid="chart-detail" data-detail={detail.status.kind}>
        {detailStatusText(detail.status)}
      </p>
      <div className={styles.body}>
        <div
          ref={stackRef}
          className={styles.stack}
          role="application"
          aria-roledescription="chart"
          aria-label="Course chart: tumour status, anticancer treatment, skin and muscle activity, immunosuppression and alerts on one time axis"
          aria-describedby="chart-keys"
          tabIndex={0}
          data-window-from={from}
          data-window-to={to}
          data-plot-left={axisWidth}
          data-plot-width={plotWidth}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setBrush(null)}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
        >
          {frame ? (
            <>
              <TumourLaneView lane={tumour} frame={frame} />
              <TreatmentLaneView lane={treatment} frame={frame} />
              <SeriesLaneView lane={skin} frame={frame} />
              <SeriesLaneView lane={muscle} frame={frame} />
              <SeriesLaneView lane={immunosuppression} frame={frame} />
              <AlertsLaneView lane={alerts} frame={frame} />
            </>
          ) : (
            model.lanes.map((lane) => (
              <div key={lane.id} className={`${styles.lane} ${styles.placeholder}`}>
                <span className={styles.laneTitle}>{lane.title}</span>
              </div>
            ))
          )}
          {brush && frame ? (
            <div
              className={styles.brush}
              style={{ left: Math.min(pxOf(brush.from), pxOf(brush.to)), width: Math.abs(pxOf(brush.to) - pxOf(brush.from)) }}
              aria-hidden="true"
            />
          ) : null}
          {cursor !== null && frame && cursor >= from && cursor <= to ? (
            <div className={styles.crosshair} style={{ left: pxOf(cursor) }} aria-hidden="true">
              <span className={`${styles.crosshairLabel} ${pxOf(cursor) > width / 2 ? styles.crosshairLabelLeft : ""}`}>{readout?.heading}</span>
            </div>
          ) : null}
        </div>
        <Readout text={readout} referenceLabel={model.axis.reference?.label} pinned={cursor !== null} />
      </div>
      <p id="chart-keys" className={styles.keys}>
        Drag across the chart to zoom into a period. With the chart focused: ← and → move the crosshair to the previous or next day with an
        event (Shift: one day), Page Up and Page Down a tenth of the view, Home and End to the first and last event in view; + and − zoom,
        0 shows everything.
      </p>
      <div className={styles.srOnly} aria-live="polite" aria-atomic="true" data-testid="readout-announcement">
        {announcement}
      </div>
      <h3 className={styles.tablesHeading}>The chart&rsquo;s data as tables</h3>
      {model.lanes.map((lane) => (
        <LaneDetails key={lane.id} title={lane.title} table={lane.table} />
      ))}
    </div>
  );
}

/** A lane's table, built only once opened: a long history has thousands of rows. */
const LaneDetails = memo(function LaneDetails({ title, table }: { title: string; table: TimelineModel["lanes"][number]["table"] }) {
  const [open, setOpen] = useState(false);
  return (
    <details className={styles.details} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {title}: table of {table.rows.length} {table.rows.length === 1 ? "row" : "rows"}
      </summary>
      {open ? <LaneTable table={table} /> : null}
    </details>
  );
});
