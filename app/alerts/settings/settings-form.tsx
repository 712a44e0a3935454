"use client";

import { Checklist, Form, NumberField, TextField, type FormValues } from "@/app/_components/form";
import type { AlertSettingField } from "@/lib/alerts";
import { saveSettingsAction } from "../actions";

export function SettingsForm({ groups, values }: { groups: { name: string; fields: AlertSettingField[] }[]; values: Record<string, number | string[]> }) {
  const initialValues: FormValues = {};
  for (const field of groups.flatMap((group) => group.fields)) {
    const value = values[field.key];
    initialValues[field.key] = field.type === "words" ? (value as string[]).join("\n") : Array.isArray(value) ? value : String(value ?? "");
  }
  return (
    <Form action={saveSettingsAction} idPrefix="setting" initialValues={initialValues} submitLabel="Save as a new version and re-evaluate all patients">
      {groups.map((group) => (
        <fieldset key={group.name} className="settings-group">
          <legend>{group.name}</legend>
          {group.fields.map((field) => {
            if (field.type === "choices") {
              const defaults = field.default.map((v) => field.options.find((o) => o.value === v)?.label).join(", ");
              return <Checklist key={field.key} name={field.key} label={field.label} hint={`${field.description} Default: ${defaults}.`} options={field.options} />;
            }
            if (field.type === "words") {
              const rows = Math.min(8, Math.max(3, (values[field.key] as string[]).length));
              return <TextField key={field.key} name={field.key} label={field.label} hint={`${field.description} Default: ${field.default.join(", ")}.`} long rows={rows} width="medium" />;
            }
            return <NumberField key={field.key} name={field.key} label={field.label} hint={`${field.description} Default: ${field.default} ${field.unit ?? ""}.`} unit={field.unit} />;
          })}
        </fieldset>
      ))}
    </Form>
  );
}
