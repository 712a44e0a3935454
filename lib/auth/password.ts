import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let estimator: ZxcvbnFactory | undefined;
// The dictionaries are ~2 MB decompressed: built on first use, not at import.
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator;
}

/**
 * The password rules, in words a user can act on: at least 12 characters, not one of the common
 * passwords (zxcvbn-ts's list of ~30 000 leaked favourites, matched whole or as the bulk of the
 * password), not guessable from the person's own name or email, and not otherwise easy to guess
 * (zxcvbn score 3 of 4 or better). Returns the problems; an empty list means the password is accepted.
 */
export function passwordProblems(password: string, personal: readonly string[] = []): string[] {
  if (password.length < PASSWORD_MIN_LENGTH) return [`Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${password.length}).`];
  if (password.length > PASSWORD_MAX_LENGTH) return [`Use at most ${PASSWORD_MAX_LENGTH} characters.`];
  const inputs = personal.flatMap((value) => [value, ...value.toLowerCase().split(/[^a-z0-9]+/)]).filter((word) => word.length >= 3);
  const result = zxcvbn().check(password, inputs);
  const common = result.sequence.some(
    (match) => match.pattern === "dictionary" && match.dictionaryName === "passwords-common" && match.token.length >= password.length / 2,
  );
  if (common) return ["This is one of the most commonly used passwords, or built on one. Choose something less predictable."];
  const personalMatch = result.sequence.some((match) => match.pattern === "dictionary" && match.dictionaryName === "userInputs");
  if (personalMatch) return ["Do not build the password from your name or email address."];
  if (result.score < 3) {
    const hint = result.feedback.warning ? ` (${warningText(result.feedback.warning)})` : "";
    return [`This password is too easy to guess${hint}. A few unrelated words together work well.`];
  }
  return [];
}

const warnings: Record<string, string> = {
  straightRow: "straight rows of keys are easy to guess",
  keyPattern: "short keyboard patterns are easy to guess",
  simpleRepeat: "repeated characters are easy to guess",
  extendedRepeat: "repeated patterns are easy to guess",
  sequences: "sequences like abc or 6543 are easy to guess",
  recentYears: "recent years are easy to guess",
  dates: "dates are easy to guess",
  topTen: "it is a very common password",
  topHundred: "it is a very common password",
  common: "it is a common password",
  similarToCommon: "it is similar to a common password",
  wordByItself: "single words are easy to guess",
  namesByThemselves: "names on their own are easy to guess",
  commonNames: "common names are easy to guess",
  userInputs: "it contains personal details",
  pwned: "it appeared in a data breach",
};

function warningText(code: string): string {
  return warnings[code] ?? "it follows a common pattern";
}
