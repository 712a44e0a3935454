"use client";

import { Form, TextField, type FormAction } from "@/app/_components/form";

export function NewTeamForm({ action }: { action: FormAction }) {
  return (
    <Form action={action} idPrefix="new-team" submitLabel="Create team" pendingLabel="Creating…" resetOnSuccess>
      <TextField name="name" label="Team name" hint="As the clinic calls it: Sarcoma MDT, Myositis clinic" width="medium" />
    </Form>
  );
}

/** Add a patient to the team, or take them out, by hospital identifier. */
export function PatientTeamForm({ action, teamId, teamName }: { action: FormAction; teamId: string; teamName: string }) {
  return (
    <Form
      action={action}
      idPrefix={`team-${teamId}`}
      submitLabel="Add to team"
      resetOnSuccess
      className="inline-form"
      extraButtons={
        <button type="submit" name="member" value="remove" className="secondary">
          Remove from team
        </button>
      }
    >
      <TextField
        name="identifier"
        label={
          <>
            Patient&rsquo;s hospital identifier<span className="visually-hidden"> for {teamName}</span>
          </>
        }
        hint="A patient always keeps at least one team, so that someone can see their record."
        width="medium"
      />
    </Form>
  );
}
