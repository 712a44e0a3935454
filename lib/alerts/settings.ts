import { z } from "zod";
import { antibodyNames, imagingModalities, myositisAntibodies } from "@/lib/events";

/** Where the cancer-screening settings come from (docs/screening.md quotes what each says). */
const IMACS = "IMACS guideline (Oldroyd et al., Nat Rev Rheumatol 2023;19:805–817, doi 10.1038/s41584-023-01045-w)";
const NOT_SETTLED = "The guideline's public text (abstract and Fig. 1 legend) does not settle this; Flarewatch's cautious default.";

/**
 * The alert rules' thresholds (rule version 2). Every number and list the rules use is a setting with a
 * default, shown on the settings page with the label, description and source below, so a clinician can
 * see (and a team can agree) exactly when an alert fires. Where no published source settles a number,
 * the description says so and the default is the cautious choice (more alerts rather than fewer).
 */
interface NumberSetting {
  label: string;
  description: string;
  /** Shown after the input, e.g. "days", "×ULN". */
  unit: string;
  min: number;
  max: number;
  /** 1 for whole numbers. */
  step: number;
  default: number;
  group: SettingGroup;
}

export type SettingGroup = "answer" | "skin" | "muscle" | "reimaging" | "priority" | "context" | "immune" | "screening-risk" | "screening-plan" | "inbox" | "backtest";

export const settingGroupNames: Record<SettingGroup, string> = {
  answer: "The scan that answers",
  skin: "Skin worsening",
  muscle: "Muscle worsening",
  reimaging: "Re-imaging alert",
  priority: "High priority",
  context: "Context named in the reason",
  immune: "Immune-related myositis alert",
  "screening-risk": "Cancer screening when dermatomyositis comes first: risk",
  "screening-plan": "Cancer screening when dermatomyositis comes first: plan",
  inbox: "Inbox",
  backtest: "Backtest",
};

