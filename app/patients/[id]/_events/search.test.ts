import { describe, expect, it } from "vitest";
import { eventListHref, readEventListSearch } from "./search";

describe("the event list's search parameters", () => {
  it("reads kinds, a date window and a page, ignoring unknown kinds", () => {
    expect(readEventListSearch({ kind: ["lab_result", "bogus", "imaging"], from: "2020-01-01", to: "2020-12-31", page: "3" })).toEqual({
      kinds: ["lab_result", "imaging"],
      from: "2020-01-01",
      to: "2020-12-31",
      page: 3,
      invalid: [],
    });
  });

  it("starts on page 1 and names dates that are not real", () => {
    expect(readEventListSearch({ kind: "note", from: "2020-02-30", page: "-2" })).toEqual({ kinds: ["note"], from: undefined, to: undefined, page: 1, invalid: ["from"] });
  });

  it("keeps the filters when paging", () => {
    const search = readEventListSearch({ kind: ["lab_result", "imaging"], from: "2020-01-01" });
    expect(eventListHref("p1", search, { page: 2 })).toBe("/patients/p1?kind=lab_result&kind=imaging&from=2020-01-01&page=2#events-heading");
    expect(eventListHref("p1", search, { page: 1, kinds: [], from: undefined })).toBe("/patients/p1#events-heading");
  });
});
