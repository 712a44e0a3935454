"use client";

import { useEffect, useRef, useState } from "react";
import { formatChanges, formatClinicalDate, imagingRegionNames, imagingRegions, nonTargetResponses, organCodes, organNames, recistResponseNames, recistResponses, todayIn } from "@/lib/events";
import { assessCourse, recistFieldsOf, targetLesionProblems, type CourseScan, type ImagingPayload, type LineStart, type ScanInCourse, type TargetLesion } from "@/lib/recist";
import { decodeImaging, lesionField, lesionRows, MAX_LESION_ROWS } from "./decode";
import { Checkbox, ErrorMessage, NumberField, SelectField, TextField, describedBy, fieldId, useFieldErrors, useRefresh } from "@/app/_components/form";
import { clinicalDateOf, textOf, type FormValues } from "@/app/_components/form/form-values";

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

/** What the form knows of the patient's course: the other scans, the lines of therapy, and what to offer. */
export interface ImagingCourse {
  scans: CourseScan[];
  lines: LineStart[];
  /** The scan being amended, left out of the comparison. */
  editingId?: string;
  /** The line a baseline taken now would be for (the next one, or one started without a baseline). */
  nextLine: number;
  /** A line that started without a baseline scan of its own: the form prompts for one. */
  missingBaseline?: { line: number; date: string; regimen?: string };
}

const organOptions = organCodes.map((code) => ({ value: code, label: organNames[code] }));
const lesionStateOptions = [
  { value: "measured", label: "Measured" },
  { value: "too-small", label: "Present, too small to measure (recorded as 5 mm)" },
  { value: "disappeared", label: "Disappeared (recorded as 0 mm)" },
];

interface LesionRow {
  key: number;
  id: string;
  organ: string;
  organCode: string;
  site: string;
  state: string;
  nodal: boolean;
  diameterMm: string;
}

function rowsFrom(values: FormValues): LesionRow[] {
  return lesionRows(values).map((row, key) => ({
    key,
    id: textOf(values, lesionField(row, "id")),
    organ: textOf(values, lesionField(row, "organ")),
    organCode: textOf(values, lesionField(row, "organCode")),
    site: textOf(values, lesionField(row, "site")),
    state: textOf(values, lesionField(row, "state")),
    nodal: values[lesionField(row, "nodal")] !== undefined,
    diameterMm: textOf(values, lesionField(row, "diameterMm")),
  }));
}

/** Lesions usable for a sum: every row has an organ and a diameter that is a number. */
function measuredLesions(lesions: unknown): TargetLesion[] | undefined {
  if (!Array.isArray(lesions) || lesions.length === 0) return undefined;
  const complete = lesions.every((l) => (l.organ !== "" || l.organCode) && typeof l.diameterMm === "number" && Number.isFinite(l.diameterMm) && l.diameterMm >= 0);
  return complete ? (lesions as TargetLesion[]) : undefined;
}

/**
 * The imaging form's RECIST 1.1 part: target lesions, non-target status and new lesions, with the
 * response computed live by lib/recist from this scan and the patient's earlier imaging, and the
 * rule that decided it. Choosing another response asks for the reason.
 */
