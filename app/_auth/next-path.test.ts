import { describe, expect, it } from "vitest";
import { safeNext } from "./next-path";

describe("where sign-in returns to", () => {
  it.each([
    ["/patients/abc?x=1", "/patients/abc?x=1"],
    ["/alerts", "/alerts"],
    ["//evil.example/path", "/patients"],
    ["/\\evil.example", "/patients"],
    ["https://evil.example", "/patients"],
    ["/sign-in?next=/x", "/patients"],
    [null, "/patients"],
    ["", "/patients"],
  ])("%s → %s", (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });
});
