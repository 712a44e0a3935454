import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultAlertSettings, evaluateScreening, type AlertSettings } from "@/lib/alerts";
import { antibody, cancer, day, dmDiagnosis, enteredInError, event, muscle, shuffled, skin } from "@/lib/alerts/testing";
import type { PayloadOf, TimelineEvent } from "@/lib/events";
import { riskOf, screeningPlan, screeningRecord, type ScreeningItemId, type ScreeningPlan } from "./index";

/**
 * Scenario tables for cancer screening when dermatomyositis comes first (docs/screening.md). Each case
 * names the IMACS 2023 recommendation it encodes (Oldroyd et al., Nat Rev Rheumatol 2023;19:805–817):
 * the abstract ("stratified into standard, moderate or high risk according to the IIM subtype,
 * autoantibody status and clinical features"; "basic" and "enhanced" panels; "timing and frequency …
 * according to risk status"; risk "within the 3 years … following IIM onset") and the Fig. 1 legend
 * (PET-CT and endoscopy for high risk; nasoendoscopy where nasopharyngeal carcinoma is common).
 * Day 0 (2020-01-06) is the DM diagnosis unless a case says otherwise.
 */
const S = defaultAlertSettings;
const born = (ageAtDay0: number) => `${2020 - ageAtDay0 - 1}-06-01`;
const patient = (age?: number) => ({ id: "p1", ...(age !== undefined && { birthDate: born(age) }) });
const dysphagia = (id: string, on: number) => muscle(id, on, { dysphagia: true });
const ulcer = (id: string, on: number) => skin(id, on, 2, { signs: ["ulceration"] });
const ct = (id: string, on: number, region: PayloadOf<"imaging">["region"] = "thorax-abdomen-pelvis", modality: PayloadOf<"imaging">["modality"] = "CT") =>
  event(id, "imaging", day(on), { modality, region });
const marker = (id: string, on: number, analyte: "ca-125" | "cea" | "psa" = "ca-125") => event(id, "lab_result", day(on), { analyte, value: 12, unit: analyte === "ca-125" ? "U/mL" : "ng/mL" });
const lab = (id: string, on: number, analyte: "wbc" | "crp") => event(id, "lab_result", day(on), analyte === "wbc" ? { analyte, value: 6, unit: "10*9/L" } : { analyte, value: 3, unit: "mg/L" });
const proc = (id: string, on: number, screening: PayloadOf<"procedure">["screening"]) => event(id, "procedure", day(on), { name: String(screening), screening });
const basicPanel = (on: number) => [proc(`he-${on}`, on, "history-examination"), lab(`wbc-${on}`, on, "wbc"), lab(`crp-${on}`, on, "crp"), ct(`cxr-${on}`, on, "chest", "X-ray"), proc(`ns-${on}`, on, "national-screening")];
const enhancedPanel = (on: number) => [ct(`ct-${on}`, on), marker(`ca125-${on}`, on)];

const itemsOf = (plan: ScreeningPlan, round = "m0") => Object.fromEntries(plan.rounds.find((r) => r.id === round)!.items.map((item) => [item.id, item.status])) as Partial<Record<ScreeningItemId, string>>;

describe("risk category (IMACS: standard, moderate or high by antibodies and clinical features)", () => {
  it.each<[string, number | undefined, TimelineEvent[], "standard" | "moderate" | "high", string[]]>([
    ["issue: TIF1γ+ DM at 58 with dysphagia is high risk", 58, [antibody("tif1", 5, "tif1-gamma", "positive"), dysphagia("dys", 10)], "high", ["anti-TIF1γ positive (11 Jan 2020)", "onset at 58", "dysphagia (16 Jan 2020)"]],
    ["high-risk antibody alone (anti-NXP2) is high (cautious reading of Fig. 1)", 30, [antibody("nxp2", 3, "nxp2", "positive")], "high", ["anti-NXP2 positive (9 Jan 2020)"]],
    ["two high-risk clinical features (age > 40 and cutaneous ulceration) are high", 55, [ulcer("ulc", 2)], "high", ["onset at 55", "cutaneous ulceration (8 Jan 2020)"]],
    ["one high-risk feature (age > 40) is moderate", 52, [antibody("jo1", 1, "jo-1", "positive")], "moderate", ["onset at 52"]],
    ["onset at exactly 40 is not > 40: standard with an anti-synthetase antibody", 40, [antibody("jo1", 1, "jo-1", "positive")], "standard", []],
    ["a moderate-risk antibody (anti-SAE) at 35 is moderate", 35, [antibody("sae", 1, "sae", "positive")], "moderate", ["anti-SAE positive (7 Jan 2020)"]],
    ["no myositis-specific antibody found among those tested is a moderate-risk factor", 30, [antibody("tif1", 1, "tif1-gamma", "negative"), antibody("jo1", 1, "jo-1", "negative")], "moderate", ["no myositis-specific antibody found (Anti-Jo-1, Anti-TIF1γ negative, latest 7 Jan 2020)"]],
    ["a later negative TIF1γ replaces the earlier positive (latest result counts)", 30, [antibody("tif1-a", 1, "tif1-gamma", "positive"), antibody("tif1-b", 40, "tif1-gamma", "negative"), antibody("jo1", 1, "jo-1", "positive")], "standard", []],
    ["no birth date: age at onset counted (cautious)", undefined, [], "moderate", ["age at onset not known (no birth date): counted as over 40"]],
  ])("%s", (_name, age, extra, category, reasons) => {
    const events = [dmDiagnosis(), ...extra];
    const risk = riskOf(patient(age), screeningRecord(events, day(400)), S);
    expect(risk.category).toBe(category);
    expect(risk.reasons.map((r) => r.text)).toEqual(reasons);
    // Every reason links to the event it came from.
    for (const reason of risk.reasons) expect(events.map((e) => e.id)).toContain(reason.eventId);
  });
});

