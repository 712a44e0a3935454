"use client";

import { useEffect, useRef, useState } from "react";
import { formatClinicalDate, nonTargetResponses, recistResponseNames, recistResponses, todayIn } from "@/lib/events";
import { assessResponse, baselineAndNadir, targetLesionProblems, type NonTargetResponse, type PriorAssessment, type TargetLesion } from "@/lib/recist";
import { decodeImaging, lesionField, lesionRows, MAX_LESION_ROWS } from "./decode";
import { Checkbox, ErrorMessage, NumberField, SelectField, TextField, describedBy, fieldId, useFieldErrors, useRefresh } from "./fields";
import { clinicalDateOf, textOf, type FormValues } from "./form-values";

const modalities = ["CT", "PET-CT", "MRI", "X-ray", "ultrasound", "bone scan"].map((m) => ({ value: m, label: m === "ultrasound" || m === "bone scan" ? m.charAt(0).toUpperCase() + m.slice(1) : m }));
const purposes = [
  { value: "response", label: "Tumour response (RECIST 1.1)" },
  { value: "baseline", label: "Baseline staging (later scans are compared with it)" },
  { value: "other", label: "No tumour assessment (for example a muscle MRI)" },
];
const nonTargetLabels: Record<(typeof nonTargetResponses)[number], string> = {
  CR: "CR – all non-target lesions gone, nodes normal",
  "non-CR/non-PD": "Non-CR/non-PD – present, not progressing",
  PD: "PD – unequivocal progression",
  NE: "NE – not evaluated",
};

interface LesionRow {
  key: number;
  organ: string;
  nodal: boolean;
  diameterMm: string;
}

function rowsFrom(values: FormValues): LesionRow[] {
  return lesionRows(values).map((row, key) => ({
    key,
    organ: textOf(values, lesionField(row, "organ")),
    nodal: values[lesionField(row, "nodal")] !== undefined,
    diameterMm: textOf(values, lesionField(row, "diameterMm")),
  }));
}

/** Lesions usable for a sum: every row has an organ and a diameter that is a number. */
function measuredLesions(lesions: unknown): TargetLesion[] | undefined {
  if (!Array.isArray(lesions) || lesions.length === 0) return undefined;
  const complete = lesions.every((l) => l.organ !== "" && typeof l.diameterMm === "number" && Number.isFinite(l.diameterMm) && l.diameterMm >= 0);
  return complete ? (lesions as TargetLesion[]) : undefined;
}

/**
 * The imaging form's RECIST 1.1 part: target lesions, non-target status and new lesions, with the
 * response computed live by lib/recist from this scan and the patient's earlier imaging, and the
 * rule that decided it. Choosing another response asks for the reason.
 */
