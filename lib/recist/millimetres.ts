/**
 * Exact arithmetic for RECIST sums. Diameters are handled as whole hundredths of a millimetre: CT
 * calipers read to 0.1 mm at best, so hundredths keep every digit a radiologist records, and integer
 * sums and cross-multiplied thresholds make the guideline's edges exact. In floating point
 * 40.6 / 58 is 0.7000000000000001, which would turn an exact −30% (a PR) into SD.
 */
export type Hundredths = number;

export function toHundredths(mm: number): Hundredths {
  return Math.round(mm * 100);
}

export function toMm(value: Hundredths): number {
  return value / 100;
}

export function formatMm(value: Hundredths): string {
  return `${toMm(value)} mm`;
}

/** Signed change in mm for text: "+14 mm", "−3 mm" (a real minus sign, as printed in reports). */
export function formatMmChange(change: Hundredths): string {
  if (change === 0) return "0 mm";
  return `${change > 0 ? "+" : "−"}${toMm(Math.abs(change))} mm`;
}

/**
 * Percent change from a reference sum; undefined when the reference is 0 mm, where a percentage
 * means nothing. Both operands are integers, so an exact −30% comes out as exactly −30.
 */
export function percentChange(reference: Hundredths, current: Hundredths): number | undefined {
  if (reference === 0) return undefined;
  return ((current - reference) * 100) / reference;
}

/**
 * A percentage as a whole number for text, truncated toward zero rather than rounded: a −29.9%
 * (SD) must not read "−30%", nor a +19.6% "+20%", next to a response that says they fell short.
 */
export function formatPercent(percent: number): string {
  const whole = Math.trunc(percent);
  if (whole === 0) return "0%";
  return `${whole > 0 ? "+" : "−"}${Math.abs(whole)}%`;
}
