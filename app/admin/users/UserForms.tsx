"use client";

import Link from "next/link";
import { AdminForm, CheckboxGroup, InputField, SelectField, type AdminAction } from "../_components/AdminForm";

type Option = { value: string; label: string };

export function NewUserForm({ action, roles, teams, passwordHint }: { action: AdminAction; roles: Option[]; teams: Option[]; passwordHint: string }) {
  return (
    <AdminForm action={action} idPrefix="new-user" submitLabel="Create account" pendingLabel="Creating…" resetOnSuccess>
      <InputField name="name" label="Name" hint="As colleagues know them, with a title if they use one: Dr Olivia Okafor" autoComplete="off" />
      <InputField name="email" label="Email" type="email" hint="Their work address; they sign in with it" autoComplete="off" />
      <SelectField name="role" label="Role" options={roles} blank="Choose a role…" />
      <InputField name="password" label="Initial password" type="password" hint={passwordHint} autoComplete="new-password" />
      <CheckboxGroup name="teamIds" legend="Care teams" options={teams} hint="They see the patients of these teams only." empty="There are no care teams yet." />
    </AdminForm>
  );
}

export function UserDetailsForm({ action, roles, teams, user }: { action: AdminAction; roles: Option[]; teams: Option[]; user: { name: string; role: string; teamIds: string[] } }) {
  return (
    <AdminForm action={action} idPrefix="details" submitLabel="Save changes">
      <InputField name="name" label="Name" defaultValue={user.name} />
      <SelectField name="role" label="Role" options={roles} defaultValue={user.role} hint="Changing the role signs the user out, so the new role applies from their next sign-in." />
      <CheckboxGroup name="teamIds" legend="Care teams" options={teams} checked={user.teamIds} hint="They see the patients of these teams only." empty="There are no care teams yet." />
    </AdminForm>
  );
}

export function AccountStatusForm({ action, active }: { action: AdminAction; active: boolean }) {
  return (
    <AdminForm action={action} idPrefix="status" submitLabel={active ? "Deactivate account" : "Reactivate account"} danger={active}>
      <p>
        {active
          ? "A deactivated user is signed out at once and cannot sign in. Their name stays on everything they recorded; you can reactivate the account later."
          : "This account is deactivated: the user cannot sign in. Reactivating lets them sign in again with their current password."}
      </p>
    </AdminForm>
  );
}

export function ResetPasswordForm({ action, passwordHint }: { action: AdminAction; passwordHint: string }) {
  return (
    <AdminForm action={action} idPrefix="password" submitLabel="Set new password" resetOnSuccess>
      <InputField name="password" label="New password" type="password" hint={passwordHint} autoComplete="new-password" />
    </AdminForm>
  );
}

/** The second step of "Remove second factor": says what will happen, then does it. */
export function RemoveTwoFactorForm({ action, name, cancelHref }: { action: AdminAction; name: string; cancelHref: string }) {
  return (
    <AdminForm
      action={action}
      idPrefix="two-factor"
      submitLabel="Yes, remove the second factor"
      pendingLabel="Removing…"
      danger
      extraButtons={
        <Link href={cancelHref} className="button secondary">
          Cancel
        </Link>
      }
    >
      <p>
        Remove {name}&rsquo;s authenticator app? They are signed out, and sign in next time with their password alone; an administrator must set up a
        new authenticator before doing anything else. Do this only when you are sure it is them asking (for example, a lost phone).
      </p>
    </AdminForm>
  );
}
