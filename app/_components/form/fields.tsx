"use client";

import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { formatClinicalDate, isClinicalDate, todayIn, type FieldErrors } from "@/lib/events";
import type { FormValues } from "./form-values";

/** A choice of a select or a checklist. Lists come from the zod schemas' own enums (lib/events). */
export interface Option {
  value: string;
  label: string;
}

/**
 * Form fields that carry their label, hint, unit and error with them. Every field is uncontrolled
 * (the browser keeps what was typed), starts from `values`, and points at its hint and error with
 * aria-describedby so a screen reader reads the message with the field.
 */
interface FormFieldsContext {
  values: FormValues;
  errors: FieldErrors;
  /** Reads the form again for live computations, after fields were added or removed. */
  refresh: () => void;
}
export const FieldsContext = createContext<FormFieldsContext>({ values: {}, errors: {}, refresh: () => {} });

export function useFieldErrors(name: string): string[] {
  return useContext(FieldsContext).errors[name] ?? [];
}

export function useRefresh(): () => void {
  return useContext(FieldsContext).refresh;
}

export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

function useField(name: string) {
  const { values, errors } = useContext(FieldsContext);
  const value = values[name];
  return { value, errors: errors[name] ?? [] };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function describedBy(id: string, parts: { hint?: boolean; unit?: boolean; error?: boolean }): string | undefined {
  const ids = [parts.error && `${id}-error`, parts.hint && `${id}-hint`, parts.unit && `${id}-unit`].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <p className="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

export function ErrorMessage({ id, errors }: { id: string; errors: string[] }) {
  return errors.length > 0 ? (
    <p className="field-error" id={`${id}-error`}>
      <span className="visually-hidden">Error: </span>
      {errors.join(". ")}
    </p>
  ) : null;
}

interface TextFieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  long?: boolean;
  defaultValue?: string;
  autoComplete?: string;
  /** The form grows the field to the width of what it holds. */
  width?: "short" | "medium" | "full";
  /** "date" for a calendar day without a time (a birth date). */
  type?: "text" | "date";
  /** Focus lands here when the page opens (the first field of a form filled in a hurry). */
  autoFocus?: boolean;
}

export function TextField({ name, label, hint, long, defaultValue, width = "full", autoComplete = "off", type = "text", autoFocus }: TextFieldProps) {
  const { value, errors } = useField(name);
  const id = fieldId(name);
  const props = {
    id,
    name,
    defaultValue: single(value) ?? defaultValue ?? "",
    "aria-invalid": errors.length > 0 || undefined,
    "aria-describedby": describedBy(id, { hint: !!hint, error: errors.length > 0 }),
    className: `input-${width}`,
  };
  return (
    <div className={`field${errors.length > 0 ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} errors={errors} />
      {long ? <textarea rows={4} {...props} /> : <input type={type} autoComplete={autoComplete} autoFocus={autoFocus} {...props} />}
    </div>
  );
}

interface NumberFieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  unit?: string;
  defaultValue?: string;
}

/** A number typed as text (inputmode decimal): the browser never silently drops what it cannot parse. */
export function NumberField({ name, label, hint, unit, defaultValue }: NumberFieldProps) {
  const { value, errors } = useField(name);
  const id = fieldId(name);
  return (
    <div className={`field${errors.length > 0 ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} errors={errors} />
      <span className="with-unit">
        <input
          type="text"
          inputMode="decimal"
          autoComplete="off"
          id={id}
          name={name}
          className="input-number"
          defaultValue={single(value) ?? defaultValue ?? ""}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={describedBy(id, { hint: !!hint, unit: !!unit, error: errors.length > 0 })}
        />
        {unit ? (
          <span className="unit" id={`${id}-unit`}>
            {unit}
          </span>
        ) : null}
      </span>
    </div>
  );
}

interface SelectFieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  options: readonly Option[];
  /** The first, empty option: "Not recorded" for optional fields, "Choose…" for required ones; none when preselected. */
  blank?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
}

export function SelectField({ name, label, hint, options, blank, defaultValue, onChange }: SelectFieldProps) {
  const { value, errors } = useField(name);
  const id = fieldId(name);
  return (
    <div className={`field${errors.length > 0 ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} errors={errors} />
      <select
        id={id}
        name={name}
        defaultValue={single(value) ?? defaultValue ?? (blank !== undefined ? "" : options[0]?.value)}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(id, { hint: !!hint, error: errors.length > 0 })}
        onChange={onChange ? (event) => onChange(event.currentTarget.value) : undefined}
      >
        {blank !== undefined ? <option value="">{blank}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface CheckboxProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  value?: string;
}

export function Checkbox({ name, label, hint, value = "on" }: CheckboxProps) {
  const { value: current, errors: ownErrors } = useField(name);
  const id = fieldId(name);
  const checked = current === undefined ? false : Array.isArray(current) ? current.includes(value) : current === value;
  return (
    <div className="checkbox">
      <input
        type="checkbox"
        id={id}
        name={name}
        value={value}
        defaultChecked={checked}
        aria-invalid={ownErrors.length > 0 || undefined}
        aria-describedby={describedBy(id, { hint: !!hint, error: ownErrors.length > 0 })}
      />
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} errors={ownErrors} />
    </div>
  );
}

export function Checklist({ name, label, hint, options }: { name: string; label: ReactNode; hint?: ReactNode; options: readonly Option[] }) {
  const { value, errors } = useField(name);
  const id = fieldId(name);
  const checked = new Set(value === undefined ? [] : Array.isArray(value) ? value : [value]);
  return (
    <fieldset className={`field checklist${errors.length > 0 ? " has-error" : ""}`} aria-describedby={describedBy(id, { hint: !!hint, error: errors.length > 0 })}>
      <legend>{label}</legend>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} errors={errors} />
      <div className="checklist-options">
        {options.map((option, index) => (
          <div className="checkbox" key={option.value}>
            <input type="checkbox" id={index === 0 ? id : `${id}-${option.value}`} name={name} value={option.value} defaultChecked={checked.has(option.value)} />
            <label htmlFor={index === 0 ? id : `${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export const yesNo: Option[] = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

/** A date (today by default, in the browser's own day) and an optional time of day. */
export function DateTimeField({ name, label, hint, defaultToday = true, autoFocus }: { name: string; label: string; hint?: ReactNode; defaultToday?: boolean; autoFocus?: boolean }) {
  const { value, errors } = useField(name);
  const { value: time, errors: timeErrors } = useField(`${name}Time`);
  const id = fieldId(name);
  const timeId = fieldId(`${name}Time`);
  const dateRef = useRef<HTMLInputElement>(null);
  // The chosen day in words beside the browser's date picker, whose order (03/12 or 12/03) varies.
  const [day, setDay] = useState(single(value) ?? "");
  useEffect(() => {
    // Today is the clinician's day, not the server's (UTC) one, so it is filled in here, in the browser.
    const input = dateRef.current;
    if (defaultToday && input && input.value === "") input.value = todayIn();
    if (input) setDay(input.value);
  }, [defaultToday]);
  return (
    <div className={`field date-time${errors.length > 0 || timeErrors.length > 0 ? " has-error" : ""}`}>
      <div>
        <label htmlFor={id}>{label}</label>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} errors={errors} />
        <input
          ref={dateRef}
          type="date"
          autoFocus={autoFocus}
          id={id}
          name={name}
          defaultValue={single(value) ?? ""}
          onChange={(event) => setDay(event.currentTarget.value)}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={describedBy(id, { hint: !!hint, error: errors.length > 0 })}
        />
        <span className="date-echo" aria-hidden="true">
          {day.length === 10 && isClinicalDate(day) ? formatClinicalDate(day) : ""}
        </span>
      </div>
      <div>
        <label htmlFor={timeId}>
          Time <span className="optional">(optional)</span>
        </label>
        <ErrorMessage id={timeId} errors={timeErrors} />
        <input type="time" id={timeId} name={`${name}Time`} defaultValue={single(time) ?? ""} aria-invalid={timeErrors.length > 0 || undefined} />
      </div>
    </div>
  );
}

