import { describe, expect, it } from "vitest";
import { replaceUnsafeText, unsafeTextErrors, unsafeTextProblem } from "./text";

describe("text that cannot be stored", () => {
  it.each([
    ["plain text", null],
    ["tabs\tand\nnewlines", null],
    ["a whole emoji 😀 and CJK 漢字", null],
    ["nul\u0000inside", "nul"],
    ["\u0000", "nul"],
    ["lone high \uD83D surrogate", "surrogate"],
    ["lone low \uDE00 surrogate", "surrogate"],
    ["reversed pair \uDE00\uD83D", "surrogate"],
    ["high at the end \uD83D", "surrogate"],
  ])("%j → %s", (text, kind) => {
    const problem = unsafeTextProblem(text);
    if (kind === null) expect(problem).toBeNull();
    else expect(problem).toMatch(kind === "nul" ? /NUL/ : /broken character/);
  });

  it("finds every bad string in a body by its path, field names included", () => {
    const body = { kind: "note", payload: { text: "ok", tags: ["fine", "bad\u0000"] }, ["k\uD800"]: 1, nested: [{ a: "\uDC00" }] };
    expect(Object.keys(unsafeTextErrors(body)).sort()).toEqual(["k\uFFFD", "nested[0].a", "payload.tags[1]"]);
    expect(unsafeTextErrors("\u0000")).toEqual({ "(body)": [expect.stringContaining("NUL")] });
    expect(unsafeTextErrors({ fine: ["yes", 1, null, true] })).toEqual({});
  });

  it("replaces them for records about the refusal", () => {
    expect(replaceUnsafeText("a\u0000b\uD800c😀")).toBe("a\uFFFDb\uFFFDc😀");
  });
});