describe("plan: panels by risk, timing from onset (IMACS basic/enhanced panels, 3 years after onset)", () => {
  it("issue: TIF1γ+ DM at 58 with dysphagia: basic and enhanced panels due at diagnosis, PET-CT and endoscopy to consider, rounds yearly for 3 years", () => {
    const plan = screeningPlan(patient(58), [dmDiagnosis(), antibody("tif1", 5, "tif1-gamma", "positive"), dysphagia("dys", 10)], S, day(10));
    expect(plan.state).toBe("active");
    expect(plan.risk!.category).toBe("high");
    expect(plan.rounds.map((r) => [r.id, r.date, r.panels.join("+")])).toEqual([
      ["m0", "2020-01-06", "basic+enhanced"],
      ["m12", "2021-01-06", "basic+enhanced"],
      ["m24", "2022-01-06", "basic+enhanced"],
      ["m36", "2023-01-06", "basic+enhanced"],
    ]);
    expect(itemsOf(plan)).toEqual({
      "history-examination": "due",
      "basic-bloods": "due",
      "chest-radiograph": "due",
      "national-screening": "due",
      "ct-tap": "due",
      "tumour-markers": "due",
      "pet-ct": "due",
      "gi-endoscopy": "due",
    });
    expect(itemsOf(plan, "m12")["ct-tap"]).toBe("not-yet-due");
    expect(plan.nextChange).toBe("2020-02-06");
  });

  it("issue: a standard-risk patient has the basic panel only", () => {
    const plan = screeningPlan(patient(35), [dmDiagnosis(), antibody("jo1", 1, "jo-1", "positive")], S, day(5));
    expect(plan.risk!.category).toBe("standard");
    expect(plan.rounds[0].panels).toEqual(["basic"]);
    expect(Object.keys(itemsOf(plan))).toEqual(["history-examination", "basic-bloods", "chest-radiograph", "national-screening"]);
  });

  it("issue: a CT TAP recorded marks that item done and the next one is scheduled (not yet due)", () => {
    const events = [dmDiagnosis(), antibody("tif1", 5, "tif1-gamma", "positive"), ct("ct-tap", 14)];
    const plan = screeningPlan(patient(58), events, S, day(20));
    expect(itemsOf(plan)["ct-tap"]).toBe("done");
    expect(plan.rounds[0].items.find((i) => i.id === "ct-tap")!.doneBy).toEqual([{ eventId: "ct-tap", date: "2020-01-20", label: "CT thorax, abdomen and pelvis" }]);
    expect(itemsOf(plan)["tumour-markers"]).toBe("due");
    expect(itemsOf(plan, "m12")["ct-tap"]).toBe("not-yet-due");
    // The CT of the first round does not count for the next.
    expect(itemsOf(screeningPlan(patient(58), events, S, day(370)), "m12")["ct-tap"]).toBe("due");
  });

  it("due becomes overdue as days pass without any write (grace of 30 days after the round's date)", () => {
    const events = [dmDiagnosis(), antibody("tif1", 5, "tif1-gamma", "positive")];
    expect(itemsOf(screeningPlan(patient(58), events, S, day(30)))["ct-tap"]).toBe("due");
    expect(itemsOf(screeningPlan(patient(58), events, S, day(31)))["ct-tap"]).toBe("overdue");
  });

  it("a repeat round is due 30 days before its date (so it can be booked)", () => {
    const events = [dmDiagnosis(), antibody("tif1", 5, "tif1-gamma", "positive"), ...basicPanel(3), ...enhancedPanel(3)];
    const before = screeningPlan(patient(58), events, S, "2020-12-06");
    const from = screeningPlan(patient(58), events, S, "2020-12-07");
    expect(itemsOf(before, "m12")["ct-tap"]).toBe("not-yet-due");
    expect(itemsOf(from, "m12")["ct-tap"]).toBe("due");
  });

  it("work-up done in the 90 days before the diagnosis counts for the round at diagnosis", () => {
    const plan = screeningPlan(patient(58), [dmDiagnosis("dx", 100), antibody("tif1", 100, "tif1-gamma", "positive"), ct("ct-early", 20), ct("ct-too-early", 5)], S, day(110));
    expect(plan.rounds[0].items.find((i) => i.id === "ct-tap")!.doneBy[0].eventId).toBe("ct-early");
  });

  it("a CT of the chest satisfies the chest radiograph; a CT of the abdomen only does not satisfy CT TAP", () => {
    const plan = screeningPlan(patient(58), [dmDiagnosis(), ct("ct-chest", 3, "chest"), ct("ct-ap", 3, "abdomen-pelvis")], S, day(5));
    expect(itemsOf(plan)["chest-radiograph"]).toBe("done");
    expect(itemsOf(plan)["ct-tap"]).toBe("due");
  });

  it("issue: a cancer diagnosis closes the plan and no screening alert stays open", () => {
    const events = [dmDiagnosis(), antibody("tif1", 5, "tif1-gamma", "positive"), cancer("dx-ca", 200)];
    const plan = screeningPlan(patient(58), events, S, day(400));
    expect(plan.state).toBe("closed");
    expect(plan.rounds.flatMap((r) => r.items.map((i) => i.status))).toEqual(expect.arrayContaining(["closed"]));
    expect(plan.rounds.flatMap((r) => r.items).some((i) => i.status === "due" || i.status === "overdue")).toBe(false);
    const alerts = evaluateScreening(patient(58), events, S, day(400));
    expect(alerts.every((a) => a.status === "resolved")).toBe(true);
    expect(alerts.at(-1)!.reason).toContain("Closed: a cancer (Leiomyosarcoma, grade 2) was diagnosed on 24 Jul 2020");
  });

  it.each([
    ["a cancer diagnosed before the dermatomyositis: the re-imaging rule, not screening", [cancer("dx-ca", -30), dmDiagnosis()], 58],
    ["no dermatomyositis diagnosis recorded", [antibody("tif1", 5, "tif1-gamma", "positive")], 58],
    ["juvenile onset (IMACS: screening not routinely required)", [dmDiagnosis()], 15],
  ] as [string, TimelineEvent[], number][])("not applicable: %s", (_name, events, age) => {
    const plan = screeningPlan(patient(age), events, S, day(50));
    expect(plan.state).toBe("not-applicable");
    expect(evaluateScreening(patient(age), events, S, day(50))).toEqual([]);
  });

  it("nasoendoscopy at diagnosis only where nasopharyngeal carcinoma is common (a clinic setting)", () => {
    const events = [dmDiagnosis()];
    expect(itemsOf(screeningPlan(patient(30), events, S, day(1))).nasoendoscopy).toBeUndefined();
    expect(itemsOf(screeningPlan(patient(30), events, { ...S, screeningNasopharyngealRegion: 1 }, day(1))).nasoendoscopy).toBe("due");
  });
});

