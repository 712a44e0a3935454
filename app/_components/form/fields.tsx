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
  /** Makes the ids of this form's fields unique on a page with several forms ("f" by default). */
  idPrefix: string;
}
export const FieldsContext = createContext<FormFieldsContext>({ values: {}, errors: {}, refresh: () => {}, idPrefix: "f" });

export function useFieldErrors(name: string): string[] {
  return useContext(FieldsContext).errors[name] ?? [];
}

export function useRefresh(): () => void {
  return useContext(FieldsContext).refresh;
}

/** The id of a field's control: the error summary links to it, and its hint and error hang off it. */
export function fieldId(name: string, idPrefix = "f"): string {
  return `${idPrefix}-${name.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

function useField(name: string) {
  const { values, errors, idPrefix } = useContext(FieldsContext);
  return { id: fieldId(name, idPrefix), value: values[name], errors: errors[name] ?? [] };
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

/**
 * The one wrapper of every labelled field: its label (a legend for a group of boxes), hint and error
 * above the control, and the attributes the control needs to point at them (aria-describedby) and to
 * say it is wrong (aria-invalid).
 */
function LabelledField({
  id,
  label,
  hint,
  errors,
  unit,
  group,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors: string[];
  unit?: boolean;
  /** A group of checkboxes: a fieldset with a legend, described as a whole. */
  group?: boolean;
  className?: string;
  children: (control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const control = { id, "aria-invalid": errors.length > 0 ? (true as const) : undefined, "aria-describedby": describedBy(id, { hint: !!hint, unit, error: errors.length > 0 }) };
  const classes = `field${className ? ` ${className}` : ""}${errors.length > 0 ? " has-error" : ""}`;
  const messages = (
    <>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} errors={errors} />
    </>
  );
  if (group) {
    return (
      <fieldset className={classes} aria-describedby={control["aria-describedby"]}>
        <legend>{label}</legend>
        {messages}
        {children(control)}
      </fieldset>
    );
  }
  return (
    <div className={classes}>
      <label htmlFor={id}>{label}</label>
      {messages}
      {children(control)}
    </div>
  );
}

interface TextFieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  long?: boolean;
  /** Lines of a long field (4 by default). */
  rows?: number;
  defaultValue?: string;
  autoComplete?: string;
  /** The form grows the field to the width of what it holds. */
  width?: "short" | "medium" | "full";
  /** "date" for a calendar day without a time (a birth date); a password is never filled again from what was sent. */
  type?: "text" | "date" | "email" | "password";
  /** Focus lands here when the page opens (the first field of a form filled in a hurry). */
  autoFocus?: boolean;
}

export function TextField({ name, label, hint, long, rows = 4, defaultValue, width = "full", autoComplete = "off", type = "text", autoFocus }: TextFieldProps) {
  const { id, value, errors } = useField(name);
  const kept = type === "password" ? undefined : single(value);
  const typed = type === "email" || type === "password";
  return (
    <LabelledField id={id} label={label} hint={hint} errors={errors}>
      {(control) =>
        long ? (
          <textarea rows={rows} name={name} defaultValue={kept ?? defaultValue ?? ""} className={`input-${width}`} {...control} />
        ) : (
          <input
            type={type}
            name={name}
            autoComplete={autoComplete}
            autoFocus={autoFocus}
            autoCapitalize={typed ? "off" : undefined}
            spellCheck={typed ? false : undefined}
            defaultValue={kept ?? defaultValue ?? ""}
            className={`input-${width}`}
            {...control}
          />
        )
      }
    </LabelledField>
  );
}

/** A file to send with the form. A browser never fills a file field again, so after a refusal it is chosen again. */
export function FileField({ name, label, hint, accept }: { name: string; label: ReactNode; hint?: ReactNode; accept?: string }) {
  const { id, errors } = useField(name);
  return (
    <LabelledField id={id} label={label} hint={hint} errors={errors}>
      {(control) => <input type="file" name={name} accept={accept} {...control} />}
    </LabelledField>
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
  const { id, value, errors } = useField(name);
  return (
    <LabelledField id={id} label={label} hint={hint} errors={errors} unit={!!unit}>
      {(control) => (
        <span className="with-unit">
          <input type="text" inputMode="decimal" autoComplete="off" name={name} className="input-number" defaultValue={single(value) ?? defaultValue ?? ""} {...control} />
          {unit ? (
            <span className="unit" id={`${id}-unit`}>
              {unit}
            </span>
          ) : null}
        </span>
      )}
    </LabelledField>
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
  const { id, value, errors } = useField(name);
  return (
    <LabelledField id={id} label={label} hint={hint} errors={errors}>
      {(control) => (
        <select
          name={name}
          defaultValue={single(value) ?? defaultValue ?? (blank !== undefined ? "" : options[0]?.value)}
          onChange={onChange ? (event) => onChange(event.currentTarget.value) : undefined}
          {...control}
        >
          {blank !== undefined ? <option value="">{blank}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  );
}

interface CheckboxProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  value?: string;
}

export function Checkbox({ name, label, hint, value = "on" }: CheckboxProps) {
  const { id, value: current, errors } = useField(name);
  const checked = current === undefined ? false : Array.isArray(current) ? current.includes(value) : current === value;
  return (
    <div className="checkbox">
      <input
        type="checkbox"
        id={id}
        name={name}
        value={value}
        defaultChecked={checked}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(id, { hint: !!hint, error: errors.length > 0 })}
      />
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} errors={errors} />
    </div>
  );
}

/** A group of checkboxes sending every checked value under one name; the error summary links to the first box. */
export function Checklist({ name, label, hint, options, empty }: { name: string; label: ReactNode; hint?: ReactNode; options: readonly Option[]; /** Said instead of the boxes when there is nothing to choose. */ empty?: ReactNode }) {
  const { id, value, errors } = useField(name);
  const checked = new Set(value === undefined ? [] : Array.isArray(value) ? value : [value]);
  return (
    <LabelledField id={id} label={label} hint={hint} errors={errors} group className="checklist">
      {() => (
        <div className="checklist-options">
          {options.length === 0 && empty ? <p className="hint">{empty}</p> : null}
          {options.map((option, index) => {
            const boxId = index === 0 ? id : `${id}-${option.value.replace(/[^A-Za-z0-9]+/g, "-")}`;
            return (
              <div className="checkbox" key={option.value}>
                <input type="checkbox" id={boxId} name={name} value={option.value} defaultChecked={checked.has(option.value)} />
                <label htmlFor={boxId}>{option.label}</label>
              </div>
            );
          })}
        </div>
      )}
    </LabelledField>
  );
}

export const yesNo: Option[] = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

/** A date (today by default, in the browser's own day) and an optional time of day. */
export function DateTimeField({ name, label, hint, defaultToday = true, autoFocus }: { name: string; label: string; hint?: ReactNode; defaultToday?: boolean; autoFocus?: boolean }) {
  const { id, value, errors } = useField(name);
  const { id: timeId, value: time, errors: timeErrors } = useField(`${name}Time`);
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

