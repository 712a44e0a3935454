import { formatClinicalDate, todayIn, type ClinicalDate } from "@/lib/events";
import type { AlertView } from "./alert-mapping";

/** The calendar day of a stored instant in the clinic's time zone ("4 Aug 2026"). */
function dayOf(instant: string, timeZone: string | undefined): string {
  return formatClinicalDate(todayIn(timeZone, new Date(instant)));
}

/**
 * What happened to an alert, as one line a clinician reads: open; acknowledged by whom, when, the plan
 * and the review date (due again once it has come); resolved by which scan of which date; dismissed by
 * whom, when and why. Only what is recorded: a missing note or date is left out, never invented.
 */
export function alertStatusText(alert: AlertView, today: ClinicalDate, timeZone?: string): string {
  switch (alert.status) {
    case "open":
      return `Open, raised ${alert.daysOpen === 0 ? "today" : `${alert.daysOpen} day${alert.daysOpen === 1 ? "" : "s"} ago`}`;
    case "acknowledged": {
      const who = alert.acknowledgedBy ? ` by ${alert.acknowledgedBy}` : "";
      const when = alert.acknowledgedAt ? ` on ${dayOf(alert.acknowledgedAt, timeZone)}` : "";
      const plan = alert.acknowledgementNote ? `: “${alert.acknowledgementNote}”` : "";
      const review = alert.reviewDate
        ? alert.reviewDue
          ? `; review due ${alert.reviewDate === today ? "today" : `since ${formatClinicalDate(alert.reviewDate)}`}`
          : `; review on ${formatClinicalDate(alert.reviewDate)}`
        : "";
      return `Acknowledged${who}${when}${plan}${review}`;
    }
    case "resolved": {
      const scan = alert.resolvedBy;
      // Screening alerts end when the round's items are recorded, the next round takes over or a cancer
      // diagnosis closes the plan: no scan to name.
      if (!scan) return alert.ruleId.startsWith("screening-") ? "Resolved: this screening round is no longer due" : "Resolved by imaging";
      return `Resolved by ${scan.modality ?? "imaging"} of ${formatClinicalDate(scan.date)}${scan.response ? ` (${scan.response})` : ""}`;
    }
    case "dismissed": {
      const who = alert.dismissedBy ? ` by ${alert.dismissedBy}` : "";
      const when = alert.dismissedAt ? ` on ${dayOf(alert.dismissedAt, timeZone)}` : "";
      return `Dismissed${who}${when}${alert.dismissalReason ? `: “${alert.dismissalReason}”` : ""}`;
    }
    default:
      return "Withdrawn: the findings no longer hold";
  }
}
