import Link from "next/link";
import { roleLabel } from "@/lib/auth";

/** Shown instead of a form to someone whose role reads records but does not change them. */
export function ReadOnlyNotice({ role, backHref, backLabel }: { role: string; backHref: string; backLabel: string }) {
  return (
    <div className="form-page">
      <h1>Read-only access</h1>
      <p className="notice" role="status">
        Your role ({roleLabel(role)}) can read records but not change them. Ask a clinician in the care team to record this.
      </p>
      <p>
        <Link href={backHref}>{backLabel}</Link>
      </p>
    </div>
  );
}
