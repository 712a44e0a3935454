import {
  analyteCodes,
  analytes,
  eventInput,
  formatClinicalDate,
  formatRange,
  futureDateErrors,
  readNumber as readTypedNumber,
  unitLabel,
  type ClinicalDate,
  type AnalyteCode,
  type EventInput,
} from "@/lib/events";
import { commensurableTarget, convertUcum } from "@/lib/units";
import { parseCsv } from "./parse";

/**
 * A CSV of lab results (date, analyte, value, unit, range low, range high) read into lab_result events,
 * row by row: each row as it will be stored, or why it cannot be. Every row passes the lab_result
 * schema, the same one the forms and the API use. Nothing here writes.
 */

export const labCsvColumns = ["date", "analyte", "value", "unit", "range low", "range high"] as const;
type Column = (typeof labCsvColumns)[number];

/** The key that makes importing the same row again a no-op: same day, analyte, result and unit. */
export const csvLabKeySystem = "https://w3id.org/flarewatch/fhir/identifier/csv-lab";

export type LabCsvRow =
  | {
      line: number;
      ok: true;
      key: string;
      event: Extract<EventInput, { kind: "lab_result" }>;
      /** The row as a clinician reads it: "12 Mar 2021", "CK", "695 U/L", "25–200 U/L". */
      shown: { date: string; analyte: string; result: string; range?: string };
    }
  | { line: number; ok: false; cells: string[]; errors: { column: Column | "row"; message: string }[] };

export type LabCsvRead = { ok: true; rows: LabCsvRow[] } | { ok: false; message: string };

const headerNames: Record<string, Column> = {
  date: "date",
  analyte: "analyte",
  test: "analyte",
  value: "value",
  result: "value",
  unit: "unit",
  units: "unit",
  "range low": "range low",
  "range_low": "range low",
  low: "range low",
  "range high": "range high",
  "range_high": "range high",
  high: "range high",
};

/** CK, "creatine kinase (CK)", "ck" or a LOINC code such as 2157-6. */
export function analyteFromText(text: string): AnalyteCode | undefined {
  const t = text.trim().toLowerCase();
  return analyteCodes.find((code) => {
    const a = analytes[code];
    return code === t || a.short.toLowerCase() === t || a.name.toLowerCase() === t || a.name.toLowerCase().replace(/\s*\(.*\)$/, "") === t || (a.loinc as readonly string[]).includes(t);
  });
}

/** A cell's number, read by the one number reader of the app (lib/events/numbers): "1,250" is refused, never read as 1.25. */
function readNumber(text: string, label: string, errors: { column: Column | "row"; message: string }[], column: Column): number | undefined {
  const read = readTypedNumber(text);
  if (read.ok) return read.value;
  errors.push({ column, message: read.generic ? `The ${label} “${text.trim()}” is not a number` : `The ${label} “${text.trim()}”: ${read.message}` });
  return undefined;
}

const fieldColumn: Record<string, Column> = {
  occurredAt: "date",
  "payload.analyte": "analyte",
  "payload.value": "value",
  "payload.comparator": "value",
  "payload.unit": "unit",
  "payload.referenceRange.low": "range low",
  "payload.referenceRange.high": "range high",
  "payload.referenceRange": "range low",
};

