import Link from "next/link";
import { alertStatusBadge, alertStatusText, chartHref } from "@/app/alerts/_components/status";
import { episodeStartWords, ruleTitle } from "@/lib/alerts";
import { formatClinicalDate, type ClinicalDate } from "@/lib/events";
import type { AlertView } from "@/lib/patients";
import { RefreshAfterSave } from "./refresh-after-save";

/** How recent an alert must be to be called raised by the save the user just made. */
const JUST_RAISED_MS = 10 * 60_000;

/**
 * Every alert of the patient in the header, each with its status: open; acknowledged (who, when, the
 * plan, the review date, due again once it has come); resolved by which scan; dismissed and why. Active
 * ones first. After a save (`saved`), an alert raised in the last minutes is announced, and the page is
 * refreshed once so that the navigation's alert count, which lives in the layout, is current.
 */
export function AlertSummary({ alerts, today, timeZone, saved, now }: { alerts: AlertView[]; today: ClinicalDate; timeZone?: string; saved?: string; now: number }) {
  const order = (a: AlertView) => (a.status === "open" || a.reviewDue ? 0 : a.status === "acknowledged" ? 1 : 2);
  const sorted = [...alerts].sort((a, b) => order(a) - order(b) || (a.priority === b.priority ? 0 : a.priority === "high" ? -1 : 1) || b.episodeStart.localeCompare(a.episodeStart));
  const justRaised = saved ? alerts.filter((a) => a.status === "open" && now - Date.parse(a.raisedAt) < JUST_RAISED_MS) : [];
  return (
    <>
      {saved ? <RefreshAfterSave saved={saved} /> : null}
      {justRaised.length > 0 ? (
        <div className="notice alert-raised" role="alert" data-testid="alert-raised">
          <p>
            <strong>
              This save raised {justRaised.length === 1 ? "an alert" : `${justRaised.length} alerts`}
              {justRaised.some((a) => a.priority === "high") ? " (high priority)" : ""}:
            </strong>
          </p>
          <ul>
            {justRaised.map((a) => (
              <li key={a.id}>
                {ruleTitle(a.ruleId)}, {episodeStartWords(a.ruleId)} {formatClinicalDate(a.episodeStart)}. {a.reason}{" "}
                <Link href={`#alert-${a.id}`}>Read the alert</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {sorted.length > 0 ? (
        <section className="header-alerts" aria-labelledby="header-alerts-heading" data-testid="header-alerts">
          <h2 id="header-alerts-heading">
            Alerts <span className="muted small">({alerts.filter((a) => a.status === "open" || a.reviewDue).length} needing attention of {alerts.length})</span>
          </h2>
          <ul>
            {sorted.map((a) => {
              const title = ruleTitle(a.ruleId);
              return (
                <li key={a.id} className={`header-alert status-${a.status}${a.reviewDue ? " review-due" : ""}`}>
                  <span className={`badge priority-${a.priority}`}>{a.priority === "high" ? "High" : "Normal"}</span>{" "}
                  <span className={`badge${a.status === "open" || a.reviewDue ? " overdue" : ""}`}>{alertStatusBadge(a)}</span>{" "}
                  <strong>{title}</strong>, {episodeStartWords(a.ruleId)} {formatClinicalDate(a.episodeStart)}.{" "}
                  <span className="header-alert-status">{alertStatusText(a, today, timeZone)}.</span>{" "}
                  <Link href={chartHref(a)} className="no-print" aria-label={`Show on the chart: ${title}, ${episodeStartWords(a.ruleId)} ${formatClinicalDate(a.episodeStart)}`}>
                    Show on the chart
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </>
  );
}
