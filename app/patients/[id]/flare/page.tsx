import type { Metadata } from "next";
import Link from "next/link";
import "@/app/_components/data-entry.css";
import { notFound } from "next/navigation";
import { requestContext, requestPatient } from "@/app/_server/context";
import { ReadOnlyNotice } from "@/app/_components/read-only";
import { mayWriteClinical } from "@/lib/auth";
import { patientDisplayName } from "@/lib/events";

import { logFlare } from "../_forms/actions";
import { FlareForm } from "../_forms/flare-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const patient = await requestPatient(id);
  return { title: patient.ok ? `Log flare · ${patientDisplayName(patient.value)}` : "Patient not found" };
}

export default async function LogFlarePage({ params }: Props) {
  const { id } = await params;
  const ctx = await requestContext();
  const patient = await requestPatient(id);
  if (!patient.ok) notFound();
  const name = patientDisplayName(patient.value);
  if (!mayWriteClinical(ctx.actor)) return <ReadOnlyNotice role={ctx.actor.role} backHref={`/patients/${id}`} backLabel={`Back to ${name}`} />;
  return (
    <div className="form-page">
      <p className="back no-print">
        <Link href={`/patients/${id}`}>Back to {name}</Link>
      </p>
      <h1>
        Log a flare <span className="subtitle">{name}, {patient.value.identifier}</span>
      </h1>
      <FlareForm action={logFlare.bind(null, id)} cancelHref={`/patients/${id}`} />
    </div>
  );
}
