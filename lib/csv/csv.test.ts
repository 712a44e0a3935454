import { describe, expect, it } from "vitest";
import { storedEvent } from "@/lib/fhir/testing";
import { alertsCsv, eventsCsv, parseCsv, readLabCsv, type AlertCsvRow } from "./index";
import { lab, note } from "@/lib/events/testing";

describe("CSV parsing (RFC 4180)", () => {
  it.each([
    ["a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]],
    ['"a, with comma","say ""hi"""\n', [["a, with comma", 'say "hi"']]],
    ['"two\nlines",x\n\ny,z', [["two\nlines", "x"], ["y", "z"]]],
    ["a,,\n", [["a", "", ""]]],
  ])("%j", (text, cells) => {
    const parsed = parseCsv(text);
    expect(parsed.ok && parsed.lines.map((l) => l.cells)).toEqual(cells);
  });

  it("numbers records by the line they start on", () => {
    const parsed = parseCsv('h\n"a\nb"\nc');
    expect(parsed.ok && parsed.lines.map((l) => l.line)).toEqual([1, 2, 4]);
  });

  it("refuses an unclosed quote", () => {
    expect(parseCsv('a,"b\nc')).toEqual({ ok: false, message: "A quoted field that starts on line 1 is never closed" });
  });
});

describe("reading lab results from CSV", () => {
  const header = "date,analyte,value,unit,range low,range high\n";
  const one = (row: string) => {
    const read = readLabCsv(header + row);
    if (!read.ok) throw new Error(read.message);
    return read.rows[0];
  };

  it.each([
    ["2020-08-03,CK,695,U/L,25,200", { analyte: "ck", value: 695, unit: "U/L", referenceRange: { low: 25, high: 200 } }, { date: "3 Aug 2020", analyte: "CK", result: "695 U/L", range: "25–200 U/L" }],
    ["2020-08-03T08:15,2157-6,695,u/l,,200", { analyte: "ck", value: 695, unit: "U/L", referenceRange: { high: 200 } }, { date: "3 Aug 2020 08:15", analyte: "CK", result: "695 U/L", range: "≤ 200 U/L" }],
    ["2020-08-03,C-reactive protein,<4,mg/L,,5", { analyte: "crp", value: 4, comparator: "<", unit: "mg/L", referenceRange: { high: 5 } }, { date: "3 Aug 2020", analyte: "CRP", result: "< 4 mg/L", range: "≤ 5 mg/L" }],
    ["2020-08-03,WBC,11.40,×10⁹/L,4,11", { analyte: "wbc", value: 11.4, unit: "10*9/L", referenceRange: { low: 4, high: 11 } }, { date: "3 Aug 2020", analyte: "WBC", result: "11.4 ×10⁹/L", range: "4–11 ×10⁹/L" }],
    // Commensurable UCUM units converted exactly (1 ukat = 60 U; 1 dL = 0.1 L; 10*3/uL = 10*9/L), the reported result kept.
    [
      "2020-08-03,CK,11.6,µkat/L,0.4,3.33",
      { analyte: "ck", value: 696, unit: "U/L", referenceRange: { low: 24, high: 199.8 }, reported: { value: 11.6, unit: "ukat/L", low: 0.4, high: 3.33 } },
      { result: "696 U/L (reported 11.6 ukat/L, converted exactly)", range: "24–199.8 U/L" },
    ],
    ["2020-08-03,CRP,0.7,mg/dL,,0.5", { analyte: "crp", value: 7, unit: "mg/L", referenceRange: { high: 5 }, reported: { value: 0.7, unit: "mg/dL", high: 0.5 } }, { result: "7 mg/L (reported 0.7 mg/dL, converted exactly)" }],
    ["2020-08-03,WBC,3.1,10*3/uL,4,11", { analyte: "wbc", value: 3.1, unit: "10*9/L", referenceRange: { low: 4, high: 11 }, reported: { value: 3.1, unit: "10*3/uL", low: 4, high: 11 } }, { result: "3.1 ×10⁹/L (reported 3.1 10*3/uL, converted exactly)" }],
    ["2020-08-03,ldh,14804-9 is not a value,U/L", undefined, undefined],
  ])("%s", (row, payload, shown) => {
    const result = one(row);
    if (!payload) return expect(result.ok).toBe(false);
    expect(result).toMatchObject({ ok: true, event: { kind: "lab_result", payload }, shown });
  });

  it.each([
    ["2020-02-30,CK,695,U/L,25,200", "date", /real date/],
    ["03/08/2020,CK,695,U/L,25,200", "date", /YYYY-MM-DD/],
    ["2020-08-03,troponin,12,ng/L,,", "analyte", /Unknown analyte "troponin"/],
    ["2020-08-03,CK,695,mg/L,25,200", "unit", /CK is reported in U\/L, not mg\/L/],
    ["2020-08-03,CRP,4,mmol/L,,5", "unit", /CRP is reported in mg\/L, not mmol\/L/],
    ["2020-08-03,CK,6.95e2x,U/L,25,200", "value", /is not a number/],
    ["2020-08-03,CK,6.95e2,U/L,25,200", "value", /not in exponent notation/],
    // The issue-14 slip: a CK of 1,250 U/L (6× ULN) must never become 1.25 U/L.
    ['2020-08-03,CK,"1,250",U/L,25,200', "value", /could be 1250 or 1\.25/],
    ["2020-08-03,CK,1.250,U/L,25,200", "value", /could be 1250/],
    ["2020-08-03,CK,1 250,U/L,25,200", "value", /without spaces/],
    ["2020-08-03,ESR,1,5,mm/h,0", "unit", /ESR is reported in mm\/h, not 5/],
    ['2020-08-03,CK,"1,5",U/L,25,200', "value", /decimal point, not a comma: 1\.5/],
    ["2020-08-03,CK,-4,U/L,25,200", "value", /cannot be negative/],
    ["2020-08-03,CK,695,U/L,200,25", "range low", /low limit must not exceed its high limit/],
    ["2020-08-03,CK,,U/L,25,200", "value", /Enter the result/],
  ])("refuses %s, naming the %s column", (row, column, message) => {
    const result = one(row);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({ column, message: expect.stringMatching(message) });
  });

  it("refuses a result dated after the clinic's today, and takes today itself", () => {
    const read = readLabCsv(`${header}2026-12-03,CK,695,U/L,25,200\n2026-12-02,CK,695,U/L,25,200\n`, "2026-12-02");
    expect(read.ok && read.rows.map((r) => (r.ok ? "ok" : r.errors))).toEqual([
      [{ column: "date", message: "3 Dec 2026 is after today (2 Dec 2026): record an event once it has happened" }],
      "ok",
    ]);
  });

  it("works without a header, in the documented column order, and keeps each row's line", () => {
    const read = readLabCsv("2020-08-03,CK,695,U/L,25,200\n\n2020-08-04,ALT,61,U/L,10,49\n");
    expect(read.ok && read.rows.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [3, true],
    ]);
  });

  it("takes the header's column order", () => {
    const read = readLabCsv("analyte,date,unit,value\nCK,2020-08-03,U/L,695\n");
    expect(read.ok && read.rows[0]).toMatchObject({ ok: true, event: { occurredAt: "2020-08-03", payload: { analyte: "ck", value: 695 } } });
  });

  it("refuses the same result twice in one file", () => {
    const read = readLabCsv(`${header}2020-08-03,CK,695,U/L,25,200\n2020-08-03,ck,695,U/L,25,200\n`);
    expect(read.ok && read.rows[1]).toMatchObject({ ok: false, errors: [{ column: "row", message: "The same result as line 2" }] });
  });

  it("refuses a header without the columns it needs, and an empty file", () => {
    expect(readLabCsv("date,analyte,result\n")).toMatchObject({ ok: false, message: expect.stringMatching(/lacks the column unit/) });
    expect(readLabCsv("\n\n")).toEqual({ ok: false, message: "The file has no rows" });
  });
});

