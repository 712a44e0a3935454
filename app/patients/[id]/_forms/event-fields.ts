import {
  analyteCodes,
  analytes,
  antibodyNames,
  myositisAntibodies,
  payloadSchemas,
  screeningProcedureNames,
  screeningProcedures,
  skinGradeNames,
  skinSignNames,
  skinSigns,
  unitLabel,
  type EventKind,
} from "@/lib/events";

/**
 * The fields of each event kind's form, declared once: the same list draws the form, reads what was
 * typed into the kind's input shape, and fills the form again from a stored event to amend it.
 * Names are the schema's paths, so zod's messages land next to the field they are about.
 */
export type { Option } from "@/app/_components/form/fields";
import type { Option } from "@/app/_components/form/fields";

interface Common {
  name: string;
  label: string;
  hint?: string;
}
export type LeafSpec =
  | (Common & { type: "text"; long?: boolean; optional?: boolean; autoComplete?: string })
  | (Common & { type: "number"; unit?: string; optional?: boolean })
  | (Common & {
      type: "select";
      options: readonly Option[];
      numeric?: boolean;
      /** Offers "Not recorded" first. */
      optional?: boolean;
      /** Starts on the first option (a unit) instead of asking the clinician to choose. */
      preselected?: boolean;
    })
  | (Common & { type: "yesno" })
  | (Common & { type: "checkbox" })
  | (Common & { type: "checklist"; options: readonly Option[] });
export type FieldSpec = LeafSpec | { type: "group"; legend: string; hint?: string; fields: LeafSpec[] };

export interface KindForm {
  fields: FieldSpec[];
  /** Kinds that last: radiotherapy courses, medications, admissions have an end date. */
  span?: boolean;
}

const options = <V extends string>(values: readonly V[], label: (value: V) => string = (v) => v): Option[] => values.map((value) => ({ value, label: label(value) }));
/**
 * A select's options: the values are the schema's own (zod's `.options`, in its order), the form holds
 * only their labels. A value added to the schema is a type error here until it is labelled.
 */
const labelled = <V extends string | number>(values: readonly V[], labels: Record<V, string>): Option[] => values.map((value) => ({ value: String(value), label: labels[value] }));
/** The same values with `first` moved to the front (a select marked `preselected` starts on it). */
const startingOn = <V,>(values: readonly V[], first: V): V[] => [first, ...values.filter((value) => value !== first)];

const { treatment_cycle, radiotherapy, muscle_assessment, lab_result, medication, diagnosis, antibody_result } = payloadSchemas;
const intentLabels = { palliative: "Palliative", curative: "Curative", prophylactic: "Prophylactic" } as const;

export const skinGradeOptions: Option[] = skinGradeNames.map((name, grade) => ({ value: String(grade), label: `${grade} – ${name}` }));
export const skinSignOptions: Option[] = labelled(skinSigns, skinSignNames);
export const analyteOptions: Option[] = options(analyteCodes, (code) => analytes[code].name);
export const comparatorOptions: Option[] = labelled(lab_result.shape.comparator.unwrap().options, { "<": "< (below)", "<=": "≤ (at most)", ">": "> (above)", ">=": "≥ (at least)" });
const labUnits = [...new Set(analyteCodes.flatMap((code) => analytes[code].units as readonly string[]))];
export const labUnitOptions: Option[] = options(labUnits, unitLabel);
const ctcaeGrades = ["mild", "moderate", "severe or medically significant", "life-threatening", "death"];

