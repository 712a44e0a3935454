import {
  changeReason,
  enteredInErrorInput,
  eventInput,
  fieldErrorsOf,
  flareLog,
  flareLogEvents,
  muscleAssessment,
  note,
  organCodes,
  organNames,
  recistResponses,
  tooSmallToMeasureMm,
  type EventInput,
  type LesionState,
  type OrganCode,
  type EventKind,
  type FieldErrors,
  type RecistResponse,
  type TimelineEvent,
} from "@/lib/events";
import { organCodeOf, responseOverrideProblem, targetLesionSum } from "@/lib/recist";
import { z } from "zod";
import { kindForms, leavesOf, type LeafSpec, type Option } from "./event-fields";
import {
  checkedOf,
  clinicalDateOf,
  clinicalDateValues,
  getPath,
  listOf,
  numberErrors,
  numberOf,
  optionalText,
  setPath,
  textOf,
  yesNoOf,
  type FormValues,
} from "@/app/_components/form/form-values";

/**
 * From what was typed to the schema's input shape, and back. The same functions run in the browser
 * (checking before sending) and in the server action (checking what arrived), with the same schemas.
 */
export type { Validation } from "@/app/_components/form/form";
import type { Validation } from "@/app/_components/form/form";

/** A value "entered" by the clinician (as opposed to a select's default), which keeps its group. */
function entered(spec: LeafSpec, value: unknown): boolean {
  return value !== undefined && (spec.type !== "select" || spec.optional === true);
}

function leafValue(spec: LeafSpec, values: FormValues): unknown {
  switch (spec.type) {
    case "text":
      return optionalText(values, spec.name);
    case "number":
      return numberOf(values, spec.name);
    case "select": {
      const value = optionalText(values, spec.name);
      return value !== undefined && spec.numeric ? Number(value) : value;
    }
    case "yesno":
      return yesNoOf(values, spec.name);
    case "checkbox":
      return checkedOf(values, spec.name);
    case "checklist": {
      const list = listOf(values, spec.name);
      return list.length > 0 ? list : undefined;
    }
  }
}

/** The payload of a kind declared in kindForms. An optional group (a dose) with nothing typed in it is left out. */
function decodePayload(kind: Exclude<EventKind, "imaging">, values: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const leaves = leavesOf(kindForms[kind].fields);
  const keep = new Set<string>();
  for (const spec of leaves) {
    const value = leafValue(spec, values);
    setPath(input, spec.name, value);
    if (entered(spec, value)) keep.add(spec.name.split(".").slice(0, -1).join("."));
  }
  for (const spec of leaves) {
    const group = spec.name.split(".").slice(0, -1).join(".");
    if (group !== "payload" && !keep.has(group)) deletePath(input, group);
  }
  return (input.payload as Record<string, unknown>) ?? {};
}

function deletePath(target: Record<string, unknown>, path: string): void {
  const keys = path.split(".");
  const parent = getPath(target, keys.slice(0, -1).join(".")) as Record<string, unknown> | undefined;
  if (parent) delete parent[keys[keys.length - 1]];
}

/* ------------------------------------------------------------------------------------------------ */
/* Imaging: the RECIST part has its own fields (lesion rows, what the study assessed, the override).  */

export const imagingPurposes = ["response", "baseline", "other"] as const;
export type ImagingPurpose = (typeof imagingPurposes)[number];
export const MAX_LESION_ROWS = 5;
type LesionFieldName = "id" | "organ" | "organCode" | "site" | "nodal" | "state" | "diameterMm";
const lesionField = (row: number, field: LesionFieldName) => `payload.targetLesions.${row}.${field}`;
/** "too-small" and "disappeared" carry their RECIST 1.1 size (5 mm, 0 mm), whatever was typed. */
const stateSizes: Partial<Record<LesionState, number>> = { "too-small": tooSmallToMeasureMm, disappeared: 0 };
export { lesionField };

