// What a reader or importer found wrong, with enough to fix it: file, line, field.

export interface Issue {
  file: string;
  /** 1-based line in the file; the header is line 1. 0 when the issue is about the whole file. */
  line: number;
  field: string | null;
  message: string;
}

export function formatIssue(i: Issue): string {
  const where = i.line > 0 ? `${i.file}:${i.line}` : i.file;
  return i.field ? `${where}: field "${i.field}": ${i.message}` : `${where}: ${i.message}`;
}

export class ImportError extends Error {
  constructor(
    readonly issues: Issue[],
    readonly total: number = issues.length,
  ) {
    const shown = issues.slice(0, 20).map(formatIssue);
    const more = total > shown.length ? `\n  ... and ${total - shown.length} more` : '';
    super(`${total} problem${total === 1 ? '' : 's'} found; nothing was imported:\n  ${shown.join('\n  ')}${more}`);
  }
}