function readRow(line: number, cells: string[], at: Record<Column, number>, today: ClinicalDate | undefined): LabCsvRow {
  const errors: { column: Column | "row"; message: string }[] = [];
  const cell = (column: Column) => (cells[at[column]] ?? "").trim();
  const date = cell("date");
  const analyteText = cell("analyte");
  const analyte = analyteText === "" ? undefined : analyteFromText(analyteText);
  if (analyteText === "") errors.push({ column: "analyte", message: "Enter the analyte (name or LOINC code)" });
  else if (!analyte) errors.push({ column: "analyte", message: `Unknown analyte "${analyteText}": use ${analyteCodes.map((c) => analytes[c].short).join(", ")} or its LOINC code` });
  const valueText = cell("value");
  const comparator = /^(<=|>=|<|>)/.exec(valueText)?.[1] as "<" | "<=" | ">" | ">=" | undefined;
  let value = valueText === "" ? (errors.push({ column: "value", message: "Enter the result" }), undefined) : readNumber(valueText.slice(comparator?.length ?? 0), "result", errors, "value");
  const unitText = cell("unit");
  // The analyte's own unit as UCUM or as printed (×10⁹/L), in any letter case.
  let unit = analyte ? ((analytes[analyte].units as readonly string[]).find((u) => u.toLowerCase() === unitText.toLowerCase() || unitLabel(u).toLowerCase() === unitText.toLowerCase()) ?? unitText) : unitText;
  let low = readNumber(cell("range low"), "range low", errors, "range low");
  let high = readNumber(cell("range high"), "range high", errors, "range high");
  // Another UCUM unit the analyte's converts from (µkat/L, mg/dL, 10*3/uL): converted exactly, the reported result kept.
  let reported: { value: number; unit: string; low?: number; high?: number } | undefined;
  const ucumText = unitText.replace(/[µμ]/g, "u");
  const allowed = analyte ? (analytes[analyte].units as readonly string[]) : [];
  const target = analyte && !allowed.includes(unit) ? commensurableTarget(ucumText, allowed) : undefined;
  if (analyte && target !== undefined && value !== undefined) {
    const convert = (v: number | undefined) => (v === undefined ? undefined : convertUcum(v, ucumText, target));
    const [cv, cl, ch] = [convert(value), convert(low), convert(high)];
    if (cv?.ok && (cl === undefined || cl.ok) && (ch === undefined || ch.ok)) {
      reported = { value, unit: ucumText, ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) };
      value = cv.value;
      low = cl?.ok ? cl.value : undefined;
      high = ch?.ok ? ch.value : undefined;
      unit = target;
    }
  }
  const input = {
    kind: "lab_result" as const,
    occurredAt: date,
    payload: {
      analyte,
      value,
      ...(comparator ? { comparator } : {}),
      unit,
      ...(low !== undefined || high !== undefined ? { referenceRange: { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) } } : {}),
      ...(reported ? { reported } : {}),
    },
  };
  const parsed = eventInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = fieldColumn[issue.path.map(String).join(".")] ?? "row";
      // A field that already has its own message (an unreadable number, an unknown analyte) says it once.
      if (!errors.some((e) => e.column === column)) errors.push({ column, message: issue.message });
    }
  }
  // A result dated after today (the clinic's day) is refused: results are imported once they exist.
  if (parsed.success && today !== undefined) for (const message of futureDateErrors(parsed.data, today).occurredAt ?? []) errors.push({ column: "date", message });
  if (errors.length > 0 || !parsed.success) return { line, ok: false, cells, errors };
  const event = parsed.data as Extract<EventInput, { kind: "lab_result" }>;
  const p = event.payload;
  return {
    line,
    ok: true,
    key: `${csvLabKeySystem}|${event.occurredAt}|${p.analyte}|${p.comparator ?? ""}${p.value}|${p.unit}`,
    event,
    shown: {
      date: formatClinicalDate(event.occurredAt),
      analyte: analytes[p.analyte].short,
      result: `${p.comparator ? `${p.comparator} ` : ""}${p.value} ${unitLabel(p.unit)}${p.reported ? ` (reported ${p.reported.value} ${p.reported.unit}, converted exactly)` : ""}`,
      range: formatRange(p.referenceRange, p.unit),
    },
  };
}

/** `today` (the clinic's day) refuses rows dated after it; the services always pass it. */
export function readLabCsv(text: string, today?: ClinicalDate): LabCsvRead {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const lines = parsed.lines;
  if (lines.length === 0) return { ok: false, message: "The file has no rows" };
  const at = Object.fromEntries(labCsvColumns.map((c, i) => [c, i])) as Record<Column, number>;
  const first = lines[0].cells.map((c) => c.trim().toLowerCase());
  const hasHeader = first[0] === "date" || first.some((c) => c === "analyte");
  if (hasHeader) {
    const named = first.map((c) => headerNames[c]);
    const missing = (["date", "analyte", "value", "unit"] as Column[]).filter((c) => !named.includes(c));
    if (missing.length > 0) return { ok: false, message: `The header row lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (expected: ${labCsvColumns.join(", ")})` };
    for (const c of labCsvColumns) at[c] = named.indexOf(c);
  }
  const rows = (hasHeader ? lines.slice(1) : lines).map((l) => readRow(l.line, l.cells, at, today));
  if (rows.length === 0) return { ok: false, message: "The file has a header but no results" };
  // The same result twice in one file is a copy-paste slip, not two results.
  const seen = new Map<string, number>();
  return {
    ok: true,
    rows: rows.map((row) => {
      if (!row.ok) return row;
      const earlier = seen.get(row.key);
      if (earlier !== undefined) return { line: row.line, ok: false, cells: lines.find((l) => l.line === row.line)!.cells, errors: [{ column: "row", message: `The same result as line ${earlier}` }] };
      seen.set(row.key, row.line);
      return row;
    }),
  };
}
