import Link from "next/link";
import "@/app/_components/data-entry.css";
import { eventKindNames } from "@/lib/events";

const quickKinds = ["lab_result", "treatment_cycle", "imaging"] as const;

/** Where data entry starts on the patient page: one click to log a flare, or any other event. */
export function RecordActions({ patientId, canWrite }: { patientId: string; canWrite: boolean }) {
  return (
    <section aria-label="Record" className="record-actions no-print">
      <ul className="action-links">
        {canWrite ? (
          <>
            <li>
              <Link className="button" href={`/patients/${patientId}/flare`}>
                Log flare
              </Link>
            </li>
            {quickKinds.map((kind) => (
              <li key={kind}>
                <Link className="button secondary" href={`/patients/${patientId}/events/new?kind=${kind}`}>
                  Add {eventKindNames[kind].toLowerCase()}
                </Link>
              </li>
            ))}
            <li>
              <Link className="button secondary" href={`/patients/${patientId}/events/new`}>
                Other event…
              </Link>
            </li>
          </>
        ) : null}
        <li>
          <Link className="button secondary" href={`/patients/${patientId}/mdt`}>
            MDT summary
          </Link>
        </li>
      </ul>
    </section>
  );
}
