import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readNumber } from "./numbers";

describe("the one number reader (forms and lab CSV)", () => {
  it.each([
    ["1250", 1250],
    ["  42 ", 42],
    ["12.5", 12.5],
    ["0.125", 0.125],
    ["-3", -3],
    ["+7", 7],
    [".5", 0.5],
    ["1.2500", 1.25],
    ["", undefined],
    ["   ", undefined],
  ])("reads %j as %j", (typed, value) => {
    expect(readNumber(typed)).toEqual({ ok: true, value });
  });

  it.each([
    // The slip of issue 14: a CK of 1,250 U/L stored as 1.25 U/L.
    ["1,250", /“1,250” could be 1250 or 1\.25/],
    ["1.250", /“1\.250” could be 1250 \(with a thousands point\) or 1\.25/],
    ["1.125", /or 1\.1250 for the decimal/],
    ["12,345.6", /without the thousands separator: 12345\.6/],
    ["1.250.000", /without the thousands separator: 1250000/],
    ["1 250", /without spaces or separators between the digits: 1250/],
    ["1\u202f250", /without spaces/],
    ["12,5", /decimal point, not a comma: 12\.5/],
    ["1e3", /not in exponent notation \(“1e3” is 1000\)/],
    ["٤٢", /digits 0–9/],
    ["12 U/L", /Enter a number/],
    ["abc", /Enter a number/],
    ["Infinity", /Enter a number/],
    ["0x10", /Enter a number/],
  ])("refuses %j with a message that gives the readings", (typed, message) => {
    const read = readNumber(typed);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(message);
  });

  it("never reads a number with a comma at all, so no comma can shrink a value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }), (a, b) => {
        expect(readNumber(`${a},${String(b).padStart(3, "0")}`).ok).toBe(false);
      }),
    );
  });

  it("reads every plain decimal as JavaScript does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const text = `${whole}.${String(cents).padStart(2, "0")}`;
        expect(readNumber(text)).toEqual({ ok: true, value: Number(text) });
      }),
    );
  });
});
