import type { Metadata } from "next";
import Link from "next/link";
import { requestContext } from "@/app/_server/context";
import { formatClinicalDate } from "@/lib/events";
import { backtestCohort } from "@/lib/patients";

export const metadata: Metadata = { title: "Alert backtest" };
export const dynamic = "force-dynamic";

const noAlertWords = {
  "recent-answering-scan": "no: every finding under the set days after an answering scan",
  "no-cancer": "no: no cancer on record",
  "no-dm": "no: no dermatomyositis on record",
} as const;

export default async function BacktestPage() {
  const result = await backtestCohort(await requestContext());
  const s = result.summary;
  const percent = ({ share, count, of }: { share: number | null; count: number; of: number }) => (share === null ? `— (0 of 0)` : `${Math.round(share * 100)}% (${count} of ${of})`);
  const rows = [...result.alerts].sort((a, b) => Number(a.dmOnset) - Number(b.dmOnset) || (a.firstFinding < b.firstFinding ? -1 : 1));
  return (
    <>
      <h1>Alert backtest</h1>
      <p className="muted">
        Every run of worsening findings in the history of every patient you can see, judged by re-imaging rule version 2 under alert settings version{" "}
        {result.settingsVersion}, against the answering scans that followed. Figures count only patients with dermatomyositis; findings before any
        cancer was on record (dermatomyositis first) are listed apart.
      </p>
      {result.demoPatients > 0 ? (
        <p className="notice" role="note">
          {result.demoPatients === Object.keys(result.patients).length ? "All" : `${result.demoPatients} of ${Object.keys(result.patients).length}`} of these patients are the
          synthetic demo cohort and the published case: these figures describe generated data, not patients.
        </p>
      ) : null}
      <dl className="summary-grid">
        <div>
          <dt>Patients with dermatomyositis</dt>
          <dd>
            {s.dmPatients} of {s.patients}
          </dd>
        </div>
        <div>
          <dt>Re-imaging alerts</dt>
          <dd>
            {s.alertCount} ({s.highPriorityCount} high priority)
          </dd>
        </div>
        <div>
          <dt>Alerts followed by PD within {result.windowDays} days</dt>
          <dd>{percent(s.alertsFollowedByProgression)}</dd>
        </div>
        <div>
          <dt>PDs preceded by an alert within {result.windowDays} days</dt>
          <dd>{percent(s.progressionsPrecededByAlert)}</dd>
        </div>
        <div>
          <dt>Median days from alert to an answering scan</dt>
          <dd>{s.medianLeadTimeDays === null ? "—" : `${s.medianLeadTimeDays} days`}</dd>
        </div>
        <div>
          <dt>Alerts where imaging could not answer</dt>
          <dd>{s.alertsWithUnansweringImaging}</dd>
        </div>
        <div>
          <dt>No alert: recent answering scan</dt>
          <dd>{s.noAlert["recent-answering-scan"]}</dd>
        </div>
        <div>
          <dt>No alert: no cancer on record</dt>
          <dd>{s.noAlert["no-cancer"]}</dd>
        </div>
        <div>
          <dt>No alert: no dermatomyositis</dt>
          <dd>{s.noAlert["no-dm"]}</dd>
        </div>
        <div>
          <dt>Dermatomyositis first (apart)</dt>
          <dd>{s.dmOnsetRuns}</dd>
        </div>
        <div>
          <dt>Immune-related myositis alerts</dt>
          <dd>{s.immuneMyositisAlerts}</dd>
        </div>
      </dl>
      <div className="table-scroll">
        <table className="data responsive">
          <caption>Runs of findings, by patient and date (dermatomyositis-first runs last)</caption>
          <thead>
            <tr>
              <th scope="col">First finding</th>
              <th scope="col">Patient</th>
              <th scope="col">Findings</th>
              <th scope="col">Alert</th>
              <th scope="col">Next answering scan</th>
              <th scope="col">Days to it</th>
              <th scope="col">PD within window</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.patientId}-${row.firstFinding}-${row.evidence[0]}`}>
                <td data-label="First finding" className="date">
                  {formatClinicalDate(row.firstFinding)}
                  {row.dmOnset ? " (before cancer)" : ""}
                </td>
                <td data-label="Patient">
                  <Link href={`/patients/${row.patientId}`}>{result.patients[row.patientId]?.name ?? row.patientId}</Link>
                </td>
                <td data-label="Findings">{row.domains.join(" and ")}</td>
                <td data-label="Alert">
                  {row.noAlert ? noAlertWords[row.noAlert] : `yes, ${row.priority} priority, fired ${row.firedOn ? formatClinicalDate(row.firedOn) : "—"}`}
                  {row.unansweringScans > 0 ? ` (${row.unansweringScans} scan${row.unansweringScans === 1 ? "" : "s"} could not answer)` : ""}
                </td>
                <td data-label="Next answering scan">
                  {row.nextAnsweringScan ? `${formatClinicalDate(row.nextAnsweringScan.date)}: ${row.nextAnsweringScan.response ?? "baseline staging"}` : "none yet"}
                </td>
                <td data-label="Days to it" className="num">
                  {row.leadTimeDays !== undefined ? `${row.leadTimeDays} days` : "—"}
                </td>
                <td data-label="PD within window">{row.progression ? formatClinicalDate(row.progression.date) : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Progression in dermatomyositis with no alert in the {result.windowDays} days before</h2>
      {s.progressionsWithoutAlert.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {s.progressionsWithoutAlert.map((p) => (
            <li key={p.imaging.eventId}>
              <Link href={`/patients/${p.patientId}`}>{result.patients[p.patientId]?.name ?? p.patientId}</Link>: PD on {formatClinicalDate(p.imaging.date)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