const numberSettings = {
  referenceLookbackDays: {
    label: "Look-back for the reference before a scan",
    description:
      "Each finding is compared with the patient's best value since the last answering scan: the latest value on or before that scan (if it is at most this many days older than the scan) and every value after it. With no answering scan on record, the best value of this many days before the finding. Flarewatch's convention (no published source); 180 days keeps a value measured around the previous staging.",
    unit: "days",
    min: 1,
    max: 730,
    step: 1,
    default: 180,
    group: "answer",
  },
  skinGradeMin: {
    label: "Skin grade that can count as worsening",
    description:
      "A skin assessment is a worsening finding when its severity grade (0–4, Flarewatch's quick grade, not a validated instrument) is at least this and at least the rise below above the reference. With no earlier grade, a grade at least this counts on its own.",
    unit: "grade",
    min: 1,
    max: 4,
    step: 1,
    default: 2,
    group: "skin",
  },
  skinGradeRise: {
    label: "Rise in skin grade",
    description: "Grades above the reference (the best grade since the last answering scan). One grade is the smallest step of the scale.",
    unit: "grades",
    min: 1,
    max: 4,
    step: 1,
    default: 1,
    group: "skin",
  },
  cdasiActivityMin: {
    label: "CDASI activity that can count as worsening",
    description:
      "A skin assessment is also a worsening finding when its CDASI activity is at least this and has risen by the amount below; with no earlier CDASI, at least this counts on its own. Anyanwu et al., Br J Dermatol 2015: activity above 14 was moderate–severe in the Stanford cohort.",
    unit: "points",
    min: 1,
    max: 100,
    step: 1,
    default: 14,
    group: "skin",
  },
  cdasiActivityRise: {
    label: "Rise in CDASI activity",
    description:
      "Points above the reference. Anyanwu et al., Br J Dermatol 2015: about 4 (UPenn) to 5 (Stanford) points is the minimal clinically important difference, derived for improvement; using it for worsening is an extrapolation.",
    unit: "points",
    min: 1,
    max: 100,
    step: 1,
    default: 5,
    group: "skin",
  },
  ckTimesUlnMin: {
    label: "CK that can count as worsening",
    description: "A CK result is a worsening finding when it is at least this many times the upper limit of normal (ULN) and has risen by the factor below. CTCAE v5 grades CK from above 1×ULN.",
    unit: "×ULN",
    min: 0.1,
    max: 100,
    step: 0.1,
    default: 1,
    group: "muscle",
  },
  ckRiseFactor: {
    label: "Rise in CK",
    description: "The CK (as ×ULN) must be at least this many times the reference CK. Flarewatch's convention (no published source): doubling separates a rise from day-to-day variation.",
    unit: "times",
    min: 1,
    max: 100,
    step: 0.1,
    default: 2,
    group: "muscle",
  },
  ckFirstAssessmentTimesUln: {
    label: "CK that counts on its own",
    description: "With no earlier CK to compare with, a CK at least this many times the ULN counts as a finding on its own. Flarewatch's convention (no published source).",
    unit: "×ULN",
    min: 0.1,
    max: 100,
    step: 0.1,
    default: 2,
    group: "muscle",
  },
  ckAssumedRangeLow: {
    label: "Usual CK range, low limit",
    description: "A CK result with no printed upper limit is read against this usual range, and the reason says the range was assumed. Default from the published case's laboratory (25–200 U/L).",
    unit: "U/L",
    min: 0,
    max: 1000,
    step: 1,
    default: 25,
    group: "muscle",
  },
  ckAssumedRangeHigh: {
    label: "Usual CK range, upper limit",
    description: "See the low limit. A lower value makes unranged CKs count as more times the ULN (more alerts).",
    unit: "U/L",
    min: 1,
    max: 2000,
    step: 1,
    default: 200,
    group: "muscle",
  },
  mrcFallGrades: {
    label: "Fall in MRC grade",
    description: "A muscle assessment is a worsening finding when the weakest proximal group's MRC grade (0–5) is at least this many grades below the reference. One grade is the smallest whole step of the MRC scale.",
    unit: "grades",
    min: 0.5,
    max: 5,
    step: 0.5,
    default: 1,
    group: "muscle",
  },
  mrcFirstAssessmentMax: {
    label: "MRC grade that counts on its own",
    description: "With no earlier MRC grade, a grade at or below this counts on its own (MRC 5 is normal power; 4 is weakness against resistance).",
    unit: "MRC",
    min: 0,
    max: 4.5,
    step: 0.5,
    default: 4,
    group: "muscle",
  },
  mmt8FallPercent: {
    label: "Fall in MMT-8",
    description:
      "A muscle assessment is a worsening finding when MMT-8 is at least this share below the reference on the same scale (0–80 or 0–150), so small falls add up. IMACS definition of worsening (Oddis et al. 2005): MMT worse by 20% or more.",
    unit: "%",
    min: 1,
    max: 100,
    step: 1,
    default: 20,
    group: "muscle",
  },
  imagingGapDays: {
    label: "Days after the last answering scan",
    description:
      "A worsening finding raises a re-imaging alert when it is dated at least this many days after the last answering scan (or there is none). Each finding is judged on its own date, so an escalation that starts soon after a scan alerts once it is this far past it. Flarewatch's convention (no published source): about one imaging interval's worth of new information.",
    unit: "days",
    min: 0,
    max: 365,
    step: 1,
    default: 28,
    group: "reimaging",
  },
  severeCkTimesUln: {
    label: "CK that counts as severe",
    description: "A CK finding at least this many times the ULN is a severe finding for priority. CTCAE v5: CPK increased grade 4 is above 10×ULN.",
    unit: "×ULN",
    min: 1,
    max: 100,
    step: 0.5,
    default: 10,
    group: "priority",
  },
  severeMrcMax: {
    label: "MRC grade that counts as severe",
    description: "A weakest proximal group at or below this MRC grade (3: movement against gravity only) is a severe finding for priority. Skin grade 4, ulceration, dysphagia and respiratory involvement are always severe.",
    unit: "MRC",
    min: 0,
    max: 4.5,
    step: 0.5,
    default: 3,
    group: "priority",
  },
  treatmentGapDays: {
    label: "Days off anticancer treatment",
    description: "Off treatment is a priority factor when the first finding is at least this many days after the last anticancer treatment cycle ended (patients never treated are not counted).",
    unit: "days",
    min: 1,
    max: 730,
    step: 1,
    default: 28,
    group: "priority",
  },
  priorityFactorsForHigh: {
    label: "Factors that make an alert high priority",
    description:
      "An alert is high priority when at least this many of the factors hold: skin and muscle worsen together; a severe finding; a high-risk antibody; off anticancer treatment. Each factor that holds is named on the alert either way.",
    unit: "factors",
    min: 1,
    max: 4,
    step: 1,
    default: 2,
    group: "priority",
  },
  steroidTaperDays: {
    label: "Steroid reduction named as context",
    description: "A glucocorticoid dose reduced in this many days before the first finding is named in the reason (a taper flare is possible). A fact shown, not a verdict.",
    unit: "days",
    min: 0,
    max: 365,
    step: 1,
    default: 30,
    group: "context",
  },
  statinStartDays: {
    label: "Statin start named as context",
    description: "A statin started in this many days before the first finding is named in the reason (statins raise CK). A fact shown, not a verdict.",
    unit: "days",
    min: 0,
    max: 730,
    step: 1,
    default: 90,
    group: "context",
  },
  iciWindowDays: {
    label: "Days after a checkpoint inhibitor",
    description:
      "A muscle finding within this many days after a dose of an immune checkpoint inhibitor, or within this many days of a recorded myositis adverse event, raises the immune-related myositis alert instead of a re-imaging alert. Immune-related myositis mostly begins within the first weeks to months of treatment (ASCO irAE guideline); 180 days is a cautious window.",
    unit: "days",
    min: 1,
    max: 730,
    step: 1,
    default: 180,
    group: "immune",
  },
  screeningOnsetAge: {
    label: "Age at onset that is a high-risk feature",
    description: `Age at dermatomyositis onset above this is a high-risk clinical feature. ${IMACS}, Fig. 1 legend: "disease onset at age >40 years". Onset is read as the date of the dermatomyositis diagnosis; with no birth date on record the feature is counted (cautious).`,
    unit: "years",
    min: 18,
    max: 100,
    step: 1,
    default: 40,
    group: "screening-risk",
  },
  screeningHighFactorsForHigh: {
    label: "High-risk factors that make the risk high",
    description: `The risk is high when a high-risk antibody is positive, or when at least this many high-risk factors hold (high-risk antibody, age at onset, dysphagia, cutaneous ulceration). ${IMACS} stratifies by subtype, antibodies and clinical features; a secondary summary (EULAR 2024 report of the Hong Kong validation) reads it as "high: 2 high-risk factors". The full Fig. 1 could not be read: a high-risk antibody alone counting as high is Flarewatch's cautious choice.`,
    unit: "factors",
    min: 1,
    max: 5,
    step: 1,
    default: 2,
    group: "screening-risk",
  },
  screeningModerateFactorsForModerate: {
    label: "Moderate-risk factors that make the risk moderate",
    description: `With fewer high-risk factors than that, the risk is moderate when one high-risk factor holds or at least this many moderate-risk factors (moderate-risk antibodies, no myositis-specific antibody found). The secondary summary reads "moderate: 1 high-risk factor or 2 intermediate-risk factors". ${NOT_SETTLED} 1 counts any single moderate-risk factor.`,
    unit: "factors",
    min: 1,
    max: 5,
    step: 1,
    default: 1,
    group: "screening-risk",
  },
  screeningWindowMonths: {
    label: "Screening window after onset",
    description: `Screening rounds are planned from dermatomyositis onset up to this many months after it. ${IMACS}, abstract: cancer risk is increased "within the 3 years preceding and following IIM onset".`,
    unit: "months",
    min: 12,
    max: 120,
    step: 1,
    default: 36,
    group: "screening-plan",
  },
  screeningIntervalMonths: {
    label: "Months between screening rounds",
    description: `After the round at diagnosis, repeat rounds come every this many months within the window (the last one at the window's end). The guideline's secondary summaries say "annual screening during the 3 years after IIM onset" for high risk. Including a round at the window's end is ${"Flarewatch's"} cautious reading.`,
    unit: "months",
    min: 3,
    max: 36,
    step: 1,
    default: 12,
    group: "screening-plan",
  },
  screeningLeadDays: {
    label: "Days before a round that it is due",
    description: "A repeat round's items show as due (and raise a screening-due alert) this many days before the round's date, so they can be booked. Flarewatch's convention (no published source).",
    unit: "days",
    min: 0,
    max: 180,
    step: 1,
    default: 30,
    group: "screening-plan",
  },
  screeningGraceDays: {
    label: "Days after a round's date that it is overdue",
    description: `An item not recorded this many days after its round's date is overdue (the alert becomes screening overdue). ${IMACS} says screening is done "at the time of IIM diagnosis"; the number of days is ${"Flarewatch's"} convention (no published source), short to be cautious.`,
    unit: "days",
    min: 0,
    max: 365,
    step: 1,
    default: 30,
    group: "screening-plan",
  },
  screeningAcceptBeforeDays: {
    label: "Days before a round that a study still counts",
    description: "A study dated up to this many days before a round's date counts for that round (a CT done in the diagnostic work-up counts for the round at diagnosis). Flarewatch's convention (no published source).",
    unit: "days",
    min: 0,
    max: 365,
    step: 1,
    default: 90,
    group: "screening-plan",
  },
  screeningNasopharyngealRegion: {
    label: "Nasopharyngeal carcinoma common in this region",
    description: `1 if the clinic serves a region where nasopharyngeal carcinoma is common (e.g. southern China, South-East Asia), 0 if not. With 1, nasoendoscopy is planned at diagnosis for every risk category. ${IMACS}, Fig. 1 legend: "nasoendoscopy at the time of diagnosis … in geographical regions where the risk of nasopharyngeal carcinoma is increased". A fact about the clinic, not a threshold: no cautious default applies, 0 suits most European and American clinics.`,
    unit: "(1 yes, 0 no)",
    min: 0,
    max: 1,
    step: 1,
    default: 0,
    group: "screening-plan",
  },
  overdueDays: {
    label: "Open alert overdue after",
    description: "An alert still open or acknowledged this many days after it was raised shows as overdue in the inbox.",
    unit: "days",
    min: 1,
    max: 730,
    step: 1,
    default: 90,
    group: "inbox",
  },
  backtestWindowDays: {
    label: "Backtest window",
    description:
      "In the backtest, an alert counts as followed by progression when a scan showing PD comes within this many days of its first finding, and a PD is counted as preceded by an alert when one was raised in this many days before it.",
    unit: "days",
    min: 1,
    max: 730,
    step: 1,
    default: 90,
    group: "backtest",
  },
} as const satisfies Record<string, NumberSetting>;

