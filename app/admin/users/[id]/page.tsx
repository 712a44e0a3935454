import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import "@/app/_components/data-entry.css";
import "../../admin.css";
import { requestContext } from "@/app/_server/context";
import { listUsers, teamNames } from "@/lib/admin";
import { roleLabel } from "@/lib/auth";
import { UtcTime } from "../../_components/instant";
import { adminValue } from "../../_server/results";
import { resetPasswordAction, resetTwoFactorAction, setActiveAction, updateUserAction } from "../actions";
import { passwordRules, roleOptions } from "../options";
import { AccountStatusForm, RemoveTwoFactorForm, ResetPasswordForm, UserDetailsForm } from "../user-forms";

export const metadata: Metadata = { title: "User" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ confirm?: string; done?: string }> };

const notices: Record<string, string> = {
  deactivated: "Account deactivated. The user has been signed out and cannot sign in.",
  reactivated: "Account reactivated. The user can sign in again.",
  "two-factor-removed": "Second factor removed and the user signed out. They sign in with their password and, if an administrator, must set up a new authenticator app.",
};

export default async function UserPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { confirm, done } = await searchParams;
  const ctx = await requestContext();
  const user = adminValue(await listUsers(ctx)).find((u) => u.id === id);
  if (!user) notFound();
  const teams = (await teamNames(ctx)).map((team) => ({ value: team.id, label: team.name }));
  const here = `/admin/users/${encodeURIComponent(user.id)}`;
  return (
    <div className="admin-page form-page">
      <p className="back no-print">
        <Link href="/admin">Admin</Link> › <Link href="/admin/users">Users</Link>
      </p>
      <h1>
        {user.name}
        <span className="subtitle">
          {user.email} · {roleLabel(user.role)}
          {user.active ? "" : " · deactivated"}
        </span>
      </h1>
      {done && notices[done] ? (
        <p className="notice" role="status">
          {notices[done]}
        </p>
      ) : null}
      <dl className="account-facts">
        <div>
          <dt>Account created</dt>
          <dd>
            <UtcTime iso={user.createdAt} /> UTC
          </dd>
        </div>
        <div>
          <dt>Last sign-in</dt>
          <dd>{user.lastSignInAt ? <><UtcTime iso={user.lastSignInAt} /> UTC</> : "Never"}</dd>
        </div>
        <div>
          <dt>Second factor</dt>
          <dd>{user.twoFactorEnabled ? "On (authenticator app)" : "Off"}</dd>
        </div>
      </dl>
      <p className="no-print">
        <Link href={`/admin/audit?actor=${encodeURIComponent(user.id)}`}>What this user did (audit trail)</Link>
      </p>

      <section aria-labelledby="details-heading" className="admin-section">
        <h2 id="details-heading">Name, role and care teams</h2>
        <UserDetailsForm action={updateUserAction.bind(null, user.id)} roles={roleOptions} teams={teams} user={{ name: user.name, role: user.role, teamIds: user.teams.map((t) => t.id) }} />
      </section>

      <section aria-labelledby="status-heading" className="admin-section">
        <h2 id="status-heading">{user.active ? "Deactivate" : "Reactivate"}</h2>
        <AccountStatusForm key={String(user.active)} action={setActiveAction.bind(null, user.id, !user.active)} active={user.active} />
      </section>

      <section aria-labelledby="password-heading" className="admin-section">
        <h2 id="password-heading">Reset password</h2>
        <p className="hint">For a forgotten password: set a new one and hand it over in person or by phone. The user is signed out everywhere.</p>
        <ResetPasswordForm action={resetPasswordAction.bind(null, user.id)} passwordHint={passwordRules} />
      </section>

      <section aria-labelledby="two-factor-heading" className="admin-section">
        <h2 id="two-factor-heading">Second factor</h2>
        {!user.twoFactorEnabled ? (
          <p>{user.name} has no authenticator app set up{user.role === "admin" ? "; as an administrator they must set one up at their next sign-in" : ""}.</p>
        ) : confirm === "two-factor" ? (
          <RemoveTwoFactorForm action={resetTwoFactorAction.bind(null, user.id)} name={user.name} cancelHref={here} />
        ) : (
          <form method="get" action={here} className="no-print">
            <p>For a lost or replaced phone: remove the authenticator app so that they can set up a new one.</p>
            <input type="hidden" name="confirm" value="two-factor" />
            <button type="submit" className="secondary">
              Remove second factor…
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
