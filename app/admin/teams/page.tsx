import type { Metadata } from "next";
import Link from "next/link";
import "@/app/_components/data-entry.css";
import "../admin.css";
import { requestContext } from "@/app/_server/context";
import { listTeams } from "@/lib/admin";
import { roleLabel } from "@/lib/auth";
import { adminValue } from "../_server/results";
import { createTeamAction, patientTeamAction } from "./actions";
import { NewTeamForm, PatientTeamForm } from "./team-forms";

export const metadata: Metadata = { title: "Care teams" };
export const dynamic = "force-dynamic";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export default async function TeamsPage() {
  const teams = adminValue(await listTeams(await requestContext()));
  return (
    <div className="admin-page">
      <p className="back no-print">
        <Link href="/admin">Admin</Link>
      </p>
      <h1>Care teams</h1>
      <p className="muted">A user sees the patients of their teams only. Members are chosen on each user&rsquo;s page.</p>
      {teams.length === 0 ? <p className="empty">There are no care teams yet.</p> : null}
      <ul className="team-list">
        {teams.map((team) => (
          <li key={team.id}>
            <section aria-labelledby={`team-${team.id}-heading`} className="team-card">
              <h2 id={`team-${team.id}-heading`}>{team.name}</h2>
              <p className="muted">
                {plural(team.patientCount, "patient")} · {plural(team.members.length, "member")}
              </p>
              {team.members.length > 0 ? (
                <ul className="members" aria-label={`Members of ${team.name}`}>
                  {team.members.map((member) => (
                    <li key={member.id}>
                      <Link href={`/admin/users/${member.id}`}>{member.name}</Link> <span className="muted">{roleLabel(member.role)}</span>
                      {member.active ? null : <strong> (deactivated)</strong>}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>No members yet.</p>
              )}
              <div className="no-print">
                <PatientTeamForm action={patientTeamAction.bind(null, team.id)} teamId={team.id} teamName={team.name} />
              </div>
            </section>
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-team-heading" className="admin-section form-page no-print">
        <h2 id="new-team-heading">New team</h2>
        <NewTeamForm action={createTeamAction} />
      </section>
    </div>
  );
}
