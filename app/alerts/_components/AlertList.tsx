import Link from "next/link";
import { formatAgo, formatClinicalDate } from "@/lib/events";
import type { AlertView } from "@/lib/patients";
import { AlertActions } from "./AlertActions";

/** What each rule asks of the reader, as the card's heading says it. */
const ruleTitles: Record<string, string> = {
  "reimaging-after-flare": "Dermatomyositis worse since the last answering scan: consider re-imaging",
  "immune-related-myositis": "Urgent: possible immune-related myositis",
  "screening-due": "Cancer screening due",
  "screening-overdue": "Cancer screening overdue",
};

const statusNames: Record<string, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  resolved: "Resolved by imaging",
  dismissed: "Resolved by a clinician",
  withdrawn: "Withdrawn",
};

/** Alerts as cards: priority, patient, reason in plain words, what happened to it, and the actions. */
export function AlertList({
  alerts,
  today,
  showPatient = true,
  evidence,
  focusedKey,
  canAct = true,
}: {
  alerts: AlertView[];
  /** Whether the reader may acknowledge or resolve (viewers and admins read only). */
  canAct?: boolean;
  today: string;
  showPatient?: boolean;
  /** Event id → one line describing it, to list what made each alert fire. */
  evidence?: Record<string, string>;
  /** The alert the user came for: marked, and first in reading order. */
  focusedKey?: string;
}) {
  return (
    <ul className="alert-list">
      {alerts.map((alert) => (
        <li
          key={alert.id}
          className={`alert-card priority-${alert.priority}${alert.key === focusedKey ? " focused" : ""}`}
          aria-labelledby={`alert-${alert.id}`}
          aria-current={alert.key === focusedKey ? "true" : undefined}
        >
          <p className="alert-title" id={`alert-${alert.id}`}>
            <span className={`badge priority-${alert.priority}`}>{alert.priority === "high" ? "High priority" : "Normal priority"}</span>{" "}
            <span className="badge">{statusNames[alert.status]}</span>{" "}
            {alert.overdue ? <span className="badge overdue">Overdue: raised {alert.daysOpen} days ago</span> : null} {ruleTitles[alert.ruleId] ?? alert.ruleId}
            {" · "}
            {showPatient ? (
              <Link href={`/patients/${alert.patientId}?alert=${encodeURIComponent(alert.key)}#course`}>
                {alert.patientName} ({alert.patientIdentifier})
              </Link>
            ) : (
              <Link href={`/patients/${alert.patientId}?alert=${encodeURIComponent(alert.key)}#course`}>Show on the chart</Link>
            )}
          </p>
          <p className="small muted">
            {alert.ruleId.startsWith("screening-") ? "Screening round of" : "First finding"} {formatClinicalDate(alert.episodeStart)} ({formatAgo(alert.episodeStart, today)}) ·{" "}
            {alert.evidence.length} {alert.ruleId.startsWith("screening-") ? "event" : "finding event"}
            {alert.evidence.length === 1 ? "" : "s"}
            {alert.lastImaging ? ` · after ${alert.lastImaging.modality ?? "imaging"} of ${formatClinicalDate(alert.lastImaging.date)}` : ""}
          </p>
          <p>{alert.reason}</p>
          {evidence ? (
            <ul className="evidence small" aria-label="Evidence">
              {alert.evidence.map((id) => (
                <li key={id}>{evidence[id] ?? "an event no longer on the timeline"}</li>
              ))}
            </ul>
          ) : null}
          <p className="small muted">
            Rule {alert.ruleId} version {alert.ruleVersion}, alert settings version {alert.settingsVersion}.
          </p>
          {alert.acknowledgementNote ? (
            <p className="small">
              Acknowledged by {alert.acknowledgedBy}: “{alert.acknowledgementNote}”
            </p>
          ) : null}
          {alert.resolvedBy ? (
            <p className="small">
              Resolved by imaging on {formatClinicalDate(alert.resolvedBy.date)}
              {alert.resolvedBy.response ? `: ${alert.resolvedBy.response}` : ""}.
            </p>
          ) : null}
          {alert.dismissalReason ? (
            <p className="small">
              Resolved by {alert.dismissedBy}: “{alert.dismissalReason}”
            </p>
          ) : null}
          {canAct && (alert.status === "open" || alert.status === "acknowledged") ? <AlertActions alertId={alert.id} status={alert.status} /> : null}
        </li>
      ))}
    </ul>
  );
}
