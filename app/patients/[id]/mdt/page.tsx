import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requestContext, requestPatient } from "@/app/_server/context";
import { ageOn, formatClinicalDate, formatTimesUln, patientDisplayName, skinGradeNames, todayIn, type DiagnosisRole } from "@/lib/events";
import { clinicTimeZone, clinicToday, getTimeline, listAlerts } from "@/lib/patients";
import { alertStatusText } from "@/app/alerts/_components/status";
import { alertsForPack, buildTimeline, formatLabResult, formatTrend, mdtSummary, mdtWindow, packModel, type LabSummary, type Trend } from "@/lib/timeline";
import type { LabPoint } from "@/lib/activity";
import { episodeStartWords, ruleTitle } from "@/lib/alerts";
import { CourseChart } from "../_chart/CourseChart";
import styles from "./mdt.module.css";
import { pageMarginBoxes } from "./print";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string | string[]; to?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const patient = await requestPatient(id);
  return { title: patient.ok ? `MDT summary: ${patientDisplayName(patient.value)}` : "Patient not found" };
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);
const roleNames: Record<DiagnosisRole, string> = { cancer: "Cancer", dermatomyositis: "Dermatomyositis", progression: "Progression", other: "Other" };

function trendText(label: string, trend: Trend | undefined, suffix = ""): string {
  if (!trend) return `${label}: not assessed`;
  const since = trend.previous ? ` (${formatClinicalDate(trend.previous.date)} → ${formatClinicalDate(trend.latest.date)})` : ` (${formatClinicalDate(trend.latest.date)})`;
  return `${label} ${formatTrend(trend)}${suffix}${since}`;
}

function LabCell({ lab, point }: { lab: LabSummary; point: LabPoint | undefined }) {
  if (!point) return <td>—</td>;
  return (
    <td>
      <span className={styles.result}>{formatLabResult(lab.name, point)}</span>
      {point.timesUln !== undefined ? <span className={styles.result}>, {formatTimesUln(point.timesUln)}</span> : null}
      <br />
      {formatClinicalDate(point.date)}
    </td>
  );
}

