"use client";

import { validateEnteredInError } from "./decode";
import { Form, type FormAction } from "@/app/_components/form";
import { TextField } from "@/app/_components/form";

/** Marks an event entered in error: it leaves the timeline and stays in its history with the reason. */
export function EnteredInErrorForm({ action, expectedVersion, cancelHref }: { action: FormAction; expectedVersion: number; cancelHref: string }) {
  return (
    <Form action={action} validate={validateEnteredInError} initialValues={{}} submitLabel="Mark entered in error" cancelHref={cancelHref} className="danger-form">
      <input type="hidden" name="expectedVersion" value={expectedVersion} />
      <TextField name="reason" label="Reason" hint="For example: result belongs to another patient. The event stays in its history with this reason." long />
    </Form>
  );
}
