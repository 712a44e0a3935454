"use client";

import Link from "next/link";
import { useId, useState } from "react";
import type { ImportProblem, IgnoredResource } from "@/lib/fhir";
import { eventKindNames } from "@/lib/events";
import type { ImportedResource, ImportReport } from "@/lib/patients";
import styles from "./import.module.css";

type Outcome =
  | { kind: "report"; report: ImportReport }
  | { kind: "rejected"; detail: string; problems: ImportProblem[]; ignored: IgnoredResource[] }
  | { kind: "failed"; detail: string };

const resourceLabel = (p: { entry?: number; resourceType?: string; fullUrl?: string }) =>
  p.entry === undefined ? "Bundle" : `Entry ${p.entry}: ${p.resourceType ?? "resource"}`;

function IgnoredTable({ ignored, caption }: { ignored: IgnoredResource[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="data responsive">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">Why it was ignored</th>
          </tr>
        </thead>
        <tbody>
          {ignored.map((i) => (
            <tr key={i.entry}>
              <td data-label="Resource">{resourceLabel(i)}</td>
              <td data-label="Why" className={styles.wrap}>
                {i.reason}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Uploads a FHIR bundle to POST /api/v1/fhir and shows the import report or every problem. */
export function FhirUpload({ teams = [] }: { teams?: { id: string; name: string }[] }) {
  const inputId = useId();
  const teamId = useId();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  const [pending, setPending] = useState<{ file: File; team?: string } | undefined>();

  async function send(file: File, team: string | undefined, dryRun: boolean) {
    setBusy(true);
    setOutcome(undefined);
    try {
      const query = new URLSearchParams();
      if (team) query.set("team", team);
      if (dryRun) query.set("dryRun", "true");
      const response = await fetch(`/api/v1/fhir${query.size > 0 ? `?${query}` : ""}`, { method: "POST", headers: { "content-type": "application/fhir+json" }, body: file });
      const body = await response.json();
      if (response.ok) setOutcome({ kind: "report", report: body as ImportReport });
      else if (response.status === 422) setOutcome({ kind: "rejected", detail: body.detail, problems: body.problems ?? [], ignored: body.ignored ?? [] });
      else setOutcome({ kind: "failed", detail: body.detail ?? `The server answered ${response.status}.` });
      setPending(response.ok && dryRun ? { file, team } : undefined);
    } catch {
      setOutcome({ kind: "failed", detail: "The bundle could not be sent. Check the connection and try again." });
      setPending(undefined);
    } finally {
      setBusy(false);
    }
  }

  /** The form previews (a dry run: nothing written); the preview's button then imports the same file. */
  async function preview(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("bundle");
    const team = form.get("team");
    if (!(file instanceof File) || file.size === 0) {
      setOutcome({ kind: "failed", detail: "Choose a FHIR bundle file (JSON) first." });
      return;
    }
    await send(file, typeof team === "string" && team ? team : undefined, true);
  }

  return (
    <>
      <form className={styles.form} onSubmit={preview} onChange={() => setPending(undefined)}>
        <div className={styles.field}>
          <label htmlFor={inputId}>
            FHIR R4 Bundle <span className={styles.hint}>(.json)</span>
          </label>
          <input id={inputId} name="bundle" type="file" accept=".json,application/json,application/fhir+json" required />
        </div>
        {teams.length > 1 ? (
          <div className={styles.field}>
            <label htmlFor={teamId}>
              Care team <span className={styles.hint}>(for a patient new to Flarewatch)</span>
            </label>
            <select id={teamId} name="team" defaultValue={teams[0].id}>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy && !pending ? "Reading…" : "Preview import"}
        </button>
      </form>
      <div aria-live="polite">
        {outcome?.kind === "report" ? <Report report={outcome.report} /> : null}
        {outcome?.kind === "report" && outcome.report.dryRun && pending ? (
          <div className={styles.actions}>
            <button type="button" disabled={busy} onClick={() => send(pending.file, pending.team, false)}>
              {busy ? "Importing…" : `Import: ${outcome.report.counts.created} new, ${outcome.report.counts.updated} updated`}
            </button>
            <span className="muted small">Nothing has been written yet.</span>
          </div>
        ) : null}
        {outcome?.kind === "rejected" ? (
          <div className={styles.error} role="alert">
            <h3>Bundle rejected</h3>
            <p>{outcome.detail}</p>
            <div className="table-scroll">
              <table className="data responsive">
                <caption>Problems to correct</caption>
                <thead>
                  <tr>
                    <th scope="col">Resource</th>
                    <th scope="col">Field</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.problems.map((p, i) => (
                    <tr key={i}>
                      <td data-label="Resource">
                        {resourceLabel(p)}
                        {p.fullUrl ? <div className={`muted ${styles.code}`}>{p.fullUrl}</div> : null}
                      </td>
                      <td data-label="Field" className={styles.code}>
                        {p.path}
                      </td>
                      <td data-label="Problem">{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
        {outcome?.kind === "failed" ? (
          <div className={styles.error} role="alert">
            <h3>Not imported</h3>
            <p>{outcome.detail}</p>
          </div>
        ) : null}
      </div>
    </>
  );
}

function ResourceTable({ items, caption }: { items: ImportedResource[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="data responsive">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">Recorded as</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.entry}>
              <td data-label="Resource">{resourceLabel(i)}</td>
              <td data-label="Recorded as">{eventKindNames[i.kind]}</td>
              <td data-label="Notes" className={styles.wrap}>
                {i.notes && i.notes.length > 0 ? i.notes.join("; ") : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Report({ report }: { report: ImportReport }) {
  const { counts } = report;
  const preview = report.dryRun === true;
  const identifier = report.patient.identifierSystem ? `${report.patient.identifier}, ${report.patient.identifierSystem}` : report.patient.identifier;
  return (
    <div className={preview ? styles.preview : styles.ok} role="status">
      <h3>{preview ? "Preview: nothing written yet" : "Bundle imported"}</h3>
      <p>
        {preview ? (
          <>
            {report.patient.status === "created" ? "Would create the new patient " : "Would add to "}
            {report.patient.status === "created" ? report.patient.name : <Link href={`/patients/${report.patient.id}`}>{report.patient.name}</Link>} ({identifier}).
          </>
        ) : (
          <>
            {report.patient.status === "created" ? "New patient " : "Added to "}
            <Link href={`/patients/${report.patient.id}`}>{report.patient.name}</Link> ({identifier}).
          </>
        )}
      </p>
      <ul className={styles.counts} aria-label="Resources">
        <li>{counts.resources} resources read</li>
        <li>
          {counts.created} {preview ? "to create" : "created"}
        </li>
        <li>
          {counts.updated} {preview ? "to update" : "updated"}
        </li>
        <li>{counts.unchanged} unchanged</li>
        <li>{counts.ignored} ignored</li>
      </ul>
      {report.created.length > 0 ? <ResourceTable items={report.created} caption={preview ? "Would be created" : "Created"} /> : null}
      {report.updated.length > 0 ? <ResourceTable items={report.updated} caption={preview ? "Would be updated (a new version)" : "Updated (a new version)"} /> : null}
      {report.ignored.length > 0 ? <IgnoredTable ignored={report.ignored} caption={preview ? "Would be ignored" : "Ignored resources"} /> : null}
      {report.listsTruncated ? <p className="muted small">Only the first items of each list are shown; the counts are complete.</p> : null}
    </div>
  );
}
