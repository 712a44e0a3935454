import type { ClinicalDate, TimelineEvent } from "@/lib/events";
import { evaluate, hasDermatomyositis, onCheckpointInhibitor } from "./evaluate";
import { findingsOf } from "./findings";
import { anchorIndexBefore, dayNumber, imagingReference, patientRecord, type PatientRecord } from "./record";
import type { AlertSettings } from "./settings";
import type { Alert, AlertPatient, FlareDomain, ImagingReference } from "./types";

/** Why a run of worsening findings raised no re-imaging alert. */
export type NoAlertReason = "recent-answering-scan" | "no-cancer" | "no-dm";

/** One re-imaging alert of the backtest, or one run of findings that raised none, and what imaging showed after. */
export interface BacktestAlert {
  patientId: string;
  /** The alert's key, when one was raised. */
  key?: string;
  /** The first finding of the run. */
  firstFinding: ClinicalDate;
  /** The date the alert would have fired: its first finding `imagingGapDays` or more after the anchor scan. */
  firedOn?: ClinicalDate;
  domains: FlareDomain[];
  evidence: string[];
  priority?: Alert["priority"];
  /** Set when no alert was raised. */
  noAlert?: NoAlertReason;
  /** Findings before any cancer diagnosis was on record (dermatomyositis first): reported apart. */
  dmOnset: boolean;
  /** The answering scan after it. */
  nextAnsweringScan?: ImagingReference;
  /** Days from firing (or the first finding) to that scan. */
  leadTimeDays?: number;
  /** The first answering scan showing PD within `backtestWindowDays` of firing. */
  progression?: ImagingReference;
  /** Tumour imaging after it that could not answer (NE, or another modality). */
  unansweringScans: number;
}

export interface ShareWithCounts {
  /** 0–1; null when the denominator is 0. */
  share: number | null;
  count: number;
  of: number;
}

export interface BacktestSummary {
  /** Patients with dermatomyositis (diagnosis or DM-specific signs) in the records read: the denominators' population. */
  dmPatients: number;
  patients: number;
  /** Re-imaging alerts in DM patients with cancer on record at their first finding. */
  alertCount: number;
  highPriorityCount: number;
  /** Alerts followed by a PD answering scan within the window after firing. */
  alertsFollowedByProgression: ShareWithCounts;
  /** PD answering scans in DM patients with an alert fired in the window before them (the same day included). */
  progressionsPrecededByAlert: ShareWithCounts;
  /** Median days from firing to the next answering scan; null when none was followed by one. */
  medianLeadTimeDays: number | null;
  /** Alerts after which imaging was done that could not answer. */
  alertsWithUnansweringImaging: number;
  /** Runs of findings in DM patients before any cancer was on record (DM first), apart from the figures above. */
  dmOnsetRuns: number;
  /** Runs that raised no alert, by reason. */
  noAlert: Record<NoAlertReason, number>;
  /** Immune-related myositis alerts (checkpoint inhibitor or myositis adverse event): not re-imaging alerts. */
  immuneMyositisAlerts: number;
  /** PD scans in DM patients not preceded by an alert in the window. */
  progressionsWithoutAlert: { patientId: string; imaging: ImagingReference }[];
}

export interface BacktestResult {
  alerts: BacktestAlert[];
  summary: BacktestSummary;
}

/**
 * How rule version 2 would have done on whole records, for tuning the settings. Reads each record in
 * full (no "now"); entered-in-error events and superseded versions are ignored, as in `evaluate`.
 * Denominators are over patients with dermatomyositis only; runs of findings before any cancer was on
 * record are reported apart; runs that raised no alert are counted by reason.
 */
