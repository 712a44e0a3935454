import type { Metadata } from "next";
import Link from "next/link";
import "@/app/_components/data-entry.css";
import { requestContext } from "@/app/_server/context";
import { ReadOnlyNotice } from "@/app/_components/read-only";
import { mayWriteClinical } from "@/lib/auth";
import { ownTeams } from "@/lib/admin/teams";
import { addPatient } from "./actions";
import { PatientForm } from "./patient-form";

export const metadata: Metadata = { title: "New patient" };
export const dynamic = "force-dynamic";

export default async function NewPatientPage() {
  const ctx = await requestContext();
  if (!mayWriteClinical(ctx.actor)) return <ReadOnlyNotice role={ctx.actor.role} backHref="/patients" backLabel="Back to patients" />;
  const teams = await ownTeams(ctx);
  return (
    <div className="form-page">
      <p className="back no-print">
        <Link href="/patients">Back to patients</Link>
      </p>
      <h1>New patient</h1>
      {teams.length === 1 ? <p>The patient will be seen by your care team, {teams[0].name}.</p> : null}
      <PatientForm action={addPatient} teams={teams} submitLabel="Add patient" cancelHref="/patients" />
    </div>
  );
}
