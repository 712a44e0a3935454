"use client";

import Link from "next/link";
import { useId, useState } from "react";
import type { LabCsvImport, LabCsvPreview } from "@/lib/patients";
import styles from "./import.module.css";

type PatientOption = { id: string; label: string };

type State =
  | { kind: "idle" }
  | { kind: "preview"; preview: LabCsvPreview; csv: string; patientId: string }
  | { kind: "imported"; result: LabCsvImport; patientId: string }
  | { kind: "failed"; detail: string; errors?: Record<string, string[]> };

async function send(patientId: string, csv: string, commit: boolean) {
  const response = await fetch(`/api/v1/labs/csv?patient=${encodeURIComponent(patientId)}${commit ? "&commit=true" : ""}`, {
    method: "POST",
    headers: { "content-type": "text/csv; charset=utf-8" },
    body: csv,
  });
  return { response, body: await response.json() };
}

/** CSV lab results: preview every row as it will be stored, then import them in one go. */
export function LabCsvImporter({ patients }: { patients: PatientOption[] }) {
  const ids = { patient: useId(), file: useId(), text: useId(), blocked: useId() };
  const [state, setState] = useState<State>({ kind: "idle" });
  const [busy, setBusy] = useState(false);

  async function preview(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const patientId = String(form.get("patient") ?? "");
    const file = form.get("file");
    const pasted = String(form.get("rows") ?? "");
    const csv = file instanceof File && file.size > 0 ? await file.text() : pasted;
    if (csv.trim() === "") {
      setState({ kind: "failed", detail: "Choose a CSV file or paste the rows first." });
      return;
    }
    setBusy(true);
    try {
      const { response, body } = await send(patientId, csv, false);
      setState(response.ok ? { kind: "preview", preview: body as LabCsvPreview, csv, patientId } : { kind: "failed", detail: body.detail, errors: body.errors });
    } catch {
      setState({ kind: "failed", detail: "The file could not be sent. Check the connection and try again." });
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (state.kind !== "preview") return;
    setBusy(true);
    try {
      const { response, body } = await send(state.patientId, state.csv, true);
      setState(response.ok ? { kind: "imported", result: body as LabCsvImport, patientId: state.patientId } : { kind: "failed", detail: body.detail, errors: body.errors });
    } catch {
      setState({ kind: "failed", detail: "The results could not be sent. Check the connection and try again." });
    } finally {
      setBusy(false);
    }
  }

  const toImport = state.kind === "preview" ? state.preview.counts.valid - state.preview.counts.alreadyImported : 0;
  return (
    <>
      <form className={styles.form} onSubmit={preview} onChange={() => state.kind === "preview" && setState({ kind: "idle" })}>
        <div className={styles.field}>
          <label htmlFor={ids.patient}>Patient</label>
          <select id={ids.patient} name="patient" required defaultValue="">
            <option value="" disabled>
              Choose a patient
            </option>
            {patients.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor={ids.file}>
            CSV file <span className={styles.hint}>(.csv)</span>
          </label>
          <input id={ids.file} name="file" type="file" accept=".csv,text/csv,text/plain" />
        </div>
        <div className={`${styles.field} ${styles.wide}`}>
          <label htmlFor={ids.text}>
            Or paste the rows <span className={styles.hint}>(used when no file is chosen)</span>
          </label>
          <textarea id={ids.text} name="rows" rows={4} placeholder={"date,analyte,value,unit,range low,range high\n2020-08-03,CK,695,U/L,25,200"} />
        </div>
        <button type="submit" className="secondary" disabled={busy}>
          Preview
        </button>
      </form>
      <div aria-live="polite">
        {state.kind === "preview" ? (
          <>
            <p role="status">
              {state.preview.counts.rows} row{state.preview.counts.rows === 1 ? "" : "s"}: {state.preview.counts.valid} ready
              {state.preview.counts.alreadyImported > 0 ? ` (${state.preview.counts.alreadyImported} already imported)` : ""}
              {state.preview.counts.invalid > 0 ? <strong className={styles.bad}>, {state.preview.counts.invalid} to correct before anything can be imported</strong> : ""}.
            </p>
            <PreviewTable preview={state.preview} />
            <div className={styles.actions}>
              <button type="button" onClick={commit} disabled={busy || state.preview.counts.invalid > 0 || toImport === 0} aria-describedby={state.preview.counts.invalid > 0 ? ids.blocked : undefined}>
                {toImport === 0 && state.preview.counts.invalid === 0 ? "Nothing new to import" : `Import ${toImport} result${toImport === 1 ? "" : "s"}`}
              </button>
              {state.preview.counts.invalid > 0 ? (
                <span id={ids.blocked} className="muted small">
                  Correct the rows marked “Cannot import” in the file, then preview again.
                </span>
              ) : null}
            </div>
          </>
        ) : null}
        {state.kind === "imported" ? (
          <div className={styles.ok} role="status">
            <h3>Results imported</h3>
            <p>
              {state.result.created} new result{state.result.created === 1 ? "" : "s"}
              {state.result.unchanged > 0 ? `, ${state.result.unchanged} already there` : ""}.{" "}
              <Link href={`/patients/${state.patientId}`}>Open the patient&apos;s timeline</Link>
            </p>
          </div>
        ) : null}
        {state.kind === "failed" ? (
          <div className={styles.error} role="alert">
            <h3>Not imported</h3>
            <p>{state.detail}</p>
            {state.errors ? (
              <ul className={styles.messages}>
                {Object.entries(state.errors).map(([field, messages]) => (
                  <li key={field}>
                    {field}: {messages.join("; ")}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </>
  );
}

function PreviewTable({ preview }: { preview: LabCsvPreview }) {
  return (
    <div className="table-scroll">
      <table className="data responsive">
        <caption>Each row as it will be stored</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Date</th>
            <th scope="col">Analyte</th>
            <th scope="col">Result</th>
            <th scope="col">Range</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) =>
            row.ok ? (
              <tr key={row.line}>
                <td data-label="Line" className="num">
                  {row.line}
                </td>
                <td data-label="Date" className="date">
                  {row.shown.date}
                </td>
                <td data-label="Analyte">{row.shown.analyte}</td>
                <td data-label="Result" className={`num ${styles.nowrap}`}>
                  {row.shown.result}
                </td>
                <td data-label="Range" className={styles.nowrap}>
                  {row.shown.range ?? "—"}
                </td>
                <td data-label="Status" className={styles.status}>
                  {row.alreadyImported ? "Already imported" : "New"}
                </td>
              </tr>
            ) : (
              <tr key={row.line} className={styles.badRow}>
                <td data-label="Line" className="num">
                  {row.line}
                </td>
                <td data-label="Row" colSpan={4} className={styles.code}>
                  {row.cells.join(", ")}
                </td>
                <td data-label="Status">
                  <span className={`${styles.status} ${styles.bad}`}>Cannot import</span>
                  <ul className={styles.messages}>
                    {row.errors.map((e, i) => (
                      <li key={i}>
                        {e.column === "row" ? "" : `${e.column}: `}
                        {e.message}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
