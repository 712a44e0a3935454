import Link from "next/link";
import "@/app/_components/data-entry.css";
import { LoadingNote } from "@/app/_components/loading-note";
import { requestContext } from "@/app/_server/context";
import { mayWriteClinical, roleLabel } from "@/lib/auth";
import { describeEvent, eventKindNames, eventKinds, formatClinicalDate, type TimelineEvent } from "@/lib/events";
import { getTimelinePage, type TimelinePage } from "@/lib/patients";
import { PAGE_SIZE, eventListHref, readEventListSearch, type SearchParams } from "./search";

/** After a save the form redirects here (?saved=…), to the list that now shows what was saved. */
function savedMessage(saved: string | string[] | undefined): string | undefined {
  if (saved === "flare") return "Flare logged.";
  const kind = eventKinds.find((k) => k === saved);
  return kind ? `${eventKindNames[kind]} saved.` : undefined;
}

function eventDate(event: TimelineEvent): string {
  return `${formatClinicalDate(event.occurredAt)}${event.endedAt ? ` – ${formatClinicalDate(event.endedAt)}` : ""}`;
}

/**
 * The patient's events, most recent first, a page at a time and filtered by kind and date window,
 * all from the URL. Each row offers the event's history, amendment and entered-in-error.
 */
export async function EventList({ patientId, searchParams, page }: { patientId: string; searchParams: SearchParams; page?: Promise<TimelinePage> }) {
  const search = readEventListSearch(searchParams);
  const ctx = await requestContext();
  const canWrite = mayWriteClinical(ctx.actor);
  // The patient page passes the page it reads with everything else (one audited read per page), as a
  // promise: the list streams in after the header and the chart.
  const result = page ? ({ ok: true, value: await page } as const) : await getTimelinePage(ctx, patientId, {
    kinds: search.kinds.length > 0 ? search.kinds : undefined,
    from: search.from,
    to: search.to,
    limit: PAGE_SIZE,
    offset: (search.page - 1) * PAGE_SIZE,
  });
  if (!result.ok) return <p className="empty">The events could not be read: {result.error.message}</p>;
  const { events, total } = result.value;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = search.kinds.length > 0 || search.from !== undefined || search.to !== undefined;
  const first = (search.page - 1) * PAGE_SIZE + 1;
  const last = first + events.length - 1;
  const selected = new Set(search.kinds);
  const saved = savedMessage(searchParams.saved);

  return (
    <section aria-labelledby="events-heading" className="event-list">
      <h2 id="events-heading" tabIndex={-1}>
        Timeline events
      </h2>
      {saved ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      <details className="filters no-print" open={filtered || search.invalid.length > 0}>
        <summary>Filter events{filtered ? " (filtered)" : ""}</summary>
        <form method="get" action={`/patients/${patientId}#events-heading`}>
          <fieldset className="kind-filter">
            <legend>Kinds of event</legend>
            <div className="checklist-options">
              {eventKinds.map((kind) => (
                <div className="checkbox" key={kind}>
                  <input type="checkbox" id={`filter-${kind}`} name="kind" value={kind} defaultChecked={selected.has(kind)} />
                  <label htmlFor={`filter-${kind}`}>{eventKindNames[kind]}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <div className="field-row">
            <div className="field">
              <label htmlFor="filter-from">From</label>
              {search.invalid.includes("from") ? (
                <p className="field-error" id="filter-from-error">
                  Enter a real date
                </p>
              ) : null}
              <input type="date" id="filter-from" name="from" defaultValue={search.from} aria-describedby={search.invalid.includes("from") ? "filter-from-error" : undefined} />
            </div>
            <div className="field">
              <label htmlFor="filter-to">To</label>
              {search.invalid.includes("to") ? (
                <p className="field-error" id="filter-to-error">
                  Enter a real date
                </p>
              ) : null}
              <input type="date" id="filter-to" name="to" defaultValue={search.to} aria-describedby={search.invalid.includes("to") ? "filter-to-error" : undefined} />
            </div>
          </div>
          <div className="form-actions">
            <button type="submit">Show events</button>
            {filtered ? (
              <Link className="button secondary" href={eventListHref(patientId, search, { kinds: [], from: undefined, to: undefined, page: 1 })}>
                Clear filters
              </Link>
            ) : null}
          </div>
        </form>
      </details>

      {events.length === 0 ? (
        <p className="empty">{total > 0 ? "No events on this page." : filtered ? "No events match these filters." : "No events recorded yet."}</p>
      ) : (
        <div className="table-scroll">
          <table className="data responsive events">
            <caption>
              {total === events.length && search.page === 1 ? `${total} event${total === 1 ? "" : "s"}` : `Events ${first}–${last} of ${total}`}, most recent first
              {filtered ? ` (filtered${search.kinds.length > 0 ? `: ${search.kinds.map((k) => eventKindNames[k]).join(", ")}` : ""}${search.from ? `, from ${formatClinicalDate(search.from)}` : ""}${search.to ? `, to ${formatClinicalDate(search.to)}` : ""})` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">Details</th>
                <th scope="col">Recorded by</th>
                <th scope="col" className="no-print">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => {
                // Distinct names for repeated links: "Amend lab result CK 850 U/L of 1 Dec 2026".
                const what = `${eventKindNames[event.kind].toLowerCase()} ${describeEvent(event)} of ${eventDate(event)}`;
                const base = `/patients/${patientId}/events/${event.id}`;
                return (
                  <tr key={event.versionId}>
                    <td data-label="Date" className="date">
                      {eventDate(event)}
                    </td>
                    <td data-label="Kind">
                      <span className="kind">{eventKindNames[event.kind]}</span>
                    </td>
                    <td data-label="Details">
                      {describeEvent(event)}
                      {event.version > 1 ? <span className="muted small"> (amended, version {event.version})</span> : null}
                    </td>
                    <td data-label="Recorded by" className="small">
                      {event.recordedBy} ({roleLabel(event.recordedRole)})
                    </td>
                    <td data-label="Actions" className="no-print">
                      <span className="row-actions">
                        {canWrite ? (
                          <>
                            <Link href={`${base}/amend`} prefetch={false} aria-label={`Amend ${what}`}>
                              Amend
                            </Link>
                            <Link href={`${base}#error-heading`} prefetch={false} aria-label={`Entered in error: ${what}`}>
                              Entered in error
                            </Link>
                          </>
                        ) : null}
                        <Link href={base} prefetch={false} aria-label={`History of ${what}`}>
                          History
                        </Link>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pager no-print" aria-label="Event pages">
          {search.page > 1 ? <Link href={eventListHref(patientId, search, { page: search.page - 1 })}>Newer events</Link> : <span />}
          <span>
            Page {Math.min(search.page, pages)} of {pages}
          </span>
          {search.page < pages ? <Link href={eventListHref(patientId, search, { page: search.page + 1 })}>Older events</Link> : <span />}
        </nav>
      ) : null}
    </section>
  );
}

/** The list's place while it streams in: its heading, and a note that says so. */
export function EventListPending() {
  return (
    <section aria-label="Timeline events" className="event-list">
      <h2>Timeline events</h2>
      <LoadingNote what="the timeline events" />
    </section>
  );
}
