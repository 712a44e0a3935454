import { LoadingNote } from "@/app/_components/loading-note";

/**
 * The audit trail while it is read. Names nothing: a non-administrator gets "not found" once the service
 * refuses, and the screen should not show that it exists before then.
 */
export default function Loading() {
  return <LoadingNote what="the page" />;
}
