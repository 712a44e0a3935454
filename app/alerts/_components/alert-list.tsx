import Link from "next/link";
import { ruleTitle } from "@/lib/alerts";
import { formatAgo, formatClinicalDate } from "@/lib/events";
import type { AlertView } from "@/lib/patients";
import { AlertActions } from "./alert-actions";
import { alertStatusBadge, alertStatusText, chartHref } from "./status";

/** Alerts as cards: priority, patient, reason in plain words, what happened to it, and the actions. */
export function AlertList({
  alerts,
  today,
  showPatient = true,
  evidence,
  focusedKey,
  canAct = true,
  timeZone,
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
  /** The clinic's time zone, for the day of an acknowledgement. */
  timeZone?: string;
}) {
  return (
    <ul className="alert-list">
      {alerts.map((alert) => {
        const title = ruleTitle(alert.ruleId);
        const who = `${alert.patientName} (${alert.patientIdentifier})`;
        const screening = alert.ruleId.startsWith("screening-");
        return (
          <li
            key={alert.id}
            className={`alert-card priority-${alert.priority}${alert.key === focusedKey ? " focused" : ""}`}
            aria-labelledby={`alert-${alert.id}`}
            aria-current={alert.key === focusedKey ? "true" : undefined}
          >
            <p className="alert-title" id={`alert-${alert.id}`}>
              <span className={`badge priority-${alert.priority}`}>{alert.priority === "high" ? "High priority" : "Normal priority"}</span>{" "}
              <span className={`badge${alert.reviewDue ? " overdue" : ""}`}>{alertStatusBadge(alert)}</span>{" "}
              {alert.overdue ? <span className="badge overdue">Overdue: raised {alert.daysOpen} days ago</span> : null} {title}
              {showPatient ? (
                <>
                  {" · "}
                  <Link href={`/patients/${alert.patientId}?alert=${encodeURIComponent(alert.key)}`} prefetch={false}>{who}</Link>
                </>
              ) : null}
            </p>
            <p className="small muted">
              {screening ? "Screening round of" : "First finding"} {formatClinicalDate(alert.episodeStart)} ({formatAgo(alert.episodeStart, today)}) · {alert.evidence.length}{" "}
              {screening ? "event" : "finding event"}
              {alert.evidence.length === 1 ? "" : "s"}
              {alert.lastImaging
                ? ` · last answering scan: ${alert.lastImaging.modality ?? "imaging"} of ${formatClinicalDate(alert.lastImaging.date)}`
                : screening
                  ? ""
                  : " · no answering scan on record"}
            </p>
            <p>{alert.reason}</p>
            {evidence ? (
              <ul className="evidence small" aria-label="Evidence">
                {alert.evidence.map((id) => (
                  <li key={id}>{evidence[id] ?? "an event no longer on the timeline"}</li>
                ))}
              </ul>
            ) : null}
            <p className="small alert-status" data-testid="alert-status">
              <strong>Status:</strong> {alertStatusText(alert, today, timeZone)}
            </p>
            <p className="alert-links no-print">
              <Link href={chartHref(alert)} prefetch={false} aria-label={`Show on the chart: ${title}, ${who}, first finding ${formatClinicalDate(alert.episodeStart)}`}>
                Show on the chart
              </Link>
              {canAct ? (
                <Link href={`/patients/${alert.patientId}/events/new?kind=imaging`} prefetch={false} aria-label={`Add imaging for ${who}`}>
                  Add imaging
                </Link>
              ) : null}
            </p>
            {canAct && (alert.status === "open" || alert.status === "acknowledged") ? <AlertActions alertId={alert.id} status={alert.status} /> : null}
            <details className="small muted alert-provenance">
              <summary>How this alert was produced</summary>
              Rule {alert.ruleId} version {alert.ruleVersion}, alert settings version {alert.settingsVersion}; raised {formatClinicalDate(alert.raisedAt.slice(0, 10))}.
            </details>
          </li>
        );
      })}
    </ul>
  );
}
