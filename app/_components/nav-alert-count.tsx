import type { Actor } from "@/lib/auth";
import { serviceContext } from "@/lib/auth/requests";
import { activeAlertCounts } from "@/lib/patients";

/**
 * The open alerts of the user's care teams, beside "Alerts" in the navigation. Read on its own, inside a
 * Suspense boundary in the layout: the header and the page do not wait for it.
 */
export async function NavAlertCount({ actor }: { actor: Actor }) {
  const counts = await activeAlertCounts(await serviceContext(actor));
  return (
    <span className={`nav-count${counts.high > 0 ? " high" : ""}`} aria-label={`${counts.open} open, ${counts.high} high priority`}>
      {counts.open}
    </span>
  );
}

/** Holds the count's place while it is read, so the navigation does not shift when it arrives. */
export function NavAlertCountPending() {
  return (
    <span className="nav-count-pending" aria-hidden="true">
      …
    </span>
  );
}