export function ImagingFields({ course, initialValues, liveValues }: { course: ImagingCourse; initialValues: FormValues; liveValues: FormValues }) {
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
  // The same engine the server runs: this scan in the patient's course, with lesion identity and lines.
  const candidateId = course.editingId ?? "this-scan";
  const candidate = {
    modality: "CT",
    ...entry.payload,
    targetLesions: hasRows ? lesions : undefined,
    targetSumMm: hasRows ? undefined : typedSum,
    response: undefined,
    responseOverrideReason: undefined,
  } as unknown as ImagingPayload;
  const others = course.scans.filter((scan) => scan.id !== candidateId);
  const inCourse = purpose === "other" ? undefined : assessCourse([...others, { id: candidateId, date, payload: candidate }], course.lines).get(candidateId);
  const computed = recistFieldsOf(inCourse);
  const response = computed.computedResponse ?? "NE";
  const rule = computed.recist?.rule ?? (purpose === "baseline" ? "" : hasRows ? "enter every lesion's organ and diameter" : "target lesions not measured");
  const atBaseline = purpose === "baseline" || inCourse?.role === "baseline";
  const problems = lesions ? targetLesionProblems(lesions, { atBaseline }) : [];
  const choice = textOf(liveValues, "payload.response");
  const overriding = purpose === "response" && choice !== "" && choice !== response;

  function addRow() {
    const key = nextKey.current++;
    lastFocus.current = fieldId(lesionField(rows.length, "organ"));
    setRows([...rows, { key, id: "", organ: "", organCode: "", site: "", state: "", nodal: false, diameterMm: "" }]);
  }
  function removeRow(index: number) {
    lastFocus.current = rows.length > 1 ? fieldId(lesionField(Math.max(0, index - 1), "organ")) : "add-lesion";
    setRows(rows.filter((_, i) => i !== index));
  }

  return (
    <>
      {course.missingBaseline ? (
        <p className="proposal" role="note">
          Line {course.missingBaseline.line}
          {course.missingBaseline.regimen ? ` (${course.missingBaseline.regimen})` : ""} started on {formatClinicalDate(course.missingBaseline.date)} without a baseline scan of its own, so
          later scans cannot be compared. If this scan is its baseline, choose &ldquo;Baseline staging&rdquo; for line {course.missingBaseline.line}; if the scan that showed
          progression is, amend it and tick &ldquo;Also the baseline for line {course.missingBaseline.line}&rdquo;.
        </p>
      ) : null}
      <SelectField name="payload.modality" label="Modality" options={modalities} blank="Choose…" />
      <SelectField
        name="payload.region"
        label="Region covered (optional)"
        hint="Cancer screening counts a CT of thorax, abdomen and pelvis, and a chest study, by their region"
        options={imagingRegions.map((value) => ({ value, label: imagingRegionNames[value] }))}
        blank="Not recorded"
      />
      <SelectField name="assessment" label="What this study assessed" options={purposes} />
      {purpose === "baseline" ? (
        <NumberField name="payload.baselineForLine" label="Baseline for line of therapy (optional)" hint={`For example ${course.nextLine} for the next line; leave empty for the first staging`} />
      ) : null}
      {purpose === "other" ? null : (
        <>
          <fieldset className="field lesions">
            <legend>Target lesions</legend>
            <p className="hint" id="lesions-hint">
              Longest diameter of each lesion; short axis for a lymph node. At most 5 lesions, 2 per organ.
              {rows.length > 0 && purpose === "response" && rows.some((row) => row.id) ? " The baseline's lesions are listed: measure the same ones, each by its id. A lesion seen for the first time is a new lesion, not a target." : ""}
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
              <AlsoBaseline line={course.nextLine} initiallyChecked={initialValues.alsoBaselineForLine !== undefined} />
            </>
          ) : null}
          <ResponsePanel purpose={purpose} response={response} rule={rule} inCourse={inCourse} payload={{ ...candidate, ...computed }} sumMm={lesions ? computed.recist?.targetSumMm : hasRows ? undefined : typedSum} problems={problems.map((p) => p.message)} />
          {purpose === "response" ? (
            <>
              <SelectField
                name="payload.response"
                label="Response to record"
                blank={`As computed: ${response} (${recistResponseNames[response]})`}
                options={recistResponses.map((value) => ({ value, label: `${value} – ${recistResponseNames[value]}${value === response ? " (as computed)" : " (override)"}` }))}
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

/** "Also the baseline for line N": the scan that showed progression can open the next line. */
function AlsoBaseline({ line, initiallyChecked }: { line: number; initiallyChecked: boolean }) {
  const id = fieldId("alsoBaselineForLine");
  return (
    <div className="checkbox">
      <input type="checkbox" id={id} name="alsoBaselineForLine" value={line} defaultChecked={initiallyChecked} aria-describedby={`${id}-hint`} />
      <label htmlFor={id}>Also the baseline for line {line}</label>
      <p className="hint" id={`${id}-hint`}>
        Tick on the scan that showed progression when the next line of therapy starts from it: later scans are then compared with this one.
      </p>
    </div>
  );
}

function LesionFields({ row, index, onRemove }: { row: LesionRow; index: number; onRemove: () => void }) {
  const organ = lesionField(index, "organCode");
  const site = lesionField(index, "site");
  const state = lesionField(index, "state");
  const nodal = lesionField(index, "nodal");
  const diameter = lesionField(index, "diameterMm");
  const organErrors = [...useFieldErrors(organ), ...useFieldErrors(lesionField(index, "organ"))];
  const diameterErrors = useFieldErrors(diameter);
  const name = row.id || String(index + 1);
  return (
    <fieldset className="lesion">
      <legend>Target lesion {name}</legend>
      {row.id ? <input type="hidden" name={lesionField(index, "id")} value={row.id} /> : null}
      {row.organ && !row.organCode ? <input type="hidden" name={lesionField(index, "organ")} value={row.organ} /> : null}
      <div className={`field${organErrors.length > 0 ? " has-error" : ""}`}>
        <label htmlFor={fieldId(organ)}>Organ</label>
        <ErrorMessage id={fieldId(organ)} errors={organErrors} />
        <select
          id={fieldId(organ)}
          name={organ}
          defaultValue={row.organCode}
          aria-invalid={organErrors.length > 0 || undefined}
          aria-describedby={describedBy(fieldId(organ), { error: organErrors.length > 0 })}
        >
          <option value="">{row.organ ? `As written: ${row.organ}` : "Choose…"}</option>
          {organOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={fieldId(site)}>Site (optional)</label>
        <input type="text" id={fieldId(site)} name={site} defaultValue={row.site} autoComplete="off" className="input-medium" />
      </div>
      <div className="checkbox">
        <input type="checkbox" id={fieldId(nodal)} name={nodal} defaultChecked={row.nodal} />
        <label htmlFor={fieldId(nodal)}>Lymph node (short axis)</label>
      </div>
      <div className="field">
        <label htmlFor={fieldId(state)}>Reading</label>
        <select id={fieldId(state)} name={state} defaultValue={row.state || "measured"}>
          {lesionStateOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
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
        Remove<span className="visually-hidden"> target lesion {name}</span>
      </button>
    </fieldset>
  );
}

function ResponsePanel({
  purpose,
  response,
  rule,
  inCourse,
  payload,
  sumMm,
  problems,
}: {
  purpose: string;
  response: string;
  rule: string;
  inCourse: ScanInCourse | undefined;
  payload: ImagingPayload;
  sumMm: number | undefined;
  problems: string[];
}) {
  const recist = payload.recist;
  const isBaseline = purpose === "baseline" || inCourse?.role === "baseline";
  const changes = formatChanges(payload);
  return (
    <section className={`recist-panel response-${response.toLowerCase()}`} aria-labelledby="recist-heading">
      <h3 id="recist-heading">RECIST 1.1</h3>
      <dl className="recist-facts">
        <div>
          <dt>Sum of diameters</dt>
          <dd>{sumMm === undefined ? "not measured" : `${sumMm} mm`}</dd>
        </div>
        <div>
          <dt>Baseline</dt>
          <dd>
            {isBaseline
              ? `this scan${inCourse?.line !== undefined ? ` (line ${inCourse.line})` : ""}`
              : recist?.baselineDate
                ? `${recist.baselineSumMm === undefined ? "no sum" : `${recist.baselineSumMm} mm`} on ${formatClinicalDate(recist.baselineDate)}${recist.line !== undefined ? ` (line ${recist.line})` : ""}`
                : "none earlier"}
          </dd>
        </div>
        {isBaseline ? null : (
          <div>
            <dt>Nadir</dt>
            <dd>{recist?.nadirDate && recist.nadirSumMm !== undefined ? `${recist.nadirSumMm} mm on ${formatClinicalDate(recist.nadirDate)}` : "none earlier"}</dd>
          </div>
        )}
        {isBaseline || !changes ? null : (
          <div>
            <dt>Change</dt>
            <dd>{changes}</dd>
          </div>
        )}
      </dl>
      <output aria-live="polite" className="recist-result" id="recist-result">
        {isBaseline ? (
          <>Baseline: no response is recorded; later scans are compared with its sum.</>
        ) : (
          <>
            <strong>
              Computed response: {response} ({recistResponseNames[response as keyof typeof recistResponseNames]})
            </strong>
            <span className="recist-rule">{rule.endsWith(`: ${response}`) || !rule ? rule : `${rule}: ${response}`}</span>
            {recist?.matches?.length ? (
              <span className="recist-rule">Matched to the baseline: {recist.matches.join("; ")}</span>
            ) : null}
          </>
        )}
      </output>
      <input type="hidden" name="computedResponse" value={purpose === "response" ? response : ""} />
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
