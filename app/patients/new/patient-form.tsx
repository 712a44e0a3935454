"use client";

import { Checklist, Form, SelectField, TextField, type FormAction, type FormValues } from "@/app/_components/form";
import { sexes } from "@/lib/events";

const sexOptions = sexes.map((sex) => ({ value: sex, label: sex[0].toUpperCase() + sex.slice(1) }));

/** New patient and edit demographics: the fields of patientInput, option lists from its schema. */
export function PatientForm({
  action,
  initialValues,
  teams,
  submitLabel,
  cancelHref,
}: {
  action: FormAction;
  initialValues?: FormValues;
  /** The care teams the user belongs to (a new patient only); none to choose when they are in one team. */
  teams?: { id: string; name: string }[];
  submitLabel: string;
  cancelHref: string;
}) {
  return (
    <Form action={action} initialValues={initialValues} submitLabel={submitLabel} cancelHref={cancelHref}>
      <TextField name="identifier" label="Hospital identifier (MRN)" hint="Letters, digits and . _ - / only" width="medium" autoFocus />
      <TextField name="familyName" label="Family name" width="medium" autoComplete="off" />
      <TextField name="givenName" label="Given name" width="medium" autoComplete="off" />
      <SelectField name="sex" label="Sex" options={sexOptions} blank="Choose…" />
      <TextField name="birthDate" label="Birth date (optional)" type="date" width="medium" />
      {teams && teams.length > 1 ? <Checklist name="teamIds" label="Care teams that will see this patient" hint="Only your own teams are listed" options={teams.map((t) => ({ value: t.id, label: t.name }))} /> : null}
    </Form>
  );
}
