import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartShare } from '../../charts/export';
import { PlotFigure } from '../../components/PlotFigure';
import { formatNumber } from '../../lib/format';
import type { StepRow } from './processes-api';

const AREA_COLOR: Record<string, string> = { BUY: '#1f78b4', SHIP: '#13806b', PAY: '#c2550a' };

/**
 * The time-procedure chart: a bar per step from its earliest start to its earliest finish (days),
 * in order; the critical path outlined in red. Steps without a known time are listed, not drawn.
 */
export function TimeChart({ rows, label, share }: { rows: StepRow[]; label: string; share?: ChartShare | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const drawn = rows.filter((r) => r.earliest_start !== null && r.earliest_finish !== null);
  const render = useCallback(
    (width: number) => {
      if (!drawn.length) return null;
      const areaNames = ['BUY', 'SHIP', 'PAY'].map((a) => t(`processes.area.${a}`));
      const notStated = t('processes.steps.notStated');
      const y = (r: StepRow) => `${r.seq}. ${r.step.length > 28 ? `${r.step.slice(0, 27)}…` : r.step}`;
      return Plot.plot({
        width,
        height: 40 + drawn.length * 30,
        marginLeft: Math.min(width * 0.45, 230),
        x: { label: t('processes.chart.days'), grid: true },
        y: { label: null, domain: drawn.map(y) },
        color: { domain: [...areaNames, notStated], range: [AREA_COLOR.BUY, AREA_COLOR.SHIP, AREA_COLOR.PAY, '#7d8790'], legend: true },
        marks: [
          Plot.barX(drawn, {
            x1: 'earliest_start',
            x2: (r: StepRow) => (r.earliest_finish === r.earliest_start ? r.earliest_start! + 0.02 : r.earliest_finish),
            y,
            fill: (r: StepRow) => (r.area ? t(`processes.area.${r.area}`) : notStated),
            stroke: (r: StepRow) => (r.critical ? '#b3261e' : 'none'),
            strokeWidth: 2.5,
            title: (r: StepRow) =>
              `${r.step}\n${formatNumber(r.earliest_start, lang, 1)}–${formatNumber(r.earliest_finish, lang, 1)} ${t('processes.chart.days')}${r.critical ? `\n${t('processes.chart.critical')}` : ''}`,
          }),
        ],
      });
    },
    [drawn, t, lang],
  );
  const missing = rows.length - drawn.length;
  return (
    <div data-testid="time-chart">
      {drawn.length ? (
        <PlotFigure render={render} label={`${t('processes.chart.title')} (${t(`processes.label.${label}`)})`} testid="time-chart-figure" share={share} />
      ) : (
        <p className="bpa-missing" data-testid="time-chart-empty">{t('processes.chart.none', { count: rows.length })}</p>
      )}
      {drawn.length > 0 && missing > 0 && <p className="bpa-missing">{t('processes.chart.some', { count: missing })}</p>}
      {drawn.length > 0 && <p>{t('processes.chart.legend')}</p>}
    </div>
  );
}
