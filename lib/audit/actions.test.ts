import { describe, expect, it } from "vitest";
import { auditFilter } from "@/lib/admin/audit";
import { auditActions } from "./actions";

describe("the audit actions", () => {
  it("are listed once each", () => {
    expect(auditActions.length).toBe(new Set(auditActions).size);
  });

  it("can each be typed into the admin's action filter, whole or by its first part", () => {
    for (const action of auditActions) {
      expect(auditFilter.safeParse({ action }).success, action).toBe(true);
      expect(auditFilter.safeParse({ action: `${action.split(".")[0]}.` }).success, action).toBe(true);
    }
  });
});