export function ImagingFields({ priors, initialValues, liveValues }: { priors: PriorAssessment[]; initialValues: FormValues; liveValues: FormValues }) {
  const [rows, setRows] = useState<LesionRow[]>(() => rowsFrom(initialValues));
  const nextKey = useRef(rows.length);
  const refresh = useRefresh();
  const lastFocus = useRef<string | null>(null);

  useEffect(() => {
    refresh();
    if (lastFocus.current) document.getElementById(lastFocus.current)?.focus();
    lastFocus.current = null;
  }, [rows, refresh]);

  const entry = decodeImaging(liveValues);
  const purpose = entry.purpose;
  const date = clinicalDateOf(liveValues, "occurredAt") ?? todayIn();
  const lesions = measuredLesions(entry.payload.targetLesions);
  const typedSum = typeof entry.payload.targetSumMm === "number" && Number.isFinite(entry.payload.targetSumMm) ? entry.payload.targetSumMm : undefined;
  const hasRows = Array.isArray(entry.payload.targetLesions);
  const assessment = assessResponse({
    date,
    targetLesions: lesions,
    targetSumMm: hasRows ? undefined : typedSum,
    nonTargetResponse: entry.payload.nonTargetResponse as NonTargetResponse | undefined,
    newLesions: entry.payload.newLesions === true,
    baseline: purpose === "baseline",
    priorAssessments: priors,
  });
  const reference = baselineAndNadir(priors, date);
  const problems = lesions ? targetLesionProblems(lesions, { atBaseline: purpose === "baseline" || reference.baselineDate === undefined }) : [];
  const choice = textOf(liveValues, "payload.response");
  const overriding = purpose === "response" && choice !== "" && choice !== assessment.response;

  function addRow() {
    const key = nextKey.current++;
    lastFocus.current = fieldId(lesionField(rows.length, "organ"));
    setRows([...rows, { key, organ: "", nodal: false, diameterMm: "" }]);
  }
  function removeRow(index: number) {
    lastFocus.current = rows.length > 1 ? fieldId(lesionField(Math.max(0, index - 1), "organ")) : "add-lesion";
    setRows(rows.filter((_, i) => i !== index));
  }

  return (
    <>
      <SelectField name="payload.modality" label="Modality" options={modalities} blank="Choose…" />
      <SelectField name="assessment" label="What this study assessed" options={purposes} />
      {purpose === "other" ? null : (
        <>
          <fieldset className="field lesions">
            <legend>Target lesions</legend>
            <p className="hint" id="lesions-hint">
              Longest diameter of each lesion; short axis for a lymph node. At most 5 lesions, 2 per organ.
              {rows.length > 0 && purpose === "response" && reference.baselineDate ? " The lesions of the last scan are listed: measure the same ones." : ""}
            </p>
            {rows.map((row, index) => (
              <LesionFields key={row.key} row={row} index={index} onRemove={() => removeRow(index)} />
            ))}
            {rows.length < MAX_LESION_ROWS ? (
              <button type="button" id="add-lesion" className="secondary" onClick={addRow}>
                Add a target lesion
              </button>
            ) : (
              <p className="hint">RECIST 1.1 allows at most 5 target lesions.</p>
            )}
            {rows.length === 0 ? <NumberField name="payload.targetSumMm" label="Sum of diameters as reported (optional)" unit="mm" hint="Only when the lesions are not listed one by one" /> : null}
          </fieldset>
          {purpose === "response" ? (
            <>
              <SelectField name="payload.nonTargetResponse" label="Non-target lesions" blank="Not recorded (counts as not evaluated)" options={nonTargetResponses.map((value) => ({ value, label: nonTargetLabels[value] }))} />
              <Checkbox name="payload.newLesions" label="New lesions seen" hint="Any unequivocal new lesion means progression" />
            </>
          ) : null}
          <ResponsePanel
            purpose={purpose}
            assessment={assessment}
            reference={reference}
            sumMm={lesions ? assessment.targetSumMm : hasRows ? undefined : typedSum}
            problems={problems.map((p) => p.message)}
          />
          {purpose === "response" ? (
            <>
              <SelectField
                name="payload.response"
                label="Response to record"
                blank={`As computed: ${assessment.response} (${recistResponseNames[assessment.response]})`}
                options={recistResponses.map((value) => ({ value, label: `${value} – ${recistResponseNames[value]}${value === assessment.response ? " (as computed)" : " (override)"}` }))}
              />
              <div hidden={!overriding}>
                <TextField name="payload.responseOverrideReason" label="Reason for recording a different response" hint="For example the radiologist's report, or a measurement the form cannot capture" long />
              </div>
            </>
          ) : null}
        </>
      )}
      <TextField name="payload.findings" label="Findings (optional)" long />
    </>
  );
}

