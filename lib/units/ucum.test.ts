import { describe, expect, it } from "vitest";
import { commensurableTarget, convertUcum, isUcumUnit } from "./ucum";

// Factors from the UCUM specification (unitsofmeasure.org): 1 U = 1 umol/min, 1 kat = 1 mol/s, so
// 1 ukat = 60 U; 1 dL = 0.1 L; 10*3/uL = 10*3 per 10*-6 L = 10*9/L.
describe("UCUM conversion", () => {
  it("converts commensurable units exactly, without binary floating-point residue", () => {
    expect(convertUcum(3.1, "10*3/uL", "10*9/L")).toEqual({ ok: true, value: 3.1, factor: 1 });
    expect(convertUcum(0.1, "ukat/L", "U/L")).toEqual({ ok: true, value: 6, factor: 60 });
    expect(convertUcum(1.23, "mg/dL", "mg/L")).toEqual({ ok: true, value: 12.3, factor: 10 });
    expect(convertUcum(2.35, "ukat/L", "U/L")).toMatchObject({ ok: true, value: 141 });
    expect(convertUcum(0.7, "mg/dL", "mg/L")).toMatchObject({ ok: true, value: 7 });
    expect(convertUcum(695, "U/L", "U/L")).toEqual({ ok: true, value: 695, factor: 1 });
  });

  it("refuses units that are not commensurable or not UCUM", () => {
    expect(convertUcum(1, "mmol/L", "mg/L")).toMatchObject({ ok: false });
    expect(convertUcum(1, "mg/L", "U/L")).toMatchObject({ ok: false });
    expect(convertUcum(1, "Milligrams", "mg/L")).toMatchObject({ ok: false, message: expect.stringContaining("not a UCUM unit") });
  });

  it("validates unit strings and finds the analyte unit a unit converts to", () => {
    expect(isUcumUnit("10*3/uL")).toBe(true);
    expect(isUcumUnit("x10^9/L")).toBe(false);
    expect(commensurableTarget("10*3/uL", ["10*9/L"])).toBe("10*9/L");
    expect(commensurableTarget("ukat/L", ["U/L"])).toBe("U/L");
    expect(commensurableTarget("mmol/L", ["mg/L"])).toBeUndefined();
  });
});
