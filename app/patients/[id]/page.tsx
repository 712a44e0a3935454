import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requestContext } from "@/app/_server/context";
import { ageOn, formatClinicalDate, patientDisplayName, todayIn } from "@/lib/events";
import { AlertList } from "@/app/alerts/_components/AlertList";
import { clinicToday, getPatient, listAlerts } from "@/lib/patients";
import { EventList } from "./_events/event-list";
import { RecordActions } from "./_events/record-actions";
import type { SearchParams } from "./_events/search";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const patient = await getPatient(await requestContext(), id);
  return { title: patient.ok ? patientDisplayName(patient.value) : "Patient not found" };
}

export default async function PatientPage({ params, searchParams }: Props) {
  const { id } = await params;
  const ctx = await requestContext();
  const [patient, alerts] = await Promise.all([getPatient(ctx, id), listAlerts(ctx, { patientId: id })]);
  if (!patient.ok || !alerts.ok) notFound();
  const p = patient.value;
  const search = await searchParams;
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
      <RecordActions patientId={p.id} />
      {alerts.value.length > 0 ? (
        <section aria-labelledby="alerts-heading">
          <h2 id="alerts-heading">Active alerts</h2>
          <AlertList alerts={alerts.value} today={clinicToday()} showPatient={false} />
        </section>
      ) : null}
      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">Course</h2>
        {/* The chart (lib/timeline model drawn by a client component) goes here. */}
      </section>
      <EventList patientId={p.id} searchParams={search} />
    </>
  );
}
