"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import { FileField, Form, SelectField, TextField, fieldId } from "@/app/_components/form";
import type { LabCsvImport, LabCsvPreview } from "@/lib/patients";
import { importLabCsvAction, previewLabCsvAction, type LabCsvPreviewData } from "./actions";
import styles from "./import.module.css";

type PatientOption = { id: string; label: string };

/** CSV lab results: preview every row as it will be stored, then import them in one go. */
export function LabCsvImporter({ patients }: { patients: PatientOption[] }) {
  const [previewed, setPreviewed] = useState<{ data: LabCsvPreviewData; n: number } | undefined>();
  const [imported, setImported] = useState<{ result: LabCsvImport; patientId: string } | undefined>();
  // A change to the file, the rows or the patient makes the preview stale: it goes.
  const stale = useCallback(() => setPreviewed(undefined), []);
  const preview = previewed?.data.preview;
  const toImport = preview ? preview.counts.valid - preview.counts.alreadyImported : 0;
  return (
    <>
      <Form
        action={previewLabCsvAction}
        idPrefix="lab-csv"
        submitLabel="Preview"
        pendingLabel="Reading…"
        summaryTitle="Not read"
        onValuesChange={stale}
        onSuccess={(data) => {
          setImported(undefined);
          if (data) setPreviewed((before) => ({ data, n: (before?.n ?? 0) + 1 }));
        }}
      >
        <SelectField name="patient" label="Patient" blank="Choose a patient" options={patients.map((p) => ({ value: p.id, label: p.label }))} />
        <FileField
          name="file"
          label={
            <>
              CSV file <span className={styles.hint}>(.csv)</span>
            </>
          }
          accept=".csv,text/csv,text/plain"
        />
        <TextField
          name="rows"
          long
          label={
            <>
              Or paste the rows <span className={styles.hint}>(used when no file is chosen)</span>
            </>
          }
        />
      </Form>
      <div aria-live="polite">
        {previewed && preview ? (
          <>
            <p role="status">
              {preview.counts.rows} row{preview.counts.rows === 1 ? "" : "s"}: {preview.counts.valid} ready
              {preview.counts.alreadyImported > 0 ? ` (${preview.counts.alreadyImported} already imported)` : ""}
              {preview.counts.invalid > 0 ? <strong className={styles.bad}>, {preview.counts.invalid} to correct before anything can be imported</strong> : ""}
              {preview.counts.invalid === 0 && preview.counts.implausible > 0 ? (
                <strong className={styles.bad}>
                  , {preview.counts.implausible} value{preview.counts.implausible === 1 ? "" : "s"} to check against the lab report before importing
                </strong>
              ) : (
                ""
              )}
              .
            </p>
            <PreviewTable preview={preview} />
            <Form
              key={previewed.n}
              action={importLabCsvAction}
              idPrefix="lab-csv-import"
              submitLabel={toImport === 0 && preview.counts.invalid === 0 ? "Nothing new to import" : `Import ${toImport} result${toImport === 1 ? "" : "s"}`}
              pendingLabel="Importing…"
              summaryTitle="Not imported"
              submitBlocked={
                preview.counts.invalid > 0 ? "Correct the rows marked “Cannot import” in the file, then preview again." : toImport === 0 ? "Every row is already imported." : undefined
              }
              onSuccess={(result) => {
                if (result) setImported({ result, patientId: previewed.data.patientId });
                setPreviewed(undefined);
              }}
            >
              <input type="hidden" name="patient" value={previewed.data.patientId} />
              <input type="hidden" name="csv" value={previewed.data.csv} />
            </Form>
          </>
        ) : null}
        {imported ? (
          <div className={styles.ok} role="status">
            <h3>Results imported</h3>
            <p>
              {imported.result.created} new result{imported.result.created === 1 ? "" : "s"}
              {imported.result.unchanged > 0 ? `, ${imported.result.unchanged} already there` : ""}.{" "}
              <Link href={`/patients/${imported.patientId}`}>Open the patient&apos;s timeline</Link>
            </p>
          </div>
        ) : null}
      </div>
    </>
  );
}

function PreviewTable({ preview }: { preview: LabCsvPreview }) {
  return (
    // Focusable and named: a keyboard user scrolls a table wider than the screen with the arrow keys (axe: scrollable-region-focusable).
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Each row as it will be stored">
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
                {/* The import form's warning about this row links here (fieldId("line N: value", "lab-csv-import")). */}
                <td data-label="Result" className={`num ${styles.nowrap}`} id={row.implausible ? fieldId(`line ${row.line}: value`, "lab-csv-import") : undefined} tabIndex={row.implausible ? -1 : undefined}>
                  {row.shown.result}
                </td>
                <td data-label="Range" className={styles.nowrap}>
                  {row.shown.range ?? "—"}
                </td>
                <td data-label="Status" className={styles.status}>
                  {row.alreadyImported ? "Already imported" : "New"}
                  {row.implausible ? (
                    <ul className={styles.messages}>
                      {row.implausible.map((message, i) => (
                        <li key={i}>
                          <strong className={styles.bad}>Check:</strong> {message}
                        </li>
                      ))}
                    </ul>
                  ) : null}
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
