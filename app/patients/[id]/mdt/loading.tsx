import { LoadingNote } from "@/app/_components/loading-note";

/** The MDT summary while the record, its chart and its alerts are read. */
export default function Loading() {
  return <LoadingNote what="the MDT summary" />;
}
