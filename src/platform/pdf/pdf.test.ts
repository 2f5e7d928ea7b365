import { describe, expect, it } from 'vitest';
import { checkFonts, createPdf, drawText, MissingFontError, scriptOf, scriptRuns, toBuffer } from './index.js';

describe('platform PDF factory', () => {
  it('picks a font per script run; punctuation beside Thai goes to the Latin font', () => {
    expect(scriptOf('Café Ñandú')).toBe('latin');
    expect(scriptOf('株式会社')).toBe('cjk');
    expect(scriptOf('กาแฟ')).toBe('thai');
    expect(scriptRuns('บริษัท กาแฟ (Thai Coffee Co., Ltd.)')).toEqual([
      { script: 'thai', text: 'บริษัท กาแฟ ' },
      { script: 'latin', text: '(Thai Coffee Co., Ltd.)' },
    ]);
    expect(scriptRuns('株式会社 ABC 1-1')).toEqual([{ script: 'cjk', text: '株式会社 ABC 1-1' }]);
  });

  it('names the Debian package of a missing font', () => {
    expect(() => checkFonts({ latin: { regular: { path: '/nonexistent/NotoSans.ttf', debianPackage: 'fonts-noto-core' }, bold: { path: '/nonexistent/b.ttf', debianPackage: 'fonts-noto-core' } } } as never)).toThrow(MissingFontError);
    expect(() => checkFonts({ latin: { regular: { path: '/nonexistent/NotoSans.ttf', debianPackage: 'fonts-noto-core' } } } as never)).toThrow(/apt-get install fonts-noto-core/);
  });

  it('makes an A4 PDF with its metadata and embedded fonts', async () => {
    const doc = createPdf({ title: 'Prueba — テスト', lang: 'es', creationDate: new Date('2026-12-07T00:00:00Z') });
    drawText(doc, 'Añejo บริษัท (Co.) 東京', 40, 40);
    const pdf = (await toBuffer(doc)).toString('latin1');
    expect(pdf).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pdf).toContain('/Lang (es)');
    expect(pdf).toMatch(/NotoSans-Regular/);
    expect(pdf).toMatch(/NotoSansThai-Regular/);
    expect(pdf).toMatch(/NotoSansCJKjp-Regular/);
  });
});
