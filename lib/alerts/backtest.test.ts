import { describe, expect, it } from "vitest";
import { backtest } from "./backtest";
import { defaultAlertSettings } from "./settings";
import { cancer, ck, cycle, dmDiagnosis, progressionCt, scan, seedCaseBeforeProgression, skin } from "./testing";

describe("backtest of rule version 2", () => {
  const seed = { patient: { id: "seed" }, events: [...seedCaseBeforeProgression(), progressionCt()] };

  it("finds the published case's flare firing 15 days before the PD CT", () => {
    const { alerts, summary } = backtest([seed], defaultAlertSettings);
    expect(alerts.filter((row) => row.key)).toEqual([
      expect.objectContaining({
        patientId: "seed",
        key: "seed:reimaging-after-flare:ct-end",
        firstFinding: "2020-08-03",
        firedOn: "2020-08-03",
        priority: "high",
        dmOnset: false,
        leadTimeDays: 15,
        progression: { eventId: "ct-pd", date: "2020-08-18", response: "PD", modality: "CT" },
      }),
    ]);
    expect(summary).toMatchObject({
      dmPatients: 1,
      alertCount: 1,
      alertsFollowedByProgression: { share: 1, count: 1, of: 1 },
      progressionsPrecededByAlert: { share: 1, count: 1, of: 1 },
      medianLeadTimeDays: 15,
    });
  });

  it("counts only patients with dermatomyositis, reports DM-first runs apart and gives each no-alert reason", () => {
    // A cancer without DM whose PD is not counted against the rule.
    const noDm = { patient: { id: "no-dm" }, events: [cancer(), scan("ct-1", 100, "SD"), ck("k1", 110, 100), ck("k2", 160, 900), scan("ct-2", 190, "PD")] };
    // DM whose flare comes 10 days after a scan, then PD: no alert (recent answering scan), PD not preceded by an alert.
    const soon = { patient: { id: "soon" }, events: [cancer(), dmDiagnosis(), scan("ct-1", 100, "SD"), skin("s0", 90, 0), skin("s1", 110, 3), scan("ct-2", 150, "PD")] };
    // DM first: a flare a year before the cancer is found.
    const dmFirst = { patient: { id: "dm-first" }, events: [dmDiagnosis("dm", 0), skin("s", 10, 3), cancer("dx", 400), scan("ct", 405, "SD")] };
    // DM without cancer.
    const noCancer = { patient: { id: "no-cancer" }, events: [dmDiagnosis(), skin("s", 10, 3)] };
    // An alert followed by SD, off treatment.
    const stable = { patient: { id: "stable" }, events: [cancer(), dmDiagnosis(), cycle("c", 20, 1), scan("ct-1", 100, "SD"), skin("s0", 90, 0), skin("s1", 160, 2), scan("ct-2", 200, "SD")] };
    const { alerts, summary } = backtest([seed, noDm, soon, dmFirst, noCancer, stable], defaultAlertSettings);

    expect(alerts.map((row) => [row.patientId, row.noAlert ?? "alert", row.dmOnset])).toEqual([
      ["seed", "alert", false],
      ["no-dm", "no-dm", false],
      ["soon", "recent-answering-scan", false],
      ["dm-first", "alert", true],
      ["no-cancer", "no-cancer", true],
      ["stable", "alert", false],
    ]);
    expect(summary).toMatchObject({
      patients: 6,
      dmPatients: 5,
      alertCount: 2,
      alertsFollowedByProgression: { share: 0.5, count: 1, of: 2 },
      // PDs in DM patients: the seed case's (alerted) and "soon"'s (not); no-dm's PD is not counted.
      progressionsPrecededByAlert: { share: 0.5, count: 1, of: 2 },
      noAlert: { "recent-answering-scan": 1, "no-cancer": 1, "no-dm": 1 },
      dmOnsetRuns: 2,
    });
    expect(summary.progressionsWithoutAlert.map((p) => p.imaging.eventId)).toEqual(["ct-2"]);
  });

  it("names imaging after an alert that could not answer", () => {
    const ne = { patient: { id: "ne" }, events: [cancer(), dmDiagnosis(), scan("ct-1", 100, "SD"), skin("s", 160, 3), scan("ct-ne", 170, "NE")] };
    const { alerts, summary } = backtest([ne], defaultAlertSettings);
    expect(alerts[0]).toMatchObject({ unansweringScans: 1 });
    expect(summary.alertsWithUnansweringImaging).toBe(1);
  });
});
