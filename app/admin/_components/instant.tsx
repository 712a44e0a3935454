import { formatClinicalDate } from "@/lib/events";

/**
 * An instant from the server (a sign-in, an audit row) in UTC, so every reader of the trail sees the
 * same time: "12 Mar 2021 14:05", with the seconds where the order of events matters.
 */
export function formatUtc(iso: string, withSeconds = false): string {
  const day = formatClinicalDate(`${iso.slice(0, 10)}T${iso.slice(11, 16)}`);
  return withSeconds ? `${day}:${iso.slice(17, 19)}` : day;
}

export function UtcTime({ iso, withSeconds }: { iso: string; withSeconds?: boolean }) {
  return (
    <time dateTime={iso} className="date">
      {formatUtc(iso, withSeconds)}
    </time>
  );
}
