import { describe, expect, it } from "vitest";
import { JsonTextScanner, scanned } from "./json-text";

function scan(text: string, chunk = 3) {
  const scanner = new JsonTextScanner();
  for (let i = 0; i < text.length; i += chunk) scanner.feed(text.slice(i, i + chunk));
  return scanner.found;
}

describe("unsafe escapes in streamed JSON", () => {
  it.each([
    ['{"a":"plain"}', null],
    ['{"a":"pair \\ud83d\\ude00 ok"}', null],
    ['{"a":"escaped backslash then u0000: \\\\u0000"}', null],
    ['{"a":"tab\\t and quote \\" fine"}', null],
    ['{"\\u0000":1}', "NUL"],
    ['{"a":"x\\u0000"}', "NUL"],
    ['{"a":"lone \\ud800 high"}', "broken"],
    ['{"a":"lone \\ud800"}', "broken"],
    ['{"a":"\\ud800\\n"}', "broken"],
    ['{"a":"low \\udc00 alone"}', "broken"],
    ['{"a":"two highs \\ud800\\ud800\\udc00"}', "broken"],
  ])("%s", (text, expected) => {
    for (const size of [1, 2, 5, 1000]) {
      const found = scan(text, size);
      if (expected === null) expect(found).toBeNull();
      else expect(found?.message).toContain(expected);
    }
  });

  it("says where the bad escape starts", () => {
    expect(scan('{"a":"x\\u0000"}')).toMatchObject({ at: 8 });
  });

  it("passes the bytes through unchanged, split anywhere, even inside a character", async () => {
    const bytes = new TextEncoder().encode('{"a":"é😀\\u0000"}');
    const scanner = new JsonTextScanner();
    const out: number[] = [];
    async function* oneByOne() {
      for (const byte of bytes) yield new Uint8Array([byte]);
    }
    for await (const chunk of scanned(oneByOne(), scanner)) out.push(...chunk);
    expect(Buffer.from(out).equals(Buffer.from(bytes))).toBe(true);
    expect(scanner.found?.message).toContain("NUL");
  });
});
