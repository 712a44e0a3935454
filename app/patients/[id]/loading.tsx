import { LoadingNote } from "@/app/_components/loading-note";

/**
 * A patient's pages while the record is read. Says nothing about the patient: the address may be one the
 * user may not see, which answers "not found" once read.
 */
export default function Loading() {
  return <LoadingNote what="the patient record" />;
}
