import type { ClinicalDate, TimelineEvent } from "@/lib/events";
import { better, findingsOf, seriesKey, worsens } from "./findings";
import { contextOf, priorityOf, type Priority } from "./priority";
import { immuneReason, reimagingReason } from "./reason";
import { anchorIndexBefore, dayNumber, imagingReference, patientRecord, type DayNumber, type PatientRecord } from "./record";
import type { AlertSettings } from "./settings";
import type { Alert, AlertPatient, AlertRuleId, DismissedAlert, Finding, FlareDomain } from "./types";

/** Re-imaging after a worsening of dermatomyositis. Version 2: judged against the last scan that answered. */
export const reimagingRule = {
  id: "reimaging-after-flare",
  version: 2,
  title: "Dermatomyositis worse since the last answering scan: consider re-imaging",
} as const;

/** Muscle findings on or after an immune checkpoint inhibitor: the urgent question is myocarditis, not re-staging. */
export const immuneMyositisRule = {
  id: "immune-related-myositis",
  version: 1,
  title: "Urgent: possible immune-related myositis",
} as const;

export const alertRules = [reimagingRule, immuneMyositisRule] as const;

export interface EvaluateOptions {
  /** Stored alerts a clinician dismissed: a further worsening beyond their values raises a new alert. */
  dismissed?: readonly DismissedAlert[];
  /**
   * A windowed evaluation: only alerts anchored on an answering scan dated on or after this day are
   * produced (the caller passes every event from `referenceLookbackDays` before that scan on, plus the
   * facts older than that the rules need: diagnoses, antibodies, the last treatment and medications).
   */
  fromAnchorDay?: DayNumber;
  /** With `fromAnchorDay`: the series (measure, MMT-8 scale) that have values older than the events given. */
  earlierSeries?: ReadonlySet<string>;
}

/**
 * The alerts that should exist for a patient under rule version 2 (DESIGN "Alerts"):
 * - every worsening finding (findings.ts) is judged on its own date against the last answering scan
 *   before it (its anchor);
 * - muscle findings within `iciWindowDays` after a checkpoint inhibitor dose, or of a recorded myositis
 *   adverse event, raise the immune-related myositis alert, never a re-imaging alert;
 * - the others, in a patient with a cancer diagnosis and dermatomyositis (a DM diagnosis on record, or a
 *   DM-specific skin sign on any skin assessment), raise one re-imaging alert per anchor when at
 *   least one of them is dated `imagingGapDays` or more after the anchor (or there is no answering scan);
 *   all the anchor's findings are its evidence, and the next answering scan resolves it;
 * - a dismissed alert stays dismissed; findings beyond its values raise the next alert of the chain.
 *
 * Pure and order-free: the result depends only on the events' clinical dates and contents, never on
 * the input order or when events were recorded. `now` only hides events dated after it.
 */
