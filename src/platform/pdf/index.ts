// A pdfkit document factory: A4, document metadata, and embedded Unicode fonts chosen by script,
// so that a name in Spanish, Japanese or Thai is drawn with glyphs, not boxes. Fonts come from
// Debian packages by path (see .ci/run); a missing one is a clear error naming the package.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';

export type Script = 'latin' | 'cjk' | 'thai';
export type Weight = 'regular' | 'bold';

interface FontFile {
  path: string;
  /** The face inside a TrueType collection (.ttc). */
  face?: string;
  debianPackage: string;
}

const NOTO = '/usr/share/fonts/truetype/noto';
const NOTO_CJK = '/usr/share/fonts/opentype/noto';

/** Where each script's font lives on a Debian machine, and which package puts it there. */
export const FONT_FILES: Record<Script, Record<Weight, FontFile>> = {
  latin: {
    regular: { path: `${NOTO}/NotoSans-Regular.ttf`, debianPackage: 'fonts-noto-core' },
    bold: { path: `${NOTO}/NotoSans-Bold.ttf`, debianPackage: 'fonts-noto-core' },
  },
  thai: {
    regular: { path: `${NOTO}/NotoSansThai-Regular.ttf`, debianPackage: 'fonts-noto-core' },
    bold: { path: `${NOTO}/NotoSansThai-Bold.ttf`, debianPackage: 'fonts-noto-core' },
  },
  cjk: {
    regular: { path: `${NOTO_CJK}/NotoSansCJK-Regular.ttc`, face: 'NotoSansCJKjp-Regular', debianPackage: 'fonts-noto-cjk' },
    bold: { path: `${NOTO_CJK}/NotoSansCJK-Bold.ttc`, face: 'NotoSansCJKjp-Bold', debianPackage: 'fonts-noto-cjk' },
  },
};

export class MissingFontError extends Error {}

/** Throws naming the Debian package when a font file is absent. */
export function checkFonts(files: Record<Script, Record<Weight, FontFile>> = FONT_FILES): void {
  for (const byWeight of Object.values(files)) {
    for (const f of Object.values(byWeight)) {
      if (!existsSync(f.path)) throw new MissingFontError(`Font file ${f.path} is missing: install the Debian package ${f.debianPackage} (apt-get install ${f.debianPackage})`);
    }
  }
}

const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff\uff00-\uffef\uf900-\ufaff]/u;
const THAI = /[\u0e00-\u0e7f]/u;

/** The script a string needs (the first non-Latin script found wins; CJK fonts also carry Latin). */
export function scriptOf(text: string): Script {
  if (CJK.test(text)) return 'cjk';
  if (THAI.test(text)) return 'thai';
  return 'latin';
}

/** The registered font name for a string in a weight. */
export function fontFor(text: string, weight: Weight = 'regular'): string {
  return `${scriptOf(text)}-${weight}`;
}

export interface PdfMeta {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  /** BCP 47 language of the document (PDF /Lang). */
  lang: string;
  /** Fixed creation date (tests, reproducible output). */
  creationDate?: Date;
}

export type Pdf = InstanceType<typeof PDFDocument>;

/** An A4 document with the three script families registered as latin-regular, cjk-bold, ... */
export function createPdf(meta: PdfMeta, margin = 40): Pdf {
  checkFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    lang: meta.lang,
    displayTitle: true,
    info: {
      Title: meta.title,
      ...(meta.author ? { Author: meta.author } : {}),
      ...(meta.subject ? { Subject: meta.subject } : {}),
      ...(meta.keywords ? { Keywords: meta.keywords } : {}),
      Creator: 'Puente',
      Producer: 'Puente (pdfkit)',
      CreationDate: meta.creationDate ?? new Date(),
    },
  });
  for (const [script, byWeight] of Object.entries(FONT_FILES)) {
    for (const [weight, f] of Object.entries(byWeight)) {
      if (f.face) doc.registerFont(`${script}-${weight}`, f.path, f.face);
      else doc.registerFont(`${script}-${weight}`, f.path);
    }
  }
  doc.font('latin-regular');
  return doc;
}

/** Control characters (except tab and newline) are dropped before drawing: they have no glyph. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/**
 * A string cut into runs of one script each (spaces, digits and punctuation stay with the run they
 * are in), so "บริษัท Siam Co., Ltd." is drawn with the Thai font and then the Latin one.
 */
export function scriptRuns(text: string): { script: Script; text: string }[] {
  const runs: { script: Script; text: string }[] = [];
  for (const ch of text) {
    const last = runs[runs.length - 1];
    // The Thai font has Thai letters and spaces only: punctuation and digits beside Thai go Latin.
    const script: Script | null = CJK.test(ch) ? 'cjk' : THAI.test(ch) ? 'thai' : /\p{L}/u.test(ch) || (last?.script === 'thai' && /\S/.test(ch)) ? 'latin' : null;
    if (last && (script === null || script === last.script)) last.text += ch;
    else if (!last && script === null) runs.push({ script: 'latin', text: ch });
    else if (last && last.text.trim() === '' ) {
      last.text += ch;
      last.script = script ?? last.script;
    } else runs.push({ script: script ?? 'latin', text: ch });
  }
  // CJK fonts carry Latin letters too: a CJK line with some Latin stays in one font.
  if (runs.some((r) => r.script === 'cjk') && !runs.some((r) => r.script === 'thai')) return [{ script: 'cjk', text }];
  return runs;
}

/** Draws text in the fonts its scripts need (one font per run). */
export function drawText(doc: Pdf, text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions & { weight?: Weight; size?: number } = {}): Pdf {
  const clean = printable(text);
  const { weight = 'regular', size, ...rest } = options;
  doc.fontSize(size ?? 9);
  const runs = scriptRuns(clean);
  if (runs.length <= 1) return doc.font(`${runs[0]?.script ?? 'latin'}-${weight}`).text(clean, x, y, rest);
  runs.forEach((run, i) => {
    doc.font(`${run.script}-${weight}`);
    if (i === 0) doc.text(run.text, x, y, { ...rest, continued: true });
    else doc.text(run.text, { continued: i < runs.length - 1 });
  });
  return doc;
}

/** The finished document's bytes. */
export function toBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
