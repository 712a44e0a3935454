/** Shown while a page waits on the database (a loading.tsx of the segment): says so, politely, to screen readers too. */
export function LoadingNote({ what }: { what: string }) {
  return (
    <p role="status" aria-live="polite" className="empty">
      Loading {what}…
    </p>
  );
}
