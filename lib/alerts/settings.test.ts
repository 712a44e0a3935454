import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/events";
import { alertSettingFields, alertSettings, defaultAlertSettings } from "./settings";

describe("alert settings", () => {
  it("default to the rule as the issue describes it", () => {
    expect(defaultAlertSettings).toEqual({
      skinGradeMin: 2,
      skinGradeRise: 1,
      cdasiActivityMin: 14,
      cdasiActivityRise: 5,
      skinReferenceDays: 90,
      ckTimesUlnMin: 1,
      ckRiseFactor: 2,
      ckTimesUlnWithoutReference: 2,
      ckReferenceDays: 180,
      mmt8FallPercent: 20,
      mrcWeaknessMax: 4,
      episodeGapDays: 30,
      imagingGapDays: 28,
      treatmentGapDays: 28,
      backtestWindowDays: 90,
      highRiskAntibodies: ["tif1-gamma", "nxp2"],
    });
  });

  it("fill in what a stored setting leaves out", () => {
    expect(alertSettings.parse({ skinGradeMin: 3 })).toEqual({ ...defaultAlertSettings, skinGradeMin: 3 });
  });

  it.each([
    [{ skinGradeMin: 5 }, "skinGradeMin", "The skin grade that can count as a flare is at most 4"],
    [{ skinGradeMin: 2.5 }, "skinGradeMin", "The skin grade that can count as a flare is a whole number"],
    [{ imagingGapDays: -1 }, "imagingGapDays", "The days since tumour imaging before alerting is at least 0"],
    [{ ckRiseFactor: "2" }, "ckRiseFactor", "Enter the rise in CK as a number"],
    [{ highRiskAntibodies: ["tif1"] }, "highRiskAntibodies.0", "Unknown antibody"],
  ])("reject %j with a message for the form", (input, path, message) => {
    const parsed = alertSettings.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!)[path]).toContain(message);
  });

  it("describe every setting for the settings page", () => {
    expect(alertSettingFields.map((field) => field.key).sort()).toEqual(Object.keys(defaultAlertSettings).sort());
    for (const field of alertSettingFields) {
      expect(field.label.length).toBeGreaterThan(5);
      expect(field.description.length).toBeGreaterThan(30);
      expect(field.default).toEqual(defaultAlertSettings[field.key]);
    }
  });
});
