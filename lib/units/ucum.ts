import ucum from "@lhncbc/ucum-lhc";

/**
 * UCUM units through the NLM's maintained UCUM library (@lhncbc/ucum-lhc): whether a string is a valid
 * UCUM unit, and the exact conversion of a value between commensurable units (10*3/uL → 10*9/L,
 * mg/dL → mg/L, ukat/L → U/L). The library gives the factor between the two units; the value is then
 * multiplied in decimal arithmetic, so 3.1 10*3/uL is 3.1 10*9/L and 0.1 ukat/L is 6 U/L, never
 * 3.0999999999999996. Units that are not commensurable (mmol/L and mg/L need a molar mass) are refused.
 */

const utils = ucum.UcumLhcUtils.getInstance();

export function isUcumUnit(unit: string): boolean {
  if (unit.trim() === "" || unit !== unit.trim()) return false;
  return utils.validateUnitString(unit).status === "valid";
}

/** A decimal as an integer mantissa and a power of ten. */
interface Decimal {
  digits: bigint;
  exponent: number;
}

function toDecimal(value: number | string): Decimal {
  const text = typeof value === "number" ? value.toString() : value;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) throw new RangeError(`Not a decimal: ${text}`);
  const fraction = m[3] ?? "";
  return { digits: BigInt(`${m[1]}${m[2] || "0"}${fraction}`), exponent: Number(m[4] ?? 0) - fraction.length };
}

function decimalToNumber(d: Decimal): number {
  const negative = d.digits < 0n;
  let digits = (negative ? -d.digits : d.digits).toString();
  let text: string;
  if (d.exponent >= 0) text = digits + "0".repeat(d.exponent);
  else {
    const places = -d.exponent;
    digits = digits.padStart(places + 1, "0");
    text = `${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
  }
  return Number(`${negative ? "-" : ""}${text}`);
}

/** The factor from one unit to another, to 12 significant digits (the library works in binary floating point). */
export function ucumFactor(from: string, to: string): number | undefined {
  if (from === to) return 1;
  const result = utils.convertUnitTo(from, 1, to);
  if (result.status !== "succeeded" || result.toVal === null || !Number.isFinite(result.toVal) || result.toVal <= 0) return undefined;
  return Number(result.toVal.toPrecision(12));
}

export type Conversion = { ok: true; value: number; factor: number } | { ok: false; message: string };

/** `value` in `from` expressed in `to`, exactly (decimal product of the value and the factor). */
export function convertUcum(value: number, from: string, to: string): Conversion {
  if (from === to) return { ok: true, value, factor: 1 };
  if (!isUcumUnit(from)) return { ok: false, message: `"${from}" is not a UCUM unit` };
  const factor = ucumFactor(from, to);
  if (factor === undefined) return { ok: false, message: `${from} cannot be converted to ${to}: the units are not commensurable` };
  const a = toDecimal(value);
  const b = toDecimal(factor);
  return { ok: true, value: decimalToNumber({ digits: a.digits * b.digits, exponent: a.exponent + b.exponent }), factor };
}

/**
 * The first of `targets` that `unit` converts to: the unit itself when it is one of them, otherwise
 * the first commensurable one.
 */
export function commensurableTarget(unit: string, targets: readonly string[]): string | undefined {
  if (targets.includes(unit)) return unit;
  if (!isUcumUnit(unit)) return undefined;
  return targets.find((t) => ucumFactor(unit, t) !== undefined);
}
