import type { ClinicalDate, TimelineEvent } from "@/lib/events";
import { episodeImaging, episodesOf } from "./episodes";
import { flaresInOrder } from "./flares";
import { priorityReasonsOf, reasonFor } from "./reason";
import { patientRecord } from "./record";
import type { AlertSettings } from "./settings";
import type { Alert, AlertPatient } from "./types";

/** The one rule so far. Bump the version when its logic changes, so stored alerts say which logic raised them. */
export const reimagingRule = {
  id: "reimaging-after-flare",
  version: 1,
  title: "Dermatomyositis flare without recent tumour imaging",
} as const;

/**
 * The alerts that should exist for a patient: one per flare episode when the patient has a cancer
 * diagnosis and no tumour imaging in the `imagingGapDays` before the episode. Open until tumour
 * imaging on or after the episode's start, then resolved with that scan's RECIST response.
 *
 * Pure and order-free: the result depends only on the events' clinical dates and contents, never on
 * the input order or when events were recorded. `now` (a clinical date: today, or a wall-clock time)
 * only hides events dated after it. Alerts come in order of episode start.
 */
export function evaluate(patient: AlertPatient, events: readonly TimelineEvent[], settings: AlertSettings, now: ClinicalDate): Alert[] {
  const record = patientRecord(events, now);
  if (record.cancerDiagnosisIds.length === 0) return [];
  const alerts: Alert[] = [];
  for (const episode of episodesOf(flaresInOrder(record.events, settings), settings)) {
    const imaging = episodeImaging(episode, record, settings);
    if (!imaging.raisesAlert) continue;
    const evidence = episode.flares.map((flare) => flare.eventId);
    const priorityReasons = priorityReasonsOf(episode, record, settings);
    const status = imaging.nextImaging ? "resolved" : "open";
    alerts.push({
      key: alertKey(patient.id, reimagingRule.id, evidence[0]),
      patientId: patient.id,
      ruleId: reimagingRule.id,
      ruleVersion: reimagingRule.version,
      priority: priorityReasons.length > 0 ? "high" : "normal",
      priorityReasons,
      evidence,
      episodeStart: episode.start,
      domains: episode.domains,
      ...(imaging.lastImaging && { lastImaging: imaging.lastImaging }),
      status,
      ...(imaging.nextImaging && { resolvedBy: imaging.nextImaging }),
      reason: reasonFor(episode, imaging, status),
    });
  }
  return alerts;
}

export function alertKey(patientId: string, ruleId: string, firstEvidenceId: string): string {
  return `${patientId}:${ruleId}:${firstEvidenceId}`;
}
