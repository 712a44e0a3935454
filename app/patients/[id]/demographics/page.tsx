import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import "@/app/_components/data-entry.css";
import { requestContext, requestPatient } from "@/app/_server/context";
import { ReadOnlyNotice } from "@/app/_components/read-only";
import { mayWriteClinical } from "@/lib/auth";
import { formatClinicalDate, patientDisplayName } from "@/lib/events";
import { editDemographics } from "../../new/actions";
import { PatientForm } from "../../new/patient-form";
import { ownTeams, teamNames } from "@/lib/admin/teams";
import { editCareTeams } from "./actions";
import { CareTeamsForm } from "./care-teams-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const patient = await requestPatient(id);
  return { title: patient.ok ? `Demographics · ${patientDisplayName(patient.value)}` : "Patient not found" };
}

export default async function DemographicsPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { saved } = await searchParams;
  const ctx = await requestContext();
  const found = await requestPatient(id);
  if (!found.ok) notFound();
  const patient = found.value;
  const name = patientDisplayName(patient);
  if (!mayWriteClinical(ctx.actor)) return <ReadOnlyNotice role={ctx.actor.role} backHref={`/patients/${id}`} backLabel={`Back to ${name}`} />;
  const changes = patient.changes ?? [];
  // The teams this writer may add or remove: their own (a system actor, any).
  const offered = ctx.actor.teams === "all" ? await teamNames(ctx) : await ownTeams(ctx);
  const teams = patient.teams ?? [];
  const offeredIds = offered.map((team) => team.id);
  return (
    <div className="form-page">
      <p className="back no-print">
        <Link href={`/patients/${id}`}>Back to {name}</Link>
      </p>
      <h1>
        Edit demographics <span className="subtitle">{name}, {patient.identifier}</span>
      </h1>
      {saved ? (
        <p className="notice" role="status">
          {saved === "teams" ? "Care teams saved." : "Demographics saved."}
        </p>
      ) : null}
      <dl className="now-recorded">
        <dt>Now recorded</dt>
        <dd>
          {name}, {patient.identifier}, {patient.sex}
          {patient.birthDate ? `, born ${formatClinicalDate(patient.birthDate)}` : ""}; care teams: {patient.teams?.map((t) => t.name).join(", ") || "none"}
        </dd>
      </dl>
      <PatientForm
        action={editDemographics.bind(null, id)}
        initialValues={{ identifier: patient.identifier, familyName: patient.familyName, givenName: patient.givenName, sex: patient.sex, ...(patient.birthDate ? { birthDate: patient.birthDate } : {}) }}
        submitLabel="Save demographics"
        cancelHref={`/patients/${id}`}
      />
      <h2 id="care-teams">Care teams</h2>
      <CareTeamsForm
        action={editCareTeams.bind(null, id, offeredIds)}
        offered={offered}
        current={teams.filter((team) => offeredIds.includes(team.id)).map((team) => team.id)}
        others={teams.filter((team) => !offeredIds.includes(team.id)).map((team) => team.name)}
      />
      <h2>Changes</h2>
      {changes.length === 0 ? (
        <p>No change since the patient was added by {patient.createdBy} on {formatClinicalDate(patient.createdAt.slice(0, 10))}.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Changes to the demographics and care teams, latest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What changed (before → after)</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.at}>
                <td>{new Date(change.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC</td>
                <td>{change.by}</td>
                <td>{change.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
