"use client";

import { useEffect, useMemo, useState } from "react";
import { useParams } from "next/navigation";
import { formatClinicalDate } from "@/lib/events";
import { coversRange, detailRange, thinnedSeries, withWindowDetail, type DetailRange, type TimelineModel, type TimeWindow } from "@/lib/timeline";

/** Wait this long after the last zoom or pan before asking for detail (a drag or held key asks once). */
const DEBOUNCE_MS = 300;
/** Windows fetched are kept for zooming back and forth; the oldest is dropped beyond this. */
const KEEP = 6;

export type DetailStatus =
  | { kind: "overview" }
  | { kind: "too-wide" }
  | { kind: "loading"; range: DetailRange }
  | { kind: "detail"; range: DetailRange }
  | { kind: "error"; range: DetailRange; message: string };

interface Fetched {
  range: DetailRange;
  model: TimelineModel;
}

/**
 * The chart model to draw for a window: the stored overview, with every result of the window (from
 * GET /api/v1/patients/:id/chart?from=&to=, same origin, the session cookie as credential; one audited
 * read) merged into its thinned skin and muscle series once it arrives. Until then, or if it fails,
 * the overview is drawn and `status` says why. Stale requests are aborted.
 */
export function useWindowDetail(overview: TimelineModel, window: TimeWindow): { model: TimelineModel; status: DetailStatus } {
  const { id: patientId } = useParams<{ id: string }>();
  const needed = useMemo(() => detailRange(overview, window), [overview, window]);
  const neededKey = needed ? `${needed.from}/${needed.to}` : "";
  const thinned = useMemo(() => thinnedSeries(overview).length > 0, [overview]);
  // Windows fetched for this overview: a new overview (after a write) starts afresh.
  const [fetched, setFetched] = useState<{ overview: TimelineModel; windows: Fetched[] }>({ overview, windows: [] });
  const windows = fetched.overview === overview ? fetched.windows : [];
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const held = needed ? windows.find((w) => coversRange(w.range, needed)) : undefined;

  useEffect(() => {
    if (!needed || held || !patientId) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/v1/patients/${encodeURIComponent(patientId)}/chart?from=${needed.from}&to=${needed.to}`, {
          credentials: "same-origin",
          headers: { accept: "application/json" },
          signal: controller.signal,
        });
        if (!response.ok) {
          const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
          throw new Error(problem?.detail ?? problem?.title ?? `the server answered ${response.status}`);
        }
        const model = (await response.json()) as TimelineModel;
        setFetched((f) => ({ overview, windows: [...(f.overview === overview ? f.windows : []), { range: needed, model }].slice(-KEEP) }));
        setFailure(null);
      } catch (error) {
        if (controller.signal.aborted) return;
        setFailure({ key: neededKey, message: error instanceof Error ? error.message : String(error) });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `needed` is keyed by its text: a new window with the same months asks nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [neededKey, held, patientId, overview]);

  const model = useMemo(() => (needed && held ? withWindowDetail(overview, held.model, needed) : overview), [overview, needed, held]);
  let status: DetailStatus;
  if (!needed) status = thinned && (window[0] > overview.axis.domain[0] || window[1] < overview.axis.domain[1]) ? { kind: "too-wide" } : { kind: "overview" };
  else if (held) status = { kind: "detail", range: needed };
  else if (failure && failure.key === neededKey) status = { kind: "error", range: needed, message: failure.message };
  else status = { kind: "loading", range: needed };
  return { model, status };
}

/** The status line's words; empty when the chart is simply the overview. */
export function detailStatusText(status: DetailStatus): string {
  const period = (r: DetailRange) => `${formatClinicalDate(r.from)} to ${formatClinicalDate(r.to)}`;
  switch (status.kind) {
    case "overview":
      return "";
    case "too-wide":
      return "Long series show each month's first, last, lowest and highest results and threshold crossings; zoom to two years or less to draw every result.";
    case "loading":
      return "Loading detail…";
    case "detail":
      return `Every result from ${period(status.range)} is drawn.`;
    case "error":
      return `Could not load every result for ${period(status.range)} (${status.message}); the overview is shown.`;
  }
}
