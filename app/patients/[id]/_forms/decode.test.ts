import { describe, expect, it } from "vitest";
import { eventKinds, exampleEvents, type TimelineEvent } from "@/lib/events";
import { decodeEvent, decodeFlare, encodeEvent, flareEntryEvents, mmt8ScaleOptions, validateEvent, validateFlare } from "./decode";
import { formValuesOf, numberOf } from "@/app/_components/form/form-values";

const stored = (input: (typeof exampleEvents)[keyof typeof exampleEvents]): TimelineEvent =>
  ({ ...input, id: "e1", versionId: "v1", version: 1, status: "final", patientId: "p1", datePrecision: "day", recordedAt: "", recordedBy: "", recordedRole: "" }) as TimelineEvent;

/** The form codes a free-text organ ("lung") from the organ list: what it reads back is the coded lesion. */
function codedOrgans(example: (typeof exampleEvents)[keyof typeof exampleEvents]) {
  if (example.kind !== "imaging") return example;
  const lesions = example.payload.targetLesions?.map((l) => ({ ...l, organ: l.organ.charAt(0).toUpperCase() + l.organ.slice(1), organCode: l.organ }));
  return { ...example, payload: { ...example.payload, targetLesions: lesions } };
}

describe("event forms", () => {
  it.each(eventKinds)("a %s event fills its form and reads back unchanged", (kind) => {
    const example = exampleEvents[kind];
    const values = encodeEvent(stored(example));
    // The imaging form sends the response it computed; here the stored one stands in for it.
    if (kind === "imaging") values.computedResponse = "SD";
    const result = validateEvent(kind, values);
    expect(result).toEqual({ ok: true, data: expect.anything() });
    if (result.ok) expect(result.data).toEqual(kind === "imaging" ? codedOrgans(example) : example);
  });

  it("leaves out an optional group with nothing typed in it, even when its unit has a default", () => {
    const input = decodeEvent("treatment_cycle", {
      occurredAt: "2020-02-10",
      "payload.regimen": "doxorubicin",
      "payload.lineOfTherapy": "1",
      "payload.cycleNumber": "4",
      "payload.dose.value": "",
      "payload.dose.unit": "mg/m2",
    });
    expect(input).toEqual({ kind: "treatment_cycle", occurredAt: "2020-02-10", payload: { regimen: "doxorubicin", lineOfTherapy: 1, cycleNumber: 4 } });
  });

  it("puts the zod messages on the fields that caused them", () => {
    const result = validateEvent("lab_result", {
      occurredAt: "2020-08-03",
      occurredAtTime: "08:15",
      "payload.analyte": "ck",
      "payload.value": "six hundred",
      "payload.unit": "U/L",
      "payload.referenceRange.low": "200",
      "payload.referenceRange.high": "25",
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: { "payload.value": ["Enter the result as a number"], "payload.referenceRange.low": ["The range's low limit must not exceed its high limit"] },
    });
  });

  it("asks for a date when none was given, and joins an optional time to it", () => {
    expect(validateEvent("note", { "payload.text": "x" })).toMatchObject({ ok: false, fieldErrors: { occurredAt: ["Enter a date"] } });
    expect(decodeEvent("note", { occurredAt: "2021-03-12", occurredAtTime: "14:05", "payload.text": "x" }).occurredAt).toBe("2021-03-12T14:05");
  });

  it("reads a lab's printed range and a result printed with a sign", () => {
    const result = validateEvent("lab_result", {
      occurredAt: "2020-08-03",
      "payload.analyte": "crp",
      "payload.comparator": "<",
      "payload.value": "4",
      "payload.unit": "mg/L",
      "payload.referenceRange.low": "",
      "payload.referenceRange.high": "5",
    });
    expect(result).toMatchObject({ ok: true, data: { payload: { analyte: "crp", comparator: "<", value: 4, unit: "mg/L", referenceRange: { high: 5 } } } });
  });
});

