"use client";

import "./flare-form.css";
import { analytes } from "@/lib/events";
import { mmt8ScaleOptions, validateFlare } from "./decode";
import { Form, type FormAction } from "@/app/_components/form";
import { skinGradeOptions, skinSignOptions } from "./event-fields";
import { Checklist, DateTimeField, NumberField, SelectField, TextField, yesNo } from "@/app/_components/form";

const typicalCk = analytes.ck.typical;

/**
 * The quick flare log: a few seconds between patients, by keyboard or on a phone. Only the grade is
 * required; the CK is recorded as a lab result only when a value is typed, the muscle examination only
 * when one of its findings is entered, the note only when written — all in one save.
 */
/** The last recorded values, as the server wrote them (×ULN computed there, from the result's own range). */
export interface PreviousFlare {
  skin?: { date: string; grade: string; cdasi?: string };
  ck?: { date: string; value: string; timesUln?: string };
  /** Each finding from the last muscle examination that recorded it ("62/80", "3.5", "yes"), with its date. */
  muscle?: { mmt8?: Finding & { scale: string }; mrc?: Finding; dysphagia?: Finding; respiratory?: Finding };
}
type Finding = { date: string; value: string };

function Previous({ children }: { children: React.ReactNode }) {
  return <p className="previous-value">Last: {children}</p>;
}

export function FlareForm({ action, cancelHref, previous = {} }: { action: FormAction; cancelHref: string; previous?: PreviousFlare }) {
  return (
    <Form
      action={action}
      validate={validateFlare}
      initialValues={{
        "ck.referenceRange.low": String(typicalCk.low),
        "ck.referenceRange.high": String(typicalCk.high),
        // The scale this patient's MMT-8 was last scored on, so a score out of 150 is not saved as one out of 80.
        ...(previous.muscle?.mmt8 ? { "muscle.mmt8.scale": previous.muscle.mmt8.scale } : {}),
      }}
      submitLabel="Log flare"
      cancelHref={cancelHref}
      className="flare-form"
    >
      <DateTimeField name="occurredAt" label="Date seen" autoFocus />
      {previous.skin ? <Previous>skin assessment {previous.skin.date}</Previous> : <Previous>no skin assessment recorded yet</Previous>}
      <SelectField name="skin.grade" label="Skin grade" options={skinGradeOptions} blank="Choose the grade…" hint="0 none, 1 mild, 2 moderate, 3 severe, 4 very severe" />
      {previous.skin ? <Previous>grade {previous.skin.grade} on {previous.skin.date}</Previous> : null}
      <Checklist name="skin.signs" label="Signs seen" options={skinSignOptions} />
      <NumberField name="skin.cdasiActivity" label="CDASI activity (optional)" unit="of 100" hint="0–100; above 14 is moderate to severe" />
      {previous.skin?.cdasi ? <Previous>CDASI activity {previous.skin.cdasi} on {previous.skin.date}</Previous> : null}
      <fieldset className="field group flare-group">
        <legend>Creatine kinase (optional)</legend>
        <NumberField name="ck.value" label="CK" unit="U/L" hint="Leave empty if not measured. Digits only: 1250, not 1,250" />
        {previous.ck ? (
          <Previous>
            CK {previous.ck.value} U/L{previous.ck.timesUln ? ` (${previous.ck.timesUln} × ULN)` : ""} on {previous.ck.date}
          </Previous>
        ) : null}
        <div className="group-fields">
          <NumberField name="ck.referenceRange.low" label="Range low" unit="U/L" />
          <NumberField name="ck.referenceRange.high" label="Range high" unit="U/L" />
        </div>
        <p className="hint">The usual range is filled in; change it to the range the lab printed.</p>
      </fieldset>
      <fieldset className="field group flare-group" aria-describedby="muscle-examination-hint">
        <legend>Muscle examination (optional)</legend>
        <p className="hint" id="muscle-examination-hint">
          Recorded only if something is entered here.
        </p>
        {previous.muscle ? null : <Previous>no muscle examination recorded yet</Previous>}
        <div className="group-fields">
          <NumberField name="muscle.mmt8.score" label="MMT-8 score" hint="Eight groups, Kendall 0–10 each" />
          <SelectField name="muscle.mmt8.scale" label="MMT-8 scale" options={mmt8ScaleOptions} />
        </div>
        {previous.muscle?.mmt8 ? <Previous>MMT-8 {previous.muscle.mmt8.value} on {previous.muscle.mmt8.date}</Previous> : null}
        <NumberField name="muscle.proximalWeaknessMrc" label="Weakest proximal group, MRC grade" unit="of 5" hint="0–5, half grades allowed: 3.5 for 3–4" />
        {previous.muscle?.mrc ? <Previous>MRC {previous.muscle.mrc.value}/5 on {previous.muscle.mrc.date}</Previous> : null}
        <SelectField name="muscle.dysphagia" label="Dysphagia" options={yesNo} blank="Not recorded" />
        {previous.muscle?.dysphagia ? <Previous>dysphagia {previous.muscle.dysphagia.value} on {previous.muscle.dysphagia.date}</Previous> : null}
        <SelectField name="muscle.respiratoryInvolvement" label="Respiratory involvement" options={yesNo} blank="Not recorded" />
        {previous.muscle?.respiratory ? <Previous>respiratory involvement {previous.muscle.respiratory.value} on {previous.muscle.respiratory.date}</Previous> : null}
      </fieldset>
      <TextField name="note.text" label="Note (optional)" long hint="Saved as a note on the same date" />
    </Form>
  );
}