function LesionFields({ row, index, onRemove }: { row: LesionRow; index: number; onRemove: () => void }) {
  const organ = lesionField(index, "organ");
  const nodal = lesionField(index, "nodal");
  const diameter = lesionField(index, "diameterMm");
  const organErrors = useFieldErrors(organ);
  const diameterErrors = useFieldErrors(diameter);
  const n = index + 1;
  return (
    <fieldset className="lesion">
      <legend>Target lesion {n}</legend>
      <div className={`field${organErrors.length > 0 ? " has-error" : ""}`}>
        <label htmlFor={fieldId(organ)}>Organ</label>
        <ErrorMessage id={fieldId(organ)} errors={organErrors} />
        <input
          type="text"
          id={fieldId(organ)}
          name={organ}
          defaultValue={row.organ}
          autoComplete="off"
          className="input-medium"
          aria-invalid={organErrors.length > 0 || undefined}
          aria-describedby={describedBy(fieldId(organ), { error: organErrors.length > 0 })}
        />
      </div>
      <div className="checkbox">
        <input type="checkbox" id={fieldId(nodal)} name={nodal} defaultChecked={row.nodal} />
        <label htmlFor={fieldId(nodal)}>Lymph node</label>
      </div>
      <div className={`field${diameterErrors.length > 0 ? " has-error" : ""}`}>
        <label htmlFor={fieldId(diameter)}>Diameter</label>
        <ErrorMessage id={fieldId(diameter)} errors={diameterErrors} />
        <span className="with-unit">
          <input
            type="text"
            inputMode="decimal"
            id={fieldId(diameter)}
            name={diameter}
            defaultValue={row.diameterMm}
            autoComplete="off"
            className="input-number"
            aria-invalid={diameterErrors.length > 0 || undefined}
            aria-describedby={describedBy(fieldId(diameter), { error: diameterErrors.length > 0, unit: true })}
          />
          <span className="unit" id={`${fieldId(diameter)}-unit`}>
            mm
          </span>
        </span>
      </div>
      <button type="button" className="secondary small-button" onClick={onRemove}>
        Remove<span className="visually-hidden"> target lesion {n}</span>
      </button>
    </fieldset>
  );
}

function ResponsePanel({
  purpose,
  assessment,
  reference,
  sumMm,
  problems,
}: {
  purpose: string;
  assessment: ReturnType<typeof assessResponse>;
  reference: ReturnType<typeof baselineAndNadir>;
  sumMm: number | undefined;
  problems: string[];
}) {
  return (
    <section className={`recist-panel response-${assessment.response.toLowerCase()}`} aria-labelledby="recist-heading">
      <h3 id="recist-heading">RECIST 1.1</h3>
      <dl className="recist-facts">
        <div>
          <dt>Sum of diameters</dt>
          <dd>{sumMm === undefined ? "not measured" : `${sumMm} mm`}</dd>
        </div>
        <div>
          <dt>Baseline</dt>
          <dd>
            {purpose === "baseline"
              ? "this scan"
              : reference.baselineDate
                ? `${reference.baselineSumMm === undefined ? "no sum" : `${reference.baselineSumMm} mm`} on ${formatClinicalDate(reference.baselineDate)}`
                : "none earlier"}
          </dd>
        </div>
        {purpose === "baseline" ? null : (
          <div>
            <dt>Nadir</dt>
            <dd>{reference.nadirDate && reference.nadirSumMm !== undefined ? `${reference.nadirSumMm} mm on ${formatClinicalDate(reference.nadirDate)}` : "none earlier"}</dd>
          </div>
        )}
      </dl>
      <output aria-live="polite" className="recist-result" id="recist-result">
        {purpose === "baseline" ? (
          <>Baseline: no response is recorded; later scans are compared with its sum.</>
        ) : (
          <>
            <strong>
              Computed response: {assessment.response} ({recistResponseNames[assessment.response]})
            </strong>
            <span className="recist-rule">{assessment.rule}</span>
          </>
        )}
      </output>
      <input type="hidden" name="computedResponse" value={purpose === "response" ? assessment.response : ""} />
      {problems.length > 0 ? (
        <ul className="recist-problems" aria-label="Target lesion warnings">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
