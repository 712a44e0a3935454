import { describe, expect, it } from "vitest";
import { cssString, pageMarginBoxes } from "./print";

describe("the MDT pack's page margin boxes", () => {
  it("keeps names and dates readable and escapes anything that could end the string or the style element", () => {
    expect(cssString("REFERENCE, Case · FW-0001 · born 14 Sep 1976")).toBe('"REFERENCE, Case · FW-0001 · born 14 Sep 1976"');
    const hostile = cssString('O"Brien\\</style><script>');
    expect(hostile).not.toMatch(/[<>]/);
    expect(hostile.slice(1, -1)).not.toContain('"');
    expect(hostile).toContain("\\22 ");
    expect(hostile).toContain("\\3c ");
  });

  it("puts the patient, the window, the print date and page N of M on every page", () => {
    const css = pageMarginBoxes({ patient: "REFERENCE, Case · FW-0001", window: "window 1 Jan 2020 – 1 Jan 2021", printed: "Printed 2 Dec 2026" });
    expect(css).toContain('@top-left { content: "REFERENCE, Case · FW-0001"');
    expect(css).toContain('@bottom-right { content: "page " counter(page) " of " counter(pages)');
    expect(css).toContain('"Printed 2 Dec 2026"');
  });
});