export function evaluate(patient: AlertPatient, events: readonly TimelineEvent[], settings: AlertSettings, now: ClinicalDate, options: EvaluateOptions = {}): Alert[] {
  const record = patientRecord(events, settings, now);
  const findings = findingsOf(record, settings, { earlierSeries: options.earlierSeries });
  const reimaging = new Map<number, Finding[]>();
  const immune = new Map<number, Finding[]>();
  const hasCancer = record.cancerDiagnosisIds.length > 0;
  for (const finding of findings) {
    const day = dayNumber(finding.date);
    const anchor = anchorIndexBefore(record, day);
    if (options.fromAnchorDay !== undefined && (anchor < 0 || record.answeringScans[anchor].day < options.fromAnchorDay)) continue;
    const target = finding.domain === "muscle" && onCheckpointInhibitor(record, day, settings) ? immune : hasCancer && hasDermatomyositis(record) ? reimaging : undefined;
    if (!target) continue;
    const group = target.get(anchor);
    if (group) group.push(finding);
    else target.set(anchor, [finding]);
  }

  const alerts: Alert[] = [];
  const dismissed = options.dismissed ?? [];
  for (const [anchor, group] of reimaging) {
    const anchorDay = anchor >= 0 ? record.answeringScans[anchor].day : undefined;
    const eligible = (finding: Finding) => anchorDay === undefined || dayNumber(finding.date) - anchorDay >= settings.imagingGapDays;
    alerts.push(...chain(patient, record, reimagingRule, anchor, group, eligible, dismissed, settings));
  }
  for (const [anchor, group] of immune) {
    alerts.push(...chain(patient, record, immuneMyositisRule, anchor, group, () => true, dismissed, settings));
  }
  return alerts.sort((a, b) => dayNumber(a.episodeStart) - dayNumber(b.episodeStart) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function alertKey(patientId: string, ruleId: string, anchorEventId: string | undefined, link = 1): string {
  return `${patientId}:${ruleId}:${anchorEventId ?? "none"}${link > 1 ? `~${link}` : ""}`;
}

/**
 * Dermatomyositis is on record: a DM diagnosis, or a DM-specific skin sign on any skin assessment. Any
 * date, like the cancer diagnosis: the diagnosis (or the first typical rash) often comes after the first
 * findings, and judging earlier findings by what was known later keeps more visits from meaning fewer alerts.
 */
export function hasDermatomyositis(record: PatientRecord): boolean {
  return record.dmDiagnosed || record.dmSignSeen;
}

/** A checkpoint inhibitor dose in the `iciWindowDays` up to `day`, or a myositis adverse event within `iciWindowDays` of it. */
export function onCheckpointInhibitor(record: PatientRecord, day: DayNumber, settings: AlertSettings): boolean {
  const window = settings.iciWindowDays;
  return record.checkpointDoses.some((dose) => dose.day <= day && day - dose.day <= window) || record.myositisEvents.some((event) => Math.abs(event.day - day) <= window);
}

/**
 * One anchor's alerts: the first from all its findings (when one is eligible); after each dismissal,
 * the next from the findings not in the dismissed alerts that are worse than the values at dismissal.
 */
function chain(
  patient: AlertPatient,
  record: PatientRecord,
  rule: { id: AlertRuleId; version: number },
  anchor: number,
  group: Finding[],
  eligible: (finding: Finding) => boolean,
  dismissed: readonly DismissedAlert[],
  settings: AlertSettings,
): Alert[] {
  const alerts: Alert[] = [];
  const anchorScan = anchor >= 0 ? record.answeringScans[anchor] : undefined;
  const dismissedEvidence = new Set<string>();
  let floor: Map<string, Finding> | undefined;
  for (let link = 1; ; link++) {
    const candidates = floor === undefined ? group : group.filter((finding) => !dismissedEvidence.has(finding.eventId) && beyond(finding, floor!, settings));
    if (!candidates.some(eligible)) break;
    const key = alertKey(patient.id, rule.id, anchorScan?.eventId, link);
    alerts.push(build(patient, record, rule, anchor, candidates, key, link, settings));
    const dismissal = dismissed.find((alert) => alert.key === key);
    if (!dismissal) break;
    for (const id of dismissal.evidence) dismissedEvidence.add(id);
    floor = worstValues(group.filter((finding) => dismissedEvidence.has(finding.eventId)));
  }
  return alerts;
}

/** The worst value of each series among the findings: the values at dismissal. */
function worstValues(findings: readonly Finding[]): Map<string, Finding> {
  const worst = new Map<string, Finding>();
  for (const finding of findings) {
    const key = seriesKey(finding);
    const held = worst.get(key);
    if (!held || better(finding.measure, held.value, finding.value)) worst.set(key, finding);
  }
  return worst;
}

/** A further worsening beyond the value at dismissal, by the measure's own threshold (a measure not in the dismissed alert counts as it is). */
function beyond(finding: Finding, floor: ReadonlyMap<string, Finding>, settings: AlertSettings): boolean {
  const atDismissal = floor.get(seriesKey(finding));
  return atDismissal === undefined || worsens(finding.measure, finding.value, atDismissal.value, settings);
}

function build(
  patient: AlertPatient,
  record: PatientRecord,
  rule: { id: AlertRuleId; version: number },
  anchor: number,
  findings: Finding[],
  key: string,
  link: number,
  settings: AlertSettings,
): Alert {
  const evidence = [...new Set(findings.map((finding) => finding.eventId))];
  const domains: FlareDomain[] = (["skin", "muscle"] as const).filter((domain) => findings.some((finding) => finding.domain === domain));
  const anchorScan = anchor >= 0 ? record.answeringScans[anchor] : undefined;
  const first = findings[0];
  const firstDay = dayNumber(first.date);
  const lastDay = dayNumber(findings[findings.length - 1].date);
  const base = {
    key,
    patientId: patient.id,
    ruleId: rule.id,
    ruleVersion: rule.version,
    evidence,
    episodeStart: first.date.slice(0, 10),
    domains,
    ...(anchorScan && { lastImaging: imagingReference(anchorScan) }),
    findings,
  };
  if (rule.id === "immune-related-myositis") {
    const priority: Priority = { level: "high", factors: ["possible immune-related myositis: checkpoint inhibitor or myositis adverse event on record"] };
    return { ...base, priority: "high", priorityReasons: priority.factors, status: "open", reason: immuneReason(record, findings, firstDay, lastDay, link, settings) };
  }
  const resolving = record.answeringScans[anchor + 1];
  const priority = priorityOf(record, findings, anchorScan?.day, firstDay, lastDay, settings);
  const context = contextOf(record, findings, firstDay, settings);
  const unanswering = record.unansweringScans.filter((scan) => scan.day >= firstDay && (!resolving || scan.day < resolving.day));
  return {
    ...base,
    priority: priority.level,
    priorityReasons: priority.factors,
    status: resolving ? "resolved" : "open",
    ...(resolving && { resolvedBy: imagingReference(resolving) }),
    reason: reimagingReason({ findings, anchorScan, resolving, unanswering, context, priority, firstDay, lastDay, link, settings }),
  };
}