export type NumberSettingKey = keyof typeof numberSettings;

function numberSetting(spec: NumberSetting) {
  const label = spec.label.charAt(0).toLowerCase() + spec.label.slice(1);
  let schema = z
    .number({ error: `Enter the ${label} as a number` })
    .min(spec.min, { error: `The ${label} is at least ${spec.min}` })
    .max(spec.max, { error: `The ${label} is at most ${spec.max}` });
  if (spec.step === 1) schema = schema.int({ error: `The ${label} is a whole number` });
  return schema.default(spec.default).meta({ title: spec.label, description: spec.description });
}

const numberSchemas = Object.fromEntries(Object.entries(numberSettings).map(([key, spec]) => [key, numberSetting(spec)])) as {
  [K in NumberSettingKey]: ReturnType<typeof numberSetting>;
};

export const screeningPanels = ["basic", "enhanced"] as const;
export type ScreeningPanel = (typeof screeningPanels)[number];
export const screeningFeatureKeys = ["age", "dysphagia", "ulceration", "seronegative"] as const;
export type ScreeningFeature = (typeof screeningFeatureKeys)[number];

function panelOptions() {
  return [
    { value: "basic", label: "Basic panel" },
    { value: "enhanced", label: "Enhanced panel" },
  ];
}

/** Settings that are a choice of several values from a closed list, or a list of words. */
const listSettings = {
  answeringModalities: {
    type: "choices",
    label: "Imaging that can answer",
    description:
      "Tumour imaging answers \"is the cancer progressing?\" only when it is one of these cross-sectional modalities and is either a baseline staging study or has a RECIST 1.1 response of CR, PR, SD or PD (RECIST 1.1 measures on CT and MRI; PET-CT when its CT is of diagnostic quality). NE, and the modalities not chosen, never close an alert; they are named on it.",
    options: imagingModalities.map((value) => ({ value, label: value })),
    default: ["CT", "MRI", "PET-CT"],
    group: "answer",
  },
  highRiskAntibodies: {
    type: "choices",
    label: "High-risk antibodies",
    description:
      "A positive result for any of these is a priority factor. Anti-TIF1γ (Trallero-Araguás et al., Arthritis Rheum 2012: specificity 89% for cancer-associated DM) and anti-NXP2 are the antibodies most linked to cancer in adult dermatomyositis.",
    options: myositisAntibodies.map((value) => ({ value, label: antibodyNames[value] })),
    default: ["tif1-gamma", "nxp2"],
    group: "priority",
  },
  screeningHighRiskAntibodies: {
    type: "choices",
    label: "Antibodies that make the cancer risk high",
    description: `A positive (latest) result for any of these is a high-risk factor, and on its own makes the risk high. ${IMACS}: risk by myositis-specific antibody profile; anti-TIF1γ is named in the Fig. 1 legend (PET-CT "for patients with anti-TIF1γ antibody-positive dermatomyositis"). Anti-NXP2 as high risk is from the secondary summaries and the meta-analysis behind the guideline (Oldroyd et al., Rheumatology 2021), not read in the figure.`,
    options: myositisAntibodies.map((value) => ({ value, label: antibodyNames[value] })),
    default: ["tif1-gamma", "nxp2"],
    group: "screening-risk",
  },
  screeningModerateRiskAntibodies: {
    type: "choices",
    label: "Antibodies that are moderate-risk factors",
    description: `A positive (latest) result for any of these is a moderate-risk factor. Validation cohorts of the guideline (Hong Kong 2024, Italy 2025) found anti-SAE1 an independent predictor of cancer; anti-Mi-2 and anti-MDA5 placed as moderate is from secondary summaries. ${NOT_SETTLED} Anti-HMGCR is left out by default; the anti-synthetase antibodies (Jo-1, PL-7, PL-12, EJ, OJ) were associated with lower cancer risk in the meta-analysis and are not counted.`,
    options: myositisAntibodies.map((value) => ({ value, label: antibodyNames[value] })),
    default: ["sae", "mi-2", "mda5"],
    group: "screening-risk",
  },
  screeningFeatures: {
    type: "choices",
    label: "Clinical features that count",
    description: `Which recorded features count: age at onset above the setting (high-risk factor), dysphagia on any muscle assessment (high-risk), cutaneous ulceration on any skin assessment (high-risk), and no myositis-specific antibody found among those tested (moderate-risk). ${IMACS}, issue text and Fig. 1 legend: "age at onset > 40, dysphagia, cutaneous ulceration/necrosis, refractory disease and others". Refractory disease is a clinical judgement Flarewatch cannot derive and is not counted (docs/screening.md).`,
    options: [
      { value: "age", label: "Age at onset" },
      { value: "dysphagia", label: "Dysphagia" },
      { value: "ulceration", label: "Cutaneous ulceration" },
      { value: "seronegative", label: "No myositis-specific antibody found" },
    ],
    default: ["age", "dysphagia", "ulceration", "seronegative"],
    group: "screening-risk",
  },
  screeningStandardAtOnset: {
    type: "choices",
    label: "Standard risk: panels at diagnosis",
    description: `${IMACS}, abstract and secondary summaries: standard risk has the basic panel (history and examination, blood tests, chest radiograph, age- and sex-appropriate national screening) at diagnosis.`,
    options: panelOptions(),
    default: ["basic"],
    group: "screening-plan",
  },
  screeningStandardRepeat: {
    type: "choices",
    label: "Standard risk: panels at each repeat round",
    description: `${NOT_SETTLED} The figure's frequency for standard risk could not be read; repeating the basic panel each round is the cautious choice (it is mostly what an annual review does).`,
    options: panelOptions(),
    default: ["basic"],
    group: "screening-plan",
  },
  screeningModerateAtOnset: {
    type: "choices",
    label: "Moderate risk: panels at diagnosis",
    description: `${IMACS}, secondary summaries: moderate and high risk have the basic and the enhanced panel (CT of thorax, abdomen and pelvis; tumour markers) at diagnosis.`,
    options: panelOptions(),
    default: ["basic", "enhanced"],
    group: "screening-plan",
  },
  screeningModerateRepeat: {
    type: "choices",
    label: "Moderate risk: panels at each repeat round",
    description: `${NOT_SETTLED} Repeating the basic panel each round is the default; add the enhanced panel to follow high risk's schedule.`,
    options: panelOptions(),
    default: ["basic"],
    group: "screening-plan",
  },
  screeningHighAtOnset: {
    type: "choices",
    label: "High risk: panels at diagnosis",
    description: `${IMACS}: basic and enhanced panels at diagnosis; PET-CT and upper and lower gastrointestinal endoscopy are listed as "consider" items when cancer was not found at diagnosis (Fig. 1 legend).`,
    options: panelOptions(),
    default: ["basic", "enhanced"],
    group: "screening-plan",
  },
  screeningHighRepeat: {
    type: "choices",
    label: "High risk: panels at each repeat round",
    description: `${IMACS}, secondary summaries: "annual screening during the 3 years after IIM onset is recommended for high-risk patients"; which panel each year is taken as both (cautious).`,
    options: panelOptions(),
    default: ["basic", "enhanced"],
    group: "screening-plan",
  },
  glucocorticoids: {
    type: "words",
    label: "Glucocorticoids",
    description: "Drug names (one per line, matched as words in the recorded drug name, any case) whose dose reductions are named as context. Topical preparations are not counted.",
    default: ["prednisolone", "prednisone", "methylprednisolone", "dexamethasone", "hydrocortisone", "deflazacort", "budesonide"],
    group: "context",
  },
  statins: {
    type: "words",
    label: "Statins",
    description: "Drug names (one per line) whose start is named as context for a CK rise.",
    default: ["atorvastatin", "simvastatin", "rosuvastatin", "pravastatin", "fluvastatin", "lovastatin", "pitavastatin"],
    group: "context",
  },
  checkpointInhibitors: {
    type: "words",
    label: "Immune checkpoint inhibitors",
    description:
      "Drug names (one per line) matched in a treatment cycle's regimen or a medication's drug. The PD-1, PD-L1, CTLA-4 and LAG-3 antibodies licensed so far (ASCO guideline on immune-related adverse events, Schneider et al., J Clin Oncol 2021).",
    default: ["pembrolizumab", "nivolumab", "cemiplimab", "dostarlimab", "retifanlimab", "toripalimab", "tislelizumab", "atezolizumab", "durvalumab", "avelumab", "ipilimumab", "tremelimumab", "relatlimab"],
    group: "immune",
  },
} as const;

