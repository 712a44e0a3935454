import { UNSAFE_TEXT_MESSAGE } from "@/lib/events/text";

export interface UnsafeEscape {
  /** The character (from 1) of the JSON text where the bad escape starts. */
  at: number;
  message: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Finds, as JSON text streams past, the first string escape that decodes to NUL ("\u0000") or to half
 * of a UTF-16 pair ("\ud800" not followed by a low surrogate, or a low one alone). Raw bytes cannot
 * carry either (a raw NUL is not valid JSON, and UTF-8 has no surrogates), so escapes are the only way
 * in. Used where a body is too large to parse twice (FHIR bundles); smaller bodies are checked after
 * JSON.parse (lib/events/text.ts).
 */
export class JsonTextScanner {
  private inString = false;
  /** 0 none; 1 after a backslash; 2 reading the 4 hex digits of \u. */
  private escape = 0;
  private hex = "";
  private escapeAt = 0;
  /** Where an escaped high surrogate waits for its low half. */
  private pendingHighAt = 0;
  private position = 0;
  found: UnsafeEscape | null = null;

  feed(text: string): void {
    for (const char of text) {
      this.position += 1;
      if (this.found) return;
      this.step(char);
    }
  }

  private flag(at: number, message: string) {
    this.found ??= { at, message };
  }

  private unpaired() {
    if (this.pendingHighAt) this.flag(this.pendingHighAt, UNSAFE_TEXT_MESSAGE.surrogate);
    this.pendingHighAt = 0;
  }

  private step(char: string) {
    if (!this.inString) {
      if (char === '"') this.inString = true;
      return;
    }
    if (this.escape === 1) {
      if (char === "u") {
        this.escape = 2;
        this.hex = "";
      } else {
        this.escape = 0;
        this.unpaired();
      }
      return;
    }
    if (this.escape === 2) {
      this.hex += char;
      if (this.hex.length < 4) return;
      this.escape = 0;
      const code = Number.parseInt(this.hex, 16);
      if (Number.isNaN(code)) return;
      if (isLow(code) && this.pendingHighAt) {
        this.pendingHighAt = 0;
        return;
      }
      this.unpaired();
      if (code === 0) this.flag(this.escapeAt, UNSAFE_TEXT_MESSAGE.nul);
      else if (isHigh(code)) this.pendingHighAt = this.escapeAt;
      else if (isLow(code)) this.flag(this.escapeAt, UNSAFE_TEXT_MESSAGE.surrogate);
      return;
    }
    if (char === "\\") {
      this.escape = 1;
      this.escapeAt = this.position;
      return;
    }
    this.unpaired();
    if (char === '"') this.inString = false;
  }
}

/** Passes a byte stream through unchanged while the scanner reads it as UTF-8 text. */
export async function* scanned(body: AsyncIterable<Uint8Array>, scanner: JsonTextScanner): AsyncIterable<Uint8Array> {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  for await (const chunk of body) {
    scanner.feed(decoder.decode(chunk, { stream: true }));
    yield chunk;
  }
  scanner.feed(decoder.decode());
}