describe("the imaging form", () => {
  it("records the region a screening CT covered, and fills it again to amend (cancer screening reads it)", () => {
    const screeningCt = { occurredAt: "2026-03-01", "payload.modality": "CT", "payload.region": "thorax-abdomen-pelvis", assessment: "other", "payload.findings": "No evidence of malignancy" };
    const validated = validateEvent("imaging", screeningCt);
    expect(validated).toMatchObject({ ok: true, data: { kind: "imaging", payload: { modality: "CT", region: "thorax-abdomen-pelvis" } } });
    const stored = { id: "ct", chainId: "ct", version: 1, enteredInError: false, datePrecision: "day", ...(validated.ok ? validated.data : {}) } as unknown as TimelineEvent;
    expect(encodeEvent(stored)["payload.region"]).toBe("thorax-abdomen-pelvis");
    // Left empty: no region at all (not an empty string the schema would refuse).
    const noRegion = validateEvent("imaging", { ...screeningCt, "payload.region": "" });
    expect(noRegion.ok && noRegion.data.kind === "imaging" && noRegion.data.payload.region).toBe(undefined);
    expect(noRegion.ok).toBe(true);
  });

  it("records a procedure done for cancer screening", () => {
    expect(validateEvent("procedure", { occurredAt: "2026-03-02", "payload.name": "Gastroscopy", "payload.screening": "upper-gi-endoscopy" })).toMatchObject({
      ok: true,
      data: { kind: "procedure", payload: { name: "Gastroscopy", screening: "upper-gi-endoscopy" } },
    });
  });

  const followUp = {
    occurredAt: "2020-09-01",
    "payload.modality": "CT",
    assessment: "response",
    "payload.targetLesions.0.organ": "lung",
    "payload.targetLesions.0.diameterMm": "30",
    "payload.targetLesions.2.organ": "neck",
    "payload.targetLesions.2.nodal": "on",
    "payload.targetLesions.2.diameterMm": "16.5",
    "payload.targetLesions.3.organ": "",
    "payload.targetLesions.3.diameterMm": "",
    "payload.nonTargetResponse": "non-CR/non-PD",
    computedResponse: "PD",
    "payload.response": "",
  };

  it("records the computed response with the lesions and their sum; empty rows are dropped", () => {
    expect(validateEvent("imaging", followUp)).toMatchObject({
      ok: true,
      data: {
        payload: {
          modality: "CT",
          response: "PD",
          targetLesions: [
            { organ: "lung", nodal: false, diameterMm: 30 },
            { organ: "neck", nodal: true, diameterMm: 16.5 },
          ],
          targetSumMm: 46.5,
          newLesions: false,
        },
      },
    });
  });

  it("needs a reason to record a response other than the computed one", () => {
    expect(validateEvent("imaging", { ...followUp, "payload.response": "SD" })).toEqual({
      ok: false,
      fieldErrors: { "payload.responseOverrideReason": ["The measurements give PD (progressive disease); give the reason for recording SD (stable disease) instead"] },
    });
    expect(validateEvent("imaging", { ...followUp, "payload.response": "SD", "payload.responseOverrideReason": "Pseudo-progression per radiology" })).toMatchObject({
      ok: true,
      data: { payload: { response: "SD", responseOverrideReason: "Pseudo-progression per radiology" } },
    });
  });

  it("records a baseline without a response, and a study that assessed no tumour without RECIST fields", () => {
    expect(validateEvent("imaging", { ...followUp, assessment: "baseline" })).toMatchObject({ ok: true, data: { payload: { baseline: true, targetSumMm: 46.5 } } });
    const baseline = validateEvent("imaging", { ...followUp, assessment: "baseline" });
    expect(baseline.ok && baseline.data.payload).not.toHaveProperty("response");
    expect(validateEvent("imaging", { occurredAt: "2020-08-06", "payload.modality": "MRI", assessment: "other", "payload.findings": "Myositis of both thighs", computedResponse: "NE" })).toEqual({
      ok: true,
      data: { kind: "imaging", occurredAt: "2020-08-06", payload: { modality: "MRI", findings: "Myositis of both thighs" } },
    });
  });
});

describe("the flare log", () => {
  const typed = { occurredAt: "2020-08-03", "skin.grade": "3", "skin.signs": ["shawl-sign", "heliotrope"], "skin.cdasiActivity": "28", "ck.value": "", "ck.referenceRange.low": "25", "ck.referenceRange.high": "200" };

  it("records no CK when no result was typed, whatever the range fields hold", () => {
    expect(validateFlare(typed)).toEqual({ ok: true, data: { occurredAt: "2020-08-03", skin: { grade: 3, signs: ["shawl-sign", "heliotrope"], cdasiActivity: 28 } } });
  });

  it("records a CK in U/L with the printed range when a result was typed", () => {
    expect(decodeFlare({ ...typed, "ck.value": "695" }).ck).toEqual({ analyte: "ck", unit: "U/L", value: 695, referenceRange: { low: 25, high: 200 } });
  });

  it("says what is missing or wrong, by field", () => {
    expect(validateFlare({ occurredAt: "2020-08-03", "skin.cdasiActivity": "140", "ck.value": "-3" })).toEqual({
      ok: false,
      fieldErrors: { "skin.grade": ["Enter the skin grade"], "skin.cdasiActivity": ["The CDASI activity is at most 100"], "ck.value": ["The result cannot be negative"] },
    });
  });
});

