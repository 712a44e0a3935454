import { describe, expect, it } from "vitest";
import { passwordProblems } from "./password";

describe("password rules", () => {
  it.each([
    ["short1!", /at least 12 characters \(this one has 7\)/],
    ["password1234", /most commonly used passwords/],
    ["Password12345", /most commonly used passwords/],
    ["qwertyuiop123", /most commonly used passwords/],
    ["aaaaaaaaaaaaaa", /.+/],
    ["123456789012", /.+/],
  ])("refuses %s", (password, message) => {
    const problems = passwordProblems(password);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it("refuses a password built from the person's own name", () => {
    expect(passwordProblems("annamarie.kowalczyk", ["Annamarie Kowalczyk", "annamarie.kowalczyk@hospital.example"])[0]).toMatch(/name or email/);
  });

  it.each(["flare-oncologist-2026", "correct horse battery", "Tr0ub4dor&3xyz", "plinth vellum sorrel 9"])("accepts %s", (password) => {
    expect(passwordProblems(password)).toEqual([]);
  });

  it("counts characters, not bytes, and caps the length", () => {
    expect(passwordProblems("x".repeat(129))[0]).toMatch(/at most 128/);
  });
});
