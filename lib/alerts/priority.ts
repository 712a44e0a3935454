import { antibodyNames, formatClinicalDate, type EventOfKind } from "@/lib/events";
import { describeFinding } from "./wording";
import { dayNumber, lastTreatmentBy, type DayNumber, type PatientRecord } from "./record";
import { namesOneOf, type AlertSettings } from "./settings";
import type { AlertPriority, Finding } from "./types";

export interface Priority {
  level: AlertPriority;
  /** Every factor that holds, in plain words with dates and values. */
  factors: string[];
}

/**
 * High priority when at least `priorityFactorsForHigh` of these hold (each is named either way):
 * skin and muscle worsen together; a severe finding (skin grade 4 or ulceration, CK ≥ severe ×ULN,
 * MRC ≤ severe grade, dysphagia or respiratory involvement); a high-risk antibody positive; the first
 * finding `treatmentGapDays` or more after the last anticancer treatment.
 */
export function priorityOf(record: PatientRecord, findings: readonly Finding[], anchorDay: DayNumber | undefined, firstDay: DayNumber, lastDay: DayNumber, settings: AlertSettings): Priority {
  const factors: string[] = [];
  if (findings.some((f) => f.domain === "skin") && findings.some((f) => f.domain === "muscle")) factors.push("skin and muscle worsened together");

  const severe = findings.find((f) => f.severe);
  const ulcerated = record.events.find(
    (event): event is EventOfKind<"skin_assessment"> =>
      event.kind === "skin_assessment" && event.payload.signs.includes("ulceration") && dayNumber(event.occurredAt) <= lastDay && (anchorDay === undefined || dayNumber(event.occurredAt) > anchorDay),
  );
  if (severe) factors.push(`severe finding: ${describeFinding(severe, { short: true })}`);
  else if (ulcerated) factors.push(`severe finding: skin ulceration on ${formatClinicalDate(ulcerated.occurredAt)}`);

  for (const antibody of settings.highRiskAntibodies) {
    const latest = record.latestAntibodies.get(antibody);
    if (latest?.payload.result === "positive") factors.push(`${antibodyNames[antibody]} positive (${formatClinicalDate(latest.occurredAt)})`);
  }

  const treatment = lastTreatmentBy(record, firstDay);
  if (treatment && firstDay - treatment.lastDay >= settings.treatmentGapDays) {
    factors.push(`${firstDay - treatment.lastDay} days after the last anticancer treatment (${treatment.regimen} cycle ${treatment.cycleNumber}, ${formatClinicalDate(treatment.lastDate)})`);
  }
  return { level: factors.length >= settings.priorityFactorsForHigh ? "high" : "normal", factors };
}

/**
 * Facts that may explain a worsening, named in the reason without a verdict: a glucocorticoid dose
 * reduced in the `steroidTaperDays` before the first finding, a statin started in the `statinStartDays`
 * before it (when CK is among the findings), and a normal muscle examination on the day of a CK finding.
 */
export function contextOf(record: PatientRecord, findings: readonly Finding[], firstDay: DayNumber, settings: AlertSettings): string[] {
  const context: string[] = [];
  const lastDose = new Map<string, EventOfKind<"medication">>();
  const seenStatins = new Set<string>();
  let reduction: string | undefined;
  let statin: string | undefined;
  for (const medication of record.medications) {
    const day = dayNumber(medication.occurredAt);
    if (day > firstDay) break;
    const { drug, dose, route } = medication.payload;
    const steroid = route !== "topical" ? namesOneOf(drug, settings.glucocorticoids) : undefined;
    if (steroid && dose) {
      const before = lastDose.get(steroid);
      if (before?.payload.dose && before.payload.dose.unit === dose.unit && dose.value < before.payload.dose.value && firstDay - day <= settings.steroidTaperDays) {
        reduction = `${drug} reduced from ${before.payload.dose.value} to ${dose.value} ${dose.unit} on ${formatClinicalDate(medication.occurredAt)} (a taper flare is possible)`;
      }
      lastDose.set(steroid, medication);
    }
    const statinName = namesOneOf(drug, settings.statins);
    if (statinName) {
      if (!seenStatins.has(statinName) && firstDay - day <= settings.statinStartDays) statin = `${drug} started on ${formatClinicalDate(medication.occurredAt)} (statins can raise CK)`;
      seenStatins.add(statinName);
    }
  }
  if (reduction) context.push(reduction);
  const ckFindings = findings.filter((f) => f.measure === "ck");
  if (statin && ckFindings.length > 0) context.push(statin);
  for (const ck of ckFindings) {
    const day = dayNumber(ck.date);
    const exam = record.muscleAssessments.find((m) => dayNumber(m.occurredAt) === day && isNormalExamination(m));
    if (exam) {
      const mrc = exam.payload.proximalWeaknessMrc;
      const mmt8 = exam.payload.mmt8;
      const shown = [mrc !== undefined ? `MRC ${mrc}` : undefined, mmt8 ? `MMT-8 ${mmt8.score}/${mmt8.scale}` : undefined].filter(Boolean).join(", ");
      context.push(`muscle examination normal on ${formatClinicalDate(exam.occurredAt)}, the day of the CK (${shown})`);
      break;
    }
  }
  return context;
}

function isNormalExamination(exam: EventOfKind<"muscle_assessment">): boolean {
  const { proximalWeaknessMrc: mrc, mmt8, dysphagia, respiratoryInvolvement } = exam.payload;
  if (mrc === undefined && mmt8 === undefined) return false;
  return (mrc === undefined || mrc >= 5) && (mmt8 === undefined || mmt8.score === mmt8.scale) && dysphagia !== true && respiratoryInvolvement !== true;
}
