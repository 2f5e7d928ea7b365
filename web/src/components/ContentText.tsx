// Content from the data in the page's language. When the language has no translation of it yet,
// the source text is shown in its own language (lang attribute, so screen readers switch voice)
// with a visible note, never silently in English inside a Spanish page.
import { useTranslation } from 'react-i18next';
import { localise, type ContentKey } from '../lib/content';

export function ContentText({ k, id, source }: { k: ContentKey; id: string; source: string }) {
  const { i18n } = useTranslation();
  const c = localise(k, id, source, i18n.language);
  if (c.translated) return <>{c.text}</>;
  return <Untranslated text={c.text} lang={c.lang} reason="untranslated" />;
}

/**
 * Text that stays in its source language (a programme's own description, a law's title, a
 * marketplace's categories as the registry gives them), or content not translated yet.
 * Marked only when the page is in another language.
 */
export function Untranslated({ text, lang, reason = 'original' }: { text: string; lang: string; reason?: 'original' | 'untranslated' }) {
  const { t, i18n } = useTranslation();
  if (i18n.language === lang) return <>{text}</>;
  const note = reason === 'original' ? t('content.original') : t('content.inEnglish');
  const hint = reason === 'original' ? t('content.originalHint') : t('content.inEnglishHint');
  return (
    <span data-untranslated={reason}>
      <span lang={lang}>{text}</span>{' '}
      <span className="muted small" title={hint}>
        ({note})
      </span>
    </span>
  );
}
