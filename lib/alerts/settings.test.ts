import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/events";
import { alertSettingFields, alertSettings, defaultAlertSettings } from "./settings";

describe("alert settings", () => {
  it("default to the rule as the issue describes it", () => {
    expect(defaultAlertSettings).toEqual({
      referenceLookbackDays: 180,
      skinGradeMin: 2,
      skinGradeRise: 1,
      cdasiActivityMin: 14,
      cdasiActivityRise: 5,
      ckTimesUlnMin: 1,
      ckRiseFactor: 2,
      ckFirstAssessmentTimesUln: 2,
      ckAssumedRangeLow: 25,
      ckAssumedRangeHigh: 200,
      mrcFallGrades: 1,
      mrcFirstAssessmentMax: 4,
      mmt8FallPercent: 20,
      imagingGapDays: 28,
      severeCkTimesUln: 10,
      severeMrcMax: 3,
      treatmentGapDays: 28,
      priorityFactorsForHigh: 2,
      steroidTaperDays: 30,
      statinStartDays: 90,
      iciWindowDays: 180,
      // Cancer screening when dermatomyositis comes first (issue 11; lib/screening, docs/screening.md).
      screeningOnsetAge: 40,
      screeningHighFactorsForHigh: 2,
      screeningModerateFactorsForModerate: 1,
      screeningWindowMonths: 36,
      screeningIntervalMonths: 12,
      screeningLeadDays: 30,
      screeningGraceDays: 30,
      screeningAcceptBeforeDays: 90,
      screeningNasopharyngealRegion: 0,
      screeningHighRiskAntibodies: ["tif1-gamma", "nxp2"],
      screeningModerateRiskAntibodies: ["sae", "mi-2", "mda5"],
      screeningFeatures: ["age", "dysphagia", "ulceration", "seronegative"],
      screeningStandardAtOnset: ["basic"],
      screeningStandardRepeat: ["basic"],
      screeningModerateAtOnset: ["basic", "enhanced"],
      screeningModerateRepeat: ["basic"],
      screeningHighAtOnset: ["basic", "enhanced"],
      screeningHighRepeat: ["basic", "enhanced"],
      overdueDays: 90,
      backtestWindowDays: 90,
      answeringModalities: ["CT", "MRI", "PET-CT"],
      highRiskAntibodies: ["tif1-gamma", "nxp2"],
      glucocorticoids: ["prednisolone", "prednisone", "methylprednisolone", "dexamethasone", "hydrocortisone", "deflazacort", "budesonide"],
      statins: ["atorvastatin", "simvastatin", "rosuvastatin", "pravastatin", "fluvastatin", "lovastatin", "pitavastatin"],
      checkpointInhibitors: [
        "pembrolizumab",
        "nivolumab",
        "cemiplimab",
        "dostarlimab",
        "retifanlimab",
        "toripalimab",
        "tislelizumab",
        "atezolizumab",
        "durvalumab",
        "avelumab",
        "ipilimumab",
        "tremelimumab",
        "relatlimab",
      ],
    });
  });

  it("ignore the settings of rule version 1 that version 2 no longer has", () => {
    expect(alertSettings.parse({ skinReferenceDays: 90, episodeGapDays: 30, skinGradeMin: 3 })).toEqual({ ...defaultAlertSettings, skinGradeMin: 3 });
  });

  it("fill in what a stored setting leaves out", () => {
    expect(alertSettings.parse({ skinGradeMin: 3 })).toEqual({ ...defaultAlertSettings, skinGradeMin: 3 });
  });

  it.each([
    [{ skinGradeMin: 5 }, "skinGradeMin", "The skin grade that can count as worsening is at most 4"],
    [{ skinGradeMin: 2.5 }, "skinGradeMin", "The skin grade that can count as worsening is a whole number"],
    [{ imagingGapDays: -1 }, "imagingGapDays", "The days after the last answering scan is at least 0"],
    [{ answeringModalities: [] }, "answeringModalities", "Choose at least one modality that can answer"],
    [{ checkpointInhibitors: ["x"] }, "checkpointInhibitors.0", "Each of the immune checkpoint inhibitors has at least 2 letters"],
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
