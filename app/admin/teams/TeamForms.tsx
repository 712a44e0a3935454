"use client";

import { AdminForm, InputField, type AdminAction } from "../_components/AdminForm";

export function NewTeamForm({ action }: { action: AdminAction }) {
  return (
    <AdminForm action={action} idPrefix="new-team" submitLabel="Create team" pendingLabel="Creating…" resetOnSuccess>
      <InputField name="name" label="Team name" hint="As the clinic calls it: Sarcoma MDT, Myositis clinic" />
    </AdminForm>
  );
}

/** Add a patient to the team, or take them out, by hospital identifier. */
export function PatientTeamForm({ action, teamId, teamName }: { action: AdminAction; teamId: string; teamName: string }) {
  return (
    <AdminForm
      action={action}
      idPrefix={`team-${teamId}`}
      submitLabel="Add to team"
      pendingLabel="Saving…"
      resetOnSuccess
      className="inline-form"
      extraButtons={
        <button type="submit" name="member" value="remove" className="secondary">
          Remove from team
        </button>
      }
    >
      <InputField
        name="identifier"
        label={
          <>
            Patient&rsquo;s hospital identifier<span className="visually-hidden"> for {teamName}</span>
          </>
        }
        hint="A patient always keeps at least one team, so that someone can see their record."
      />
    </AdminForm>
  );
}
