import { LoadingNote } from "@/app/_components/loading-note";

/**
 * The worklist while the patients of the user's care teams are read. In the (worklist) route group so that
 * it wraps this page only: around a patient's pages it would send the page's start before the record is
 * read, and an unknown or out-of-team patient would then answer 200 instead of 404.
 */
export default function Loading() {
  return (
    <>
      <div className="worklist-head">
        <h1>Patients</h1>
      </div>
      <LoadingNote what="the patients of your care teams" />
    </>
  );
}
