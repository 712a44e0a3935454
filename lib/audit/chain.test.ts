import { describe, expect, it } from "vitest";
import { GENESIS, hashRecord, verifyChain, type AuditContent, type AuditRecord } from "./chain";

function chain(n: number): AuditRecord[] {
  const rows: AuditRecord[] = [];
  let prevHash = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const content: AuditContent = {
      seq,
      at: `2026-11-25T10:00:0${seq % 10}.000Z`,
      actorId: "u1",
      actorName: "Dr A",
      role: "oncologist",
      patientId: "p1",
      action: seq % 2 ? "read" : "record-event",
      eventIds: seq % 2 ? [] : [`e${seq}`],
      address: "127.0.0.1",
      userAgent: "test",
      outcome: "ok",
      detail: null,
    };
    const hash = hashRecord(prevHash, content);
    rows.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe("the audit hash chain", () => {
  it("verifies an intact chain", () => {
    expect(verifyChain(chain(5))).toEqual({ checked: 5, problem: null });
  });

  it("detects an edited row", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], action: "delete-everything" };
    expect(verifyChain(rows).problem).toMatchObject({ kind: "edited", seq: 3 });
  });

  it("detects an edited row whose hash was recomputed, at the next link", () => {
    const rows = chain(5);
    const edited = { ...rows[2], actorName: "Someone else" };
    rows[2] = { ...edited, hash: hashRecord(edited.prevHash, edited) };
    expect(verifyChain(rows).problem).toMatchObject({ kind: "broken-link", seq: 4 });
  });

  it("detects a deleted row", () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyChain(rows).problem).toMatchObject({ kind: "broken-link", seq: 3 });
  });

  it("accepts numbers that skip (a rolled-back transaction drew a number it never wrote)", () => {
    const rows = chain(3);
    let prevHash = GENESIS;
    const skipping = rows.map((row, i) => {
      const content = { ...row, seq: row.seq + i * 10 };
      const hash = hashRecord(prevHash, content);
      const sealed = { ...content, prevHash, hash };
      prevHash = hash;
      return sealed;
    });
    expect(verifyChain(skipping)).toEqual({ checked: 3, problem: null });
  });

  it("detects a deleted first row", () => {
    const rows = chain(3);
    rows.shift();
    expect(verifyChain(rows).problem).toMatchObject({ kind: "broken-link", seq: 2 });
  });

  it("detects reordered rows", () => {
    const rows = chain(5);
    const swapped = [rows[0], rows[2], rows[1], rows[3], rows[4]].map((row, i) => ({ ...row, seq: i + 1 }));
    expect(verifyChain(swapped).problem).toMatchObject({ kind: "broken-link", seq: 2 });
  });
});