export const kindForms: Record<Exclude<EventKind, "imaging">, KindForm> = {
  treatment_cycle: {
    fields: [
      { type: "text", name: "payload.regimen", label: "Regimen", hint: "For example doxorubicin, trabectedin" },
      { type: "number", name: "payload.lineOfTherapy", label: "Line of therapy", hint: "A new regimen after progression starts a new line" },
      { type: "number", name: "payload.cycleNumber", label: "Cycle number", hint: "Counted within the line" },
      {
        type: "group",
        legend: "Dose given (optional)",
        fields: [
          { type: "number", name: "payload.dose.value", label: "Dose", optional: true },
          { type: "select", name: "payload.dose.unit", label: "Dose unit", preselected: true, options: labelled(treatment_cycle.shape.dose.unwrap().shape.unit.options, { "mg/m2": "mg/m²", mg: "mg", "mg/kg": "mg/kg", AUC: "AUC (mg/mL·min)" }) },
        ],
      },
      { type: "number", name: "payload.doseChangePercent", label: "Dose change (optional)", unit: "%", optional: true, hint: "Negative for a reduction, e.g. −25" },
      { type: "text", name: "payload.doseChangeReason", label: "Reason for the dose change (optional)", optional: true, hint: "For example febrile neutropenia after cycle 2" },
      { type: "select", name: "payload.intent", label: "Intent (optional)", optional: true, options: labelled(treatment_cycle.shape.intent.unwrap().options, intentLabels) },
    ],
  },
  procedure: {
    fields: [
      { type: "text", name: "payload.name", label: "Procedure", hint: "For example prophylactic femoral stabilisation" },
      { type: "text", name: "payload.site", label: "Site (optional)", optional: true },
      {
        type: "select",
        name: "payload.screening",
        label: "Cancer screening (optional)",
        optional: true,
        options: labelled(screeningProcedures, screeningProcedureNames),
        hint: "When this procedure was part of cancer screening (endoscopy, national screening, history and examination)",
      },
      { type: "text", name: "payload.notes", label: "Notes (optional)", optional: true, long: true },
    ],
  },
  radiotherapy: {
    span: true,
    fields: [
      { type: "text", name: "payload.site", label: "Site", hint: "For example left femur" },
      { type: "number", name: "payload.totalDoseGy", label: "Total dose (optional)", unit: "Gy", optional: true },
      { type: "number", name: "payload.fractions", label: "Fractions (optional)", unit: "fractions", optional: true },
      { type: "select", name: "payload.intent", label: "Intent (optional)", optional: true, options: labelled(radiotherapy.shape.intent.unwrap().options, intentLabels) },
    ],
  },
  skin_assessment: {
    fields: [
      { type: "select", name: "payload.grade", label: "Skin grade", numeric: true, options: skinGradeOptions, hint: "0 none to 4 very severe" },
      { type: "checklist", name: "payload.signs", label: "Signs seen", options: skinSignOptions },
      { type: "number", name: "payload.cdasiActivity", label: "CDASI activity (optional)", unit: "of 100", optional: true, hint: "0–100; ≤ 14 mild, > 14 moderate to severe" },
      { type: "number", name: "payload.cdasiDamage", label: "CDASI damage (optional)", unit: "of 32", optional: true, hint: "0–32" },
    ],
  },
  muscle_assessment: {
    fields: [
      {
        type: "group",
        legend: "MMT-8 (optional)",
        hint: "Eight muscle groups, Kendall 0–10 each",
        fields: [
          { type: "number", name: "payload.mmt8.score", label: "MMT-8 score", optional: true },
          {
            type: "select",
            name: "payload.mmt8.scale",
            label: "MMT-8 scale",
            preselected: true,
            numeric: true,
            // This form starts on the bilateral scale; the flare log keeps the schema's order (decode.ts).
            options: labelled(
              startingOn(
                muscle_assessment.shape.mmt8.unwrap().shape.scale.options.map((scale) => scale.value),
                150,
              ),
              { 150: "of 150 (bilateral)", 80: "of 80 (unilateral)" },
            ),
          },
        ],
      },
      { type: "number", name: "payload.proximalWeaknessMrc", label: "Weakest proximal group, MRC grade (optional)", unit: "of 5", optional: true, hint: "0–5, half grades allowed: 3.5 for 3–4" },
      { type: "yesno", name: "payload.dysphagia", label: "Dysphagia" },
      { type: "yesno", name: "payload.respiratoryInvolvement", label: "Respiratory involvement" },
    ],
  },
  lab_result: {
    fields: [
      { type: "select", name: "payload.analyte", label: "Test", options: analyteOptions },
      { type: "select", name: "payload.comparator", label: "Printed with a sign (optional)", optional: true, options: comparatorOptions, hint: "For a result printed as “< 4”, choose < and enter 4" },
      { type: "number", name: "payload.value", label: "Result" },
      { type: "select", name: "payload.unit", label: "Unit", preselected: true, options: labUnitOptions },
      {
        type: "group",
        legend: "Reference range as printed by the lab",
        hint: "Leave a limit empty if the lab printed none, as in “< 5”",
        fields: [
          { type: "number", name: "payload.referenceRange.low", label: "Low limit", optional: true },
          { type: "number", name: "payload.referenceRange.high", label: "High limit", optional: true },
        ],
      },
    ],
  },
  medication: {
    span: true,
    fields: [
      { type: "text", name: "payload.drug", label: "Drug", hint: "For example prednisolone, clobetasol propionate cream" },
      { type: "select", name: "payload.role", label: "Role", options: labelled(medication.shape.role.options, { immunosuppression: "Immunosuppression", supportive: "Supportive" }) },
      {
        type: "group",
        legend: "Dose (optional)",
        fields: [
          { type: "number", name: "payload.dose.value", label: "Dose", optional: true },
          { type: "select", name: "payload.dose.unit", label: "Dose unit", preselected: true, options: labelled(medication.shape.dose.unwrap().shape.unit.options, { "mg/day": "mg/day", "mg/week": "mg/week", mg: "mg", g: "g", "g/kg": "g/kg" }) },
        ],
      },
      { type: "text", name: "payload.strength", label: "Strength (optional)", optional: true, hint: "For topical preparations, e.g. 0.05%" },
      { type: "select", name: "payload.route", label: "Route", options: labelled(medication.shape.route.options, { oral: "Oral", topical: "Topical", IV: "IV", SC: "SC", IM: "IM" }) },
      { type: "checkbox", name: "payload.tapering", label: "Dose tapering" },
      { type: "text", name: "payload.indication", label: "Indication (optional)", optional: true },
    ],
  },
  diagnosis: {
    fields: [
      { type: "select", name: "payload.role", label: "What was diagnosed", options: labelled(diagnosis.shape.role.options, { cancer: "Cancer", dermatomyositis: "Dermatomyositis", progression: "Progression of the cancer", other: "Other" }) },
      { type: "text", name: "payload.name", label: "Diagnosis", hint: "For example leiomyosarcoma, grade 2" },
      { type: "text", name: "payload.stage", label: "Stage (optional)", optional: true },
      {
        type: "checklist",
        name: "payload.criteria",
        label: "Bohan and Peter criteria met (dermatomyositis)",
        options: labelled(diagnosis.shape.criteria.unwrap().element.options, {
          rash: "Typical rash",
          "proximal-weakness": "Symmetric proximal weakness",
          "raised-enzymes": "Raised muscle enzymes",
          "myopathic-emg": "Myopathic EMG",
          biopsy: "Muscle biopsy",
        }),
      },
    ],
  },
  antibody_result: {
    fields: [
      { type: "select", name: "payload.antibody", label: "Antibody", options: labelled(myositisAntibodies, antibodyNames) },
      { type: "select", name: "payload.result", label: "Result", options: labelled(antibody_result.shape.result.options, { positive: "Positive", negative: "Negative", equivocal: "Equivocal" }) },
      { type: "text", name: "payload.titre", label: "Titre (optional)", optional: true, hint: "For example 1:160" },
    ],
  },
  adverse_event: {
    fields: [
      { type: "text", name: "payload.term", label: "CTCAE term", hint: "For example febrile neutropenia" },
      { type: "select", name: "payload.grade", label: "CTCAE grade", numeric: true, options: ctcaeGrades.map((name, i) => ({ value: String(i + 1), label: `${i + 1} – ${name}` })) },
      { type: "text", name: "payload.relatedTo", label: "Suspected cause (optional)", optional: true },
    ],
  },
  admission: {
    span: true,
    fields: [
      { type: "text", name: "payload.reason", label: "Reason for admission", long: true },
      { type: "text", name: "payload.ward", label: "Ward (optional)", optional: true },
    ],
  },
  note: {
    fields: [{ type: "text", name: "payload.text", label: "Note", long: true }],
  },
};

export function leavesOf(fields: readonly FieldSpec[]): LeafSpec[] {
  return fields.flatMap((field) => (field.type === "group" ? field.fields : [field]));
}
