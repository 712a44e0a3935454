import { LoadingNote } from "@/app/_components/loading-note";

/** The alerts inbox while the alerts of the user's patients are read. */
export default function Loading() {
  return (
    <>
      <h1>Alerts</h1>
      <LoadingNote what="the alerts of your care teams" />
    </>
  );
}