export type ListSettingKey = keyof typeof listSettings;

const words = (key: "glucocorticoids" | "statins" | "checkpointInhibitors") => {
  const spec = listSettings[key];
  const label = spec.label.toLowerCase();
  return z
    .array(
      z
        .string({ error: `Enter the ${label} as words` })
        .trim()
        .min(2, { error: `Each of the ${label} has at least 2 letters` })
        .max(60, { error: `Keep each of the ${label} under 60 characters` })
        .transform((word) => word.toLowerCase()),
    )
    .max(100, { error: `List at most 100 ${label}` })
    .default([...spec.default])
    .meta({ title: spec.label, description: spec.description });
};

const antibodyChoices = (key: "screeningHighRiskAntibodies" | "screeningModerateRiskAntibodies") =>
  z
    .array(z.enum(myositisAntibodies, { error: "Unknown antibody" }))
    .default([...listSettings[key].default])
    .meta({ title: listSettings[key].label, description: listSettings[key].description });

const panelChoices = (key: "screeningStandardAtOnset" | "screeningStandardRepeat" | "screeningModerateAtOnset" | "screeningModerateRepeat" | "screeningHighAtOnset" | "screeningHighRepeat") =>
  z
    .array(z.enum(screeningPanels, { error: "Unknown screening panel" }))
    .default([...listSettings[key].default])
    .meta({ title: listSettings[key].label, description: listSettings[key].description });

