import { alertRules } from "./evaluate";
import { screeningRules } from "./screening";

const titles = new Map<string, string>([...alertRules, ...screeningRules].map((rule) => [rule.id, rule.title]));

/**
 * An alert's heading, the same in the inbox, the patient's header and the MDT summary: the rule's own
 * title (lib/alerts/evaluate.ts, screening.ts). A rule id no longer known (an alert stored by a rule
 * since removed) is just "Alert".
 */
export function ruleTitle(ruleId: string): string {
  return titles.get(ruleId) ?? "Alert";
}

/** What the alert's date is: the first finding of a worsening, or the screening round's start. */
export function episodeStartWords(ruleId: string): string {
  return ruleId.startsWith("screening-") ? "screening round of" : "first finding";
}
