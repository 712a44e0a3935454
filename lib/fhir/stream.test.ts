import { describe, expect, it } from "vitest";
import { exampleEvents, type Patient } from "@/lib/events";
import { courseBundle, readBundle } from "./index";
import { BodyTooLargeError, MalformedJsonError, readBundleStream } from "./stream";
import { storedEvent } from "./testing";

const patient: Patient = { id: "33333333-3333-4333-8333-333333333333", identifier: "MRN-7", familyName: "Ørsted", givenName: "Zoë", sex: "female", createdAt: "", createdBy: "" };
const bundle = courseBundle(patient, Object.values(exampleEvents).map((e) => storedEvent(e, patient.id)));
const text = JSON.stringify(bundle, null, 1);

async function* chunks(data: string | Uint8Array, size: number) {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe("reading a bundle as it streams in", () => {
  it.each([1, 2, 3, 7, 64, 4096, 1 << 20])("gives the same plan as reading it whole, in chunks of %i bytes", async (size) => {
    const streamed = await readBundleStream(chunks(text, size));
    expect(streamed).toEqual(readBundle(JSON.parse(text)));
    expect(streamed.ok && streamed.plan.events).toHaveLength(Object.keys(exampleEvents).length);
  });

  it("takes the bundle's fields in any order, entries first", async () => {
    const reordered = JSON.stringify({ entry: bundle.entry, type: "collection", resourceType: "Bundle" });
    const result = await readBundleStream(chunks(reordered, 100));
    expect(result.ok).toBe(true);
  });

  it("refuses what is not a Bundle with the bundle's problem", async () => {
    const result = await readBundleStream(chunks(JSON.stringify({ resourceType: "Patient", id: "x" }), 5));
    expect(!result.ok && result.problems[0]).toMatchObject({ path: "Bundle.resourceType", message: "Expected a FHIR Bundle, got Patient" });
  });

  const malformed: [string, string, RegExp][] = [
    ["an empty body", "", /the body is empty/],
    ["an array", "[]", /character 1: expected "\{" to open a Bundle/],
    ["a truncated bundle", text.slice(0, text.length - 40), /ends before the Bundle is closed/],
    ["text after the bundle", `${text} x`, /unexpected "x" after the end of the Bundle/],
    ["two entries without a comma", '{"resourceType":"Bundle","entry":[{"a":1} {"b":2}]}', /character 43: expected "," or "\]" after entry 0, found "\{"/],
    ["a trailing comma in the entries", '{"resourceType":"Bundle","entry":[{"a":1},]}', /expected a value, found "\]"/],
    ["a broken entry", '{"resourceType":"Bundle","entry":[{"a":1},{"b":tru}]}', /character 43: entry 1 is not valid JSON/],
    ["an unquoted field name", "{resourceType:1}", /expected a field name in quotes/],
  ];

  it.each(malformed)("refuses %s as malformed JSON, saying where", async (_, body, message) => {
    await expect(readBundleStream(chunks(body, 3))).rejects.toThrow(MalformedJsonError);
    await expect(readBundleStream(chunks(body, 3))).rejects.toThrow(message);
  });

  it("refuses bytes that are not UTF-8", async () => {
    await expect(readBundleStream(chunks(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), 2))).rejects.toThrow(/not UTF-8/);
  });

  it("stops reading past the size limit", async () => {
    await expect(readBundleStream(chunks(text, 100), { maxBytes: 1000 })).rejects.toThrow(BodyTooLargeError);
  });
});
