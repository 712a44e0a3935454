import { describe, expect, it } from "vitest";
import { backtest } from "./backtest";
import { defaultAlertSettings } from "./settings";
import { cancer, day, progressionCt, scan, seedCaseBeforeProgression, skin } from "./testing";

describe("backtest", () => {
  const seed = { patient: { id: "seed" }, events: [...seedCaseBeforeProgression(), progressionCt()] };

  it("finds the seed case's flare heralding progression 15 days before the CT", () => {
    expect(backtest([seed], defaultAlertSettings)).toEqual({
      episodes: [
        {
          patientId: "seed",
          flareDate: "2020-08-03",
          domains: ["skin", "muscle"],
          evidence: ["ck-d210", "mrc-d210", "skin-d210"],
          alerted: true,
          nextImaging: { eventId: "ct-pd", date: "2020-08-18", response: "PD" },
          leadTimeDays: 15,
          progression: { eventId: "ct-pd", date: "2020-08-18", response: "PD" },
        },
      ],
      summary: { episodeCount: 1, alertCount: 1, followedByProgressionShare: 1, medianLeadTimeDays: 15, progressionsWithoutEpisode: [] },
    });
  });

  it("summarises a cohort: share followed by PD, median lead time, progressions no flare heralded", () => {
    const stable = { patient: { id: "stable" }, events: [cancer(), scan("ct-1", 100, "SD"), skin("flare", 160, 2), scan("ct-2", 200, "SD"), scan("ct-3", 260, "PD")] };
    const silent = { patient: { id: "silent" }, events: [cancer(), scan("ct-1", 100, "SD"), scan("ct-2", 190, "PD")] };
    const soon = { patient: { id: "soon" }, events: [cancer(), scan("ct-1", 100, "SD"), skin("flare", 110, 3), scan("ct-2", 150, "PD")] };
    const result = backtest([seed, stable, silent, soon], defaultAlertSettings);

    expect(result.episodes.map((episode) => [episode.patientId, episode.alerted, episode.nextImaging?.response, episode.leadTimeDays, episode.progression?.eventId])).toEqual([
      ["seed", true, "PD", 15, "ct-pd"],
      ["stable", true, "SD", 40, undefined],
      ["soon", false, "PD", 40, "ct-2"],
    ]);
    expect(result.summary).toEqual({
      episodeCount: 3,
      alertCount: 2,
      followedByProgressionShare: 2 / 3,
      medianLeadTimeDays: 40,
      progressionsWithoutEpisode: [
        { patientId: "stable", imaging: { eventId: "ct-3", date: day(260), response: "PD" } },
        { patientId: "silent", imaging: { eventId: "ct-2", date: day(190), response: "PD" } },
      ],
    });
  });

  it("reports no share or median for a cohort without flares", () => {
    expect(backtest([], defaultAlertSettings).summary).toEqual({
      episodeCount: 0,
      alertCount: 0,
      followedByProgressionShare: null,
      medianLeadTimeDays: null,
      progressionsWithoutEpisode: [],
    });
  });
});