describe("events as CSV", () => {
  it("has a header, one row per event, the clinician's summary and the exact payload, and defuses formulas", () => {
    const csv = eventsCsv([
      storedEvent(lab(), "p"),
      storedEvent(note({ occurredAt: "2020-08-04", text: '=HYPERLINK("x")' }), "p"),
    ]);
    const parsed = parseCsv(csv);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.lines[0].cells[7]).toBe("summary");
    expect(parsed.lines[1].cells.slice(3, 9)).toEqual(["lab_result", "2020-08-03", "", "day", "CK 695 U/L (25–200 U/L), high: 3.48×ULN", '{"analyte":"ck","value":695,"unit":"U/L","referenceRange":{"low":25,"high":200}}']);
    expect(parsed.lines[2].cells[7]).toBe(`'=HYPERLINK("x")`);
  });
});

describe("alerts as CSV", () => {
  const alert: AlertCsvRow = {
    patientIdentifier: "FW-0001",
    patientName: "REFERENCE, Case",
    priority: "high",
    status: "acknowledged",
    episodeStart: "2020-08-03",
    reason: "Skin grade rose from 0 to 3, CK 695 U/L. Consider re-staging imaging.",
    evidence: ["a", "b", "c"],
    raisedAt: "2020-08-03T10:00:00.000Z",
    acknowledgementNote: "CT booked, \"urgent\"",
  };

  it.each([
    ["an acknowledged alert, every column", alert, ["FW-0001", "REFERENCE, Case", "high", "acknowledged", "2020-08-03", alert.reason, "3", "2020-08-03T10:00:00.000Z", 'CT booked, "urgent"']],
    ["an open alert has no note", { ...alert, status: "open", acknowledgementNote: undefined }, ["FW-0001", "REFERENCE, Case", "high", "open", "2020-08-03", alert.reason, "3", "2020-08-03T10:00:00.000Z", ""]],
    ["a note that looks like a formula is defused", { ...alert, acknowledgementNote: "=1+1" }, ["FW-0001", "REFERENCE, Case", "high", "acknowledged", "2020-08-03", alert.reason, "3", "2020-08-03T10:00:00.000Z", "'=1+1"]],
  ])("%s", (_, row, cells) => {
    const parsed = parseCsv(alertsCsv([row as AlertCsvRow]));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.lines[0].cells).toEqual(["patient identifier", "patient name", "priority", "status", "flare date", "reason", "evidence count", "raised at", "acknowledged note"]);
    expect(parsed.lines[1].cells).toEqual(cells);
  });

  it("is a header alone when nothing is open", () => {
    expect(alertsCsv([]).split("\r\n")).toHaveLength(2);
  });
});