/** Parse stored or submitted settings; anything left out takes its default. */
export const alertSettings = z.object({
  ...numberSchemas,
  answeringModalities: z
    .array(z.enum(imagingModalities, { error: "Unknown imaging modality" }))
    .min(1, { error: "Choose at least one modality that can answer" })
    .default([...listSettings.answeringModalities.default])
    .meta({ title: listSettings.answeringModalities.label, description: listSettings.answeringModalities.description }),
  highRiskAntibodies: z
    .array(z.enum(myositisAntibodies, { error: "Unknown antibody" }))
    .default([...listSettings.highRiskAntibodies.default])
    .meta({ title: listSettings.highRiskAntibodies.label, description: listSettings.highRiskAntibodies.description }),
  screeningHighRiskAntibodies: antibodyChoices("screeningHighRiskAntibodies"),
  screeningModerateRiskAntibodies: antibodyChoices("screeningModerateRiskAntibodies"),
  screeningFeatures: z
    .array(z.enum(screeningFeatureKeys, { error: "Unknown clinical feature" }))
    .default([...listSettings.screeningFeatures.default])
    .meta({ title: listSettings.screeningFeatures.label, description: listSettings.screeningFeatures.description }),
  screeningStandardAtOnset: panelChoices("screeningStandardAtOnset"),
  screeningStandardRepeat: panelChoices("screeningStandardRepeat"),
  screeningModerateAtOnset: panelChoices("screeningModerateAtOnset"),
  screeningModerateRepeat: panelChoices("screeningModerateRepeat"),
  screeningHighAtOnset: panelChoices("screeningHighAtOnset"),
  screeningHighRepeat: panelChoices("screeningHighRepeat"),
  glucocorticoids: words("glucocorticoids"),
  statins: words("statins"),
  checkpointInhibitors: words("checkpointInhibitors"),
});

