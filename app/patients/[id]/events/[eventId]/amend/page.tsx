import type { Metadata } from "next";
import Link from "next/link";
import "@/app/_components/data-entry.css";
import { notFound } from "next/navigation";
import { requestContext, requestPatient } from "@/app/_server/context";
import { ReadOnlyNotice } from "@/app/_components/read-only";
import { mayWriteClinical } from "@/lib/auth";
import { eventKindNames, formatClinicalDate, isKind, patientDisplayName } from "@/lib/events";
import { getEvent, getTimeline } from "@/lib/patients";
import { formCourse, type FormCourse } from "@/lib/recist";
import { amend } from "../../../_forms/actions";
import { encodeEvent } from "../../../_forms/decode";
import { EventForm } from "../../../_forms/event-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; eventId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { eventId } = await params;
  const event = await getEvent(await requestContext(), eventId);
  return { title: event.ok ? `Amend ${eventKindNames[event.value.kind].toLowerCase()}` : "Event not found" };
}

export default async function AmendEventPage({ params }: Props) {
  const { id, eventId } = await params;
  const ctx = await requestContext();
  const [patient, event] = await Promise.all([requestPatient(id), getEvent(ctx, eventId)]);
  if (!patient.ok || !event.ok || event.value.patientId !== id) notFound();
  if (!mayWriteClinical(ctx.actor)) return <ReadOnlyNotice role={ctx.actor.role} backHref={`/patients/${id}/events/${eventId}`} backLabel="Back to the event" />;
  const current = event.value;
  const eventHref = `/patients/${id}/events/${eventId}`;
  const header = (
    <>
      <p className="back no-print">
        <Link href={eventHref}>Back to the event and its history</Link>
      </p>
      <h1>
        Amend {eventKindNames[current.kind].toLowerCase()} of {formatClinicalDate(current.occurredAt)}{" "}
        <span className="subtitle">
          {patientDisplayName(patient.value)}, {patient.value.identifier}
        </span>
      </h1>
    </>
  );
  if (current.status === "entered_in_error") {
    return (
      <div className="form-page">
        {header}
        <p>This event was marked entered in error and cannot be amended. Record a new event instead.</p>
      </div>
    );
  }
  let course: FormCourse | undefined;
  if (current.kind === "imaging") {
    const timeline = await getTimeline(ctx, id, { kinds: ["imaging", "treatment_cycle"] });
    const events = timeline.ok ? timeline.value : [];
    course = formCourse(events.filter(isKind("imaging")), events.filter(isKind("treatment_cycle")), current.id);
  }
  return (
    <div className="form-page">
      {header}
      <p className="hint">
        You are amending version {current.version}. The earlier version stays in the history. If someone else changes this event before you save, you will be asked to
        reload it.
      </p>
      <EventForm
        kind={current.kind}
        action={amend.bind(null, id, eventId, current.kind)}
        initialValues={encodeEvent(current)}
        expectedVersion={current.version}
        course={course}
        cancelHref={eventHref}
      />
    </div>
  );
}
