// Reading back the CSV the API writes, with an independent parser (csv-parse), so that tests
// check the output format rather than agree with our own writer.
import { parse } from 'csv-parse/sync';

/** Rows as arrays of fields, header first. */
export function csvRows(text: string): string[][] {
  return parse(text, { bom: true });
}

/** Rows as objects keyed by the header. */
export function csvRecords(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true });
}
