import type { Metadata } from "next";
import Link from "next/link";
import { requestContext } from "@/app/_server/context";
import { formatClinicalDate } from "@/lib/events";
import { backtestCohort } from "@/lib/patients";

export const metadata: Metadata = { title: "Alert backtest" };
export const dynamic = "force-dynamic";

export default async function BacktestPage() {
  const result = await backtestCohort(await requestContext());
  const s = result.summary;
  const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
  return (
    <>
      <h1>Alert backtest</h1>
      <p className="muted">
        Every flare episode in every patient&apos;s history, against the tumour imaging that followed it, under alert settings version{" "}
        {result.settingsVersion}. Use it to judge the rule on your own patients.
      </p>
      <dl className="summary-grid">
        <div>
          <dt>Flare episodes</dt>
          <dd>{s.episodeCount}</dd>
        </div>
        <div>
          <dt>Would have alerted</dt>
          <dd>{s.alertCount}</dd>
        </div>
        <div>
          <dt>Followed by PD within the window</dt>
          <dd>{percent(s.followedByProgressionShare)}</dd>
        </div>
        <div>
          <dt>Median lead time to imaging</dt>
          <dd>{s.medianLeadTimeDays === null ? "—" : `${s.medianLeadTimeDays} days`}</dd>
        </div>
        <div>
          <dt>PD with no preceding episode</dt>
          <dd>{s.progressionsWithoutEpisode.length}</dd>
        </div>
      </dl>
      <div className="table-scroll">
        <table className="data responsive">
          <caption>Episodes, by patient and date</caption>
          <thead>
            <tr>
              <th scope="col">Flare</th>
              <th scope="col">Patient</th>
              <th scope="col">Findings</th>
              <th scope="col">Alerted</th>
              <th scope="col">Next tumour imaging</th>
              <th scope="col">Lead time</th>
              <th scope="col">PD within window</th>
            </tr>
          </thead>
          <tbody>
            {result.episodes.map((e) => (
              <tr key={`${e.patientId}-${e.flareDate}-${e.evidence[0]}`}>
                <td data-label="Flare" className="date">
                  {formatClinicalDate(e.flareDate)}
                </td>
                <td data-label="Patient">
                  <Link href={`/patients/${e.patientId}`}>{result.patients[e.patientId]?.name ?? e.patientId}</Link>
                </td>
                <td data-label="Findings">{e.domains.join(" and ")}</td>
                <td data-label="Alerted">{e.alerted ? "yes" : "no (recent imaging or no cancer)"}</td>
                <td data-label="Next tumour imaging">
                  {e.nextImaging ? `${formatClinicalDate(e.nextImaging.date)}: ${e.nextImaging.response ?? "baseline staging"}` : "none yet"}
                </td>
                <td data-label="Lead time" className="num">
                  {e.leadTimeDays !== undefined ? `${e.leadTimeDays} days` : "—"}
                </td>
                <td data-label="PD within window">{e.progression ? formatClinicalDate(e.progression.date) : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Progression with no preceding flare</h2>
      {s.progressionsWithoutEpisode.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {s.progressionsWithoutEpisode.map((p) => (
            <li key={p.imaging.eventId}>
              <Link href={`/patients/${p.patientId}`}>{result.patients[p.patientId]?.name ?? p.patientId}</Link>: PD on {formatClinicalDate(p.imaging.date)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
