"use client";

import { useActionState } from "react";
import type { AlertSettingField } from "@/lib/alerts";
import { saveSettingsAction, type ActionState } from "../actions";

export function SettingsForm({
  groups,
  values,
}: {
  groups: { name: string; fields: AlertSettingField[] }[];
  values: Record<string, number | string[]>;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(saveSettingsAction, {});
  const current = (key: string) => state.values?.[key] ?? String(values[key] ?? "");
  return (
    <form action={formAction} noValidate>
      {state.message ? (
        <p role="status" className={state.ok ? "notice" : "field-error"}>
          {state.message}
        </p>
      ) : null}
      {groups.map((group) => (
        <fieldset key={group.name} className="settings-group">
          <legend>{group.name}</legend>
          {group.fields.map((field) => {
            const error = state.fieldErrors?.[field.key]?.[0];
            if (field.type === "choices") {
              const chosen = values[field.key] as string[];
              return (
                <fieldset key={field.key} className="setting">
                  <legend>{field.label}</legend>
                  <p className="muted small">
                    {field.description} Default: {field.default.map((v) => field.options.find((o) => o.value === v)?.label).join(", ")}.
                  </p>
                  <div className="checks">
                    {field.options.map((option) => (
                      <label key={option.value} className="check">
                        <input type="checkbox" name={field.key} value={option.value} defaultChecked={chosen.includes(option.value)} /> {option.label}
                      </label>
                    ))}
                  </div>
                  {error ? <p className="field-error">{error}</p> : null}
                </fieldset>
              );
            }
            if (field.type === "words") {
              const text = state.values?.[field.key] ?? (values[field.key] as string[]).join("\n");
              return (
                <div key={field.key} className="setting">
                  <label htmlFor={field.key}>{field.label}</label>
                  <p className="muted small" id={`${field.key}-hint`}>
                    {field.description} Default: {field.default.join(", ")}.
                  </p>
                  <textarea
                    id={field.key}
                    name={field.key}
                    rows={Math.min(8, Math.max(3, (values[field.key] as string[]).length))}
                    defaultValue={text}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={describedBy(field.key, error)}
                  />
                  <SettingError id={field.key} error={error} />
                </div>
              );
            }
            return (
              <div key={field.key} className="setting">
                <label htmlFor={field.key}>{field.label}</label>
                <p className="muted small" id={`${field.key}-hint`}>
                  {field.description} Default: {field.default} {field.unit}.
                </p>
                <input
                  id={field.key}
                  name={field.key}
                  type="number"
                  inputMode="decimal"
                  min={field.min}
                  max={field.max}
                  step={field.step}
                  defaultValue={current(field.key)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(field.key, error)}
                />{" "}
                <span>{field.unit}</span>
                <SettingError id={field.key} error={error} />
              </div>
            );
          })}
        </fieldset>
      ))}
      <button type="submit" disabled={pending}>
        Save as a new version and re-evaluate all patients
      </button>
    </form>
  );
}

const describedBy = (key: string, error: string | undefined) => `${key}-hint${error ? ` ${key}-error` : ""}`;

/** A setting's error, beside its field and named by the field's aria-describedby. */
function SettingError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}
