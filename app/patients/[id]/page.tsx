import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requestContext } from "@/app/_server/context";
import { ageOn, describeEvent, eventKindNames, formatClinicalDate, patientDisplayName, todayIn } from "@/lib/events";
import { getPatient, getTimeline } from "@/lib/patients";
import { buildTimeline } from "@/lib/timeline";
import { CourseChart } from "./_chart/CourseChart";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams?: Promise<{ ref?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const patient = await getPatient(await requestContext(), id);
  return { title: patient.ok ? patientDisplayName(patient.value) : "Patient not found" };
}

export default async function PatientPage({ params, searchParams }: Props) {
  const { id } = await params;
  // ?ref=<event id>: the chart's axis counts days from that event (a diagnosis, the first cycle of a line).
  const ref = (await searchParams)?.ref;
  const referenceEventId = typeof ref === "string" ? ref : undefined;
  const ctx = await requestContext();
  const [patient, timeline] = await Promise.all([getPatient(ctx, id), getTimeline(ctx, id)]);
  if (!patient.ok || !timeline.ok) notFound();
  const p = patient.value;
  const events = timeline.value;
  const chart = buildTimeline(events, { referenceEventId });
  return (
    <>
      <div className="patient-header">
        <h1>{patientDisplayName(p)}</h1>
        <ul className="facts" aria-label="Patient details">
          <li>Identifier {p.identifier}</li>
          <li>{p.sex}</li>
          {p.birthDate ? (
            <li>
              Born {formatClinicalDate(p.birthDate)} ({ageOn(p.birthDate, todayIn())} y)
            </li>
          ) : null}
        </ul>
      </div>
      {/* Actions (log flare, add event): data-entry work goes here. */}
      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">Course</h2>
        <CourseChart
          model={chart}
          relative={chart.axis.choices.some((c) => c.eventId === referenceEventId)}
          patientLabel={`${patientDisplayName(p)} (${p.identifier})`}
          fileStem={p.identifier.replace(/[^A-Za-z0-9-]+/g, "_")}
        />
      </section>
      <h2 id="events-heading">Timeline events</h2>
      {events.length === 0 ? (
        <p className="empty">No events recorded yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data responsive" aria-labelledby="events-heading">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">Details</th>
                <th scope="col">Recorded by</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.versionId}>
                  <td data-label="Date" className="date">
                    {formatClinicalDate(event.occurredAt)}
                    {event.endedAt ? ` – ${formatClinicalDate(event.endedAt)}` : ""}
                  </td>
                  <td data-label="Kind">
                    <span className="kind">{eventKindNames[event.kind]}</span>
                  </td>
                  <td data-label="Details">
                    {describeEvent(event)}
                    {event.version > 1 ? <span className="muted small"> (amended, version {event.version})</span> : null}
                  </td>
                  <td data-label="Recorded by" className="small">
                    {event.recordedBy} ({event.recordedRole})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
