import type { Metadata } from "next";
import Link from "next/link";
import "@/app/_components/data-entry.css";
import { requestContext } from "@/app/_server/context";
import { mayWriteClinical } from "@/lib/auth";
import { ageOn, formatClinicalDate, patientDisplayName, replaceUnsafeText, todayIn } from "@/lib/events";
import { listPatients } from "@/lib/patients";

export const metadata: Metadata = { title: "Patients" };
export const dynamic = "force-dynamic";

export default async function PatientsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  const ctx = await requestContext();
  const canWrite = mayWriteClinical(ctx.actor);
  const listed = await listPatients(ctx, { search: q });
  const patients = listed.ok ? listed.value : [];
  const searchProblem = listed.ok ? undefined : (listed.error.kind === "invalid" ? listed.error.fieldErrors.q?.[0] : undefined) ?? listed.error.message;
  const today = todayIn();
  return (
    <>
      <h1>Patients</h1>
      {canWrite ? (
        <p className="no-print">
          <Link href="/patients/new" className="button">
            New patient
          </Link>
        </p>
      ) : null}
      <form className="toolbar" role="search" action="/patients">
        <div>
          <label htmlFor="q">Find a patient</label>
          <input id="q" name="q" type="search" defaultValue={q === undefined ? undefined : replaceUnsafeText(q)} placeholder="Name or identifier" aria-invalid={searchProblem ? true : undefined} aria-describedby={searchProblem ? "q-error" : undefined} />
        </div>
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      {searchProblem ? (
        <p className="field-error" id="q-error">
          {searchProblem}
        </p>
      ) : patients.length === 0 ? (
        <p className="empty">{q ? `No patient of your care teams matches “${q}”.` : "No patients in your care teams yet."}</p>
      ) : (
        <div className="table-scroll">
          <table className="data responsive">
            <caption>
              {patients.length} patient{patients.length === 1 ? "" : "s"}
              {q ? ` matching “${q}”` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Identifier</th>
                <th scope="col">Sex, age</th>
                <th scope="col">Cancer</th>
                <th scope="col">Events</th>
                <th scope="col">Last event</th>
                {canWrite ? (
                  <th scope="col" className="no-print">
                    Record
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {patients.map((patient) => (
                <tr key={patient.id}>
                  <td data-label="Patient">
                    <Link href={`/patients/${patient.id}`}>{patientDisplayName(patient)}</Link>
                  </td>
                  <td data-label="Identifier">{patient.identifier}</td>
                  <td data-label="Sex, age">
                    {patient.sex}
                    {patient.birthDate ? `, ${ageOn(patient.birthDate, today)} y` : ""}
                  </td>
                  <td data-label="Cancer">{patient.cancer ?? <span className="muted">none recorded</span>}</td>
                  <td data-label="Events" className="num">
                    {patient.eventCount}
                  </td>
                  <td data-label="Last event" className="date">
                    {patient.lastEventAt ? formatClinicalDate(patient.lastEventAt) : "—"}
                  </td>
                  {canWrite ? (
                    <td data-label="Record" className="no-print">
                      <Link href={`/patients/${patient.id}/flare`} prefetch={false}>
                        Log flare<span className="visually-hidden"> for patient {patient.identifier}</span>
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