describe("the flare log's muscle examination and note", () => {
  const flare = { occurredAt: "2020-08-03", "skin.grade": "3", "ck.value": "" };
  // The scale select always sends a value (it starts on the first scale): on its own it is not a finding.
  const emptyMuscle = { "muscle.mmt8.score": "", "muscle.mmt8.scale": "80", "muscle.proximalWeaknessMrc": "", "muscle.dysphagia": "", "muscle.respiratoryInvolvement": "", "note.text": "  " };

  it("records no muscle examination and no note when nothing was entered in them", () => {
    const result = validateFlare({ ...flare, ...emptyMuscle });
    expect(result).toEqual({ ok: true, data: { occurredAt: "2020-08-03", skin: { grade: 3, signs: [] } } });
    if (result.ok) expect(flareEntryEvents(result.data).events.map((e) => e.kind)).toEqual(["skin_assessment"]);
  });

  it("records the MMT-8 on its scale, dysphagia and a note with the skin and CK, all on the flare's date, in that order", () => {
    const result = validateFlare({ ...flare, ...emptyMuscle, "ck.value": "1250", "muscle.mmt8.score": "58", "muscle.dysphagia": "yes", "note.text": "Worse climbing stairs.\nSpeech therapy referral." });
    expect(result).toMatchObject({ ok: true, data: { muscle: { mmt8: { score: 58, scale: 80 }, dysphagia: true }, note: { text: "Worse climbing stairs.\nSpeech therapy referral." } } });
    if (!result.ok) return;
    const { events, fields } = flareEntryEvents(result.data);
    expect(events.map((e) => [e.kind, e.occurredAt])).toEqual([
      ["skin_assessment", "2020-08-03"],
      ["lab_result", "2020-08-03"],
      ["muscle_assessment", "2020-08-03"],
      ["note", "2020-08-03"],
    ]);
    expect(fields).toEqual(["skin", "ck", "muscle", "note"]);
    // "No" is a finding too (no dysphagia), not an empty field.
    expect(decodeFlare({ ...flare, "muscle.dysphagia": "no" }).muscle).toEqual({ dysphagia: false });
  });

  it("records an MRC grade or respiratory involvement alone, with half grades", () => {
    expect(decodeFlare({ ...flare, ...emptyMuscle, "muscle.proximalWeaknessMrc": "3.5" }).muscle).toEqual({ proximalWeaknessMrc: 3.5 });
    expect(validateFlare({ ...flare, ...emptyMuscle, "muscle.respiratoryInvolvement": "yes" })).toMatchObject({ ok: true, data: { muscle: { respiratoryInvolvement: true } } });
  });

  it("puts out-of-range muscle findings beside their fields, by the schema's own messages", () => {
    expect(validateFlare({ ...flare, ...emptyMuscle, "muscle.mmt8.score": "95", "muscle.mmt8.scale": "80", "muscle.proximalWeaknessMrc": "3.3" })).toEqual({
      ok: false,
      fieldErrors: { "muscle.mmt8.score": ["The MMT-8 score cannot exceed its scale"], "muscle.proximalWeaknessMrc": ["Use whole or half MRC grades"] },
    });
    expect(validateFlare({ ...flare, "muscle.mmt8.score": "95", "muscle.mmt8.scale": "150" })).toMatchObject({ ok: true, data: { muscle: { mmt8: { score: 95, scale: 150 } } } });
    expect(validateFlare({ ...flare, "muscle.proximalWeaknessMrc": "6" })).toEqual({ ok: false, fieldErrors: { "muscle.proximalWeaknessMrc": ["The MRC grade is 0 to 5"] } });
    // A comma is refused by the one number reader, beside the field, never read as 1.5 or 150.
    expect(validateFlare({ ...flare, ...emptyMuscle, "muscle.mmt8.score": "1,50" })).toEqual({ ok: false, fieldErrors: { "muscle.mmt8.score": ["Use a decimal point, not a comma: 1.50"] } });
  });

  it("offers exactly the MMT-8 scales the schema accepts", () => {
    expect(mmt8ScaleOptions.map((o) => o.value)).toEqual(["80", "150"]);
    expect(validateFlare({ ...flare, "muscle.mmt8.score": "40", "muscle.mmt8.scale": "100" })).toMatchObject({ ok: false, fieldErrors: { "muscle.mmt8.scale": [expect.any(String)] } });
  });
});

describe("reading what was typed", () => {
  it("keeps repeated fields (checkboxes) as lists", () => {
    const data = new FormData();
    data.append("skin.signs", "v-sign");
    data.append("skin.signs", "heliotrope");
    data.append("skin.grade", "2");
    data.append("$ACTION_ID_abc", "");
    expect(formValuesOf(data)).toEqual({ "skin.signs": ["v-sign", "heliotrope"], "skin.grade": "2" });
  });

  it.each([
    ["", undefined],
    [" 12 ", 12],
    // A comma is never read (lib/events/numbers): "3,5" and "1,250" are refused, with the number reader's message.
    ["3,5", Number.NaN],
    ["1,250", Number.NaN],
    ["0.5", 0.5],
    ["-25", -25],
    ["12 mm", Number.NaN],
    ["1e3", Number.NaN],
  ])("reads %j as %s", (typedValue, number) => {
    expect(numberOf({ x: typedValue }, "x")).toBe(number);
  });

  it("refuses a CK of 1,250 in the flare form beside the field, saying how it could be read, never as 1.25", () => {
    const result = validateFlare({ occurredAt: "2020-08-03", "skin.grade": "3", "ck.value": "1,250" });
    expect(result).toEqual({ ok: false, fieldErrors: { "ck.value": ["“1,250” could be 1250 or 1.25: type 1250, or 1.25 with a decimal point (no commas)"] } });
  });
});
