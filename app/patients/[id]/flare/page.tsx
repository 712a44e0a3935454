import type { Metadata } from "next";
import Link from "next/link";
import "@/app/_components/data-entry.css";
import { notFound } from "next/navigation";
import { requestContext, requestPatient } from "@/app/_server/context";
import { ReadOnlyNotice } from "@/app/_components/read-only";
import { mayWriteClinical } from "@/lib/auth";
import { formatClinicalDate, isKind, patientDisplayName, timesUpperLimit } from "@/lib/events";
import { getTimeline } from "@/lib/patients";

import { logFlare } from "../_forms/actions";
import { FlareForm, type PreviousFlare } from "../_forms/flare-form";

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
  // The last skin assessment and CK, with ×ULN computed here on the server from the result's own range.
  const timeline = await getTimeline(ctx, id, { kinds: ["skin_assessment", "lab_result", "muscle_assessment"] });
  const events = timeline.ok ? timeline.value : [];
  const skin = events.filter(isKind("skin_assessment")).at(-1);
  const ck = events.filter(isKind("lab_result")).filter((e) => e.payload.analyte === "ck").at(-1);
  // Each muscle finding from the last examination that recorded it: an MRC-only visit does not hide the last MMT-8.
  const muscle = events.filter(isKind("muscle_assessment"));
  const lastWith = (has: (p: (typeof muscle)[number]["payload"]) => string | undefined) => {
    const found = muscle.findLast((e) => has(e.payload) !== undefined);
    return found ? { date: formatClinicalDate(found.occurredAt), value: has(found.payload) as string } : undefined;
  };
  const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? "yes" : "no");
  const lastMmt8 = muscle.findLast((e) => e.payload.mmt8 !== undefined)?.payload.mmt8;
  const mmt8 = lastWith((p) => (p.mmt8 ? `${p.mmt8.score}/${p.mmt8.scale}` : undefined));
  const muscleFindings = {
    mmt8: mmt8 && lastMmt8 ? { ...mmt8, scale: String(lastMmt8.scale) } : undefined,
    mrc: lastWith((p) => (p.proximalWeaknessMrc !== undefined ? String(p.proximalWeaknessMrc) : undefined)),
    dysphagia: lastWith((p) => yesNo(p.dysphagia)),
    respiratory: lastWith((p) => yesNo(p.respiratoryInvolvement)),
  };
  const uln = ck ? timesUpperLimit(ck.payload.value, ck.payload.referenceRange) : undefined;
  const previous: PreviousFlare = {
    ...(skin ? { skin: { date: formatClinicalDate(skin.occurredAt), grade: String(skin.payload.grade), ...(skin.payload.cdasiActivity !== undefined ? { cdasi: String(skin.payload.cdasiActivity) } : {}) } } : {}),
    ...(muscle.length > 0 ? { muscle: Object.fromEntries(Object.entries(muscleFindings).filter(([, f]) => f !== undefined)) } : {}),
    ...(ck ? { ck: { date: formatClinicalDate(ck.occurredAt), value: `${ck.payload.comparator ?? ""}${ck.payload.value}`, ...(uln !== undefined ? { timesUln: uln.toFixed(1) } : {}) } } : {}),
  };
  return (
    <div className="form-page">
      <p className="back no-print">
        <Link href={`/patients/${id}`}>Back to {name}</Link>
      </p>
      <h1>
        Log a flare <span className="subtitle">{name}, {patient.value.identifier}</span>
      </h1>
      <FlareForm action={logFlare.bind(null, id)} cancelHref={`/patients/${id}`} previous={previous} />
    </div>
  );
}
