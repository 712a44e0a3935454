"use client";

import { Checklist, Form, SelectField, TextField, type FormAction, type Option } from "@/app/_components/form";

const teamsHint = "They see the patients of these teams only.";
const noTeams = "There are no care teams yet.";

export function NewUserForm({ action, roles, teams, passwordHint }: { action: FormAction; roles: Option[]; teams: Option[]; passwordHint: string }) {
  return (
    <Form action={action} idPrefix="new-user" submitLabel="Create account" pendingLabel="Creating…" resetOnSuccess>
      <TextField name="name" label="Name" hint="As colleagues know them, with a title if they use one: Dr Olivia Okafor" width="medium" />
      <TextField name="email" label="Email" type="email" hint="Their work address; they sign in with it" width="medium" />
      <SelectField name="role" label="Role" options={roles} blank="Choose a role…" />
      <TextField name="password" label="Initial password" type="password" hint={passwordHint} autoComplete="new-password" width="medium" />
      <Checklist name="teamIds" label="Care teams" options={teams} hint={teamsHint} empty={noTeams} />
    </Form>
  );
}

export function UserDetailsForm({ action, roles, teams, user }: { action: FormAction; roles: Option[]; teams: Option[]; user: { name: string; role: string; teamIds: string[] } }) {
  return (
    <Form action={action} idPrefix="details" submitLabel="Save changes" initialValues={{ name: user.name, role: user.role, teamIds: user.teamIds }}>
      <TextField name="name" label="Name" width="medium" />
      <SelectField name="role" label="Role" options={roles} hint="Changing the role signs the user out, so the new role applies from their next sign-in." />
      <Checklist name="teamIds" label="Care teams" options={teams} hint={teamsHint} empty={noTeams} />
    </Form>
  );
}

export function AccountStatusForm({ action, active }: { action: FormAction; active: boolean }) {
  return (
    <Form action={action} idPrefix="status" submitLabel={active ? "Deactivate account" : "Reactivate account"} className={active ? "danger-form" : undefined}>
      <p>
        {active
          ? "A deactivated user is signed out at once and cannot sign in. Their name stays on everything they recorded; you can reactivate the account later."
          : "This account is deactivated: the user cannot sign in. Reactivating lets them sign in again with their current password."}
      </p>
    </Form>
  );
}

export function ResetPasswordForm({ action, passwordHint }: { action: FormAction; passwordHint: string }) {
  return (
    <Form action={action} idPrefix="password" submitLabel="Set new password" resetOnSuccess>
      <TextField name="password" label="New password" type="password" hint={passwordHint} autoComplete="new-password" width="medium" />
    </Form>
  );
}

/** The second step of "Remove second factor": says what will happen, then does it. */
export function RemoveTwoFactorForm({ action, name, cancelHref }: { action: FormAction; name: string; cancelHref: string }) {
  return (
    <Form action={action} idPrefix="two-factor" submitLabel="Yes, remove the second factor" pendingLabel="Removing…" className="danger-form" cancelHref={cancelHref}>
      <p>
        Remove {name}&rsquo;s authenticator app? They are signed out, and sign in next time with their password alone; an administrator must set up a
        new authenticator before doing anything else. Do this only when you are sure it is them asking (for example, a lost phone).
      </p>
    </Form>
  );
}
