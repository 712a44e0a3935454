import type { TimelineModel } from "./types";

/**
 * The chart model as the page sends it to the browser: the same JSON, packed. A long record's overview
 * is mostly two long lists of small objects with the same keys (series points and table rows: 1 800 of
 * each at 20 000 events), and the same strings again and again (a date label in a point and in its
 * table row, a reference range on every result). Sent as it is, that was 900 kB of page; packed, the
 * keys are written once per list and a repeated string once per model. Lossless: `unpackModel`
 * gives back a model deep-equal to the one packed (transport.test.ts), and nothing is rounded.
 *
 * Packed forms, recognised by their first element so no model value can be mistaken for one:
 * - a list of objects: ["§rows", keys, row, row, …] where each row holds the values in key order and
 *   ABSENT for a key the object lacks (the model has no null values; a list holding one is left as it is);
 * - a repeated string: "§" + its index in `strings`; a string that starts with "§" is stored in `strings`
 *   too, so an unpacked string never starts with it.
 */
export interface PackedModel {
  packed: 1;
  strings: string[];
  body: unknown;
}

const ROWS = "§rows";
const MARK = "§";
const ABSENT = null;
/** Lists shorter than this are sent as they are: packing would save nothing worth the work. */
const MIN_ROWS = 8;
/** A string repeated and at least this long goes to the table once (a shorter one costs less than its reference). */
const MIN_SHARED = 5;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isPlainObject = (value: unknown): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);

function countStrings(value: unknown, counts: Map<string, number>): void {
  if (typeof value === "string") counts.set(value, (counts.get(value) ?? 0) + 1);
  else if (Array.isArray(value)) for (const item of value) countStrings(item, counts);
  else if (isPlainObject(value)) for (const item of Object.values(value)) countStrings(item, counts);
}

function hasNull(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.some(hasNull);
  if (isPlainObject(value)) return Object.values(value).some(hasNull);
  return false;
}

export function packModel(model: TimelineModel): PackedModel {
  const counts = new Map<string, number>();
  countStrings(model, counts);
  const strings: string[] = [];
  const index = new Map<string, number>();
  for (const [text, n] of counts) {
    if (text.startsWith(MARK) || (n > 1 && text.length >= MIN_SHARED)) {
      index.set(text, strings.length);
      strings.push(text);
    }
  }
  const pack = (value: unknown): Json => {
    if (typeof value === "string") {
      const at = index.get(value);
      return at === undefined ? value : `${MARK}${at}`;
    }
    if (Array.isArray(value)) {
      if (value.length >= MIN_ROWS && value.every(isPlainObject) && !value.some(hasNull)) {
        const keys = [...new Set(value.flatMap((item) => Object.keys(item)))];
        return [ROWS, keys, ...value.map((item) => keys.map((key) => (key in item ? pack(item[key]) : ABSENT)))];
      }
      // A list whose first element is the marker word would read as packed: its strings are in the table, so it is not.
      return value.map(pack);
    }
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, pack(item)]));
    return value as Json;
  };
  return { packed: 1, strings, body: pack(model) };
}

export function unpackModel(packed: PackedModel): TimelineModel {
  const { strings } = packed;
  const unpack = (value: unknown): unknown => {
    if (typeof value === "string") return value.startsWith(MARK) ? strings[Number(value.slice(MARK.length))] : value;
    if (Array.isArray(value)) {
      if (value[0] === ROWS) {
        const keys = value[1] as string[];
        return value.slice(2).map((row: unknown[]) => Object.fromEntries(keys.flatMap((key, i) => (row[i] === ABSENT ? [] : [[key, unpack(row[i])]]))));
      }
      return value.map(unpack);
    }
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unpack(item)]));
    return value;
  };
  return unpack(packed.body) as TimelineModel;
}
