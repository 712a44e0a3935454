import Link from "next/link";
import { ageOn, formatClinicalDate, patientDisplayName } from "@/lib/events";
import type { WorklistPage, WorklistRow, WorklistSort } from "@/lib/patients";
import { naturalDirection, type Trend } from "@/lib/patients/worklist";
import { formatTimesUln } from "@/lib/timeline";
import { worklistHref, type WorklistParams } from "./href";

export const sortLabels: Record<WorklistSort, string> = {
  alerts: "Open alerts (urgent first)",
  name: "Name",
  identifier: "Identifier",
  cancer: "Cancer type",
  scan: "Last answering scan (longest ago first)",
  line: "Line of therapy",
  activity: "DM activity (most active first)",
  event: "Last event (latest first)",
};

const ARROWS: Record<Trend, string> = { up: "↑", down: "↓", same: "→", single: "" };
const WORDS: Record<Trend, string> = { up: "higher than", down: "lower than", same: "unchanged from", single: "" };

/**
 * "0.68" for ×ULN: two decimals, as the chart and readout write it (formatTimesUln), so that the trend's
 * arrow never sits between two values that read the same ("0.7 ↑ previous 0.7" for CK 135 after 130 U/L).
 * The ×ULN is a ratio of the value as recorded, which is shown beside it unrounded.
 */
const ratio = (value: number) => formatTimesUln(value).replace("×ULN", "");
const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

function TrendMark({ trend, previous }: { trend: Trend; previous?: string }) {
  if (trend === "single") return <span className="sub">first value</span>;
  return (
    <>
      {" "}
      <span className={`trend ${trend}`} aria-hidden="true">
        {ARROWS[trend]}
      </span>
      <span className="visually-hidden">{`, ${WORDS[trend]} the previous ${previous}`}</span>
      <span className="sub" aria-hidden="true">
        previous {previous}
      </span>
    </>
  );
}

function Alerts({ row }: { row: WorklistRow }) {
  if (row.openAlerts === 0) return <span className="muted">none open</span>;
  return (
    <>
      <span className={`badge priority-${row.highestPriority}`}>{row.highestPriority === "high" ? "High" : "Normal"}</span>{" "}
      {row.openAlerts} open{row.openHighAlerts > 0 && row.openHighAlerts < row.openAlerts ? ` (${row.openHighAlerts} high)` : ""}
      {row.oldestOpenAlertDays !== undefined ? <span className="sub">{row.oldestOpenAlertDays === 0 ? "raised today" : `oldest open ${days(row.oldestOpenAlertDays)}`}</span> : null}
    </>
  );
}

function Scan({ row }: { row: WorklistRow }) {
  const overdue = row.imagingOverdue ? (
    <>
      {" "}
      <span className="badge overdue">Imaging overdue</span>
    </>
  ) : null;
  if (!row.lastScan) return <>{row.cancerType ? <span>none recorded</span> : <span className="muted">none recorded</span>}{overdue}</>;
  return (
    <>
      <span className="date">{formatClinicalDate(row.lastScan.date)}</span>
      {overdue}
      <span className="sub">
        {[row.lastScan.modality, row.lastScan.response].filter(Boolean).join(" ")} · {row.lastScan.daysSince === 0 ? "today" : `${days(row.lastScan.daysSince)} ago`}
      </span>
    </>
  );
}

function Activity({ row }: { row: WorklistRow }) {
  if (!row.skin && !row.ck) return <span className="muted">no assessments</span>;
  return (
    <>
      {row.skin ? (
        <span className="activity-line">
          Skin grade {row.skin.grade}
          <TrendMark trend={row.skin.trend} previous={row.skin.previous === undefined ? undefined : `grade ${row.skin.previous}`} />
          <span className="sub">{formatClinicalDate(row.skin.date)}</span>
        </span>
      ) : null}
      {row.ck ? (
        <span className="activity-line">
          CK {row.ck.value} {row.ck.unit}
          {row.ck.timesUln !== undefined ? ` (${ratio(row.ck.timesUln)}×ULN)` : " (no upper limit recorded)"}
          {row.ck.trend ? <TrendMark trend={row.ck.trend} previous={row.ck.previousTimesUln === undefined ? undefined : `${ratio(row.ck.previousTimesUln)}×ULN`} /> : null}
          <span className="sub">{formatClinicalDate(row.ck.date)}</span>
        </span>
      ) : null}
    </>
  );
}

export function WorklistTable({ page, params, sort, dir, canWrite, q }: { page: WorklistPage; params: WorklistParams; sort: WorklistSort; dir: "asc" | "desc"; canWrite: boolean; q?: string }) {
  const header = (column: WorklistSort, label: string) => {
    const active = column === sort;
    const nextDir = active ? (dir === "asc" ? "desc" : "asc") : naturalDirection(column);
    return (
      <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link href={worklistHref({ ...params, sort: column, dir: nextDir === naturalDirection(column) ? undefined : nextDir })}>
          {label}
          {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
          <span className="visually-hidden">{active ? `, sorted ${dir === "asc" ? "ascending" : "descending"}; sort ${nextDir === "asc" ? "ascending" : "descending"}` : ", sort by this column"}</span>
        </Link>
      </th>
    );
  };
  const count = `${page.rows.length}${page.next ? "+" : ""}`;
  return (
    <div className="table-scroll">
      <table className="data responsive worklist">
        <caption>
          {q ? `${count} patient${page.rows.length === 1 && !page.next ? "" : "s"} matching “${q}”` : `Your patients, by ${sortLabels[sort].toLowerCase()}${dir === naturalDirection(sort) ? "" : ", reversed"}`}
        </caption>
        <thead>
          <tr>
            {header("name", "Patient")}
            {header("cancer", "Cancer, DM")}
            {header("alerts", "Open alerts")}
            {header("scan", "Last answering scan")}
            {header("line", "Current line")}
            {header("activity", "DM activity")}
            {header("event", "Last event")}
            {canWrite ? (
              <th scope="col" className="no-print">
                Record
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => (
            <tr key={row.id}>
              <td data-label="Patient">
                <span>
                  <Link href={`/patients/${row.id}`} prefetch={false}>{patientDisplayName(row)}</Link>
                  <span className="sub">
                    {row.identifier} · {row.sex}
                    {row.birthDate ? `, born ${formatClinicalDate(row.birthDate)} (${ageOn(row.birthDate, page.today)} y)` : ""}
                  </span>
                </span>
              </td>
              <td data-label="Cancer, DM">
                <span>
                  {row.cancerType ?? <span className="muted">no cancer recorded</span>}
                  {row.dm ? (
                    <>
                      {" "}
                      <span className="badge dm">DM</span>
                    </>
                  ) : null}
                </span>
              </td>
              <td data-label="Open alerts">
                <span>
                  <Alerts row={row} />
                </span>
              </td>
              <td data-label="Last answering scan">
                <span>
                  <Scan row={row} />
                </span>
              </td>
              <td data-label="Current line">{row.line ? `Line ${row.line.number}${row.line.regimen ? `: ${row.line.regimen}` : ""}` : <span className="muted">none recorded</span>}</td>
              <td data-label="DM activity">
                <span>
                  <Activity row={row} />
                </span>
              </td>
              <td data-label="Last event" className="date">
                {row.lastEventAt ? formatClinicalDate(row.lastEventAt) : "—"}
              </td>
              {canWrite ? (
                <td data-label="Record" className="no-print">
                  <Link href={`/patients/${row.id}/flare`} prefetch={false}>
                    Log flare<span className="visually-hidden"> for patient {row.identifier}</span>
                  </Link>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
