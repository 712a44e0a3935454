import type { Readout, ReadoutSeries, ReadoutValue } from "./readout";
import type { LaneId } from "./types";

export interface ReadoutItem {
  /** The series name: "CK", "Skin grade", "Prednisolone". */
  name: string;
  /** One text per value, as recorded: "695 U/L (25–200 U/L), 3.48×ULN". */
  values: string[];
}

export interface ReadoutLaneText {
  lane: LaneId;
  title: string;
  /** What was going on: the response band, the line of therapy, a medication span. */
  context: string[];
  items: ReadoutItem[];
  /** Markers on the day: imaging, cycles, dose changes, adverse events, procedures, alerts. */
  events: string[];
  empty: boolean;
}

export interface ReadoutText {
  /** "3 Aug 2020 · day 210" */
  heading: string;
  lanes: ReadoutLaneText[];
  /** Everything in one sentence, for a screen reader's live region. */
  sentence: string;
}

/** A value as read out: the recorded value with its unit, the lab's printed range, ×ULN or other context, the time. */
export function readoutValueText(series: Pick<ReadoutSeries, "mode">, v: ReadoutValue, dayLabel: string): string {
  // A bare number gets its unit beside it; labels normally carry it already ("695 U/L", "3 (severe)", "34/100").
  let text = v.label === String(v.value) ? `${v.label} ${v.unit}` : v.label;
  if (v.range !== undefined) text += ` (${v.range})`;
  if (v.detail !== undefined) text += v.timesUln !== undefined ? `, ${v.detail}` : `; ${v.detail}`;
  if (series.mode === "carried-forward") {
    if (v.dateLabel !== dayLabel) text += ` (since ${v.dateLabel})`;
  } else if (v.dateLabel.startsWith(`${dayLabel} `)) {
    text += ` at ${v.dateLabel.slice(dayLabel.length + 1)}`;
  }
  return text;
}

/**
 * The crosshair readout as text, lane by lane, every value of the day under it (never rounded), and a
 * one-sentence version for a screen reader. `referenceLabel` names day 0 ("Diagnosis: …, 6 Jan 2020").
 */
export function describeReadout(readout: Readout, referenceLabel?: string): ReadoutText {
  const heading = `${readout.dateLabel} · ${readout.relativeLabel}`;
  const lanes = readout.lanes.map((lane): ReadoutLaneText => {
    const items = lane.series
      .filter((s) => s.values.length > 0)
      .map((s) => ({ name: s.name, values: s.values.map((v) => readoutValueText(s, v, readout.dateLabel)) }));
    return {
      lane: lane.lane,
      title: lane.title,
      context: lane.context,
      items,
      events: lane.events,
      empty: items.length === 0 && lane.context.length === 0 && lane.events.length === 0,
    };
  });
  const day = referenceLabel ? `${readout.relativeLabel} from ${referenceLabel}` : readout.relativeLabel;
  const parts = lanes
    .filter((l) => !l.empty)
    .map((l) => `${l.title}: ${[...l.context, ...l.items.map((i) => `${i.name} ${i.values.join(" and ")}`), ...l.events].join("; ")}.`);
  const sentence = [`${readout.dateLabel}, ${day}.`, ...(parts.length > 0 ? parts : ["Nothing recorded on this day."])].join(" ");
  return { heading, lanes, sentence };
}
