import { addDays, formatClinicalDate, type ClinicalDate, type TimelineEvent } from "@/lib/events";
import { panelWords, riskSentence, screeningItemShort, screeningPlan, type ScreeningPatient, type ScreeningPlan, type ScreeningRound } from "@/lib/screening";
import { alertKey } from "./evaluate";
import type { AlertSettings } from "./settings";
import type { Alert } from "./types";

/**
 * Cancer screening when dermatomyositis comes first (lib/screening, docs/screening.md): one alert per
 * screening round whose required items were due and not recorded. Two rules on the same machinery so
 * the inbox, the chart and a FHIR Flag each say which it is: "screening due", which becomes "screening
 * overdue" (the same round, same anchor; `reconcile` carries an acknowledgement or dismissal over) once
 * an item is `screeningGraceDays` past its round's date.
 */
export const screeningDueRule = { id: "screening-due", version: 1, title: "Cancer screening due" } as const;
export const screeningOverdueRule = { id: "screening-overdue", version: 1, title: "Cancer screening overdue" } as const;
export const screeningRules = [screeningDueRule, screeningOverdueRule] as const;

export const isScreeningRule = (ruleId: string): boolean => ruleId === screeningDueRule.id || ruleId === screeningOverdueRule.id;

/** The anchor of a round's alerts: the DM diagnosis event and the round, stable when dates are amended. */
export const screeningAnchor = (plan: ScreeningPlan, round: ScreeningRound) => `${plan.onset!.eventId}@${round.id}`;

const dayOf = (date: ClinicalDate) => date.slice(0, 10);

/**
 * The screening alerts that should exist for a patient as of `now` (the clinic's today). Pure and
 * order-free like `evaluate`; unlike it, the result also moves with `now` (due → overdue), so the
 * service re-evaluates it when a page or the inbox is read on a later day (lib/patients/screening.ts).
 * - A round raises an alert when one of its required items was not recorded by the day it became due
 *   (work-up done before then raises nothing).
 * - The alert resolves when every required item is recorded, when a cancer diagnosis closes the plan,
 *   or when the next round becomes due (it takes over).
 * - It is "screening overdue" when an item was still missing more than `screeningGraceDays` after the
 *   round's date, else "screening due".
 */
export function evaluateScreening(patient: ScreeningPatient, events: readonly TimelineEvent[], settings: AlertSettings, now: ClinicalDate, plan = screeningPlan(patient, events, settings, now)): Alert[] {
  if (plan.state === "not-applicable" || !plan.risk || !plan.onset) return [];
  const today = dayOf(now);
  const cancerDay = plan.cancer ? dayOf(plan.cancer.date) : undefined;
  const alerts: Alert[] = [];
  plan.rounds.forEach((round, index) => {
    const required = round.items.filter((item) => item.required);
    if (required.length === 0 || today < round.dueFrom) return;
    if (cancerDay !== undefined && round.date >= cancerDay) return;
    const next = plan.rounds.slice(index + 1).find((r) => r.items.some((item) => item.required));
    const supersededOn = next && next.dueFrom <= today ? next.dueFrom : undefined;
    // The day the round stopped asking for anything outstanding: a cancer closed it, or the next round took over.
    const endedOn = [cancerDay, supersededOn].filter((d): d is string => d !== undefined).sort()[0];
    const missingUntil = (item: (typeof required)[number]) => (item.status === "done" ? item.doneOn! : (endedOn ?? today));
    // Alerted only when something was still missing on a day it was due: still missing today, or
    // recorded (or closed, or taken over) after the day it became due. Work-up done by then raises nothing.
    const alerted = (item: (typeof required)[number]) => (item.status !== "done" && endedOn === undefined) || missingUntil(item) > round.dueFrom;
    if (!required.some(alerted)) return;
    const outstanding = required.filter((item) => item.status !== "done");
    const overdue = required.some((item) => missingUntil(item) > round.overdueAfter);
    const rule = overdue ? screeningOverdueRule : screeningDueRule;
    const status = outstanding.length === 0 || endedOn !== undefined ? "resolved" : "open";
    const recorded = required.filter((item) => item.status === "done");
    const itemsWords = required.map((item) => screeningItemShort[item.id]).join(", ");
    const recordedWords =
      recorded.length === 0
        ? "none recorded"
        : `recorded ${recorded.map((item) => `${screeningItemShort[item.id]} (${formatClinicalDate(item.doneOn!)})`).join(", ")}${outstanding.length > 0 ? `; not recorded: ${outstanding.map((item) => screeningItemShort[item.id]).join(", ")}` : ""}`;
    const parts = [`${riskSentence(plan.risk!)}.`, `${panelWords(round.panels)} (${itemsWords}) due ${round.label} (${formatClinicalDate(round.date)}): ${recordedWords}.`];
    if (status === "open" && overdue) parts.push(`Overdue since ${formatClinicalDate(addDays(round.overdueAfter, 1))}.`);
    if (status === "resolved") {
      if (outstanding.length === 0) parts.push("Every item of this round is recorded.");
      else if (endedOn === cancerDay && plan.cancer) parts.push(`Closed: a cancer (${plan.cancer.name}) was diagnosed on ${formatClinicalDate(plan.cancer.date)}; the re-imaging rule follows it.`);
      else if (next) parts.push(`The next round (${next.label}, ${formatClinicalDate(next.date)}) is due from ${formatClinicalDate(next.dueFrom)} and takes over.`);
    }
    const consider = round.items.filter((item) => !item.required && item.status !== "done");
    if (status === "open" && consider.length > 0) parts.push(`If no cancer is found, consider ${consider.map((item) => screeningItemShort[item.id]).join(" and ")} (IMACS, high risk).`);
    const evidence = [...new Set([plan.onset!.eventId, ...plan.risk!.reasons.flatMap((reason) => (reason.eventId ? [reason.eventId] : [])), ...recorded.flatMap((item) => item.doneBy.map((e) => e.eventId))])];
    const priorityReasons = [`${plan.risk!.category} IIM-associated cancer risk (IMACS)`, ...(overdue ? [`overdue: not recorded ${settings.screeningGraceDays} days after ${formatClinicalDate(round.date)}`] : [])];
    alerts.push({
      key: alertKey(patient.id, rule.id, screeningAnchor(plan, round)),
      patientId: patient.id,
      ruleId: rule.id,
      ruleVersion: rule.version,
      priority: plan.risk!.category === "high" || (overdue && plan.risk!.category === "moderate") ? "high" : "normal",
      priorityReasons,
      evidence,
      episodeStart: round.date,
      domains: [],
      status,
      reason: parts.join(" "),
      findings: [],
    });
  });
  return alerts;
}

/** The key of a round's alert under the other screening rule: a due alert that became overdue continues under this key. */
export function screeningContinuationOf(key: string): string | undefined {
  const due = `:${screeningDueRule.id}:`;
  return key.includes(due) ? key.replace(due, `:${screeningOverdueRule.id}:`) : undefined;
}
