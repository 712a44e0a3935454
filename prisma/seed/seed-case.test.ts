import { describe, expect, it } from "vitest";
import { eventInput } from "@/lib/events";
import { seedCaseDemoNote, seedCaseEvents } from "./seed-case";

/** The reference case against its report (DOMAIN.md, "The seed case as a timeline"). */
describe("the reference case", () => {
  it("opens with a note saying it is demo data and which values are illustrative", () => {
    expect(seedCaseEvents[0]).toEqual({ kind: "note", occurredAt: "2020-01-06", payload: { text: seedCaseDemoNote } });
    expect(seedCaseDemoNote).toMatch(/^Demo data: values not in the published case report are illustrative\./);
  });

  it("has the skin biopsy from the right chest, by punch, and the MRI's intramuscular metastatic disease", () => {
    const biopsy = seedCaseEvents.find((e) => e.kind === "procedure" && /skin/i.test(e.payload.name));
    expect(biopsy?.payload).toMatchObject({ name: "Skin punch biopsy", site: "right chest" });
    const mri = seedCaseEvents.find((e) => e.kind === "imaging" && e.payload.modality === "MRI");
    expect(mri?.payload).toMatchObject({ findings: expect.stringContaining("intramuscular metastatic disease") });
    // Not a tumour response: the PD CT 12 days later is the scan that answers the flare.
    expect(mri?.payload).not.toHaveProperty("response");
  });

  it("keeps the report's flare labs and every event valid", () => {
    const ck = seedCaseEvents.filter((e) => e.kind === "lab_result" && e.payload.analyte === "ck" && e.occurredAt === "2020-08-03");
    expect(ck.map((e) => e.payload)).toEqual([{ analyte: "ck", value: 695, unit: "U/L", referenceRange: { low: 25, high: 200 } }]);
    for (const event of seedCaseEvents) expect(eventInput.safeParse(event).success).toBe(true);
  });
});
