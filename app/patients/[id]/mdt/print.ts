/** The MDT pack's printed page: what each page's margin boxes carry. */

/**
 * A CSS string literal that can hold any text (a patient's name is typed by a user): everything but
 * letters, digits and a few safe signs is written as a CSS escape, so no quote, backslash or "</style>"
 * can end the string or the element.
 */
export function cssString(text: string): string {
  return `"${[...text].map((c) => (/^[A-Za-z0-9 ,.:()·–-]$/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join("")}"`;
}

export function pageMarginBoxes({ patient, window, printed }: { patient: string; window: string; printed: string }): string {
  const box = "font-family: system-ui, sans-serif; font-size: 8pt; color: #000;";
  return [
    "@page {",
    "  margin: 16mm 12mm 14mm;",
    `  @top-left { content: ${cssString(patient)}; ${box} vertical-align: bottom; }`,
    `  @top-right { content: ${cssString(window)}; ${box} vertical-align: bottom; text-align: right; }`,
    `  @bottom-left { content: ${cssString(printed)}; ${box} vertical-align: top; }`,
    `  @bottom-right { content: "page " counter(page) " of " counter(pages); ${box} vertical-align: top; text-align: right; }`,
    "}",
  ].join("\n");
}

