"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * The error summary (GOV.UK pattern): a heading, a message for the whole form, and each message
 * linked to its field. It takes the focus when it appears and again whenever `focusKey` changes (a
 * new failed attempt), so a screen reader hears at once why nothing was saved; null never focuses.
 */
export function ErrorSummary({
  id,
  title,
  message,
  entries,
  focusKey,
  children,
}: {
  id: string;
  title: string;
  message?: ReactNode;
  entries: { href: string; message: string }[];
  focusKey?: unknown;
  /** More to say between the message and the list (what to confirm). */
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey !== null) ref.current?.focus();
  }, [focusKey]);
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="group" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {message ? <p>{message}</p> : null}
      {children}
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
