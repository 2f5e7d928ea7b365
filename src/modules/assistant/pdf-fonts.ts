import { checkFonts, FONT_FILES } from '../../platform/pdf/index.js';

// The brief's fonts come from the platform's PDF support (src/platform/pdf: Debian's Noto fonts,
// a clear error naming the package when one is missing). The brief flows its text line by line,
// so it uses one face for all of it: Noto Sans CJK, which carries Latin with diacritics as well as
// Chinese, Japanese and Korean (names of marketplaces and agencies in Asia). Thai text is the one
// script it does not draw; the documents module draws per script (drawText).

export interface BriefFonts {
  regular: string;
  bold: string;
  embedded: boolean;
}

/** Registers the brief's fonts on a pdfkit document and names them. */
export function briefFonts(doc: PDFKit.PDFDocument): BriefFonts {
  checkFonts();
  const { regular, bold } = FONT_FILES.cjk;
  doc.registerFont('brief', regular.path, regular.face);
  doc.registerFont('brief-bold', bold.path, bold.face);
  return { regular: 'brief', bold: 'brief-bold', embedded: true };
}
