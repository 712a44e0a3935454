"use client";

import { analytes } from "@/lib/events";
import { validateFlare } from "./decode";
import { EntryForm, type EntryAction } from "@/app/_components/form";
import { skinGradeOptions, skinSignOptions } from "./event-fields";
import { Checklist, DateTimeField, NumberField, SelectField } from "@/app/_components/form";

const typicalCk = analytes.ck.typical;

/**
 * The quick flare log: a few seconds between patients, by keyboard or on a phone. Only the grade is
 * required; the CK is recorded as a lab result only when a value is typed.
 */
export function FlareForm({ action, cancelHref }: { action: EntryAction; cancelHref: string }) {
  return (
    <EntryForm
      action={action}
      validate={validateFlare}
      initialValues={{ "ck.referenceRange.low": String(typicalCk.low), "ck.referenceRange.high": String(typicalCk.high) }}
      submitLabel="Log flare"
      cancelHref={cancelHref}
      className="flare-form"
    >
      <DateTimeField name="occurredAt" label="Date seen" />
      <SelectField name="skin.grade" label="Skin grade" options={skinGradeOptions} blank="Choose the grade…" hint="0 none, 1 mild, 2 moderate, 3 severe, 4 very severe" />
      <Checklist name="skin.signs" label="Signs seen" options={skinSignOptions} />
      <NumberField name="skin.cdasiActivity" label="CDASI activity (optional)" unit="of 100" hint="0–100; above 14 is moderate to severe" />
      <fieldset className="field group">
        <legend>Creatine kinase (optional)</legend>
        <NumberField name="ck.value" label="CK" unit="U/L" hint="Leave empty if not measured" />
        <div className="group-fields">
          <NumberField name="ck.referenceRange.low" label="Range low" unit="U/L" />
          <NumberField name="ck.referenceRange.high" label="Range high" unit="U/L" />
        </div>
        <p className="hint">The usual range is filled in; change it to the range the lab printed.</p>
      </fieldset>
    </EntryForm>
  );
}
