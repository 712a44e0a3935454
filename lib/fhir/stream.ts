import { BundleReader, type BundleReadResult, type ReadOptions } from "./bundle";

/**
 * Reads a Bundle's JSON as it arrives, handing each `entry` element to a BundleReader as soon as it
 * is complete: a large bundle is never held as one string or one parsed tree, only as its plan.
 * Each element is parsed with JSON.parse; the structure around the elements is checked here, so any
 * malformed JSON is refused with the character where it went wrong.
 */

export class MalformedJsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "MalformedJsonError";
  }
}

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The body is larger than ${maxBytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}

type State = "start" | "key" | "colon" | "value" | "afterValue" | "entries" | "afterEntry" | "end";
type Purpose = "key" | "field" | "entry";

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const show = (c: string) => (c === undefined ? "the end" : `"${c}"`);

export class BundleJsonSplitter {
  private buf = "";
  private pos = 0;
  /** Characters already dropped from the front of `buf`. */
  private dropped = 0;
  private state: State = "start";
  private key = "";
  private first = true;
  private index = 0;
  private scan: { purpose: Purpose; start: number; depth: number; inString: boolean; escaped: boolean; scalar: boolean } | undefined;

  constructor(
    private readonly onField: (name: string, value: unknown) => void,
    private readonly onEntry: (entry: unknown, index: number) => void,
  ) {}

  write(text: string): void {
    this.buf += text;
    this.run(false);
    const keep = this.scan ? this.scan.start : this.pos;
    if (keep > 65_536) {
      this.buf = this.buf.slice(keep);
      this.dropped += keep;
      this.pos -= keep;
      if (this.scan) this.scan.start = 0;
    }
  }

  end(): void {
    this.run(true);
    if (this.state !== "end") throw this.error(this.state === "start" && this.scan === undefined ? "the body is empty" : "the JSON ends before the Bundle is closed");
  }

  private error(detail: string, at = this.pos): MalformedJsonError {
    const offset = this.dropped + at;
    return new MalformedJsonError(`Malformed JSON at character ${offset + 1}: ${detail}.`, offset);
  }

  private run(final: boolean): void {
    for (;;) {
      if (this.scan) {
        if (!this.scanValue(final)) return;
        continue;
      }
      while (this.pos < this.buf.length && isSpace(this.buf.charCodeAt(this.pos))) this.pos++;
      if (this.pos >= this.buf.length) return;
      const c = this.buf[this.pos];
      switch (this.state) {
        case "start":
          if (c === "\uFEFF") {
            this.pos++;
            continue;
          }
          if (c !== "{") throw this.error(`expected "{" to open a Bundle, found ${show(c)}`);
          this.pos++;
          this.state = "key";
          this.first = true;
          continue;
        case "key":
          if (c === "}" && this.first) {
            this.pos++;
            this.state = "end";
            continue;
          }
          if (c !== '"') throw this.error(`expected a field name in quotes, found ${show(c)}`);
          this.begin("key");
          continue;
        case "colon":
          if (c !== ":") throw this.error(`expected ":" after "${this.key}", found ${show(c)}`);
          this.pos++;
          this.state = "value";
          continue;
        case "value":
          if (this.key === "entry" && c === "[") {
            this.pos++;
            this.state = "entries";
            this.first = true;
            continue;
          }
          this.begin("field");
          continue;
        case "afterValue":
          if (c === "," || c === "}") {
            this.pos++;
            this.state = c === "," ? "key" : "end";
            this.first = false;
            continue;
          }
          throw this.error(`expected "," or "}", found ${show(c)}`);
        case "entries":
          if (c === "]" && this.first) {
            this.pos++;
            this.state = "afterValue";
            continue;
          }
          this.begin("entry");
          continue;
        case "afterEntry":
          if (c === "," || c === "]") {
            this.pos++;
            this.state = c === "," ? "entries" : "afterValue";
            this.first = false;
            continue;
          }
          throw this.error(`expected "," or "]" after entry ${this.index - 1}, found ${show(c)}`);
        case "end":
          throw this.error(`unexpected ${show(c)} after the end of the Bundle`);
      }
    }
  }

