import type { ClinicalDate, TimelineEvent } from "@/lib/events";
import { episodeImaging, episodesOf } from "./episodes";
import { flaresInOrder } from "./flares";
import { dayNumber, imagingBetween, patientRecord } from "./record";
import type { AlertSettings } from "./settings";
import type { AlertPatient, FlareDomain, ImagingReference } from "./types";

/** One flare episode of the backtest and what the tumour imaging showed after it. */
export interface BacktestEpisode {
  patientId: string;
  /** The episode's start: its first flare finding. */
  flareDate: ClinicalDate;
  domains: FlareDomain[];
  evidence: string[];
  /** Whether the rule raises an alert for it (cancer on record, no tumour imaging in the `imagingGapDays` before). */
  alerted: boolean;
  /** The first tumour imaging on or after the flare day. */
  nextImaging?: ImagingReference;
  /** Days from the flare to that imaging. */
  leadTimeDays?: number;
  /** The first scan showing PD within `backtestWindowDays` on or after the flare day. */
  progression?: ImagingReference;
}

export interface BacktestSummary {
  episodeCount: number;
  /** Episodes the rule raises an alert for. */
  alertCount: number;
  /** Share (0–1) of episodes followed by PD within the window; null when there are no episodes. */
  followedByProgressionShare: number | null;
  /** Median of the episodes' lead times to their next tumour imaging; null when none was followed by imaging. */
  medianLeadTimeDays: number | null;
  /** PD scans with no episode starting within the window before them (the same day included): progressions no flare heralded. */
  progressionsWithoutEpisode: { patientId: string; imaging: ImagingReference }[];
}

export interface BacktestResult {
  episodes: BacktestEpisode[];
  summary: BacktestSummary;
}

/**
 * How the rule would have done on whole records, for tuning the settings: every flare episode with
 * the next tumour imaging, its RECIST response and the lead time, and a summary. Reads each record
 * in full (no "now"); entered-in-error events and superseded versions are ignored, as in `evaluate`.
 */
export function backtest(patients: readonly { patient: AlertPatient; events: readonly TimelineEvent[] }[], settings: AlertSettings): BacktestResult {
  const episodes: BacktestEpisode[] = [];
  const progressionsWithoutEpisode: BacktestSummary["progressionsWithoutEpisode"] = [];
  const window = settings.backtestWindowDays;

  for (const { patient, events } of patients) {
    const record = patientRecord(events);
    const startDays: number[] = [];
    for (const episode of episodesOf(flaresInOrder(record.events, settings), settings)) {
      const startDay = dayNumber(episode.start);
      startDays.push(startDay);
      const imaging = episodeImaging(episode, record, settings);
      const progression = imagingBetween(record, startDay, startDay + window).find((scan) => scan.response === "PD");
      episodes.push({
        patientId: patient.id,
        flareDate: episode.start,
        domains: episode.domains,
        evidence: episode.flares.map((flare) => flare.eventId),
        alerted: imaging.raisesAlert,
        ...(imaging.nextImaging && { nextImaging: imaging.nextImaging, leadTimeDays: dayNumber(imaging.nextImaging.date) - startDay }),
        ...(progression && { progression: { eventId: progression.eventId, date: progression.date, response: progression.response } }),
      });
    }
    for (const scan of record.tumourImaging) {
      if (scan.response !== "PD") continue;
      // Episode starts are in order; a linear scan is fine for a backtest.
      const heralded = startDays.some((day) => day <= scan.day && scan.day - day <= window);
      if (!heralded) progressionsWithoutEpisode.push({ patientId: patient.id, imaging: { eventId: scan.eventId, date: scan.date, response: scan.response } });
    }
  }

  const leadTimes = episodes.flatMap((episode) => (episode.leadTimeDays === undefined ? [] : [episode.leadTimeDays]));
  return {
    episodes,
    summary: {
      episodeCount: episodes.length,
      alertCount: episodes.filter((episode) => episode.alerted).length,
      followedByProgressionShare: episodes.length === 0 ? null : episodes.filter((episode) => episode.progression).length / episodes.length,
      medianLeadTimeDays: median(leadTimes),
      progressionsWithoutEpisode,
    },
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
