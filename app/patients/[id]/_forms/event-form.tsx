"use client";

import { useState } from "react";
import type { EventKind } from "@/lib/events";
import { validateAmendment, validateEvent } from "./decode";
import { Form, type FormAction } from "@/app/_components/form";
import { kindForms } from "./event-fields";
import { DateTimeField, ErrorMessage, TextField, useFieldErrors } from "@/app/_components/form";
import { SpecField } from "./spec-field";
import type { FormValues } from "@/app/_components/form/form-values";
import { ImagingFields, type ImagingCourse } from "./imaging-fields";
import { LabFields } from "./lab-fields";

interface EventFormProps {
  kind: EventKind;
  action: FormAction;
  initialValues: FormValues;
  cancelHref: string;
  /** Amending: the version the clinician is looking at, sent back to detect someone else's change. */
  expectedVersion?: number;
  /** The patient's imaging course and lines of therapy, for the RECIST calculator. */
  course?: ImagingCourse;
}

/** Messages about the payload as a whole (e.g. "record at least one finding"), above its fields. */
function PayloadErrors() {
  const errors = useFieldErrors("payload");
  return <ErrorMessage id="f-payload" errors={errors} />;
}

/** The form of any event kind, new or amended. */
export function EventForm({ kind, action, initialValues, cancelHref, expectedVersion, course = { scans: [], lines: [], nextLine: 1 } }: EventFormProps) {
  const [liveValues, setLiveValues] = useState<FormValues>(initialValues);
  const amending = expectedVersion !== undefined;
  const span = kind !== "imaging" && kindForms[kind].span;
  return (
    <Form
      action={action}
      validate={(values) => (amending ? validateAmendment(kind, values) : validateEvent(kind, values))}
      initialValues={initialValues}
      submitLabel={amending ? "Save the amendment" : "Save"}
      cancelHref={cancelHref}
      onValuesChange={kind === "imaging" ? setLiveValues : undefined}
    >
      {amending ? <input type="hidden" name="expectedVersion" value={expectedVersion} /> : null}
      <DateTimeField name="occurredAt" label={span ? "Start date" : "Date"} defaultToday={!amending} />
      {span ? <DateTimeField name="endedAt" label="End date (optional)" defaultToday={false} /> : null}
      <div id="f-payload" tabIndex={-1} className="kind-fields">
        <PayloadErrors />
        {kind === "imaging" ? (
          <ImagingFields course={course} initialValues={initialValues} liveValues={liveValues} />
        ) : kind === "lab_result" ? (
          <LabFields initialValues={initialValues} />
        ) : (
          kindForms[kind].fields.map((spec) => <SpecField key={spec.type === "group" ? spec.legend : spec.name} spec={spec} />)
        )}
      </div>
      {amending ? <TextField name="reason" label="Reason for the change" hint="For example: transcription error, value re-checked with the lab report. Shown in the history." long /> : null}
    </Form>
  );
}
