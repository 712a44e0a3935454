import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import PageError from "./error";
import GlobalError from "./global-error";

/**
 * The error boundaries as a clinician sees them: the server's error id (digest) to quote, a way to try
 * again, and never the error's message (it may name internals).
 */
describe("error pages", () => {
  const error = Object.assign(new Error("relation \"Event\" does not exist at /srv/lib/db.ts:12"), { digest: "2841960375" });

  it.each([
    ["app/error.tsx", PageError],
    ["app/global-error.tsx", GlobalError],
  ])("%s shows the error id and a retry, and not the message", (_, Page) => {
    const html = renderToStaticMarkup(createElement(Page, { error, reset: () => {} }));
    expect(html).toContain("Something went wrong");
    expect(html).toContain("Error id <code data-testid=\"error-digest\">2841960375</code>");
    expect(html).toMatch(/<button type="button">Try again<\/button>/);
    expect(html).not.toContain("does not exist");
    expect(html).not.toContain("/srv/lib");
  });

  it("without a digest it still offers the retry and says nothing was changed", () => {
    const html = renderToStaticMarkup(createElement(PageError, { error: new Error("x"), reset: () => {} }));
    expect(html).not.toContain("Error id");
    expect(html).toContain("Nothing was saved or changed by this error.");
    expect(html).toContain("Try again");
  });
});
