"use client";

import { useActionState, useId } from "react";
import { acknowledgeAction, dismissAction, type ActionState } from "../actions";

function ActionForm({
  alertId,
  action,
  field,
  label,
  hint,
  submit,
  withReviewDate = false,
}: {
  withReviewDate?: boolean;
  alertId: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  field: "note" | "reason";
  label: string;
  hint: string;
  submit: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = useId();
  const error = state.fieldErrors?.[field]?.[0];
  return (
    <form action={formAction} className="alert-action">
      <input type="hidden" name="alertId" value={alertId} />
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <p className="muted small" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        id={`${id}-${field}`}
        name={field}
        rows={2}
        defaultValue={state.values?.[field]}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {withReviewDate ? (
        <>
          <label htmlFor={`${id}-review`}>Review date (optional)</label>
          <p className="muted small" id={`${id}-review-hint`}>
            The day to look at the plan again; from then the alert shows as due. Not before today.
          </p>
          <input
            type="date"
            id={`${id}-review`}
            name="reviewDate"
            defaultValue={state.values?.reviewDate}
            aria-invalid={state.fieldErrors?.reviewDate ? true : undefined}
            aria-describedby={`${id}-review-hint${state.fieldErrors?.reviewDate ? ` ${id}-review-error` : ""}`}
          />
          {state.fieldErrors?.reviewDate ? (
            <p className="field-error" id={`${id}-review-error`}>
              {state.fieldErrors.reviewDate[0]}
            </p>
          ) : null}
        </>
      ) : null}
      {state.message && !error && !state.fieldErrors?.reviewDate ? (
        <p className={state.ok ? "small" : "field-error"} role="status">
          {state.message}
        </p>
      ) : null}
      <button type="submit" className="secondary" disabled={pending}>
        {submit}
      </button>
    </form>
  );
}

export function AlertActions({ alertId, status }: { alertId: string; status: string }) {
  return (
    <details className="alert-actions no-print">
      <summary>{status === "open" ? "Acknowledge or resolve" : "Resolve"}</summary>
      {status === "open" ? (
        <ActionForm
          alertId={alertId}
          action={acknowledgeAction}
          field="note"
          label="Acknowledge with a note"
          hint="Say what is planned, e.g. “CT booked for 12 Aug”. The alert stays active until imaging is recorded."
          submit="Acknowledge"
          withReviewDate
        />
      ) : null}
      <ActionForm
        alertId={alertId}
        action={dismissAction}
        field="reason"
        label="Resolve without imaging, with a reason"
        hint="E.g. “flare explained by steroid taper”. A resolved episode does not reopen."
        submit="Resolve"
      />
    </details>
  );
}
