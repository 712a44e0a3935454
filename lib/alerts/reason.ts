import { analytes, formatClinicalDate, unitLabel } from "@/lib/events";
import type { Priority } from "./priority";

/** A troponin this many days either side of the findings is quoted on the immune-related myositis alert. */
export const TROPONIN_DAYS = 14;
import { dayNumber, type DatedImaging, type DayNumber, type PatientRecord } from "./record";
import type { AlertSettings } from "./settings";
import type { Finding, UnansweringScan } from "./types";
import { capitalise, describeFinding, plural, scanInWords, strongestFindings } from "./wording";

function findingsInWords(findings: readonly Finding[], anchorScan: DatedImaging | undefined, settings: AlertSettings): string {
  const scan = anchorScan && `${anchorScan.modality ?? "scan"} of ${formatClinicalDate(anchorScan.date)}`;
  const noEarlier = anchorScan
    ? `on or in the ${settings.referenceLookbackDays} days before the ${scan} to compare with`
    : `in the ${settings.referenceLookbackDays} days before to compare with`;
  return strongestFindings(findings)
    .map((finding) => describeFinding(finding, { noEarlier }))
    .join("; ");
}

/** What "against" means, said once: the best value since the anchor scan (or the last one before it), or of the look-back. */
function referenceInWords(findings: readonly Finding[], anchorScan: DatedImaging | undefined, settings: AlertSettings): string | undefined {
  if (!strongestFindings(findings).some((finding) => finding.basis === "reference")) return undefined;
  return anchorScan
    ? `Each value is compared with the patient's best since the ${anchorScan.modality ?? "scan"} of ${formatClinicalDate(anchorScan.date)}, counting the last value before it.`
    : `Each value is compared with the patient's best of the ${settings.referenceLookbackDays} days before it.`;
}

function unansweringInWords(scans: readonly UnansweringScan[], settings: AlertSettings): string[] {
  return scans.map((scan) =>
    scan.why === "not-evaluable"
      ? `${scan.modality} on ${formatClinicalDate(scan.date)} was not evaluable${scan.response === "NE" ? " (NE)" : ""}: not an answer.`
      : `${scan.modality} on ${formatClinicalDate(scan.date)} cannot answer (only ${settings.answeringModalities.join(", ")} can): not an answer.`,
  );
}

function priorityInWords(priority: Priority, settings: AlertSettings): string | undefined {
  if (priority.factors.length === 0) return undefined;
  if (priority.level === "high") return `High priority: ${priority.factors.join("; ")}.`;
  return `Priority factor${priority.factors.length === 1 ? "" : "s"}: ${priority.factors.join("; ")} (${settings.priorityFactorsForHigh} make an alert high priority).`;
}

export interface ReimagingReasonInput {
  findings: readonly Finding[];
  anchorScan?: DatedImaging;
  resolving?: DatedImaging;
  unanswering: readonly UnansweringScan[];
  context: readonly string[];
  priority: Priority;
  firstDay: DayNumber;
  lastDay: DayNumber;
  link: number;
  settings: AlertSettings;
}

/**
 * The re-imaging alert's reason, for example: "Skin grade 3 on 3 Aug 2020, against skin grade 0 on 4 Jun
 * 2020 (the best from the CT of 4 Jun 2020 on); CK 695 U/L (3.5×ULN) on 3 Aug 2020 at first assessment.
 * First finding 60 days after the last answering scan (CT on 4 Jun 2020: stable disease (SD)). High
 * priority: …. No answering scan since: consider re-staging imaging."
 */
export function reimagingReason(input: ReimagingReasonInput): string {
  const { findings, anchorScan, resolving, unanswering, context, priority, firstDay, lastDay, link, settings } = input;
  const sentences: string[] = [];
  const words = findingsInWords(findings, anchorScan, settings);
  sentences.push(link > 1 ? `Further worsening after the previous alert was dismissed: ${words}.` : `${capitalise(words)}.`);
  const against = referenceInWords(findings, anchorScan, settings);
  if (against) sentences.push(against);
  if (anchorScan) {
    const from = firstDay - anchorScan.day;
    const to = lastDay - anchorScan.day;
    const span = from === to ? plural(from, "day") : `from ${from} to ${plural(to, "day")}`;
    sentences.push(`${findings.length === 1 ? "Finding" : "Findings"} ${span} after the last answering scan (${scanInWords(anchorScan)}).`);
  } else {
    sentences.push("No answering scan is on record before the findings.");
  }
  sentences.push(...unansweringInWords(unanswering, settings));
  if (context.length > 0) sentences.push(`${capitalise(context.join("; "))}.`);
  const priorityText = priorityInWords(priority, settings);
  if (priorityText) sentences.push(priorityText);
  if (resolving) sentences.push(`Answered by ${scanInWords(resolving)}.`);
  else sentences.push(anchorScan ? "No answering scan since: consider re-staging imaging." : "Consider staging imaging.");
  return sentences.join(" ");
}

/**
 * The immune-related myositis alert's reason: the muscle findings, the checkpoint inhibitor or myositis
 * adverse event behind it, the latest troponin around it, and the urgent work-up (ASCO irAE guideline:
 * troponin and ECG for myocarditis; consider holding the drug).
 */
export function immuneReason(record: PatientRecord, findings: readonly Finding[], firstDay: DayNumber, lastDay: DayNumber, link: number, settings: AlertSettings): string {
  const sentences: string[] = [];
  const lead = link > 1 ? "Further muscle worsening after the previous alert was dismissed: p" : "P";
  sentences.push(`${lead}ossible immune-related myositis: ${strongestFindings(findings).map((f) => describeFinding(f, { short: true })).join("; ")}.`);
  const dose = [...record.checkpointDoses].reverse().find((d) => d.day <= firstDay && firstDay - d.day <= settings.iciWindowDays);
  const exposure: string[] = [];
  if (dose) exposure.push(`${plural(firstDay - dose.day, "day")} after ${dose.drug} on ${formatClinicalDate(dose.date)}`);
  const myositis = record.myositisEvents.find((e) => Math.abs(e.day - firstDay) <= settings.iciWindowDays);
  if (myositis) exposure.push(`${myositis.term} recorded as an adverse event on ${formatClinicalDate(myositis.date)} (CTCAE grade ${myositis.grade})`);
  if (exposure.length > 0) sentences.push(`${capitalise(exposure.join("; "))}.`);
  const troponin = [...record.troponins].reverse().find((t) => dayNumber(t.occurredAt) <= lastDay + TROPONIN_DAYS && dayNumber(t.occurredAt) >= firstDay - TROPONIN_DAYS);
  if (troponin) {
    const { analyte, value, unit, comparator, referenceRange } = troponin.payload;
    const range = referenceRange?.high !== undefined ? ` (upper limit ${referenceRange.high} ${unitLabel(unit)})` : "";
    sentences.push(`${analytes[analyte].short} ${comparator ? `${comparator} ` : ""}${value} ${unitLabel(unit)} on ${formatClinicalDate(troponin.occurredAt)}${range}.`);
  } else {
    sentences.push(`No troponin recorded within ${TROPONIN_DAYS} days of the findings.`);
  }
  sentences.push("Urgent: check troponin and ECG; consider holding the checkpoint inhibitor.");
  return sentences.join(" ");
}
