import Link from "next/link";
import { formatAgo, formatClinicalDate } from "@/lib/events";
import type { AlertView } from "@/lib/patients";
import { AlertActions } from "./AlertActions";

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
            {showPatient ? (
              <Link href={`/patients/${alert.patientId}?alert=${encodeURIComponent(alert.key)}#course`}>
                {alert.patientName} ({alert.patientIdentifier})
              </Link>
            ) : (
              <Link href={`/patients/${alert.patientId}?alert=${encodeURIComponent(alert.key)}#course`}>Show on the chart</Link>
            )}
          </p>
          <p className="small muted">
            Flare from {formatClinicalDate(alert.episodeStart)} ({formatAgo(alert.episodeStart, today)}) · {alert.evidence.length} finding
            {alert.evidence.length === 1 ? "" : "s"} · rule {alert.ruleId} v{alert.ruleVersion}, settings v{alert.settingsVersion}
          </p>
          <p>{alert.reason}</p>
          {evidence ? (
            <ul className="evidence small" aria-label="Evidence">
              {alert.evidence.map((id) => (
                <li key={id}>{evidence[id] ?? "an event no longer on the timeline"}</li>
              ))}
            </ul>
          ) : null}
          {alert.priorityReasons.length > 0 ? <p className="small">High priority: {alert.priorityReasons.join("; ")}.</p> : null}
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
