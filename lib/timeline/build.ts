import { isKind, type TimelineEvent } from "@/lib/events";
import { activitySeries, currentEvents } from "@/lib/activity";
import { buildAxis, dayNumber, eventX } from "./axis";
import { DEFAULT_MAX_POINTS } from "./downsample";
import { alertsLane } from "./lanes/alerts";
import { immunosuppressionLane } from "./lanes/immunosuppression";
import { muscleLane } from "./lanes/muscle";
import { skinLane } from "./lanes/skin";
import { treatmentLane } from "./lanes/treatment";
import { tumourLane } from "./lanes/tumour";
import type { Lane, LaneId, TimelineModel, TimelineOptions } from "./types";

/**
 * A patient's chart as plain data: one time axis and six lanes (tumour, treatment, skin, muscle,
 * immunosuppression, alerts), each with its accessible table. Only current versions count and
 * entered-in-error events are left out. Numeric DM activity series are downsampled to
 * `maxPointsPerSeries`; imaging, treatment, doses and alerts never are.
 */
export function buildTimeline(events: readonly TimelineEvent[], options: TimelineOptions = {}): TimelineModel {
  const current = currentEvents(events);
  const maxPoints = options.maxPointsPerSeries ?? DEFAULT_MAX_POINTS;
  const alerts = options.alerts ?? [];
  const activity = activitySeries(current);

  const positions = new Map(current.map((e) => [e.id, eventX(e)]));
  const immunosuppression = immunosuppressionLane(current.filter(isKind("medication")), options.today);
  // Besides event dates, the axis must fit alerts and the dose lines' drops to zero (the day after a
  // stop). An ongoing treatment's span runs to today but does not stretch the axis: a record whose
  // follow-up ended years ago (the published case) keeps its own extent, and the span leaves the
  // plot at its right edge with the "ongoing" arrow.
  const extraXs = [...alerts.map((a) => dayNumber(a.date)), ...immunosuppression.series.flatMap((s) => s.points.map((p) => p.x))];
  return {
    axis: buildAxis(current, extraXs, options.referenceEventId),
    lanes: [
      tumourLane(current.filter(isKind("imaging")), current.filter(isKind("treatment_cycle"))),
      treatmentLane({
        cycles: current.filter(isKind("treatment_cycle")),
        adverseEvents: current.filter(isKind("adverse_event")),
        procedures: current.filter(isKind("procedure")),
        radiotherapy: current.filter(isKind("radiotherapy")),
      }),
      skinLane(activity.skinGrade, activity.cdasiActivity, maxPoints),
      muscleLane(activity.labs, activity.mmt8, activity.proximalWeaknessMrc, maxPoints),
      immunosuppression,
      alertsLane(alerts, positions),
    ],
  };
}

/** A lane by its id, typed: `laneOf(model, "muscle").reference`. */
export function laneOf<I extends LaneId>(model: TimelineModel, id: I): Extract<Lane, { id: I }> {
  return model.lanes.find((lane) => lane.id === id) as Extract<Lane, { id: I }>;
}
