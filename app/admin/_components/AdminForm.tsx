"use client";

import Link from "next/link";
import { createContext, startTransition, useActionState, useContext, useEffect, useRef, type FormEvent, type ReactNode } from "react";
import type { FieldErrors } from "@/lib/events";
import { ErrorSummary } from "./ErrorSummary";

/** What an admin form's server action answers: a failure with its messages and what was typed, or a success notice. */
export interface AdminFormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  /** What was typed (never a password), for a form submitted before the page's script had loaded. */
  values?: Record<string, string | string[]>;
  link?: { href: string; text: string };
}

export type AdminAction = (state: AdminFormState, form: FormData) => Promise<AdminFormState>;

interface FormContextValue {
  idPrefix: string;
  errors: FieldErrors;
  values: Record<string, string | string[]>;
}

const FormContext = createContext<FormContextValue>({ idPrefix: "f", errors: {}, values: {} });

export function fieldIdOf(idPrefix: string, name: string): string {
  return `${idPrefix}-${name}`;
}

interface AdminFormProps {
  action: AdminAction;
  /** Makes the ids of this form's fields unique on a page that holds several forms. */
  idPrefix: string;
  submitLabel: string;
  pendingLabel?: string;
  /** More submit buttons (each with its own name and value), after the main one. */
  extraButtons?: ReactNode;
  /** A new-record form empties itself once saved; a change form keeps what it now holds. */
  resetOnSuccess?: boolean;
  danger?: boolean;
  className?: string;
  children?: ReactNode;
}

/**
 * The app's one form approach, for the admin screens: a server action through useActionState, sent
 * by hand so that React does not empty the fields when it fails. A failure shows a summary that takes
 * the focus and links to each field, with each message also beside its field.
 */
export function AdminForm({ action, idPrefix, submitLabel, pendingLabel = "Saving…", extraButtons, resetOnSuccess, danger, className, children }: AdminFormProps) {
  const [state, dispatch, pending] = useActionState(action, {});
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state.ok === false ? (state.fieldErrors ?? {}) : {};

  useEffect(() => {
    if (state.ok && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  }

  const entries = Object.entries(errors).flatMap(([name, messages]) => messages.map((message) => ({ href: `#${fieldIdOf(idPrefix, name)}`, message })));
  return (
    <FormContext.Provider value={{ idPrefix, errors, values: state.ok === false ? (state.values ?? {}) : {} }}>
      <form ref={formRef} action={dispatch} onSubmit={submit} noValidate className={`entry-form${danger ? " danger-form" : ""} ${className ?? ""}`} aria-busy={pending || undefined}>
        {state.ok === false ? <ErrorSummary id={`${idPrefix}-summary`} message={state.message} entries={entries} attempt={state} /> : null}
        {state.ok && state.message ? (
          <p className="notice" role="status">
            {state.message}
            {state.link ? (
              <>
                {" "}
                <Link href={state.link.href}>{state.link.text}</Link>
              </>
            ) : null}
          </p>
        ) : null}
        {children}
        <div className="form-actions">
          <button type="submit" aria-disabled={pending || undefined}>
            {pending ? pendingLabel : submitLabel}
          </button>
          {extraButtons}
        </div>
        <p className="visually-hidden" role="status">
          {pending ? pendingLabel : ""}
        </p>
      </form>
    </FormContext.Provider>
  );
}

function useField(name: string) {
  const { idPrefix, errors, values } = useContext(FormContext);
  const value = values[name];
  return { id: fieldIdOf(idPrefix, name), errors: errors[name] ?? [], value };
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  return [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ") || undefined;
}

function FieldMessages({ id, hint, errors }: { id: string; hint?: ReactNode; errors: string[] }) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors.length > 0 ? (
        <p className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

interface InputFieldProps {
  name: string;
  label: ReactNode;
  type?: "text" | "email" | "password";
  hint?: ReactNode;
  defaultValue?: string;
  autoComplete?: string;
}

export function InputField({ name, label, type = "text", hint, defaultValue, autoComplete = "off" }: InputFieldProps) {
  const { id, errors, value } = useField(name);
  // A password is never sent back to the page; the browser keeps it in the field instead.
  const kept = type === "password" ? undefined : typeof value === "string" ? value : undefined;
  return (
    <div className={`field${errors.length > 0 ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} errors={errors} />
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        spellCheck={type === "text" ? undefined : false}
        className="input-medium"
        defaultValue={kept ?? defaultValue ?? ""}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(id, !!hint, errors.length > 0)}
      />
    </div>
  );
}

export function SelectField({ name, label, options, blank, hint, defaultValue }: { name: string; label: string; options: readonly { value: string; label: string }[]; blank?: string; hint?: ReactNode; defaultValue?: string }) {
  const { id, errors, value } = useField(name);
  return (
    <div className={`field${errors.length > 0 ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} errors={errors} />
      <select
        id={id}
        name={name}
        defaultValue={typeof value === "string" ? value : (defaultValue ?? "")}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(id, !!hint, errors.length > 0)}
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

/** A group of checkboxes sending every checked value under one name; the error summary links to the first box. */
export function CheckboxGroup({ name, legend, options, checked = [], hint, empty }: { name: string; legend: string; options: readonly { value: string; label: string }[]; checked?: readonly string[]; hint?: ReactNode; empty?: ReactNode }) {
  const { id, errors, value } = useField(name);
  const kept = value === undefined ? checked : Array.isArray(value) ? value : [value];
  return (
    <fieldset className={`field${errors.length > 0 ? " has-error" : ""}`} aria-describedby={describedBy(id, !!hint, errors.length > 0)}>
      <legend>{legend}</legend>
      <FieldMessages id={id} hint={hint} errors={errors} />
      {options.length === 0 ? <p className="hint">{empty}</p> : null}
      <div className="checklist-options">
        {options.map((option, index) => {
          const boxId = index === 0 ? id : `${id}-${index}`;
          return (
            <div className="checkbox" key={option.value}>
              <input type="checkbox" id={boxId} name={name} value={option.value} defaultChecked={kept.includes(option.value)} />
              <label htmlFor={boxId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
