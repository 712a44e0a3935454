import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AlertList } from "@/app/alerts/_components/alert-list";
import { Suspense, cache } from "react";
import { requestContext } from "@/app/_server/context";
import { packModel } from "@/lib/timeline";
import { mayWriteClinical } from "@/lib/auth";
import { ageOn, describeEvent, formatClinicalDate, isDemoPatient, patientDisplayName, todayIn } from "@/lib/events";
import { clinicTimeZone, clinicToday, getPatientPage } from "@/lib/patients";
import { AlertSummary } from "./_header/alert-summary";

/** When the page is rendered (outside render, for the "raised by this save" notice). */
async function requestInstant(): Promise<string> {
  return new Date().toISOString();
}
import { CourseChart } from "./_chart/CourseChart";
import { EventList, EventListPending } from "./_events/event-list";
import { RecordActions } from "./_events/record-actions";
import { PAGE_SIZE, readEventListSearch, type SearchParams } from "./_events/search";
import { ScreeningSection } from "./_screening/ScreeningPlan";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

/**
 * Everything the page shows, in one service read (one transaction, one audit row), shared by the
 * metadata and the page of one request. The arguments are the URL's: the same URL, the same read.
 */
const readPage = cache(async (id: string, query: string) => {
  const search: SearchParams = JSON.parse(query);
  const list = readEventListSearch(search);
  return getPatientPage(await requestContext(), id, {
    referenceEventId: typeof search.ref === "string" ? search.ref : undefined,
    events: {
      kinds: list.kinds.length > 0 ? list.kinds : undefined,
      from: list.from,
      to: list.to,
      limit: PAGE_SIZE,
      offset: (list.page - 1) * PAGE_SIZE,
    },
  });
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const page = await readPage(id, JSON.stringify(await searchParams));
  return { title: page.ok ? patientDisplayName(page.value.patient) : "Patient not found" };
}

/** The reference case: a demo record that follows a published case report, on that report's own dates. */
function isPublishedCase(p: { identifier: string; createdBy: string }): boolean {
  return isDemoPatient(p) && p.identifier === "FW-0001";
}

export default async function PatientPage({ params, searchParams }: Props) {
  const { id } = await params;
  const search = await searchParams;
  // ?ref=<event id>: the chart's axis counts days from that event (a diagnosis, the first cycle of a line).
  const referenceEventId = typeof search.ref === "string" ? search.ref : undefined;
  // ?alert=<key>: arrived from the inbox; that alert and its evidence are shown first.
  const focusedAlert = typeof search.alert === "string" ? search.alert : undefined;
  // ?at=YYYY-MM-DD: the chart opens with its crosshair on that day ("Show on the chart" from an alert).
  const at = typeof search.at === "string" && /^\d{4}-\d{2}-\d{2}$/.test(search.at) ? search.at : undefined;
  const saved = typeof search.saved === "string" ? search.saved : undefined;
  const ctx = await requestContext();
  const reading = readPage(id, JSON.stringify(search));
  const read = await reading;
  if (!read.ok) notFound();
  const { patient: p, chart, alerts, evidence: evidenceEvents } = read.value;
  // The event list is drawn from the same read (no second service call), in its own boundary: the
  // header and the chart go out first, the list streams in after them.
  const eventPage = reading.then((r) => (r.ok ? r.value.events : notFound()));
  const active = alerts.filter((a) => a.status === "open" || a.status === "acknowledged" || a.key === focusedAlert);
  const byId = new Map(evidenceEvents.map((e) => [e.id, e]));
  const today = clinicToday();
  const requestTime = await requestInstant();
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
          {mayWriteClinical(ctx.actor) ? (
            <li className="no-print">
              <Link href={`/patients/${p.id}/demographics`} prefetch={false}>
                Edit demographics
              </Link>
            </li>
          ) : null}
        </ul>
        {isPublishedCase(p) ? (
          <p className="demo-badge" data-testid="published-case">
            <strong>Published case</strong> follows a published case report (Clin Sarcoma Res 2020): its dates are the case&rsquo;s own, not
            relative to today
          </p>
        ) : null}
        <AlertSummary alerts={alerts} today={today} timeZone={clinicTimeZone()} saved={saved} now={new Date(requestTime).getTime()} />
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
          <AlertList alerts={active} today={today} timeZone={clinicTimeZone()} showPatient={false} evidence={evidence} focusedKey={focusedAlert} canAct={mayWriteClinical(ctx.actor)} />
        </section>
      ) : null}
      <ScreeningSection screening={read.value.screening} />
      <section aria-labelledby="chart-heading" id="course">
        <h2 id="chart-heading">Course</h2>
        <CourseChart
          model={packModel(chart)}
          relative={chart.axis.choices.some((c) => c.eventId === referenceEventId)}
          initialCursor={at}
          patientLabel={`${patientDisplayName(p)} (${p.identifier})`}
          fileStem={p.identifier.replace(/[^A-Za-z0-9-]+/g, "_")}
        />
      </section>
      <Suspense fallback={<EventListPending />}>
        <EventList patientId={p.id} searchParams={search} page={eventPage} />
      </Suspense>
    </>
  );
}
