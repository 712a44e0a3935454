import type { Metadata } from "next";
import Link from "next/link";
import "@/app/_components/data-entry.css";
import "../admin.css";
import { requestContext } from "@/app/_server/context";
import { auditOutcomes, type AuditOutcome } from "@/lib/audit";
import { queryAudit, type AuditPage, type AuditRow } from "@/lib/admin";
import { roleLabel } from "@/lib/auth";
import { formatClinicalDate } from "@/lib/events";
import { ErrorSummary } from "@/app/_components/form/error-summary";
import { UtcTime } from "../_components/instant";
import { adminValue } from "../_server/results";
import { VerifyChain } from "./verify-chain";

export const metadata: Metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const filterKeys = ["patient", "actor", "action", "outcome", "from", "to"] as const;
type FilterKey = (typeof filterKeys)[number];

function single(params: Params, key: string): string {
  const value = params[key];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** The same filter as a query string, with some keys changed (the page cursor, the CSV link). */
function queryOf(params: Params, changes: Partial<Record<FilterKey | "before", string | undefined>> = {}): string {
  const search = new URLSearchParams();
  for (const key of [...filterKeys, "before"] as const) {
    const value = key in changes ? changes[key] : single(params, key);
    if (value) search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

const outcomeLabels: Record<AuditOutcome, string> = {
  ok: "ok",
  denied: "denied",
  "not-found": "not found",
  invalid: "invalid",
  conflict: "conflict",
  failed: "failed",
  locked: "locked",
};

/** Ideas for the action box: each is a prefix, so "event." finds every kind of event read and write. */
const actionSuggestions = ["sign-in", "sign-out", "two-factor.", "patient.", "event.", "alert", "fhir.", "user.", "team.", "audit.", "admin."];

const MAX_EVENT_IDS = 3;

function EventIds({ ids }: { ids: string[] }) {
  if (ids.length === 0) return null;
  const shown = ids.slice(0, MAX_EVENT_IDS);
  return (
    <span className="event-ids">
      {shown.map((id) => (
        <code key={id}>{id}</code>
      ))}
      {ids.length > shown.length ? <span className="muted"> and {ids.length - shown.length} more (in the CSV)</span> : null}
    </span>
  );
}

function PatientCell({ row }: { row: AuditRow }) {
  if (!row.patientId) return null;
  if (!row.patient) return <code className="muted">{row.patientId}</code>;
  return (
    <span>
      <Link href={`/patients/${row.patient.id}`}>{row.patient.identifier}</Link> {row.patient.name}{" "}
      <Link href={`/admin/audit?patient=${encodeURIComponent(row.patient.id)}`} className="small no-print">
        trail<span className="visually-hidden"> of {row.patient.identifier}</span>
      </Link>
    </span>
  );
}

/** The filter in a sentence, on screen and on paper (where the form is not printed). */
function filterInWords({ filter, patient }: AuditPage): string {
  const parts = [
    filter.patient && `patient ${patient ? `${patient.identifier} ${patient.name}` : filter.patient}`,
    filter.actor && `who matches “${filter.actor}”`,
    filter.action && `action starting “${filter.action}”`,
    filter.outcome && `outcome ${outcomeLabels[filter.outcome]}`,
    filter.from && `from ${formatClinicalDate(filter.from)}`,
    filter.to && `to the end of ${formatClinicalDate(filter.to)}`,
  ].filter(Boolean);
  return parts.length > 0 ? `Filter: ${parts.join(", ")}${filter.from || filter.to ? " (UTC days)" : ""}.` : "No filter: the whole trail.";
}

export default async function AuditTrailPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const result = await queryAudit(await requestContext(), params);
  // A non-administrator is refused by the service; a filter that cannot be read is shown with its messages.
  const page = !result.ok && result.error.kind === "invalid" ? null : adminValue(result);
  const errors = !result.ok && result.error.kind === "invalid" ? result.error.fieldErrors : {};
  const value = (key: string) => single(params, key);
  const fieldError = (key: FilterKey) =>
    errors[key] ? (
      <p className="field-error" id={`filter-${key}-error`}>
        <span className="visually-hidden">Error: </span>
        {errors[key].join(" ")}
      </p>
    ) : null;
  const describedBy = (key: FilterKey, hint?: boolean) => [errors[key] && `filter-${key}-error`, hint && `filter-${key}-hint`].filter(Boolean).join(" ") || undefined;
  const invalidAttr = (key: FilterKey) => (errors[key] ? true : undefined);
  const before = value("before");
  const rows = page?.rows ?? [];

  return (
    <div className="admin-page">
      <p className="back no-print">
        <Link href="/admin">Admin</Link>
      </p>
      <h1>
        Audit trail
        {page?.patient ? (
          <span className="subtitle">
            of {page.patient.identifier} {page.patient.name}
          </span>
        ) : null}
      </h1>
      <p className="muted">
        Every sign-in, every read and change of a patient&rsquo;s record, and every change to users and teams, newest first. Times are in UTC, and
        the dates of the filter are whole days in UTC.
      </p>

      <form method="get" action="/admin/audit" className="audit-filter no-print" noValidate aria-label="Filter the audit trail">
        {Object.keys(errors).length > 0 ? (
          <ErrorSummary
            id="filter-summary"
            title="The filter needs correcting"
            entries={Object.entries(errors).flatMap(([key, messages]) => messages.map((message) => ({ href: `#filter-${key}`, message })))}
            focusKey="filter"
          />
        ) : null}
        <div className="filter-fields">
          <div className={`field${errors.patient ? " has-error" : ""}`}>
            <label htmlFor="filter-patient">Patient</label>
            <p className="hint" id="filter-patient-hint">
              Hospital identifier or id
            </p>
            {fieldError("patient")}
            <input type="text" id="filter-patient" name="patient" defaultValue={value("patient")} aria-invalid={invalidAttr("patient")} aria-describedby={describedBy("patient", true)} autoComplete="off" />
          </div>
          <div className={`field${errors.actor ? " has-error" : ""}`}>
            <label htmlFor="filter-actor">Who</label>
            <p className="hint" id="filter-actor-hint">
              User id, or part of a name or email
            </p>
            {fieldError("actor")}
            <input type="text" id="filter-actor" name="actor" defaultValue={value("actor")} aria-invalid={invalidAttr("actor")} aria-describedby={describedBy("actor", true)} autoComplete="off" />
          </div>
          <div className={`field${errors.action ? " has-error" : ""}`}>
            <label htmlFor="filter-action">Action</label>
            <p className="hint" id="filter-action-hint">
              Starts with, e.g. sign-in or event.
            </p>
            {fieldError("action")}
            <input type="text" id="filter-action" name="action" list="audit-actions" defaultValue={value("action")} aria-invalid={invalidAttr("action")} aria-describedby={describedBy("action", true)} autoComplete="off" spellCheck={false} />
            <datalist id="audit-actions">
              {actionSuggestions.map((action) => (
                <option key={action} value={action} />
              ))}
            </datalist>
          </div>
          <div className={`field${errors.outcome ? " has-error" : ""}`}>
            <label htmlFor="filter-outcome">Outcome</label>
            {fieldError("outcome")}
            <select id="filter-outcome" name="outcome" defaultValue={value("outcome")} aria-invalid={invalidAttr("outcome")} aria-describedby={describedBy("outcome")}>
              <option value="">Any</option>
              {auditOutcomes.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {outcomeLabels[outcome]}
                </option>
              ))}
            </select>
          </div>
          <div className={`field${errors.from ? " has-error" : ""}`}>
            <label htmlFor="filter-from">From (UTC day)</label>
            {fieldError("from")}
            <input type="date" id="filter-from" name="from" defaultValue={value("from")} aria-invalid={invalidAttr("from")} aria-describedby={describedBy("from")} />
          </div>
          <div className={`field${errors.to ? " has-error" : ""}`}>
            <label htmlFor="filter-to">To (UTC day, included)</label>
            {fieldError("to")}
            <input type="date" id="filter-to" name="to" defaultValue={value("to")} aria-invalid={invalidAttr("to")} aria-describedby={describedBy("to")} />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit">Show entries</button>
          <Link href="/admin/audit" className="button secondary">
            Clear filter
          </Link>
        </div>
      </form>

      {page ? (
        <>
          <div className="audit-summary">
            <p role="status">
              {rows.length === 0
                ? "No entries match."
                : `${rows.length} entr${rows.length === 1 ? "y" : "ies"}, newest first${before ? `, before row ${before}` : ""}${page.older ? "; older entries on the next page" : ""}.`}
              {" "}
              {filterInWords(page)}
            </p>
            <p className="no-print">
              <a href={`/admin/audit/export${queryOf(params, { before: undefined })}`} className="button secondary" download>
                Download CSV
              </a>{" "}
              <span className="muted small">every matching entry, oldest first</span>
            </p>
          </div>
          {rows.length > 0 ? (
            <div className="table-scroll">
              <table className="data responsive audit-table">
                <caption className="visually-hidden">Audit entries, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When (UTC)</th>
                    <th scope="col">Who</th>
                    <th scope="col">Patient</th>
                    <th scope="col">Action</th>
                    <th scope="col">Events</th>
                    <th scope="col">Address</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Detail</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.seq} id={`row-${row.seq}`}>
                      <td data-label="When (UTC)">
                        <span>
                          <UtcTime iso={row.at} withSeconds />
                          <span className="muted small seq"> #{row.seq}</span>
                        </span>
                      </td>
                      <td data-label="Who">
                        <span>
                          <Link href={`/admin/audit?actor=${encodeURIComponent(row.actorId)}`}>{row.actorName}</Link>
                          <span className="muted small role"> {roleLabel(row.role)}</span>
                        </span>
                      </td>
                      <td data-label="Patient">
                        <PatientCell row={row} />
                      </td>
                      <td data-label="Action">
                        <code>{row.action}</code>
                      </td>
                      <td data-label="Events">
                        <EventIds ids={row.eventIds} />
                      </td>
                      <td data-label="Address">{row.address}</td>
                      <td data-label="Outcome">
                        <span className={`outcome outcome-${row.outcome}`}>{outcomeLabels[row.outcome]}</span>
                      </td>
                      <td data-label="Detail" className="wrap-anywhere">
                        {row.detail}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <nav className="pager no-print" aria-label="Audit pages">
            {before ? <Link href={`/admin/audit${queryOf(params, { before: undefined })}`}>Newest entries</Link> : <span />}
            {page.older ? <Link href={`/admin/audit${queryOf(params, { before: String(page.older) })}`}>Older entries</Link> : null}
          </nav>
        </>
      ) : null}

      <section aria-labelledby="chain-heading" className="admin-section no-print">
        <h2 id="chain-heading">Is the trail intact?</h2>
        <p className="hint">
          Each entry carries a hash of itself and of the entry before it, so an entry edited, removed or moved breaks the chain from there on. Checking
          reads the whole trail.
        </p>
        <VerifyChain />
      </section>
    </div>
  );
}
