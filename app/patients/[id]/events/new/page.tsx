import type { Metadata } from "next";
import Link from "next/link";
import "@/app/_components/data-entry.css";
import { notFound } from "next/navigation";
import { requestContext, requestPatient } from "@/app/_server/context";
import { ReadOnlyNotice } from "@/app/_components/read-only";
import { mayWriteClinical } from "@/lib/auth";
import { eventKindNames, eventKinds, formatClinicalDate, isKind, patientDisplayName, todayIn, type EventKind } from "@/lib/events";
import { getTimeline } from "@/lib/patients";
import { formCourse, organCodeOf, targetLesionsToRemeasure, type FormCourse } from "@/lib/recist";
import { proposeNextCycle } from "@/lib/treatment";
import { addEvent } from "../../_forms/actions";
import { lesionField } from "../../_forms/decode";
import { EventForm } from "../../_forms/event-form";
import type { FormValues } from "@/app/_components/form/form-values";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ kind?: string | string[] }> };

function kindOf(value: string | string[] | undefined): EventKind | undefined {
  const kind = Array.isArray(value) ? value[0] : value;
  return eventKinds.find((k) => k === kind);
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const kind = kindOf((await searchParams).kind);
  return { title: kind ? `New ${eventKindNames[kind].toLowerCase()}` : "New event" };
}

export default async function NewEventPage({ params, searchParams }: Props) {
  const { id } = await params;
  const kind = kindOf((await searchParams).kind);
  const ctx = await requestContext();
  const patient = await requestPatient(id);
  if (patient.ok && !mayWriteClinical(ctx.actor)) return <ReadOnlyNotice role={ctx.actor.role} backHref={`/patients/${id}`} backLabel="Back to the patient" />;
  if (!patient.ok) notFound();
  const name = patientDisplayName(patient.value);
  const back = (
    <p className="back no-print">
      <Link href={`/patients/${id}`}>Back to {name}</Link>
    </p>
  );

  if (!kind) {
    return (
      <div className="form-page">
        {back}
        <h1>
          Record an event <span className="subtitle">{name}, {patient.value.identifier}</span>
        </h1>
        <ul className="kind-menu">
          <li>
            <Link href={`/patients/${id}/flare`}>Log a flare (skin grade and CK)</Link>
          </li>
          {eventKinds.map((k) => (
            <li key={k}>
              <Link href={`/patients/${id}/events/new?kind=${k}`}>{eventKindNames[k]}</Link>
            </li>
          ))}
        </ul>
      </div>
    );
  }

  let initialValues: FormValues = {};
  let note: string | undefined;
  let course: FormCourse | undefined;
  if (kind === "treatment_cycle") {
    const cycles = await getTimeline(ctx, id, { kinds: ["treatment_cycle"] });
    const proposal = cycles.ok ? proposeNextCycle(cycles.value.filter(isKind("treatment_cycle"))) : undefined;
    if (proposal) {
      initialValues = {
        "payload.regimen": proposal.regimen,
        "payload.lineOfTherapy": String(proposal.lineOfTherapy),
        "payload.cycleNumber": String(proposal.cycleNumber),
        ...(proposal.dose ? { "payload.dose.value": String(proposal.dose.value), "payload.dose.unit": proposal.dose.unit } : {}),
        ...(proposal.intent ? { "payload.intent": proposal.intent } : {}),
      };
      const last = proposal.basedOn;
      note = `Proposed from the latest cycle, ${last.payload.regimen} cycle ${last.payload.cycleNumber} (line ${last.payload.lineOfTherapy}) on ${formatClinicalDate(last.occurredAt)}: same line and regimen, next cycle, dose as last given. For a new regimen after progression, start a new line at cycle 1.`;
    } else {
      initialValues = { "payload.lineOfTherapy": "1", "payload.cycleNumber": "1" };
    }
  }
  if (kind === "imaging") {
    const timeline = await getTimeline(ctx, id, { kinds: ["imaging", "treatment_cycle"] });
    const events = timeline.ok ? timeline.value : [];
    const scans = events.filter(isKind("imaging"));
    course = formCourse(scans, events.filter(isKind("treatment_cycle")));
    const lesions = targetLesionsToRemeasure(scans, todayIn());
    initialValues = { assessment: "response" };
    (lesions.length > 0 ? lesions : [{ organ: "", nodal: false }]).forEach((lesion, row) => {
      if ("id" in lesion && lesion.id) initialValues[lesionField(row, "id")] = lesion.id;
      initialValues[lesionField(row, "organ")] = lesion.organ;
      const code = "organCode" in lesion && lesion.organCode ? lesion.organCode : lesion.organ ? organCodeOf(lesion) : undefined;
      if (code) initialValues[lesionField(row, "organCode")] = code;
      if ("site" in lesion && lesion.site) initialValues[lesionField(row, "site")] = lesion.site;
      initialValues[lesionField(row, "diameterMm")] = "";
      if (lesion.nodal) initialValues[lesionField(row, "nodal")] = "on";
    });
  }

  return (
    <div className="form-page">
      {back}
      <h1>
        New {eventKindNames[kind].toLowerCase()} <span className="subtitle">{name}, {patient.value.identifier}</span>
      </h1>
      {note ? <p className="proposal">{note}</p> : null}
      <EventForm kind={kind} action={addEvent.bind(null, id, kind)} initialValues={initialValues} course={course} cancelHref={`/patients/${id}`} />
    </div>
  );
}
