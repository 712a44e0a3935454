import Link from "next/link";
import { currentSession } from "@/app/_server/context";
import { mayAdminister } from "@/lib/auth";

/**
 * The "Admin" item of the site navigation, for administrators only (an <li> for the nav's list).
 * Only a convenience: every admin page asks a service that refuses anyone else.
 */
export async function AdminNavLink() {
  const session = await currentSession();
  if (session.kind !== "signed-in" || session.mustEnrolTwoFactor || !mayAdminister(session.actor)) return null;
  return (
    <li>
      <Link href="/admin">Admin</Link>
    </li>
  );
}
