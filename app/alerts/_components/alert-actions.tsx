"use client";

import { Form, TextField, type FormAction } from "@/app/_components/form";
import { acknowledgeAction, dismissAction } from "../actions";

function ActionForm({ alertId, action, field, label, hint, submit, withReviewDate = false }: { alertId: string; action: FormAction; field: "note" | "reason"; label: string; hint: string; submit: string; withReviewDate?: boolean }) {
  return (
    <Form action={action} idPrefix={`alert-${alertId}-${field}`} submitLabel={submit} className="alert-action">
      <input type="hidden" name="alertId" value={alertId} />
      <TextField name={field} label={label} hint={hint} long rows={2} />
      {withReviewDate ? (
        <TextField name="reviewDate" label="Review date (optional)" type="date" width="medium" hint="The day to look at the plan again; from then the alert shows as due. Not before today." />
      ) : null}
    </Form>
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