export default async function MdtPackPage({ params, searchParams }: Props) {
  const { id } = await params;
  const search = await searchParams;
  const ctx = await requestContext();
  const [patient, timeline, alerts] = await Promise.all([requestPatient(id), getTimeline(ctx, id), listAlerts(ctx, { patientId: id, status: "all" })]);
  if (!patient.ok || !timeline.ok || !alerts.ok) notFound();
  const p = patient.value;
  const clinicDay = clinicToday();
  const chart = buildTimeline(timeline.value, {
    today: clinicDay,
    alerts: alerts.value.map((a) => ({ key: a.key, date: a.episodeStart, priority: a.priority, evidenceIds: a.evidence, reason: a.reason, status: alertStatusText(a, clinicDay, clinicTimeZone()) })),
  });
  const window = mdtWindow(chart, one(search.from), one(search.to));
  const summary = mdtSummary(timeline.value, window);
  const packAlerts = alertsForPack(alerts.value, window);
  const line = summary.treatmentLine;
  const imaging = summary.lastImaging;
  const tumour = chart.lanes[0];
  const today = todayIn();

  return (
    <article className={styles.pack} aria-labelledby="mdt-heading">
      {/*
        A4 and Letter alike: margins both fit, the page size left to the printer. Every printed page carries
        the patient, the window, "page N of M" and the print date in the page's margin boxes, which the
        browser's own print (Chromium 131 and later) fills on each page.
      */}
      <style>{pageMarginBoxes({
        patient: `${patientDisplayName(p)} · ${p.identifier}${p.birthDate ? ` · born ${formatClinicalDate(p.birthDate)}` : ""}`,
        window: `MDT summary, window ${formatClinicalDate(window.from)} – ${formatClinicalDate(window.to)}`,
        printed: `Printed ${formatClinicalDate(today)}`,
      })}</style>
      <h1 id="mdt-heading">MDT summary: {patientDisplayName(p)}</h1>
      <ul className={styles.meta} aria-label="Patient details">
        <li>Identifier {p.identifier}</li>
        <li>{p.sex}</li>
        {p.birthDate ? (
          <li>
            Born {formatClinicalDate(p.birthDate)} ({ageOn(p.birthDate, today)} y)
          </li>
        ) : null}
        <li>
          Window {formatClinicalDate(window.from)} – {formatClinicalDate(window.to)}
        </li>
        <li>Printed {formatClinicalDate(today)}</li>
      </ul>
      <form className={`${styles.window} no-print`} action={`/patients/${p.id}/mdt`}>
        <div>
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={window.from} />
        </div>
        <div>
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={window.to} />
        </div>
        <button type="submit" className="secondary">
          Show window
        </button>
        <Link href={`/patients/${p.id}`}>Back to the record</Link>
      </form>

      <section className={styles.section} aria-labelledby="dx-heading">
        <h2 id="dx-heading">Diagnoses</h2>
        {summary.diagnoses.length === 0 ? (
          <p>None recorded.</p>
        ) : (
          <ul>
            {summary.diagnoses.map((d) => (
              <li key={`${d.date}-${d.name}`}>
                {roleNames[d.role]}: {d.name}, {formatClinicalDate(d.date)}
                {d.stage ? `. ${d.stage}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={styles.section} aria-labelledby="cancer-heading">
        <h2 id="cancer-heading">Cancer</h2>
        <dl className={styles.facts}>
          <dt>Current treatment line</dt>
          <dd>
            {line
              ? `Line ${line.line}: ${line.regimens.join(", ")}, ${line.cyclesGiven} cycle${line.cyclesGiven === 1 ? "" : "s"} given (${formatClinicalDate(line.firstCycle)} – ${formatClinicalDate(line.lastCycle)})`
              : "No anticancer treatment recorded"}
          </dd>
          <dt>Last dose change</dt>
          <dd>
            {line?.lastDoseChange
              ? `Cycle ${line.lastDoseChange.cycleNumber}, ${formatClinicalDate(line.lastDoseChange.date)}: ${line.lastDoseChange.percent > 0 ? "+" : "−"}${Math.abs(line.lastDoseChange.percent)}%${line.lastDoseChange.reason ? ` (${line.lastDoseChange.reason})` : ""}`
              : "None in this line"}
          </dd>
          <dt>Last tumour imaging</dt>
          <dd>
            {imaging
              ? `${imaging.modality} ${formatClinicalDate(imaging.date)}: ${imaging.responseText ? `RECIST 1.1 ${imaging.responseText}` : "baseline"}${imaging.targetSumMm !== undefined ? `, target sum ${imaging.targetSumMm} mm` : ""}${imaging.changes ? ` (${imaging.changes})` : ""}${imaging.findings ? `. ${imaging.findings}` : ""}`
              : "No tumour imaging recorded"}
          </dd>
          <dt>Best overall response</dt>
          <dd>
            {tumour.bestResponses.length === 0 ? (
              "No response assessed yet"
            ) : (
              <ul className={styles.plain}>
                {tumour.bestResponses.map((b) => (
                  <li key={b.label}>{b.label.replace(/^Best overall response, /, "")}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        {tumour.table.rows.length > 0 ? (
          <table className={styles.labs}>
            <caption>Tumour imaging: responses as recorded and as computed from the lesions</caption>
            <thead>
              <tr>
                {tumour.table.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tumour.table.rows.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, i) => (i === 0 ? <th key={i} scope="row">{cell}</th> : <td key={i}>{cell}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section className={styles.section} aria-labelledby="dm-heading">
        <h2 id="dm-heading">Dermatomyositis activity</h2>
        <ul>
          <li>
            {trendText("Skin grade", summary.skinGrade)}
            {summary.skinGrade ? `: now ${skinGradeNames[summary.skinGrade.latest.value]}` : ""}
          </li>
          <li>{trendText("CDASI activity", summary.cdasiActivity)}</li>
          <li>{trendText("MMT-8", summary.mmt8, summary.mmt8 ? `/${summary.mmt8.scale}` : "")}</li>
          <li>{trendText("Proximal strength MRC", summary.proximalWeaknessMrc, summary.proximalWeaknessMrc ? "/5" : "")}</li>
        </ul>
      </section>

      <section className={styles.section} aria-labelledby="labs-heading">
        <h2 id="labs-heading">Muscle enzymes and other labs</h2>
        {summary.labs.length === 0 ? (
          <p>No results recorded.</p>
        ) : (
          <table className={styles.labs}>
            <thead>
              <tr>
                <th scope="col">Test</th>
                <th scope="col">Latest</th>
                <th scope="col">Previous</th>
                <th scope="col">Peak in window</th>
                <th scope="col">Lab&apos;s range (latest)</th>
              </tr>
            </thead>
            <tbody>
              {summary.labs.map((lab) => (
                <tr key={lab.analyte}>
                  <th scope="row">{lab.name}</th>
                  <LabCell lab={lab} point={lab.latest} />
                  <LabCell lab={lab} point={lab.previous} />
                  <LabCell lab={lab} point={lab.peak} />
                  <td>{lab.latest.rangeText ?? "not printed"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className={styles.section} aria-labelledby="is-heading">
        <h2 id="is-heading">Immunosuppression on {formatClinicalDate(summary.asOf)}</h2>
        {summary.immunosuppression.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {summary.immunosuppression.map((m) => (
              <li key={`${m.drug}-${m.since}`}>
                {m.drug}
                {m.dose ? ` ${m.dose}` : ""} {m.route}, since {formatClinicalDate(m.since)}
                {m.tapering ? ", tapering" : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={styles.section} aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts: open, and flares in the window</h2>
        {packAlerts.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul className={styles.alerts}>
            {packAlerts.map((a) => (
              <li key={a.id} className={a.priority === "high" ? undefined : styles.normal}>
                <strong>
                  {ruleTitle(a.ruleId)}: {a.priority === "high" ? "high priority" : "normal priority"}, {episodeStartWords(a.ruleId)} {formatClinicalDate(a.episodeStart)}.
                </strong>{" "}
                {a.reason} <em>{alertStatusText(a, clinicDay, clinicTimeZone())}.</em>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={styles.chartSection} aria-labelledby="chart-heading">
        <h2 id="chart-heading">
          Course, {formatClinicalDate(window.from)} – {formatClinicalDate(window.to)}
        </h2>
        <CourseChart model={packModel(chart)} relative={false} patientLabel={`${patientDisplayName(p)} (${p.identifier})`} fileStem={p.identifier.replace(/[^A-Za-z0-9-]+/g, "_")} initialWindow={window.days} />
      </section>
    </article>
  );
}
