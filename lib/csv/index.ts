export { parseCsv, csvField, csvRecord, type CsvLine, type CsvParse } from "./parse";
export { readLabCsv, analyteFromText, labCsvColumns, csvLabKeySystem, type LabCsvRow, type LabCsvRead } from "./labs";
export { eventsCsv, eventCsvColumns } from "./events";
export { alertsCsv, alertCsvColumns, type AlertCsvRow } from "./alerts";
