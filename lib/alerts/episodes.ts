import { dayNumber, firstImagingFrom, lastImagingBefore, type PatientRecord } from "./record";
import type { AlertSettings } from "./settings";
import type { FlareDomain, FlareEpisode, FlarePoint, ImagingReference } from "./types";

/**
 * Flare points (in clinical order) grouped into episodes: a point less than `episodeGapDays` after the
 * previous one joins its episode, so a flare assessed repeatedly over weeks stays one alert, and a
 * flare `episodeGapDays` or more after the last evidence opens a new one.
 */
export function episodesOf(flares: readonly FlarePoint[], settings: AlertSettings): FlareEpisode[] {
  const episodes: FlareEpisode[] = [];
  let current: FlarePoint[] = [];
  for (const flare of flares) {
    const previous = current.at(-1);
    if (previous && dayNumber(flare.occurredAt) - dayNumber(previous.occurredAt) >= settings.episodeGapDays) {
      episodes.push(episode(current));
      current = [];
    }
    current.push(flare);
  }
  if (current.length > 0) episodes.push(episode(current));
  return episodes;
}

function episode(flares: FlarePoint[]): FlareEpisode {
  const domains: FlareDomain[] = (["skin", "muscle"] as const).filter((domain) => flares.some((flare) => flare.domain === domain));
  return { start: flares[0].occurredAt, end: flares[flares.length - 1].occurredAt, flares, domains };
}

/** An episode against the patient's tumour imaging. */
export interface EpisodeImaging {
  /** The most recent tumour imaging on a day before the episode started. */
  lastImaging?: ImagingReference;
  /** Days from that imaging to the episode's start. */
  daysSinceLastImaging?: number;
  /** The first tumour imaging on or after the episode's start day: it answers the alert. */
  nextImaging?: ImagingReference;
  /**
   * Whether the rule raises an alert for it: the patient has a cancer diagnosis and the last tumour
   * imaging was at least `imagingGapDays` before the episode (or there was none). An episode that
   * came soon after a scan needs no re-imaging, so it raises nothing at all.
   */
  raisesAlert: boolean;
}

/**
 * Any cancer diagnosis in the record counts, whatever its date: dermatomyositis often precedes the
 * cancer, and once the cancer is known an earlier flare (entered late, or before the diagnosis) is
 * still worth an alert, which imaging since will usually have resolved already.
 */
export function episodeImaging(episode: FlareEpisode, record: PatientRecord, settings: AlertSettings): EpisodeImaging {
  const startDay = dayNumber(episode.start);
  const last = lastImagingBefore(record, startDay);
  const next = firstImagingFrom(record, startDay);
  const daysSinceLastImaging = last ? startDay - last.day : undefined;
  const raisesAlert = record.cancerDiagnosisIds.length > 0 && (daysSinceLastImaging === undefined || daysSinceLastImaging >= settings.imagingGapDays);
  return { lastImaging: last && reference(last), daysSinceLastImaging, nextImaging: next && reference(next), raisesAlert };
}

function reference({ eventId, date, response }: ImagingReference): ImagingReference {
  return { eventId, date, response };
}
