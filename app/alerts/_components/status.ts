import type { AlertView } from "@/lib/patients";

export { alertStatusText } from "@/lib/patients/alert-status";

/** A short badge: "Open", "Review due", "Acknowledged", "Resolved by CT", "Dismissed". */
export function alertStatusBadge(alert: AlertView): string {
  if (alert.status === "acknowledged") return alert.reviewDue ? "Acknowledged, review due" : "Acknowledged";
  if (alert.status === "resolved") return alert.resolvedBy || !alert.ruleId.startsWith("screening-") ? `Resolved by ${alert.resolvedBy?.modality ?? "imaging"}` : "Resolved";
  return { open: "Open", dismissed: "Dismissed", withdrawn: "Withdrawn" }[alert.status as string] ?? alert.status;
}

/** The chart, with its crosshair on the alert's first finding. */
export function chartHref(alert: Pick<AlertView, "patientId" | "key" | "episodeStart">): string {
  return `/patients/${alert.patientId}?alert=${encodeURIComponent(alert.key)}&at=${alert.episodeStart}#course`;
}
