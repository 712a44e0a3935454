import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import "./admin.css";
import { requestContext } from "@/app/_server/context";
import { mayAdminister } from "@/lib/auth";

export const metadata: Metadata = { title: "Admin" };
export const dynamic = "force-dynamic";

/** The admin index holds no data, only links; each page behind it asks its service, which refuses non-admins. */
export default async function AdminPage() {
  const { actor } = await requestContext();
  if (!mayAdminister(actor)) notFound();
  return (
    <div className="admin-page">
      <h1>Admin</h1>
      <ul className="admin-links">
        <li>
          <h2>
            <Link href="/admin/users">Users</Link>
          </h2>
          <p>Create accounts, change roles and care teams, deactivate, reset a password or a lost second factor.</p>
        </li>
        <li>
          <h2>
            <Link href="/admin/teams">Care teams</Link>
          </h2>
          <p>Create teams, and add patients to a team or take them out. A user sees the patients of their teams only.</p>
        </li>
        <li>
          <h2>
            <Link href="/admin/audit">Audit trail</Link>
          </h2>
          <p>Who signed in, and who read or changed which record, when and from where; download it as CSV and check that it is intact.</p>
        </li>
      </ul>
    </div>
  );
}
