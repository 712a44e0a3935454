import Link from "next/link";
import "./data-entry.css";

/**
 * The links to the previous and next page of a keyset-paged list (the worklist, the alert inbox);
 * nothing when the list fits on one page. `previous` and `next` are the hrefs, when there is such a page.
 */
export function Pager({ label, previous, next }: { label: string; previous?: string; next?: string }) {
  if (!previous && !next) return null;
  return (
    <nav className="pager no-print" aria-label={label}>
      {previous ? (
        <Link className="button secondary" href={previous} rel="prev">
          ← Previous page
        </Link>
      ) : null}
      {next ? (
        <Link className="button secondary" href={next} rel="next">
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
