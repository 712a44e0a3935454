"use client";

import { useEffect, useRef } from "react";

/**
 * "Not saved: please check", with each message linked to its field. It takes the focus when it
 * appears, and again for each new failure (`attempt` changes), so a screen reader hears why at once.
 */
export function ErrorSummary({ id, title = "Not saved: please check", message, entries, attempt }: { id: string; title?: string; message?: string; entries: { href: string; message: string }[]; attempt?: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [attempt]);
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="group" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {message ? <p>{message}</p> : null}
      {entries.length > 0 ? (
        <ul>
          {entries.map((entry, index) => (
            <li key={`${entry.href}-${index}`}>
              <a href={entry.href}>{entry.message}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
