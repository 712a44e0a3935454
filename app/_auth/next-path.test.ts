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
    // A browser drops tabs and newlines from a URL: "/\t/evil.example/x" goes to //evil.example/x.
    ["/%09/evil.example/x", "/patients"],
    ["/\t/evil.example/x", "/patients"],
    ["/%0a/evil.example", "/patients"],
    ["/\n/evil.example", "/patients"],
    ["/%00", "/patients"],
    ["/%E0%A4%A", "/patients"],
    ["/patients/%2F%2Fevil.example", "/patients/%2F%2Fevil.example"],
    ["/./\u002f/evil.example", "/patients"],
    ["/patients/../alerts", "/alerts"],
    ["/alerts#open", "/alerts#open"],
  ])("%s → %s", (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });
});
