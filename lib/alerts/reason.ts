import { antibodyNames, formatClinicalDate, recistResponseNames } from "@/lib/events";
import type { EpisodeImaging } from "./episodes";
import { dayNumber, lastTreatmentBy, type PatientRecord } from "./record";
import type { AlertSettings } from "./settings";
import type { EvaluatedAlertStatus, FlareCriterion, FlareEpisode, FlareFinding } from "./types";

/**
 * Why an alert is high priority, in plain words (empty when it is normal): skin and muscle flaring
 * together, a cancer-associated myositis antibody, or a flare off anticancer treatment.
 */
export function priorityReasonsOf(episode: FlareEpisode, record: PatientRecord, settings: AlertSettings): string[] {
  const reasons: string[] = [];
  if (episode.domains.length === 2) reasons.push("Skin and muscle flared together");
  for (const antibody of settings.highRiskAntibodies) {
    const latest = record.latestAntibodies.get(antibody);
    if (latest?.payload.result === "positive") reasons.push(`${antibodyNames[antibody]} positive (${formatClinicalDate(latest.occurredAt)})`);
  }
  const startDay = dayNumber(episode.start);
  const treatment = lastTreatmentBy(record, startDay);
  if (treatment && startDay - treatment.lastDay >= settings.treatmentGapDays) {
    const days = startDay - treatment.lastDay;
    reasons.push(`${days} days after the last anticancer treatment (${treatment.regimen} cycle ${treatment.cycleNumber}, ${formatClinicalDate(treatment.lastDate)})`);
  }
  return reasons;
}

/**
 * The alert's reason: what flared, how long after the last scan, and what to do. For example:
 * "Skin grade rose from 0 to 3 and CK reached 3.5×ULN, 60 days after the last imaging (SD on 1 Jun 2020).
 * No imaging since. Consider re-staging imaging."
 */
export function reasonFor(episode: FlareEpisode, imaging: EpisodeImaging, status: EvaluatedAlertStatus): string {
  const { lastImaging, daysSinceLastImaging, nextImaging } = imaging;
  const since = lastImaging
    ? `, ${plural(daysSinceLastImaging!, "day")} after the last imaging (${lastImaging.response ?? "baseline"} on ${formatClinicalDate(lastImaging.date)}).`
    : ", with no tumour imaging on record before it.";
  const outcome =
    status === "resolved" && nextImaging
      ? nextImaging.response
        ? ` Imaging on ${formatClinicalDate(nextImaging.date)} showed ${recistResponseNames[nextImaging.response]} (${nextImaging.response}).`
        : ` Staging imaging on ${formatClinicalDate(nextImaging.date)}.`
      : lastImaging
        ? " No imaging since. Consider re-staging imaging."
        : " Consider staging imaging.";
  return `${capitalise(findingsInWords(episode))}${since}${outcome}`;
}

const criterionOrder: FlareCriterion[] = ["skin-grade", "cdasi-activity", "ck", "mmt8-fall", "proximal-weakness"];

/** The strongest finding of each kind in the episode, in words: "skin grade rose from 0 to 3 and CK reached 3.5×ULN". */
export function findingsInWords(episode: FlareEpisode): string {
  const strongest = new Map<FlareCriterion, FlareFinding>();
  for (const flare of episode.flares) {
    for (const finding of flare.findings) {
      const held = strongest.get(finding.criterion);
      if (!held || severity(finding) > severity(held)) strongest.set(finding.criterion, finding);
    }
  }
  const phrases = criterionOrder.filter((criterion) => strongest.has(criterion)).map((criterion) => phrase(strongest.get(criterion)!));
  return listInWords(phrases);
}

/** Larger is worse, so the most telling finding of each kind is quoted. */
function severity(finding: FlareFinding): number {
  switch (finding.criterion) {
    case "mmt8-fall":
      return (finding.reference! - finding.value) / finding.reference!;
    case "proximal-weakness":
      return -finding.value;
    default:
      return finding.value;
  }
}

function phrase(finding: FlareFinding): string {
  const { value, reference } = finding;
  switch (finding.criterion) {
    case "skin-grade":
      return `skin grade rose from ${reference} to ${value}`;
    case "cdasi-activity":
      return `CDASI activity rose from ${reference} to ${value}`;
    case "ck":
      return reference === undefined ? `CK reached ${oneDecimal(value)}×ULN` : `CK rose from ${oneDecimal(reference)} to ${oneDecimal(value)}×ULN`;
    case "mmt8-fall":
      return `MMT-8 fell from ${reference} to ${value} (of ${finding.scale})`;
    case "proximal-weakness":
      return reference === undefined ? `proximal weakness appeared (MRC ${value})` : `proximal weakness appeared (MRC ${value}, was ${reference})`;
  }
}

function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listInWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
