import { existsSync } from 'node:fs';

// Font handling of the brief PDF, in one function: the platform's PDF support (src/platform/pdf/,
// Unicode font embedding) replaces it at merge. Debian's DejaVu (fonts-dejavu-core) covers the
// Latin, Greek and Cyrillic text of names and sources; without it, pdfkit's built-in Helvetica is
// used and text outside WinAnsi may not show (the brief then says which font it used).

const CANDIDATES = [
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
];

export interface BriefFonts {
  regular: string;
  bold: string;
  /** false when only pdfkit's standard fonts were found. */
  embedded: boolean;
}

/** Registers the brief's fonts on a pdfkit document and names them. */
export function briefFonts(doc: PDFKit.PDFDocument): BriefFonts {
  const found = CANDIDATES.find((c) => existsSync(c.regular) && existsSync(c.bold));
  if (!found) return { regular: 'Helvetica', bold: 'Helvetica-Bold', embedded: false };
  doc.registerFont('brief', found.regular);
  doc.registerFont('brief-bold', found.bold);
  return { regular: 'brief', bold: 'brief-bold', embedded: true };
}
