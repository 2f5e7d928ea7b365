// Writes the web app's "brief" messages (web/src/i18n/<lang>.json) from the PDF's words
// (src/modules/briefs/text.ts) and the page's own few, so the printable page and the PDF say the
// same things in every language. Run: npx tsx scripts/brief-messages.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { BRIEF_LANGUAGES } from '../src/modules/briefs/schema.js';
import { WORDS } from '../src/modules/briefs/text.js';

const PAGE: Record<string, Record<string, string>> = {
  downloadPdf: { en: 'Download PDF', es: 'Descargar PDF', pt: 'Baixar PDF', zh: '下载 PDF', ja: 'PDF をダウンロード', ko: 'PDF 다운로드' },
  print: { en: 'Print', es: 'Imprimir', pt: 'Imprimir', zh: '打印', ja: '印刷', ko: '인쇄' },
  profile: { en: 'Country profile', es: 'Perfil del país', pt: 'Perfil do país', zh: '国家概况', ja: '国別プロファイル', ko: '국가 프로필' },
  open: { en: 'Country brief (printable, PDF)', es: 'Ficha de país (imprimible, PDF)', pt: 'Perfil do país (para imprimir, PDF)', zh: '国家简报（可打印，PDF）', ja: '国別概要（印刷用・PDF）', ko: '국가 브리프(인쇄용, PDF)' },
  colMedian: { en: 'FEALAC median (n)', es: 'Mediana FOCALAE (n)', pt: 'Mediana FOCALAL (n)', zh: 'FEALAC 中位数（n）', ja: 'FEALAC 中央値（n）', ko: 'FEALAC 중앙값(n)' },
  colScore: { en: 'Score', es: 'Puntaje', pt: 'Pontuação', zh: '得分', ja: 'スコア', ko: '점수' },
  colCoverage: { en: 'Coverage', es: 'Cobertura', pt: 'Cobertura', zh: '覆盖率', ja: 'カバー率', ko: '적용 범위' },
  colPillar: { en: 'Pillar', es: 'Pilar', pt: 'Pilar', zh: '支柱', ja: '柱', ko: '기둥' },
  components: { en: 'Readiness components (normalised 0-100)', es: 'Componentes de la preparación (normalizados 0-100)', pt: 'Componentes da prontidão (normalizados 0-100)', zh: '准备度组成部分（归一化 0-100）', ja: '準備度の構成要素（0-100 に正規化）', ko: '준비도 구성 요소(0-100 정규화)' },
  normalised: { en: 'normalised 0-100 across the 36 economies', es: 'normalizado 0-100 entre las 36 economías', pt: 'normalizado 0-100 entre as 36 economias', zh: '在 36 个经济体间归一化为 0-100', ja: '36 経済で 0-100 に正規化', ko: '36개 경제에서 0-100으로 정규화' },
  notFound: { en: 'No brief for "{{code}}": it is not one of the 36 FEALAC economies.', es: 'No hay ficha para "{{code}}": no es una de las 36 economías del FOCALAE.', pt: 'Não há perfil para "{{code}}": não é uma das 36 economias do FOCALAL.', zh: '没有"{{code}}"的简报：它不是 36 个 FEALAC 经济体之一。', ja: '「{{code}}」の概要はありません。FEALAC の 36 経済に含まれません。', ko: '"{{code}}"의 브리프가 없습니다. 36개 FEALAC 경제가 아닙니다.' },
};

const file = (lang: string) => new URL(`../web/src/i18n/${lang}.json`, import.meta.url);
for (const lang of BRIEF_LANGUAGES) {
  const w = WORDS[lang];
  const messages = JSON.parse(readFileSync(file(lang), 'utf8'));
  const brief: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(w)) {
    if (typeof v === 'string') brief[k] = v;
    else brief[k] = Object.fromEntries(Object.entries(v).map(([kk, vv]) => [String(kk).replace(/\./g, '_'), vv]));
  }
  for (const [k, byLang] of Object.entries(PAGE)) brief[k] = byLang[lang];
  messages.brief = brief;
  writeFileSync(file(lang), `${JSON.stringify(messages, null, 2)}\n`);
}
