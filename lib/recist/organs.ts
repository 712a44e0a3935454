import { organNames, type OrganCode } from "@/lib/events";

/** What organ grouping needs of a lesion: the coded organ if recorded, else the organ as written. */
export interface OrganOfLesion {
  organ: string;
  organCode?: OrganCode;
  nodal?: boolean;
}

/**
 * Older records name the organ in free text ("liver segment 4", "hepatic", "right adrenal"). These
 * patterns read the common words as the coded organ, so that those records group like coded ones.
 * The order matters: "subcutaneous" is soft tissue, not skin.
 */
const organWords: [RegExp, OrganCode][] = [
  [/\b(lymph|node|nodal|nodes)\b/, "lymph-node"],
  [/\b(lung|lungs|pulmonary)\b/, "lung"],
  [/\b(liver|hepatic)\b/, "liver"],
  [/\badrenal/, "adrenal"],
  [/\b(kidney|kidneys|renal)\b/, "kidney"],
  [/\b(brain|cerebral|cerebellar)\b/, "brain"],
  [/\bpleura/, "pleura"],
  [/\b(peritoneum|peritoneal|omentum|omental)\b/, "peritoneum"],
  [/\b(soft tissue|soft-tissue|muscle|intramuscular|subcutaneous)\b/, "soft-tissue"],
  [/\b(bone|osseous|femur|femoral|vertebra|vertebral)\b/, "bone"],
  [/\b(skin|cutaneous|dermal)\b/, "skin"],
  [/\b(spleen|splenic)\b/, "spleen"],
  [/\bpancrea/, "pancreas"],
  [/\b(ovary|ovaries|ovarian)\b/, "ovary"],
  [/\bbreast/, "breast"],
];

/** The coded organ of a lesion: as recorded, else read from the organ text; undefined when unrecognised. */
export function organCodeOf(lesion: OrganOfLesion): OrganCode | undefined {
  if (lesion.nodal) return "lymph-node";
  if (lesion.organCode) return lesion.organCode;
  const text = lesion.organ.trim().toLowerCase();
  return organWords.find(([pattern]) => pattern.test(text))?.[1];
}

/**
 * The key lesions are grouped by, for the two-per-organ limit and for matching lesions without ids:
 * the coded organ (both lungs, both kidneys, both ovaries and all lymph nodes are one organ each, per
 * the EORTC RECIST FAQ on paired organs), else the organ text without its side.
 */
export function organKey(lesion: OrganOfLesion): string {
  const code = organCodeOf(lesion);
  if (code && code !== "other") return code;
  return lesion.organ
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^(left|right|bilateral|both)\s+/, "");
}

/** The organ as a reader sees it: the coded name, or the text as written. */
export function organLabel(lesion: OrganOfLesion): string {
  const code = organCodeOf(lesion);
  if (lesion.organCode && lesion.organCode !== "other") return organNames[lesion.organCode].toLowerCase();
  return code === "lymph-node" && !lesion.organ.trim() ? "lymph node" : lesion.organ.trim();
}
