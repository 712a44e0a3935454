"use client";

import { Checkbox, Checklist, fieldId, Hint, NumberField, SelectField, TextField, yesNo } from "@/app/_components/form";
import type { FieldSpec, LeafSpec } from "./event-fields";

/** Draws a field declared in event-fields.ts. */
export function SpecField({ spec }: { spec: FieldSpec }) {
  if (spec.type === "group") {
    const id = fieldId(spec.legend);
    return (
      <fieldset className="field group" aria-describedby={spec.hint ? `${id}-hint` : undefined}>
        <legend>{spec.legend}</legend>
        <Hint id={id} hint={spec.hint} />
        <div className="group-fields">
          {spec.fields.map((field) => (
            <LeafField key={field.name} spec={field} />
          ))}
        </div>
      </fieldset>
    );
  }
  return <LeafField spec={spec} />;
}

function LeafField({ spec }: { spec: LeafSpec }) {
  switch (spec.type) {
    case "text":
      return <TextField name={spec.name} label={spec.label} hint={spec.hint} long={spec.long} autoComplete={spec.autoComplete} />;
    case "number":
      return <NumberField name={spec.name} label={spec.label} hint={spec.hint} unit={spec.unit} />;
    case "select":
      return <SelectField name={spec.name} label={spec.label} hint={spec.hint} options={spec.options} blank={spec.preselected ? undefined : spec.optional ? "Not recorded" : "Choose…"} />;
    case "yesno":
      return <SelectField name={spec.name} label={spec.label} hint={spec.hint} options={yesNo} blank="Not recorded" />;
    case "checkbox":
      return <Checkbox name={spec.name} label={spec.label} hint={spec.hint} />;
    case "checklist":
      return <Checklist name={spec.name} label={spec.label} hint={spec.hint} options={spec.options} />;
  }
}
