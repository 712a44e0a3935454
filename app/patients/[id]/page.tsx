import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AlertList } from "@/app/alerts/_components/AlertList";
import { requestContext, requestPatient } from "@/app/_server/context";
import { mayWriteClinical } from "@/lib/auth";
import { ageOn, describeEvent, formatClinicalDate, isDemoPatient, patientDisplayName, todayIn } from "@/lib/events";
import { clinicToday, getTimeline, listAlerts } from "@/lib/patients";
import { buildTimeline } from "@/lib/timeline";
import { CourseChart } from "./_chart/CourseChart";
import { EventList } from "./_events/event-list";
import { RecordActions } from "./_events/record-actions";
import { ScreeningSection } from "./_screening/ScreeningPlan";
import type { SearchParams } from "./_events/search";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const patient = await requestPatient(id);
  return { title: patient.ok ? patientDisplayName(patient.value) : "Patient not found" };
}

export default async function PatientPage({ params, searchParams }: Props) {
  const { id } = await params;
  const search = await searchParams;
  // ?ref=<event id>: the chart's axis counts days from that event (a diagnosis, the first cycle of a line).
  const referenceEventId = typeof search.ref === "string" ? search.ref : undefined;
  // ?alert=<key>: arrived from the inbox; that alert and its evidence are shown first.
  const focusedAlert = typeof search.alert === "string" ? search.alert : undefined;
  const ctx = await requestContext();
  const [patient, timeline, alerts] = await Promise.all([requestPatient(id), getTimeline(ctx, id), listAlerts(ctx, { patientId: id, status: "all" })]);
  if (!patient.ok || !timeline.ok || !alerts.ok) notFound();
  const p = patient.value;
  const events = timeline.value;
  const chart = buildTimeline(events, {
    referenceEventId,
    alerts: alerts.value.map((a) => ({ key: a.key, date: a.episodeStart, priority: a.priority, evidenceIds: a.evidence, reason: a.reason })),
  });
  const active = alerts.value.filter((a) => a.status === "open" || a.status === "acknowledged" || a.key === focusedAlert);
  const byId = new Map(events.map((e) => [e.id, e]));
  const evidence = Object.fromEntries(
    active.flatMap((a) => a.evidence).flatMap((eventId) => {
      const event = byId.get(eventId);
      return event ? [[eventId, `${formatClinicalDate(event.occurredAt)}: ${describeEvent(event)}`]] : [];
    }),
  );
  return (
    <>
      <div className="patient-header">
        <h1>{patientDisplayName(p)}</h1>
        <ul className="facts" aria-label="Patient details">
          <li>
            Identifier {p.identifier}
            {p.identifierSystem ? <span className="muted small"> ({p.identifierSystem})</span> : null}
          </li>
          <li>{p.sex}</li>
          {p.birthDate ? (
            <li>
              Born {formatClinicalDate(p.birthDate)} ({ageOn(p.birthDate, todayIn())} y)
            </li>
          ) : null}
          {p.teams?.length ? <li>Care team{p.teams.length === 1 ? "" : "s"}: {p.teams.map((t) => t.name).join(", ")}</li> : null}
        </ul>
        {isDemoPatient(p) ? (
          <p className="demo-badge">
            <strong>Demo data</strong> synthetic or illustrative values, not for clinical use
          </p>
        ) : null}
      </div>
      <RecordActions patientId={p.id} canWrite={mayWriteClinical(ctx.actor)} />
      {active.length > 0 ? (
        <section aria-labelledby="alerts-heading">
          <h2 id="alerts-heading">{active.some((a) => a.status === "open" || a.status === "acknowledged") ? "Active alerts" : "Alert"}</h2>
          <AlertList alerts={active} today={clinicToday()} showPatient={false} evidence={evidence} focusedKey={focusedAlert} canAct={mayWriteClinical(ctx.actor)} />
        </section>
      ) : null}
      <ScreeningSection ctx={ctx} patientId={p.id} />
      <section aria-labelledby="chart-heading" id="course">
        <h2 id="chart-heading">Course</h2>
        <CourseChart
          model={chart}
          relative={chart.axis.choices.some((c) => c.eventId === referenceEventId)}
          patientLabel={`${patientDisplayName(p)} (${p.identifier})`}
          fileStem={p.identifier.replace(/[^A-Za-z0-9-]+/g, "_")}
        />
      </section>
      <EventList patientId={p.id} searchParams={search} />
    </>
  );
}