export function backtest(patients: readonly { patient: AlertPatient; events: readonly TimelineEvent[] }[], settings: AlertSettings): BacktestResult {
  const rows: BacktestAlert[] = [];
  const progressionsWithoutAlert: BacktestSummary["progressionsWithoutAlert"] = [];
  let dmPatients = 0;
  let immuneMyositisAlerts = 0;
  let progressions = 0;
  let progressionsWithAlert = 0;
  const window = settings.backtestWindowDays;

  for (const { patient, events } of patients) {
    const record = patientRecord(events, settings);
    const alerts = evaluate(patient, events, settings, "9999-12-31");
    immuneMyositisAlerts += alerts.filter((alert) => alert.ruleId === "immune-related-myositis").length;
    const reimaging = new Map(alerts.filter((alert) => alert.ruleId === "reimaging-after-flare" && !alert.key.includes("~")).map((alert) => [alert.lastImaging?.eventId ?? "none", alert]));
    const patientIsDm = hasDermatomyositis(record);
    if (patientIsDm) dmPatients++;
    const firstCancerDay = firstCancerDayOf(record);
    const firedDays: number[] = [];

    // Runs of findings by anchor, as the rule groups them; those routed to the immune rule are left out.
    const runs = new Map<number, { day: number; date: ClinicalDate; eventId: string; domain: FlareDomain }[]>();
    for (const finding of findingsOf(record, settings)) {
      const day = dayNumber(finding.date);
      if (finding.domain === "muscle" && onCheckpointInhibitor(record, day, settings)) continue;
      const anchor = anchorIndexBefore(record, day);
      const run = runs.get(anchor) ?? [];
      run.push({ day, date: finding.date, eventId: finding.eventId, domain: finding.domain });
      runs.set(anchor, run);
    }

    for (const [anchor, run] of runs) {
      const anchorScan = anchor >= 0 ? record.answeringScans[anchor] : undefined;
      const alert = reimaging.get(anchorScan?.eventId ?? "none");
      const first = run[0];
      const dmOnset = firstCancerDay === undefined || first.day < firstCancerDay;
      const next = record.answeringScans[anchor + 1];
      const fired = alert ? run.find((f) => !anchorScan || f.day - anchorScan.day >= settings.imagingGapDays) : undefined;
      const from = fired?.day ?? first.day;
      const progression = record.answeringScans.find((scan) => scan.response === "PD" && scan.day >= from && scan.day - from <= window);
      const noAlert: NoAlertReason | undefined = alert
        ? undefined
        : !patientIsDm
          ? "no-dm"
          : record.cancerDiagnosisIds.length === 0
            ? "no-cancer"
            : "recent-answering-scan";
      if (fired && !dmOnset) firedDays.push(fired.day);
      rows.push({
        patientId: patient.id,
        ...(alert && { key: alert.key, priority: alert.priority }),
        firstFinding: first.date,
        ...(fired && { firedOn: fired.date }),
        domains: (["skin", "muscle"] as const).filter((domain) => run.some((f) => f.domain === domain)),
        evidence: [...new Set(run.map((f) => f.eventId))],
        ...(noAlert && { noAlert }),
        dmOnset,
        ...(next && { nextAnsweringScan: imagingReference(next), leadTimeDays: next.day - from }),
        ...(progression && { progression: imagingReference(progression) }),
        unansweringScans: record.unansweringScans.filter((scan) => scan.day >= from && (!next || scan.day < next.day)).length,
      });
    }

    if (!patientIsDm) continue;
    for (const scan of record.answeringScans) {
      if (scan.response !== "PD") continue;
      progressions++;
      if (firedDays.some((day) => day <= scan.day && scan.day - day <= window)) progressionsWithAlert++;
      else progressionsWithoutAlert.push({ patientId: patient.id, imaging: imagingReference(scan) });
    }
  }

  const counted = rows.filter((row) => row.key && !row.dmOnset);
  const followed = counted.filter((row) => row.progression).length;
  const leadTimes = counted.flatMap((row) => (row.leadTimeDays === undefined ? [] : [row.leadTimeDays]));
  const noAlert: Record<NoAlertReason, number> = { "recent-answering-scan": 0, "no-cancer": 0, "no-dm": 0 };
  for (const row of rows) if (row.noAlert) noAlert[row.noAlert]++;
  return {
    alerts: rows,
    summary: {
      dmPatients,
      patients: patients.length,
      alertCount: counted.length,
      highPriorityCount: counted.filter((row) => row.priority === "high").length,
      alertsFollowedByProgression: share(followed, counted.length),
      progressionsPrecededByAlert: share(progressionsWithAlert, progressions),
      medianLeadTimeDays: median(leadTimes),
      alertsWithUnansweringImaging: counted.filter((row) => row.unansweringScans > 0).length,
      dmOnsetRuns: rows.filter((row) => row.dmOnset && row.noAlert !== "no-dm").length,
      noAlert,
      immuneMyositisAlerts,
      progressionsWithoutAlert,
    },
  };
}

function firstCancerDayOf(record: PatientRecord): number | undefined {
  const ids = new Set(record.cancerDiagnosisIds);
  const first = record.events.find((event) => ids.has(event.id));
  return first ? dayNumber(first.occurredAt) : undefined;
}

function share(count: number, of: number): ShareWithCounts {
  return { share: of === 0 ? null : count / of, count, of };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
