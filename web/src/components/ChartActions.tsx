import { useId, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { composeChartSvg, exportFilename, type ChartPart, type ChartShare, type ExportWords } from '../charts/export';
import { embedCode, embedHref } from '../lib/embed';

/** The image's words in the reader's language. */
function useExportWords(): ExportWords {
  const { t } = useTranslation();
  return {
    sourceLabel: (count) => t('source.label', { count }),
    sourceUnknown: t('source.unknown'),
    licence: t('source.licence'),
    licenceUnknown: t('source.licenceUnknown'),
    retrievedOn: (date) => t('honesty.retrievedOn', { date }),
    retrievedUnknown: t('honesty.retrievedUnknown'),
    synthetic: t('synthetic.badge'),
    syntheticNote: t('chart.export.syntheticNote'),
    licencesLine: (list) => t('chart.export.licences', { list }),
  };
}

/** The drawn chart's top-level <svg> elements (the plot and any colour legend), serialised. */
function chartParts(canvas: HTMLElement): ChartPart[] {
  const svgs = [...canvas.querySelectorAll('svg')].filter((el) => !el.parentElement?.closest('svg'));
  const ser = new XMLSerializer();
  return svgs
    .map((el) => {
      const box = el.getBoundingClientRect();
      const width = Number(el.getAttribute('width')) || box.width;
      const height = Number(el.getAttribute('height')) || box.height;
      const clone = el.cloneNode(true) as SVGSVGElement;
      clone.setAttribute('width', String(width));
      clone.setAttribute('height', String(height));
      if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
      // The page's CSS scales charts down on a phone; in the file they keep their drawn size.
      clone.style.removeProperty('max-width');
      return { svg: ser.serializeToString(clone), width, height };
    })
    .filter((p) => p.width > 0 && p.height > 0);
}

function save(href: string, filename: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/** An SVG string to a PNG blob at `scale` (canvas in the browser; system fonts, so Noto Sans). */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const img = new Image();
  img.width = width;
  img.height = height;
  // A data: URL, which the content security policy allows for images (blob: it does not).
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/**
 * Under every chart: SVG and PNG downloads with the title, subtitle, sources and licence drawn in,
 * and, for a chart with a chart-only route, its embed code. The buttons are there from the first
 * paint (fixed height), so nothing moves when the chart is drawn.
 */
export function ChartActions({ canvas, share, testid, drawn }: { canvas: RefObject<HTMLDivElement | null>; share: ChartShare; testid: string; drawn: boolean }) {
  const { t, i18n } = useTranslation();
  const words = useExportWords();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const codeId = useId();
  const title = share.meta.title;

  const compose = () => {
    const el = canvas.current;
    if (!el) return null;
    const parts = chartParts(el);
    if (!parts.length) return null;
    return composeChartSvg({ parts, meta: share.meta, words, pageUrl: window.location.href, lang: i18n.language });
  };
  const onSvg = () => {
    const out = compose();
    if (!out) return;
    save(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(out.svg)}`, exportFilename(title, 'svg'));
  };
  const onPng = async () => {
    const out = compose();
    if (!out) return;
    try {
      setError(null);
      const blob = await svgToPng(out.svg, out.width, out.height, 2);
      const reader = new FileReader();
      const url = await new Promise<string>((resolve, reject) => {
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      });
      save(url, exportFilename(title, 'png'));
    } catch {
      setError(t('chart.export.pngFailed'));
    }
  };
  const code = share.embed ? embedCode(embedHref(share.embed, window.location.origin, i18n.language), title) : '';
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      // No clipboard (http, or permission refused): the code is selected for Ctrl+C instead.
      (document.getElementById(codeId) as HTMLTextAreaElement | null)?.select();
    }
  };

  return (
    <div className="chart-actions" data-testid={`${testid}-actions`}>
      <span className="chart-actions__label" aria-hidden="true">
        {t('chart.export.label')}
      </span>
      <button type="button" className="button button--small" onClick={onSvg} disabled={!drawn} aria-label={t('chart.export.svgLabel', { title })} data-testid="chart-download-svg">
        SVG
      </button>
      <button type="button" className="button button--small" onClick={() => void onPng()} disabled={!drawn} aria-label={t('chart.export.pngLabel', { title })} data-testid="chart-download-png">
        PNG
      </button>
      {share.embed && (
        <button type="button" className="button button--small" aria-expanded={open} aria-controls={open ? `${codeId}-panel` : undefined} onClick={() => { setOpen((o) => !o); setCopied(false); }} data-testid="chart-embed-button">
          {t('chart.export.embed')}
        </button>
      )}
      {error && (
        <span role="alert" className="chart-actions__error">
          {error}
        </span>
      )}
      {open && share.embed && (
        <div className="chart-actions__embed" id={`${codeId}-panel`} data-testid="chart-embed-panel">
          <label htmlFor={codeId} className="field-label">
            {t('chart.export.embedCode')}
          </label>
          <textarea id={codeId} readOnly rows={3} value={code} onFocus={(e) => e.currentTarget.select()} data-testid="chart-embed-code" />
          <div className="chart-actions__row">
            <button type="button" className="button button--small" onClick={() => void onCopy()} data-testid="chart-embed-copy">
              {t('chart.export.copy')}
            </button>
            <span role="status" className="muted small">
              {copied ? t('chart.export.copied') : ''}
            </span>
          </div>
          <p className="muted small">{t('chart.export.embedHint')}</p>
        </div>
      )}
    </div>
  );
}