/** Row numbers of the lesion rows present in the form (rows may have been removed in between). */
export function lesionRows(values: FormValues): number[] {
  const rows = new Set<number>();
  for (const name of Object.keys(values)) {
    const match = /^payload\.targetLesions\.(\d+)\./.exec(name);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

export interface ImagingEntry {
  purpose: ImagingPurpose;
  payload: Record<string, unknown>;
  /** The response the app computed from the measurements, as the form showed it. */
  computedResponse?: RecistResponse;
  /** The response the clinician chose instead of the computed one, if any. */
  overriddenWith?: RecistResponse;
}

function asResponse(value: string | undefined): RecistResponse | undefined {
  return value !== undefined && (recistResponses as readonly string[]).includes(value) ? (value as RecistResponse) : undefined;
}

export function decodeImaging(values: FormValues): ImagingEntry {
  const purpose = (imagingPurposes as readonly string[]).includes(textOf(values, "assessment")) ? (textOf(values, "assessment") as ImagingPurpose) : "response";
  const payload: Record<string, unknown> = {
    modality: optionalText(values, "payload.modality"),
    ...(optionalText(values, "payload.region") ? { region: optionalText(values, "payload.region") } : {}),
    findings: optionalText(values, "payload.findings"),
  };
  if (purpose === "other") return { purpose, payload };

  // Rows are renumbered so that a removed row leaves no gap, and error paths match the rows shown.
  // A row counts once anything but its id and nodal flag was entered.
  const typed = lesionRows(values).filter((row) =>
    (["organ", "organCode", "site", "diameterMm", "state"] as const).some((field) => textOf(values, lesionField(row, field)) !== "" && !(field === "state" && textOf(values, lesionField(row, field)) === "measured")),
  );
  const lesions = typed.map((row, index) => {
    const organCode = optionalText(values, lesionField(row, "organCode"));
    const written = textOf(values, lesionField(row, "organ"));
    const state = optionalText(values, lesionField(row, "state")) as LesionState | undefined;
    const code = (organCodes as readonly string[]).includes(organCode ?? "") ? (organCode as OrganCode) : undefined;
    return {
      // Baseline lesions get their ids here (T1, T2, …); later scans carry the id of the lesion they measure.
      id: optionalText(values, lesionField(row, "id")) ?? (purpose === "baseline" ? `T${index + 1}` : undefined),
      organ: code && code !== "other" ? organNames[code] : written,
      ...(code ? { organCode: code } : {}),
      ...(optionalText(values, lesionField(row, "site")) ? { site: optionalText(values, lesionField(row, "site")) } : {}),
      nodal: checkedOf(values, lesionField(row, "nodal")) === true || code === "lymph-node",
      ...(state && state !== "measured" ? { state } : {}),
      diameterMm: state && stateSizes[state] !== undefined ? stateSizes[state] : numberOf(values, lesionField(row, "diameterMm")),
    };
  });
  if (lesions.length > 0) {
    payload.targetLesions = lesions;
    if (lesions.every((lesion) => lesion.diameterMm !== undefined && Number.isFinite(lesion.diameterMm) && lesion.diameterMm >= 0)) {
      payload.targetSumMm = targetLesionSum(lesions as { organ: string; nodal: boolean; diameterMm: number }[]);
    }
  } else {
    payload.targetSumMm = numberOf(values, "payload.targetSumMm");
  }
  const line = numberOf(values, "payload.baselineForLine");
  if (purpose === "baseline") return { purpose, payload: { ...payload, baseline: true, ...(line !== undefined ? { baselineForLine: line } : {}) } };
  // The scan that showed progression can also be the baseline of the next line.
  const alsoBaseline = numberOf(values, "alsoBaselineForLine");
  if (alsoBaseline !== undefined) Object.assign(payload, { baseline: true, baselineForLine: alsoBaseline });

  payload.nonTargetResponse = optionalText(values, "payload.nonTargetResponse");
  payload.newLesions = checkedOf(values, "payload.newLesions") === true;
  const computedResponse = asResponse(optionalText(values, "computedResponse"));
  const chosen = optionalText(values, "payload.response");
  const overriddenWith = chosen !== undefined && chosen !== computedResponse ? (asResponse(chosen) ?? (chosen as RecistResponse)) : undefined;
  payload.response = overriddenWith ?? computedResponse;
  if (overriddenWith) payload.responseOverrideReason = optionalText(values, "payload.responseOverrideReason");
  return { purpose, payload, computedResponse, overriddenWith };
}

function encodeImaging(payload: Extract<TimelineEvent, { kind: "imaging" }>["payload"]): FormValues {
  const values: FormValues = { "payload.modality": payload.modality };
  if (payload.region) values["payload.region"] = payload.region;
  if (payload.findings) values["payload.findings"] = payload.findings;
  const lesions = payload.targetLesions ?? [];
  values.assessment = payload.baseline ? "baseline" : payload.response !== undefined || lesions.length > 0 ? "response" : "other";
  lesions.forEach((lesion, row) => {
    if (lesion.id) values[lesionField(row, "id")] = lesion.id;
    values[lesionField(row, "organ")] = lesion.organ;
    const code = lesion.organCode ?? organCodeOf(lesion);
    if (code) values[lesionField(row, "organCode")] = code;
    // An older free-text organ ("right adrenal") keeps its words as the site.
    const site = lesion.site ?? (code && lesion.organ.trim().toLowerCase() !== organNames[code].toLowerCase() ? lesion.organ : undefined);
    if (site) values[lesionField(row, "site")] = site;
    if (lesion.state) values[lesionField(row, "state")] = lesion.state;
    values[lesionField(row, "diameterMm")] = String(lesion.diameterMm);
    if (lesion.nodal) values[lesionField(row, "nodal")] = "on";
  });
  if (payload.baseline && payload.baselineForLine !== undefined && (payload.response !== undefined || payload.computedResponse !== undefined)) {
    values.assessment = "response";
    values.alsoBaselineForLine = String(payload.baselineForLine);
  } else if (payload.baselineForLine !== undefined) {
    values["payload.baselineForLine"] = String(payload.baselineForLine);
  }
  if (lesions.length === 0 && payload.targetSumMm !== undefined) values["payload.targetSumMm"] = String(payload.targetSumMm);
  if (payload.nonTargetResponse) values["payload.nonTargetResponse"] = payload.nonTargetResponse;
  if (payload.newLesions) values["payload.newLesions"] = "on";
  // A response recorded with an override reason stays an override; otherwise the form recomputes it.
  if (payload.responseOverrideReason && payload.response) {
    values["payload.response"] = payload.response;
    values["payload.responseOverrideReason"] = payload.responseOverrideReason;
  }
  return values;
}

/* ------------------------------------------------------------------------------------------------ */

/** The event as typed, in the shape eventInput parses (not yet validated). */
export function decodeEvent(kind: EventKind, values: FormValues): Record<string, unknown> {
  const payload = kind === "imaging" ? decodeImaging(values).payload : decodePayload(kind, values);
  const span = kind !== "imaging" && kindForms[kind].span;
  return {
    kind,
    occurredAt: clinicalDateOf(values, "occurredAt"),
    ...(span ? { endedAt: clinicalDateOf(values, "endedAt") } : {}),
    payload,
  };
}

/** The fields of a kind's form that hold numbers, by name. */
function numberFields(kind: EventKind, values: FormValues): string[] {
  if (kind !== "imaging") return leavesOf(kindForms[kind].fields).flatMap((spec) => (spec.type === "number" ? [spec.name] : []));
  return [...lesionRows(values).map((row) => lesionField(row, "diameterMm")), "payload.targetSumMm", "payload.baselineForLine", "alsoBaselineForLine"];
}

export function validateEvent(kind: EventKind, values: FormValues): Validation<EventInput> {
  const parsed = eventInput.safeParse(decodeEvent(kind, values));
  // A refused number ("1,250") is named by the number reader, in place of the schema's "Enter … as a number".
  const fieldErrors: FieldErrors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...numberErrors(values, numberFields(kind, values)) };
  if (kind === "imaging") {
    const { computedResponse, overriddenWith, payload } = decodeImaging(values);
    const problem = computedResponse && overriddenWith ? responseOverrideProblem(computedResponse, overriddenWith, payload.responseOverrideReason as string | undefined) : undefined;
    if (problem) (fieldErrors["payload.responseOverrideReason"] ??= []).push(problem);
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, data: parsed.data };
}

/** An amendment as the form sends it: the event, the version the clinician saw, and why it changed. */
export function validateAmendment(kind: EventKind, values: FormValues): Validation<{ expectedVersion: number; event: EventInput; reason: string }> {
  const event = validateEvent(kind, values);
  const reason = changeReason.safeParse(textOf(values, "reason"));
  const fieldErrors: FieldErrors = event.ok ? {} : { ...event.fieldErrors };
  if (!reason.success) fieldErrors.reason = reason.error.issues.map((issue) => issue.message);
  if (!event.ok || !reason.success) return { ok: false, fieldErrors };
  return { ok: true, data: { expectedVersion: Number(textOf(values, "expectedVersion")), event: event.data, reason: reason.data } };
}

export function validateEnteredInError(values: FormValues): Validation<{ expectedVersion: number; reason: string }> {
  const parsed = enteredInErrorInput.safeParse({ expectedVersion: Number(textOf(values, "expectedVersion")), reason: textOf(values, "reason") });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}

/** A stored event as form values, to amend it. */
export function encodeEvent(event: TimelineEvent): FormValues {
  const values: FormValues = { ...clinicalDateValues("occurredAt", event.occurredAt), ...clinicalDateValues("endedAt", event.endedAt) };
  if (event.kind === "imaging") return { ...values, ...encodeImaging(event.payload) };
  for (const spec of leavesOf(kindForms[event.kind].fields)) {
    const value = getPath(event, spec.name);
    if (value === undefined || value === null) continue;
    if (spec.type === "checklist") values[spec.name] = (value as string[]).map(String);
    else if (spec.type === "checkbox") {
      if (value === true) values[spec.name] = "on";
    } else if (spec.type === "yesno") values[spec.name] = value ? "yes" : "no";
    else values[spec.name] = String(value);
  }
  return values;
}

/* ------------------------------------------------------------------------------------------------ */
/* The quick flare log: a skin assessment, a CK only when a result was typed, the muscle examination  */
/* only when one of its findings was entered, and a note only when one was written.                    */

/** The MMT-8 scales the schema accepts (0–80 unilateral, 0–150 bilateral), in the schema's order. */
export const mmt8Scales: readonly number[] = muscleAssessment.shape.mmt8.unwrap().shape.scale.options.map((option) => option.value);
const mmt8ScaleLabels: Record<number, string> = { 80: "unilateral", 150: "bilateral" };
export const mmt8ScaleOptions: Option[] = mmt8Scales.map((scale) => ({ value: String(scale), label: `of ${scale}${mmt8ScaleLabels[scale] ? ` (${mmt8ScaleLabels[scale]})` : ""}` }));

/** A flare as the form records it: the flare log, and optionally the muscle examination and a note, on the same day. */
export const flareEntry = flareLog.extend({ muscle: muscleAssessment.optional(), note: note.optional() });
export type FlareEntry = z.infer<typeof flareEntry>;

/** The muscle examination's fields: entering any of them (the scale alone does not count) records it. */
export const muscleFieldNames = ["muscle.mmt8.score", "muscle.mmt8.scale", "muscle.proximalWeaknessMrc", "muscle.dysphagia", "muscle.respiratoryInvolvement"] as const;

function decodeMuscle(values: FormValues): Record<string, unknown> | undefined {
  const scoreTyped = textOf(values, "muscle.mmt8.score") !== "";
  const scale = optionalText(values, "muscle.mmt8.scale");
  const mrcTyped = textOf(values, "muscle.proximalWeaknessMrc") !== "";
  const dysphagia = yesNoOf(values, "muscle.dysphagia");
  const respiratoryInvolvement = yesNoOf(values, "muscle.respiratoryInvolvement");
  if (!scoreTyped && !mrcTyped && dysphagia === undefined && respiratoryInvolvement === undefined) return undefined;
  return {
    ...(scoreTyped ? { mmt8: { score: numberOf(values, "muscle.mmt8.score"), scale: scale === undefined ? undefined : Number(scale) } } : {}),
    ...(mrcTyped ? { proximalWeaknessMrc: numberOf(values, "muscle.proximalWeaknessMrc") } : {}),
    ...(dysphagia !== undefined ? { dysphagia } : {}),
    ...(respiratoryInvolvement !== undefined ? { respiratoryInvolvement } : {}),
  };
}

export function decodeFlare(values: FormValues): Record<string, unknown> {
  const grade = optionalText(values, "skin.grade");
  const signs = listOf(values, "skin.signs");
  const ckValue = textOf(values, "ck.value");
  const low = numberOf(values, "ck.referenceRange.low");
  const high = numberOf(values, "ck.referenceRange.high");
  const muscle = decodeMuscle(values);
  // The note keeps its line breaks; only a note of nothing but spaces counts as no note.
  const noteText = textOf(values, "note.text");
  return {
    occurredAt: clinicalDateOf(values, "occurredAt"),
    skin: { grade: grade === undefined ? undefined : Number(grade), signs, cdasiActivity: numberOf(values, "skin.cdasiActivity") },
    ck:
      ckValue === ""
        ? undefined
        : {
            analyte: "ck",
            unit: "U/L",
            value: numberOf(values, "ck.value"),
            ...(low === undefined && high === undefined ? {} : { referenceRange: { low, high } }),
          },
    ...(muscle ? { muscle } : {}),
    ...(noteText !== "" ? { note: { text: noteText } } : {}),
  };
}

export const flareNumberFields = ["skin.cdasiActivity", "ck.value", "ck.referenceRange.low", "ck.referenceRange.high", "muscle.mmt8.score", "muscle.proximalWeaknessMrc"] as const;

export function validateFlare(values: FormValues): Validation<FlareEntry> {
  const parsed = flareEntry.safeParse(decodeFlare(values));
  const fieldErrors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...numberErrors(values, flareNumberFields) };
  return Object.keys(fieldErrors).length === 0 && parsed.success ? { ok: true, data: parsed.data } : { ok: false, fieldErrors };
}

/**
 * The events one flare records, in one service call (one transaction): the skin assessment first, then
 * the CK, the muscle examination and the note when given, all on the flare's date. `fields` names the
 * form fields of each event (the service names its errors "1.payload.value": they go back to "ck.value").
 */
export function flareEntryEvents(entry: FlareEntry): { events: EventInput[]; fields: string[] } {
  const { muscle, note: written, ...flare } = entry;
  const events = flareLogEvents(flare);
  const fields: string[] = events.map((event) => (event.kind === "lab_result" ? "ck" : "skin"));
  if (muscle) {
    events.push({ kind: "muscle_assessment", occurredAt: entry.occurredAt, payload: muscle });
    fields.push("muscle");
  }
  if (written) {
    events.push({ kind: "note", occurredAt: entry.occurredAt, payload: written });
    fields.push("note");
  }
  return { events, fields };
}