export type AlertSettings = z.infer<typeof alertSettings>;

export const defaultAlertSettings: AlertSettings = Object.freeze(alertSettings.parse({})) as AlertSettings;

/** What the settings page shows for each setting, in display order. */
export type AlertSettingField =
  | ({ key: NumberSettingKey; type: "number" } & NumberSetting)
  | { key: ListSettingKey; type: "choices"; label: string; description: string; group: SettingGroup; options: { value: string; label: string }[]; default: string[] }
  | { key: ListSettingKey; type: "words"; label: string; description: string; group: SettingGroup; default: string[] };

export const alertSettingFields: AlertSettingField[] = [
  ...(Object.entries(numberSettings) as [NumberSettingKey, NumberSetting][]).map(([key, spec]) => ({ key, type: "number" as const, ...spec })),
  ...(Object.entries(listSettings) as [ListSettingKey, (typeof listSettings)[ListSettingKey]][]).map(([key, spec]) =>
    spec.type === "choices"
      ? { key, type: "choices" as const, label: spec.label, description: spec.description, group: spec.group, options: [...spec.options], default: [...spec.default] }
      : { key, type: "words" as const, label: spec.label, description: spec.description, group: spec.group, default: [...spec.default] },
  ),
];

export const listSettingKeys = Object.keys(listSettings) as ListSettingKey[];

/** True when `name` contains one of `words` as a whole word (any case): "Prednisolone 5 mg" matches "prednisolone". */
export function namesOneOf(name: string, words: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  return words.find((word) => {
    let at = lower.indexOf(word);
    while (at >= 0) {
      const before = at === 0 ? "" : lower[at - 1];
      const after = lower[at + word.length] ?? "";
      if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
      at = lower.indexOf(word, at + 1);
    }
    return false;
  });
}
