import { eventKinds, isClinicalDate, type EventKind } from "@/lib/events";

/** The event list's state lives in the URL (?kind=…&from=…&to=…&page=…), so it can be linked and printed. */
export interface EventListSearch {
  kinds: EventKind[];
  from?: string;
  to?: string;
  page: number;
  /** Dates typed in the filter that are not real dates, to say so instead of ignoring them silently. */
  invalid: string[];
}

export type SearchParams = Record<string, string | string[] | undefined>;

export const PAGE_SIZE = 50;

const all = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const one = (value: string | string[] | undefined): string | undefined => all(value)[0]?.trim() || undefined;

export function readEventListSearch(params: SearchParams): EventListSearch {
  const kinds = all(params.kind).filter((kind): kind is EventKind => (eventKinds as readonly string[]).includes(kind));
  const invalid: string[] = [];
  const date = (name: "from" | "to") => {
    const value = one(params[name]);
    if (value === undefined) return undefined;
    if (value.length === 10 && isClinicalDate(value)) return value;
    invalid.push(name);
    return undefined;
  };
  const from = date("from");
  const to = date("to");
  const page = Number(one(params.page) ?? "1");
  return { kinds, from, to, page: Number.isInteger(page) && page >= 1 ? page : 1, invalid };
}

/** The list's URL with some of its state changed. */
export function eventListHref(patientId: string, search: EventListSearch, change: Partial<EventListSearch>): string {
  const next = { ...search, ...change };
  const query = new URLSearchParams();
  for (const kind of next.kinds) query.append("kind", kind);
  if (next.from) query.set("from", next.from);
  if (next.to) query.set("to", next.to);
  if (next.page > 1) query.set("page", String(next.page));
  const text = query.toString();
  return `/patients/${patientId}${text ? `?${text}` : ""}#events-heading`;
}