  private begin(purpose: Purpose): void {
    const c = this.buf[this.pos];
    const scalar = !(c === "{" || c === "[" || c === '"');
    if (scalar && !/[-0-9tfn]/.test(c)) throw this.error(`expected a value, found ${show(c)}`);
    this.scan = { purpose, start: this.pos, depth: 0, inString: false, escaped: false, scalar };
  }

  /** Advances over the value being scanned; true when it is complete and has been handed on. */
  private scanValue(final: boolean): boolean {
    const s = this.scan!;
    const buf = this.buf;
    let i = this.pos;
    if (s.scalar) {
      while (i < buf.length && !",}] \t\n\r".includes(buf[i])) i++;
      this.pos = i;
      if (i >= buf.length && !final) return false;
      return this.complete(i);
    }
    for (; i < buf.length; i++) {
      const ch = buf.charCodeAt(i);
      if (s.inString) {
        if (s.escaped) s.escaped = false;
        else if (ch === 92) s.escaped = true;
        else if (ch === 34) {
          s.inString = false;
          if (s.depth === 0) return this.complete(i + 1);
        }
      } else if (ch === 34) s.inString = true;
      else if (ch === 123 || ch === 91) s.depth++;
      else if (ch === 125 || ch === 93) {
        s.depth--;
        if (s.depth <= 0) return this.complete(i + 1);
      }
    }
    this.pos = i;
    return false;
  }

  private complete(end: number): boolean {
    const s = this.scan!;
    const text = this.buf.slice(s.start, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const what = s.purpose === "entry" ? `entry ${this.index}` : s.purpose === "key" ? "a field name" : `the value of "${this.key}"`;
      throw this.error(`${what} is not valid JSON (${(error as Error).message})`, s.start);
    }
    this.scan = undefined;
    this.pos = end;
    if (s.purpose === "key") {
      this.key = value as string;
      this.state = "colon";
    } else if (s.purpose === "field") {
      this.onField(this.key, value);
      this.state = "afterValue";
    } else {
      this.onEntry(value, this.index++);
      this.state = "afterEntry";
    }
    return true;
  }
}

/**
 * Reads a Bundle from a byte stream into a plan (or its problems). Throws MalformedJsonError for JSON
 * that is not well formed (or not UTF-8) and BodyTooLargeError past `maxBytes`.
 */
export async function readBundleStream(chunks: AsyncIterable<Uint8Array | string>, options: ReadOptions & { maxBytes?: number } = {}): Promise<BundleReadResult> {
  const reader = new BundleReader(options);
  let isBundle = true;
  const splitter = new BundleJsonSplitter(
    (name, value) => {
      reader.setField(name, value);
      if (name === "resourceType" && value !== "Bundle") isBundle = false;
    },
    (entry, index) => reader.add(entry, index),
  );
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      if (typeof chunk === "string") {
        bytes += Buffer.byteLength(chunk);
        if (options.maxBytes !== undefined && bytes > options.maxBytes) throw new BodyTooLargeError(options.maxBytes);
        splitter.write(chunk);
      } else {
        bytes += chunk.byteLength;
        if (options.maxBytes !== undefined && bytes > options.maxBytes) throw new BodyTooLargeError(options.maxBytes);
        splitter.write(decoder.decode(chunk, { stream: true }));
      }
      // Not a Bundle at all: no need to read the rest.
      if (!isBundle) break;
    }
    if (isBundle) {
      splitter.write(decoder.decode());
      splitter.end();
    }
  } catch (error) {
    if (error instanceof TypeError && /encoded data|decode/i.test(error.message)) throw new MalformedJsonError("The body is not UTF-8 text.", bytes);
    throw error;
  }
  return reader.finish();
}
