"use client";

import { useId, useState } from "react";
import styles from "./import.module.css";

/** Download links for one patient's course: the FHIR R4 bundle and the events as CSV. */
export function ExportLinks({ patients }: { patients: { id: string; label: string }[] }) {
  const selectId = useId();
  const [patientId, setPatientId] = useState("");
  return (
    <div className={styles.form}>
      <div className={styles.field}>
        <label htmlFor={selectId}>Patient to export</label>
        <select id={selectId} value={patientId} onChange={(e) => setPatientId(e.target.value)}>
          <option value="">Choose a patient</option>
          {patients.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      {patientId ? (
        <div className={styles.links}>
          <a className="button secondary" href={`/api/v1/patients/${patientId}/fhir?download`} download>
            FHIR R4 bundle (JSON)
          </a>
          <a className="button secondary" href={`/api/v1/patients/${patientId}/events.csv`} download>
            Events (CSV)
          </a>
        </div>
      ) : null}
    </div>
  );
}
