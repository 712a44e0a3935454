"use client";

import { useEffect } from "react";

/**
 * What a clinician sees when a page fails on the server: that nothing they saw was changed by the
 * failure, the error id the server logged (Next's digest, which the server's log carries beside the
 * real message), and a way to try again. The message itself is never shown: in production it is
 * replaced by Next, and it may name internals.
 */
export function ErrorReport({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section aria-labelledby="error-title" role="alert">
      <h1 id="error-title">Something went wrong</h1>
      <p>This page could not be shown. Nothing was saved or changed by this error.</p>
      {error.digest ? (
        <p>
          Error id <code data-testid="error-digest">{error.digest}</code>: give it to whoever looks after Flarewatch, so they can find it in the server log.
        </p>
      ) : null}
      <p>
        <button type="button" onClick={() => reset()}>
          Try again
        </button>{" "}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- after a failure, a full page load: nothing of the failed render is reused */}
        <a href="/patients">Back to the patient list</a>
      </p>
    </section>
  );
}