describe("screening alerts (same lifecycle as the other rules)", () => {
  const high = [dmDiagnosis(), antibody("tif1", 5, "tif1-gamma", "positive"), dysphagia("dys", 10)];

  it("issue: a due alert whose reason states the facts", () => {
    const [alert] = evaluateScreening(patient(58), high, S, day(10));
    expect(alert.ruleId).toBe("screening-due");
    expect(alert.key).toBe("p1:screening-due:dx-dm@m0");
    expect(alert.status).toBe("open");
    expect(alert.priority).toBe("high");
    expect(alert.reason).toBe(
      "High risk: anti-TIF1γ positive (11 Jan 2020), onset at 58, dysphagia (16 Jan 2020). Basic and enhanced screening (history and examination, blood tests, chest radiograph, national screening, CT thorax/abdomen/pelvis, tumour markers) due at diagnosis (6 Jan 2020): none recorded. If no cancer is found, consider PET-CT and GI endoscopy (IMACS, high risk).",
    );
    expect(alert.evidence).toEqual(["dx-dm", "tif1", "dys"]);
  });

  it("becomes screening overdue after the grace days, with the same anchor", () => {
    const [alert] = evaluateScreening(patient(58), high, S, day(31));
    expect(alert.ruleId).toBe("screening-overdue");
    expect(alert.key).toBe("p1:screening-overdue:dx-dm@m0");
    expect(alert.reason).toContain("Overdue since 6 Feb 2020.");
  });

  it("resolves when every required item of the round is recorded; work-up done by the diagnosis raises nothing", () => {
    const done = [...high, ...basicPanel(20), ...enhancedPanel(20)];
    const [alert] = evaluateScreening(patient(58), done, S, day(25));
    expect(alert.status).toBe("resolved");
    expect(alert.ruleId).toBe("screening-due");
    expect(evaluateScreening(patient(58), [...high, ...basicPanel(0), ...enhancedPanel(0)], S, day(25))).toEqual([]);
  });

  it("a round not done is taken over by the next round when that one is due", () => {
    const alerts = evaluateScreening(patient(58), high, S, "2020-12-10");
    expect(alerts.map((a) => [a.key, a.status])).toEqual([
      ["p1:screening-overdue:dx-dm@m0", "resolved"],
      ["p1:screening-due:dx-dm@m12", "open"],
    ]);
  });

  it("an entry entered in error no longer counts", () => {
    const ctTap = ct("ct-tap", 14);
    const plan = screeningPlan(patient(58), [...high, ctTap, enteredInError(ctTap)], S, day(20));
    expect(itemsOf(plan)["ct-tap"]).toBe("due");
  });
});

