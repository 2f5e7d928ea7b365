import { useTranslation } from 'react-i18next';
import type { FlowRow } from '../../api';
import { MissingValue } from '../../components/MissingValue';
import { regionLabel } from '../../lib/labels';
import { compact, percent } from './marketplace-view';

const ORIGINS = ['East Asia', 'Latin America', 'EXTRA-FEALAC'];
const DESTINATIONS = ['East Asia', 'Latin America'];

/**
 * Region × region matrix of visits; the bi-regional cells (East Asia ↔ Latin America) are
 * highlighted. A cell without visits in the view is shown as missing, not 0.
 */
export function FlowMatrix({ rows, testid = 'flow-matrix' }: { rows: readonly FlowRow[]; testid?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cell = (o: string, d: string) => rows.find((r) => r.origin === o && r.destination === d);
  const max = Math.max(1, ...rows.map((r) => r.visits));
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '-');
  return (
    <div className="data-table" data-testid={testid}>
      <div className="data-table__scroll" role="region" aria-label={t('marketplaces.flows.matrix')} tabIndex={0}>
        <table className="flow-matrix">
          <caption className="sr-only">{t('marketplaces.flows.matrix')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('marketplaces.flows.originDest')}</th>
              {DESTINATIONS.map((d) => (
                <th key={d} scope="col">
                  {regionLabel(t, d)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ORIGINS.map((o) => (
              <tr key={o}>
                <th scope="row">{o === 'EXTRA-FEALAC' ? t('marketplaces.flows.extra') : regionLabel(t, o)}</th>
                {DESTINATIONS.map((d) => {
                  const c = cell(o, d);
                  const bi = DESTINATIONS.includes(o) && o !== d;
                  const alpha = c ? 0.12 + 0.55 * (c.visits / max) : 0;
                  return (
                    <td
                      key={d}
                      className={`num flow-matrix__cell${bi ? ' flow-matrix__cell--bi' : ''}`}
                      data-testid={`${testid}-${slug(o)}-${slug(d)}`}
                      data-bi-regional={bi ? 'true' : undefined}
                      style={{ background: c ? `rgba(${bi ? '194,85,10' : '19,128,107'},${alpha.toFixed(2)})` : undefined }}
                    >
                      {c ? (
                        <>
                          <strong>{compact(c.visits, lang)}</strong>
                          <br />
                          <span className="small">{percent(c.share_of_destination, lang)}</span>
                          {c.synthetic && (
                            <>
                              <br />
                              <span className="badge badge--synthetic">{t('synthetic.badge')}</span>
                            </>
                          )}
                        </>
                      ) : (
                        <MissingValue label={t('common.noData')} />
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('marketplaces.flows.matrixNote')}</p>
    </div>
  );
}
