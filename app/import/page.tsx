import type { Metadata } from "next";
import { requestContext } from "@/app/_server/context";
import { ownTeams } from "@/lib/admin/teams";
import { mayWriteClinical } from "@/lib/auth";
import { patientDisplayName } from "@/lib/events";
import { listPatients } from "@/lib/patients";
import { ExportLinks } from "./export-links";
import { FhirUpload } from "./fhir-upload";
import { LabCsvImporter } from "./lab-csv";
import styles from "./import.module.css";

export const metadata: Metadata = { title: "Import and export" };
export const dynamic = "force-dynamic";

export default async function ImportPage() {
  const ctx = await requestContext();
  const canWrite = mayWriteClinical(ctx.actor);
  const listed = await listPatients(ctx);
  const patients = (listed.ok ? listed.value : []).map((p) => ({ id: p.id, label: `${patientDisplayName(p)} (${p.identifier})` }));
  const teams = await ownTeams(ctx);
  return (
    <>
      <h1>{canWrite ? "Import and export" : "Export"}</h1>
      <div className={styles.sections}>
        {canWrite ? (
          <>
        <section aria-labelledby="fhir-heading" className={styles.section}>
          <h2 id="fhir-heading">FHIR bundle</h2>
          <p className="muted small">
            A FHIR R4 Bundle (transaction or collection) holding one patient&apos;s record, from Flarewatch or from an EHR (mCODE, US Core). A new
            identifier creates the patient; a known one adds to that patient&apos;s record. You see what would be created, updated and ignored before
            anything is written; nothing is written unless the whole bundle can be, and importing the same bundle again changes nothing.
          </p>
          <FhirUpload teams={teams} />
        </section>
        <section aria-labelledby="csv-heading" className={styles.section}>
          <h2 id="csv-heading">Lab results from a CSV file</h2>
          <p className="muted small">
            Columns: date (YYYY-MM-DD, or with a time as YYYY-MM-DDTHH:MM), analyte (name or LOINC code), value, unit, range low, range high. A header row
            is optional. You see every row as it will be stored before anything is written.
          </p>
          <LabCsvImporter patients={patients} />
        </section>
          </>
        ) : null}
        <section aria-labelledby="export-heading" className={styles.section}>
          <h2 id="export-heading">Export a patient&apos;s course</h2>
          <ExportLinks patients={patients} />
        </section>
      </div>
    </>
  );
}
