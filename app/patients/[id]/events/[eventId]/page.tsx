import type { Metadata } from "next";
import Link from "next/link";
import "@/app/_components/data-entry.css";
import { notFound } from "next/navigation";
import { requestContext, requestPatient } from "@/app/_server/context";
import { mayWriteClinical, roleLabel } from "@/lib/auth";
import { describeEvent, eventKindNames, formatClinicalDate, patientDisplayName, type TimelineEvent } from "@/lib/events";
import { getEvent, getEventHistory } from "@/lib/patients";
import { enterInError } from "../../_forms/actions";
import { EnteredInErrorForm } from "../../_forms/entered-in-error-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; eventId: string }>; searchParams: Promise<{ saved?: string }> };

const statusNames: Record<TimelineEvent["status"], string> = { final: "Original", amended: "Amended", entered_in_error: "Entered in error" };

/** When a version was written: an instant, shown in UTC so that every reader sees the same time. */
function recordedAt(iso: string): string {
  return `${formatClinicalDate(`${iso.slice(0, 10)}T${iso.slice(11, 16)}`)} UTC`;
}

function eventDate(event: TimelineEvent): string {
  return `${formatClinicalDate(event.occurredAt)}${event.endedAt ? ` – ${formatClinicalDate(event.endedAt)}` : ""}`;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { eventId } = await params;
  const event = await getEvent(await requestContext(), eventId);
  return { title: event.ok ? `${eventKindNames[event.value.kind]} of ${formatClinicalDate(event.value.occurredAt)}` : "Event not found" };
}

export default async function EventPage({ params, searchParams }: Props) {
  const { id, eventId } = await params;
  const { saved } = await searchParams;
  const ctx = await requestContext();
  const [patient, event, history] = await Promise.all([requestPatient(id), getEvent(ctx, eventId), getEventHistory(ctx, eventId)]);
  if (!patient.ok || !event.ok || !history.ok || event.value.patientId !== id) notFound();
  const current = event.value;
  const name = patientDisplayName(patient.value);
  const inError = current.status === "entered_in_error";
  const canWrite = mayWriteClinical(ctx.actor);
  const title = `${eventKindNames[current.kind]} of ${eventDate(current)}`;
  return (
    <div className="form-page wide">
      <p className="back no-print">
        <Link href={`/patients/${id}`}>Back to {name}</Link>
      </p>
      {saved === "amended" || saved === "entered-in-error" ? (
        <p className="notice" role="status">
          {saved === "amended" ? `Saved as version ${current.version}.` : "Marked entered in error: it no longer appears in the timeline, and stays in the history below."}
        </p>
      ) : null}
      <h1>
        {title} <span className="subtitle">{name}, {patient.value.identifier}</span>
      </h1>
      <section aria-labelledby="current-heading">
        <h2 id="current-heading">{inError ? "Entered in error" : `Current version (${current.version})`}</h2>
        <p className={inError ? "struck" : undefined}>{describeEvent(current)}</p>
        {inError ? (
          <p>
            Marked entered in error on {recordedAt(current.recordedAt)} by {current.recordedBy}: “{current.statusReason}”.
          </p>
        ) : canWrite ? (
          <p className="actions no-print">
            <Link className="button" href={`/patients/${id}/events/${eventId}/amend`}>
              Amend this event
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <div className="table-scroll">
          <table className="data responsive history">
            <caption>
              Every version of this event, oldest first ({history.value.length} version{history.value.length === 1 ? "" : "s"})
            </caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">What was recorded</th>
                <th scope="col">Recorded</th>
                <th scope="col">By</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {history.value.map((version) => (
                <tr key={version.versionId}>
                  <td data-label="Version" className="num">
                    {version.version}
                  </td>
                  <td data-label="Status">{statusNames[version.status]}</td>
                  <td data-label="What was recorded">
                    <span>
                      <span className="date">{eventDate(version)}</span>: {describeEvent(version)}
                    </span>
                  </td>
                  <td data-label="Recorded" className="date">
                    {recordedAt(version.recordedAt)}
                  </td>
                  <td data-label="By">
                    {version.recordedBy} ({roleLabel(version.recordedRole)})
                  </td>
                  <td data-label="Reason">{version.statusReason ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {inError || !canWrite ? null : (
        <section aria-labelledby="error-heading" className="no-print">
          <h2 id="error-heading">Mark entered in error</h2>
          <p className="hint">For an event that should never have been recorded (wrong patient, duplicate). To correct a value, amend the event instead.</p>
          <EnteredInErrorForm action={enterInError.bind(null, id, eventId)} expectedVersion={current.version} cancelHref={`/patients/${id}`} />
        </section>
      )}
    </div>
  );
}
