import { describe, expect, it } from "vitest";
import { alertRules, screeningRules } from "./index";
import { episodeStartWords, ruleTitle } from "./titles";

describe("ruleTitle", () => {
  it("gives every rule its own heading, and an unknown rule a plain one", () => {
    expect(ruleTitle("reimaging-after-flare")).toBe("Dermatomyositis worse since the last answering scan: consider re-imaging");
    expect(ruleTitle("immune-related-myositis")).toBe("Urgent: possible immune-related myositis");
    expect(ruleTitle("screening-due")).toBe("Cancer screening due");
    expect(ruleTitle("screening-overdue")).toBe("Cancer screening overdue");
    expect(ruleTitle("retired-rule")).toBe("Alert");
    const all = [...alertRules, ...screeningRules].map((rule) => ruleTitle(rule.id));
    expect(new Set(all).size).toBe(all.length);
  });

  it("dates a screening alert by its round and any other by its first finding", () => {
    expect(episodeStartWords("screening-due")).toBe("screening round of");
    expect(episodeStartWords("reimaging-after-flare")).toBe("first finding");
  });
});
