import { LoadingNote } from "@/app/_components/loading-note";

/** The worklist while the patients of the user's care teams are read. */
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
