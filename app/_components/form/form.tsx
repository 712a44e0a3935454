"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import "@/app/_components/data-entry.css";
import { startTransition, useActionState, useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { FieldErrors } from "@/lib/events";
import { FieldsContext, fieldId } from "./fields";
import { formValuesOf, type FormState, type FormValues } from "./form-values";

/**
 * From what was typed to a checked value: the same function runs in the browser (before sending) and
 * in the server action (on what arrived), which decides.
 */
export type Validation<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/** The one action type of every form: a server action through useActionState. */
export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;
/** @deprecated the data-entry forms' former name of FormAction. */
export type EntryAction = FormAction;

interface FormProps {
  action: FormAction;
  /** The same check the server action runs, here before anything is sent. */
  validate?: (values: FormValues) => Validation<unknown>;
  initialValues?: FormValues;
  submitLabel: string;
  /** Where Cancel goes; no Cancel link without it. */
  cancelHref?: string;
  /** Called with what the form holds now, on every change: for live computations such as RECIST. */
  onValuesChange?: (values: FormValues) => void;
  children: ReactNode;
  className?: string;
}

/** Every message, linked to its field (a message about the whole payload links to the fields' section). */
function summaryEntries(errors: FieldErrors): { name: string; message: string }[] {
  return Object.entries(errors).flatMap(([name, messages]) => messages.map((message) => ({ name, message })));
}

/**
 * The one form approach of the app: a server action through useActionState, checked first in the
 * browser with the same schema. The submit is sent by hand (not through the form's action) so that
 * React does not reset the form afterwards: on any failure the fields still hold what was typed, and
 * the action sends it back too (`values`) for a form submitted before the page's script had loaded.
 */
export function Form({ action, validate, initialValues = {}, submitLabel, cancelHref, onValuesChange, children, className }: FormProps) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const patientPath = /^\/patients\/[^/]+/.exec(usePathname() ?? "")?.[0] ?? "/patients";
  const summaryRef = useRef<HTMLDivElement>(null);

  // The server's warnings (an implausible value, the same flare twice) sit beside their fields too.
  const warnings = clientErrors ? [] : (state?.warnings ?? []);
  const errors = useMemo(() => {
    const shown: FieldErrors = { ...(clientErrors ?? state?.fieldErrors ?? {}) };
    if (!clientErrors) for (const w of state?.warnings ?? []) (shown[w.path] ??= []).push(w.message);
    return shown;
  }, [clientErrors, state]);
  const values = state?.values ?? initialValues;
  const message = clientErrors ? undefined : state?.message;
  const hasProblem = Object.keys(errors).length > 0 || message !== undefined;

  const readValues = useCallback(() => {
    if (formRef.current && onValuesChange) onValuesChange(formValuesOf(new FormData(formRef.current)));
  }, [onValuesChange]);

  // Once the fields have their browser-side defaults (today's date), the live computations start.
  useEffect(() => readValues(), [readValues]);

  useEffect(() => {
    if (attempt > 0 && hasProblem) summaryRef.current?.focus();
  }, [attempt, state, hasProblem]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    const checked = validate ? validate(formValuesOf(formData)) : ({ ok: true, data: null } as const);
    setAttempt((n) => n + 1);
    if (!checked.ok) {
      setClientErrors(checked.fieldErrors);
      return;
    }
    setClientErrors(null);
    startTransition(() => dispatch(formData));
  }

  const entries = summaryEntries(errors);
  const toConfirm = [...new Set(warnings.map((w) => w.kind))];
  return (
    <FieldsContext.Provider value={{ values, errors, refresh: readValues }}>
      <form ref={formRef} action={dispatch} onSubmit={submit} onChange={readValues} noValidate className={`entry-form ${className ?? ""}`} aria-busy={pending || undefined}>
        {hasProblem ? (
          <div className="error-summary" ref={summaryRef} tabIndex={-1} role="group" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{toConfirm.length > 0 ? "Not saved yet: please check" : message && entries.length === 0 ? "Not saved" : "Not saved: please check"}</h2>
            {message ? (
              <p>
                {message}
                {state?.reloadHref ? (
                  <>
                    {" "}
                    {/* A full page load: the form must start again from the latest version. */}
                    <a href={state.reloadHref}>Reload the latest version</a>{" "}
                    (what you typed below stays on this page until you reload).
                  </>
                ) : null}
              </p>
            ) : null}
            {warnings.some((w) => w.existing) ? (
              <ul aria-label="Already recorded">
                {warnings.flatMap((w) =>
                  w.existing ? [
                    <li key={w.existing.id}>
                      Already recorded: <Link href={`${patientPath}/events/${w.existing.id}`}>{w.existing.label}</Link> (by {w.existing.recordedBy})
                    </li>,
                  ] : [],
                )}
              </ul>
            ) : null}
            {toConfirm.length > 0 ? (
              <fieldset className="confirm-warnings">
                <legend>Save anyway?</legend>
                {toConfirm.map((kind) => (
                  <div className="checkbox" key={kind}>
                    <input type="checkbox" id={`confirm-${kind}`} name="confirm" value={kind} />
                    <label htmlFor={`confirm-${kind}`}>
                      {kind === "duplicate" ? "I have looked at the one already recorded: this is a separate one, record it too" : "I have checked the value against its source: it is right"}
                    </label>
                  </div>
                ))}
              </fieldset>
            ) : null}
            {entries.length > 0 ? (
              <ul>
                {entries.map((entry, index) => (
                  <li key={`${entry.name}-${index}`}>
                    <a href={`#${fieldId(entry.name)}`}>{entry.message}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {children}
        <div className="form-actions">
          <button type="submit" aria-disabled={pending || undefined}>
            {pending ? "Saving…" : submitLabel}
          </button>
          {cancelHref ? (
            <Link href={cancelHref} className="button secondary">
              Cancel
            </Link>
          ) : null}
        </div>
        <p className="visually-hidden" role="status">
          {pending ? "Saving" : ""}
        </p>
      </form>
    </FieldsContext.Provider>
  );
}

/** @deprecated the data-entry forms' former name of Form. */
export const EntryForm = Form;
