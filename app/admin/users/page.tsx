import type { Metadata } from "next";
import Link from "next/link";
import "@/app/_components/data-entry.css";
import "../admin.css";
import { requestContext } from "@/app/_server/context";
import { listUsers, teamNames } from "@/lib/admin";
import { roleLabel } from "@/lib/auth";
import { UtcTime } from "../_components/instant";
import { adminValue } from "../_server/results";
import { createUserAction } from "./actions";
import { passwordRules, roleOptions } from "./options";
import { NewUserForm } from "./user-forms";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const ctx = await requestContext();
  const users = adminValue(await listUsers(ctx));
  const teams = (await teamNames(ctx)).map((team) => ({ value: team.id, label: team.name }));
  return (
    <div className="admin-page">
      <p className="back no-print">
        <Link href="/admin">Admin</Link>
      </p>
      <h1>Users</h1>
      <p className="muted">
        {users.filter((u) => u.active).length} active, {users.filter((u) => !u.active).length} deactivated. Times are in UTC.{" "}
        <a href="#new-user-heading" className="no-print">
          New user
        </a>
      </p>
      <div className="table-scroll">
        <table className="data responsive">
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Care teams</th>
              <th scope="col">Second factor</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className={user.active ? undefined : "inactive"}>
                <td data-label="Name">
                  <Link href={`/admin/users/${user.id}`}>{user.name}</Link>
                </td>
                <td data-label="Email" className="wrap-anywhere">
                  {user.email}
                </td>
                <td data-label="Role">{roleLabel(user.role)}</td>
                <td data-label="Care teams">{user.teams.length > 0 ? user.teams.map((t) => t.name).join(", ") : <span className="muted">None</span>}</td>
                <td data-label="Second factor">{user.twoFactorEnabled ? "On" : "Off"}</td>
                <td data-label="Status">{user.active ? "Active" : <strong>Deactivated</strong>}</td>
                <td data-label="Last sign-in">{user.lastSignInAt ? <UtcTime iso={user.lastSignInAt} /> : <span className="muted">Never</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="new-user-heading" className="admin-section form-page no-print">
        <h2 id="new-user-heading">New user</h2>
        <p className="hint">There is no sign-up: every account is created here. Nobody is an administrator unless you choose that role.</p>
        <NewUserForm action={createUserAction} roles={roleOptions} teams={teams} passwordHint={passwordRules} />
      </section>
    </div>
  );
}
