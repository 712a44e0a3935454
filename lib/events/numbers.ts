/**
 * The one reader of a number typed by a person or written in a CSV cell. Every form and the lab CSV
 * import read numbers through it, on the server, so "1,250" means the same thing everywhere.
 *
 * The rule (docs/data-entry.md): a number is digits 0–9 with at most one decimal POINT. Anything whose
 * reading depends on a convention is refused with a message that gives the readings, never guessed:
 *
 * | typed      | read as | why                                                                       |
 * |------------|---------|---------------------------------------------------------------------------|
 * | `1250`     | 1250    |                                                                           |
 * | `  42 `    | 42      | spaces around are dropped                                                 |
 * | `12.5`     | 12.5    |                                                                           |
 * | `-3`       | -3      | (the field's schema then says whether a negative is allowed)              |
 * | `1,250`    | refused | 1250 with a thousands comma, or 1.25 with a decimal comma: 1000× apart    |
 * | `12,5`     | refused | a decimal comma: unambiguous here, but one rule for every comma is safer  |
 * |            |         | than a reading that flips with the number of digits ("12,50" / "12,500")   |
 * | `1.250`    | refused | 1.25, or 1250 with a European thousands point                             |
 * | `1 250`    | refused | a space as thousands separator                                            |
 * | `1e3`      | refused | exponent notation is not how results are written                          |
 * | `٤٢`       | refused | digits other than 0–9 (they look like numbers but are read by nobody else) |
 * | ``         | absent  |                                                                           |
 *
 * "Refused" keeps what was typed in the form and changes nothing stored.
 */
export type NumberReading = { ok: true; value: number | undefined } | { ok: false; message: string; /** Not a number at all (the field's own "Enter the … as a number" says it better). */ generic?: true };

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** A comma or point followed by exactly three digits, after one to three digits that are not a lone 0. */
const GROUPED_COMMA = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const GROUPED_POINT = /^[+-]?[1-9]\d{0,2}(\.\d{3})+$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;

const digitsOnly = (text: string) => text.replace(/[^\d.+-]/g, "");

export function readNumber(typed: string): NumberReading {
  const text = typed.replace(/^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g, "");
  if (text === "") return { ok: true, value: undefined };
  if (/\p{Nd}/u.test(text.replace(/[0-9]/g, ""))) return { ok: false, message: `Type the number with the digits 0–9 (“${text}” uses other digits)` };
  if (/[\s\u00a0\u202f\u2009']/.test(text) && /^[+-]?[\d\s\u00a0\u202f\u2009',.]+$/.test(text)) {
    return { ok: false, message: `Type the number without spaces or separators between the digits: ${digitsOnly(text.replace(/,/g, ""))}` };
  }
  if (GROUPED_COMMA.test(text)) {
    const whole = text.replace(/,/g, "");
    const decimal = /^[+-]?\d{1,3},\d{3}$/.test(text) ? text.replace(",", ".") : undefined;
    return {
      ok: false,
      message: decimal
        ? `“${text}” could be ${whole} or ${Number(decimal)}: type ${whole}, or ${Number(decimal)} with a decimal point (no commas)`
        : `Type the number without the thousands separator: ${whole}`,
    };
  }
  if (GROUPED_POINT.test(text)) {
    const whole = text.replace(/\./g, "");
    // 1.250 → "1.25"; 1.125 cannot be written shorter, so "1.1250" (four decimals are not ambiguous).
    const decimal = /^[+-]?\d{1,3}\.\d{3}$/.test(text) ? (String(Number(text)) === text.replace(/^\+/, "") ? `${text}0` : String(Number(text))) : undefined;
    return {
      ok: false,
      message:
        decimal !== undefined
          ? `“${text}” could be ${whole} (with a thousands point) or ${Number(text)}: type ${whole}, or ${decimal} for the decimal`
          : `Type the number without the thousands separator: ${whole}`,
    };
  }
  if (DECIMAL_COMMA.test(text)) return { ok: false, message: `Use a decimal point, not a comma: ${text.replace(",", ".")}` };
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$/.test(text)) return { ok: false, message: `Write the number in full, not in exponent notation (“${text}” is ${Number(text)})` };
  if (!PLAIN.test(text)) return { ok: false, message: "Enter a number, e.g. 1250 or 12.5", generic: true };
  return { ok: true, value: Number(text) };
}
