import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import "@/app/_components/data-entry.css";
import { ChangePasswordForm } from "@/app/_auth/account-forms";
import { currentSession } from "@/app/_server/context";
import { ownTeams } from "@/lib/admin/teams";
import { roleLabel } from "@/lib/auth";
import { serviceContext } from "@/lib/auth/requests";

export const metadata: Metadata = { title: "Your account" };

const time = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ "two-factor"?: string }> }) {
  const twoFactorOn = (await searchParams)["two-factor"] === "on";
  const session = await currentSession();
  if (session.kind !== "signed-in") redirect("/sign-in?next=/account");
  const teams = await ownTeams(await serviceContext(session.actor));
  return (
    <div className="form-page">
      <h1>Your account</h1>
      {twoFactorOn ? (
        <p className="notice" role="status">
          Two-factor sign-in is on. From now on you will be asked for a code from your app at every sign-in.
        </p>
      ) : null}
      <dl className="facts-list">
        <dt>Name</dt>
        <dd>{session.actor.name}</dd>
        <dt>Email</dt>
        <dd>{session.email}</dd>
        <dt>Role</dt>
        <dd>{roleLabel(session.actor.role)}</dd>
        <dt>Care teams</dt>
        <dd>{teams.length ? teams.map((t) => t.name).join(", ") : "none — you see no patients until an administrator adds you to a team"}</dd>
        <dt>Two-factor sign-in</dt>
        <dd>
          {session.twoFactorEnabled ? "on" : "off"} · <Link href="/account/two-factor">{session.twoFactorEnabled ? "Set up a new phone" : "Turn on"}</Link>
        </dd>
        <dt>This session ends</dt>
        <dd>by {time.format(session.expiresAt)} at the latest (30 minutes without activity, 12 hours after signing in)</dd>
      </dl>
      <h2>Change your password</h2>
      <ChangePasswordForm />
    </div>
  );
}
