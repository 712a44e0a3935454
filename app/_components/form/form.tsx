"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import "@/app/_components/data-entry.css";
import { startTransition, useActionState, useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { FieldErrors } from "@/lib/events";
import { ErrorSummary } from "./error-summary";
import { FieldsContext, fieldId } from "./fields";
import { formValuesOf, type FormState, type FormValues } from "./form-values";

/**
 * From what was typed to a checked value: the same function runs in the browser (before sending) and
 * in the server action (on what arrived), which decides.
 */
export type Validation<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/** The one action type of every form: a server action through useActionState. */
export type FormAction<D = undefined> = (state: FormState<D>, formData: FormData) => Promise<FormState<D>>;

interface FormProps<D> {
  action: FormAction<D>;
  /** The same check the server action runs, here before anything is sent. */
  validate?: (values: FormValues) => Validation<unknown>;
  initialValues?: FormValues;
  submitLabel: string;
  /** The button's words while the server works ("Saving…" by default). */
  pendingLabel?: string;
  /** Where Cancel goes; no Cancel link without it. */
  cancelHref?: string;
  /** Why the form cannot be sent now: the button is disabled and this, beside it, is its description. */
  submitBlocked?: ReactNode;
  /** More submit buttons (each with its own name and value), after the main one. */
  extraButtons?: ReactNode;
  /** Makes the ids of this form's fields and summary unique on a page that holds several forms. */
  idPrefix?: string;
  /** The error summary's heading ("Not saved: please check" by default). */
  summaryTitle?: string;
  /** A new-record form empties itself once saved; a change form keeps what it now holds. */
  resetOnSuccess?: boolean;
  /** Called once for each success, with its data: for a page that shows what the server made. */
  onSuccess?: (data: D | undefined) => void;
  /** Called with what the form holds now, on every change: for live computations such as RECIST. */
  onValuesChange?: (values: FormValues) => void;
  children?: ReactNode;
  className?: string;
}

/** Every message, linked to its field (a message about the whole payload links to the fields' section). */
function summaryEntries(errors: FieldErrors): { name: string; message: string }[] {
  return Object.entries(errors).flatMap(([name, messages]) => messages.map((message) => ({ name, message })));
}

/**
 * The one form of the app: a server action through useActionState, checked first in the browser
 * with the same schema when there is one. The submit is sent by hand (not through the form's action)
 * so that React does not reset the form afterwards: on any failure the fields still hold what was
 * typed, and the action sends it back too (`values`) for a form submitted before the page's script
 * had loaded. A failure shows the error summary (GOV.UK pattern), which takes the focus and links to
 * each field, each message also beside its field; a success shows the action's notice.
 */
export function Form<D = undefined>({
  action,
  validate,
  initialValues = {},
  submitLabel,
  pendingLabel = "Saving…",
  cancelHref,
  submitBlocked,
  extraButtons,
  idPrefix = "f",
  summaryTitle,
  resetOnSuccess,
  onSuccess,
  onValuesChange,
  children,
  className,
}: FormProps<D>) {
  const [state, dispatch, pending] = useActionState<FormState<D>, FormData>(action, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const patientPath = /^\/patients\/[^/]+/.exec(usePathname() ?? "")?.[0] ?? "/patients";
  const failure = state?.ok === false ? state : null;
  const success = state?.ok === true ? state : null;

  // The server's warnings (an implausible value, the same flare twice) sit beside their fields too.
  const warnings = clientErrors ? [] : (failure?.warnings ?? []);
  const errors = useMemo(() => {
    const shown: FieldErrors = { ...(clientErrors ?? failure?.fieldErrors ?? {}) };
    if (!clientErrors) for (const w of failure?.warnings ?? []) (shown[w.path] ??= []).push(w.message);
    return shown;
  }, [clientErrors, failure]);
  const values = failure?.values ?? initialValues;
  const message = clientErrors ? undefined : failure?.message;
  const hasProblem = Object.keys(errors).length > 0 || message !== undefined;

  const readValues = useCallback(() => {
    if (formRef.current && onValuesChange) onValuesChange(formValuesOf(new FormData(formRef.current)));
  }, [onValuesChange]);

  // Once the fields have their browser-side defaults (today's date), the live computations start.
  useEffect(() => readValues(), [readValues]);

  useEffect(() => {
    if (!success) return;
    if (resetOnSuccess) formRef.current?.reset();
    onSuccess?.(success.data);
    // Once for each answer of the server, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [success]);

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
    <FieldsContext.Provider value={{ values, errors, refresh: readValues, idPrefix }}>
      <form ref={formRef} action={dispatch} onSubmit={submit} onChange={readValues} noValidate className={`entry-form ${className ?? ""}`} aria-busy={pending || undefined}>
        {hasProblem ? (
          <ErrorSummary
            id={`${idPrefix}-error-summary`}
            title={summaryTitle ?? (toConfirm.length > 0 ? "Not saved yet: please check" : message && entries.length === 0 ? "Not saved" : "Not saved: please check")}
            message={
              message ? (
                <>
                  {message}
                  {failure?.reloadHref ? (
                    <>
                      {" "}
                      {/* A full page load: the form must start again from the latest version. */}
                      <a href={failure.reloadHref}>Reload the latest version</a>{" "}
                      (what you typed below stays on this page until you reload).
                    </>
                  ) : null}
                </>
              ) : undefined
            }
            entries={entries.map((entry) => ({ href: `#${fieldId(entry.name, idPrefix)}`, message: entry.message }))}
            focusKey={attempt > 0 ? (clientErrors ?? state) : null}
          >
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
                    <input type="checkbox" id={`${idPrefix}-confirm-${kind}`} name="confirm" value={kind} />
                    <label htmlFor={`${idPrefix}-confirm-${kind}`}>
                      {kind === "duplicate" ? "I have looked at the one already recorded: this is a separate one, record it too" : "I have checked the value against its source: it is right"}
                    </label>
                  </div>
                ))}
              </fieldset>
            ) : null}
          </ErrorSummary>
        ) : null}
        {success?.message ? (
          <p className="notice" role="status">
            {success.message}
            {success.link ? (
              <>
                {" "}
                <Link href={success.link.href}>{success.link.text}</Link>
              </>
            ) : null}
          </p>
        ) : null}
        {children}
        <div className="form-actions">
          <button type="submit" aria-disabled={pending || undefined} disabled={submitBlocked ? true : undefined} aria-describedby={submitBlocked ? `${idPrefix}-blocked` : undefined}>
            {pending ? pendingLabel : submitLabel}
          </button>
          {submitBlocked ? (
            <span id={`${idPrefix}-blocked`} className="hint">
              {submitBlocked}
            </span>
          ) : null}
          {extraButtons}
          {cancelHref ? (
            <Link href={cancelHref} className="button secondary">
              Cancel
            </Link>
          ) : null}
        </div>
        <p className="visually-hidden" role="status">
          {pending ? pendingLabel.replace(/…$/, "") : ""}
        </p>
      </form>
    </FieldsContext.Provider>
  );
}
