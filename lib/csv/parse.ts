/** RFC 4180 CSV: comma-separated, fields quoted with " (doubled inside), CRLF or LF line ends. */

export interface CsvLine {
  /** 1-based line number in the file where the record starts. */
  line: number;
  cells: string[];
}

export type CsvParse = { ok: true; lines: CsvLine[] } | { ok: false; message: string };

export function parseCsv(text: string): CsvParse {
  const lines: CsvLine[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    cells.push(cell);
    // A blank line is not a record.
    if (!(cells.length === 1 && cells[0].trim() === "")) lines.push({ line: recordLine, cells });
    cells = [];
    cell = "";
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === "") {
      cell = "";
      quoted = true;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else cell += c;
  }
  if (quoted) return { ok: false, message: `A quoted field that starts on line ${recordLine} is never closed` };
  if (cell !== "" || cells.length > 0) endRecord();
  return { ok: true, lines };
}

/** One CSV field: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it. */
export function csvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: (string | number | undefined | null)[]): string {
  return values.map(csvField).join(",");
}
