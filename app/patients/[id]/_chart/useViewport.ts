"use client";

import { useMemo, useState } from "react";
import { padWindow, windowFor, windowShowing, zoomWindow, type TimelineModel, type TimeWindow, type WindowPreset } from "@/lib/timeline";
import { useWindowDetail, type DetailStatus } from "./useWindowDetail";

function hull(a: TimeWindow, b: TimeWindow): TimeWindow {
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

export interface Viewport {
  /** The whole record's days. */
  all: TimeWindow;
  /** The period asked for (a preset, a brushed range, a zoom) and the preset it came from, if any. */
  view: { window: TimeWindow; preset: WindowPreset | null };
  /** How far a zoom or brush may reach: the record, and the window asked for if wider. */
  limits: TimeWindow;
  /** The window drawn: the one asked for with a margin. */
  drawn: TimeWindow;
  /** The overview with every result of the drawn window once fetched, and where that fetch stands. */
  detail: { model: TimelineModel; status: DetailStatus };
  setWindow: (window: TimeWindow, preset?: WindowPreset | null) => void;
  choosePreset: (preset: WindowPreset) => void;
  /** Zoom by `factor` (0.5 in, 2 out) around `around` when it is in view, else around the middle. */
  zoom: (factor: number, around: number | null) => void;
  /** Pan just enough that day `x` is in view. */
  reveal: (x: number) => void;
}

/**
 * The chart's viewport: which period is shown (zoom, pan, presets) and the detail fetched for it
 * (useWindowDetail). The chart's controls, keys and pointer all move it through these functions.
 */
export function useViewport(built: TimelineModel, initialWindow?: TimeWindow): Viewport {
  // view.window is the period asked for (a preset, a brushed range); the drawn window adds a margin to it.
  const all = built.axis.domain;
  const [view, setView] = useState<{ window: TimeWindow; preset: WindowPreset | null }>(initialWindow ? { window: initialWindow, preset: null } : { window: all, preset: "all" });
  const limits = hull(all, view.window);
  const drawn = useMemo(() => padWindow(view.window), [view.window]);
  // The overview, with every result of a zoomed window once fetched (skin and muscle series only).
  const detail = useWindowDetail(built, drawn);

  const setWindow = (window: TimeWindow, preset: WindowPreset | null = null) => setView({ window, preset });
  const choosePreset = (preset: WindowPreset) => setWindow(windowFor(built, preset), preset);
  const zoom = (factor: number, around: number | null) => {
    const [a, b] = view.window;
    setWindow(zoomWindow(view.window, around !== null && around >= a && around <= b ? around : (a + b) / 2, factor, limits));
  };
  const reveal = (x: number) =>
    setView((v) => {
      const next = windowShowing(v.window, x, hull(all, v.window));
      return next === v.window ? v : { window: next, preset: null };
    });

  return { all, view, limits, drawn, detail, setWindow, choosePreset, zoom, reveal };
}