describe("properties", () => {
  const pool: TimelineEvent[] = [
    dmDiagnosis(),
    antibody("tif1", 5, "tif1-gamma", "positive"),
    antibody("sae", 6, "sae", "positive"),
    antibody("jo1", 6, "jo-1", "negative"),
    dysphagia("dys", 10),
    ulcer("ulc", 40),
    ...basicPanel(20),
    ...enhancedPanel(380),
    ct("ct-2", 700),
    marker("cea-2", 710, "cea"),
    cancer("dx-ca", 900),
  ];
  const subsets = fc.subarray(pool.slice(1), { minLength: 0 }).map((rest) => [pool[0], ...rest]);
  const todays = fc.integer({ min: 0, max: 1400 }).map((n) => day(n));

  it("back-dated entries: the entry order never changes the plan or the alerts", () => {
    fc.assert(
      fc.property(subsets, todays, fc.integer(), (events, today, seed) => {
        const a = screeningPlan(patient(58), events, S, today);
        const b = screeningPlan(patient(58), shuffled(events, seed), S, today);
        expect(b).toEqual(a);
        expect(evaluateScreening(patient(58), shuffled(events, seed), S, today)).toEqual(evaluateScreening(patient(58), events, S, today));
      }),
    );
  });

  it("recording a screening study never makes an item overdue (or any item less done)", () => {
    const studies = [ct("new-ct", 0), marker("new-ca", 0), ...basicPanel(0)];
    const rank = { done: 0, closed: 0, "not-yet-due": 1, due: 2, overdue: 3 } as const;
    fc.assert(
      fc.property(subsets, todays, fc.integer({ min: 0, max: studies.length - 1 }), fc.integer({ min: -100, max: 1400 }), (events, today, which, on) => {
        const study = { ...studies[which], id: `added-${which}`, occurredAt: day(on) } as TimelineEvent;
        const before = screeningPlan(patient(58), events, S, today);
        const after = screeningPlan(patient(58), [...events, study], S, today);
        before.rounds.forEach((round, r) =>
          round.items.forEach((item, i) => {
            expect(rank[after.rounds[r].items[i].status]).toBeLessThanOrEqual(rank[item.status]);
          }),
        );
      }),
    );
  });

  it("time only moves items forward: not yet due → due → overdue, never back", () => {
    const rank = { "not-yet-due": 0, due: 1, overdue: 2, done: 3, closed: 3 } as const;
    fc.assert(
      fc.property(subsets, fc.integer({ min: 0, max: 1300 }), fc.integer({ min: 1, max: 200 }), (events, start, step) => {
        const a = screeningPlan(patient(58), events, S, day(start));
        const b = screeningPlan(patient(58), events, S, day(start + step));
        a.rounds.forEach((round, r) => round.items.forEach((item, i) => expect(rank[b.rounds[r].items[i].status]).toBeGreaterThanOrEqual(rank[item.status])));
      }),
    );
  });

  it("settings left at default parse to the defaults (screening settings are part of the alert settings)", () => {
    const custom: AlertSettings = { ...S, screeningHighRepeat: ["basic"] };
    expect(screeningPlan(patient(58), high(), custom, day(400)).rounds[1].panels).toEqual(["basic"]);
    function high() {
      return [dmDiagnosis(), antibody("tif1", 5, "tif1-gamma", "positive")];
    }
  });
});
