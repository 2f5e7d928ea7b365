import type { ColumnDef } from '@tanstack/react-table';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountries } from '../../api';
import { CountryPicker } from '../../components/CountryPicker';
import { DataTable } from '../../components/DataTable';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { countryName, formatListSafe } from './support-format';
import { formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { gapsRequest, matrixRequest, similarityRequest, useGaps, useMatrix, useSimilarity, useVocab, type MatrixRow, type PeerQuery, type SimilarityRow } from './support-api';
import { EconomySelect, SupportSubnav, useVocabLabel } from './SupportParts';
import './support.css';

const TARGET_CHOICES = ['women', 'first_time_exporters', 'digital_exporters', 'youth', 'rural_indigenous', 'artisans'];

/** Gaps against peers: what do my peers offer (to these firms) that we do not? */
export default function SupportGapsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useDocumentTitle(t('support.gaps.title'));
  const url = useUrlState();
  const labelOf = useVocabLabel();
  const countries = useCountries();
  const members = countries.data?.rows.map((c) => c.iso3) ?? [];
  const groups = countries.data?.groups ?? [];
  const economy = url.get('economy') ?? 'PER';
  const peers = url.get('peers') ?? 'fealac';
  const by = url.get('by') === 'target' ? 'target' : 'type';
  const kParam = Number(url.get('k'));
  const k = Number.isInteger(kParam) && kParam > 0 ? kParam : null;
  const list = (url.get('country') ?? '').split('~').filter(Boolean);
  const target = (url.get('target') ?? '').split('~').filter(Boolean);
  const q: PeerQuery = { peers, country: list, by, k, target };
  const ready = peers !== 'list' || list.length > 0;
  const gapsReq = ready ? gapsRequest(economy, q) : null;
  const gaps = useGaps(gapsReq);
  const simReq = ready ? similarityRequest(economy, q) : null;
  const sim = useSimilarity(simReq);
  const matReq = ready ? matrixRequest(economy, q) : null;
  const matrix = useMatrix(matReq);
  const vocab = useVocab();
  const peersId = useId();
  const kId = useId();
  const byId2 = useId();
  const codes = matrix.data?.codes ?? [];
  const kind = by === 'type' ? 'type' : 'target';

  const matrixColumns = useMemo<ColumnDef<MatrixRow, unknown>[]>(
    () => [
      { id: 'iso3', header: t('table.country'), accessorFn: (r) => countryName(String(r.iso3), lang), cell: (c) => <span className={c.row.original.role === 'home' ? 'strong' : undefined}>{String(c.getValue())}</span> },
      { id: 'programmes', header: t('support.col.programmes'), accessorFn: (r) => r.programmes, meta: { numeric: true } },
      ...codes.map(
        (code): ColumnDef<MatrixRow, unknown> => ({
          id: code,
          header: labelOf(kind, code),
          accessorFn: (r) => r[code],
          meta: { numeric: true },
          cell: (c) => <span className={Number(c.getValue()) > 0 ? 'cell--present' : 'cell--absent'}>{String(c.getValue())}</span>,
        }),
      ),
    ],
    [t, lang, codes, labelOf, kind],
  );
  const simColumns = useMemo<ColumnDef<SimilarityRow, unknown>[]>(
    () => [
      { id: 'peer', header: t('support.gaps.peer'), accessorFn: (r) => countryName(r.peer, lang) },
      { id: 'jaccard', header: t('support.gaps.jaccard'), accessorFn: (r) => r.jaccard ?? undefined, meta: { numeric: true }, cell: (c) => (c.getValue() === undefined ? <MissingValue /> : formatNumber(c.getValue() as number, lang, 2)) },
      { id: 'shared', header: t('support.gaps.shared'), accessorFn: (r) => r.shared.map((x) => labelOf(kind, x)).join(', ') },
      { id: 'peer_only', header: t('support.gaps.peerOnly'), accessorFn: (r) => r.peer_only.map((x) => labelOf(kind, x)).join(', ') },
    ],
    [t, lang, labelOf, kind],
  );

  return (
    <div className="page" data-testid="page-support-gaps">
      <h1>{t('support.gaps.title')}</h1>
      <SupportSubnav current="gaps" />
      <p className="lead">{t('support.gaps.lead')}</p>
      <section className="card" aria-labelledby="gaps-controls-h">
        <h2 id="gaps-controls-h">{t('support.gaps.controls')}</h2>
        <div className="controls support-filters">
          <EconomySelect options={members} value={economy} onChange={(v) => v && url.set({ economy: v }, { push: true })} label={t('support.economy')} testid="gaps-economy" />
          <div className="field">
            <label htmlFor={peersId} className="field-label">
              {t('support.gaps.peers')}
            </label>
            <select id={peersId} value={peers} onChange={(e) => url.set({ peers: e.target.value === 'fealac' ? null : e.target.value, country: e.target.value === 'list' ? list : null }, { push: true })} data-testid="gaps-peers">
              <option value="fealac">{t('support.gaps.peerFealac')}</option>
              <option value="region">{t('support.gaps.peerRegion')}</option>
              {groups.map((g) => (
                <option key={g.code} value={g.code}>
                  {t(`groups.${g.code}`, { defaultValue: g.name_en })}
                </option>
              ))}
              <option value="list">{t('support.gaps.peerList')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={byId2} className="field-label">
              {t('support.gaps.by')}
            </label>
            <select id={byId2} value={by} onChange={(e) => url.set({ by: e.target.value === 'type' ? null : e.target.value }, { push: true })} data-testid="gaps-by">
              <option value="type">{t('support.gaps.byType')}</option>
              <option value="target">{t('support.gaps.byTarget')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={kId} className="field-label">
              {t('support.gaps.k')}
            </label>
            <input id={kId} type="number" min={1} max={35} value={k ?? gaps.data?.k ?? ''} onChange={(e) => url.set({ k: e.target.value || null })} data-testid="gaps-k" className="input--narrow" />
          </div>
        </div>
        <p className="muted small" data-testid="gaps-income-note">
          {t('support.gaps.incomeNote')}
        </p>
        {peers === 'list' && <CountryPicker options={members.filter((m) => m !== economy)} selected={list} onChange={(next) => url.set({ country: next.length ? next : null })} label={t('support.gaps.chooseList')} testid="gaps-list" />}
        <fieldset className="support-targets">
          <legend>{t('support.gaps.targetFilter')}</legend>
          {TARGET_CHOICES.map((code) => (
            <label key={code} className="checkbox">
              <input
                type="checkbox"
                checked={target.includes(code)}
                onChange={(e) => url.set({ target: (e.target.checked ? [...target, code] : target.filter((x) => x !== code)).join('~') || null }, { push: true })}
                data-testid={`gaps-target-${code}`}
              />{' '}
              {labelOf('target', code)}
            </label>
          ))}
        </fieldset>
      </section>

      <section className="card" aria-labelledby="gaps-list-h" aria-busy={gaps.isFetching} data-testid="gaps-section">
        <div className="card__head">
          <div>
            <h2 id="gaps-list-h">{t('support.gaps.listTitle', { country: countryName(economy, lang), group: gaps.data ? groupName(gaps.data.peer_group, groups, t) : '' })}</h2>
            {gaps.data && (
              <p className="muted small" data-testid="gaps-summary">
                {t('support.gaps.summary', { k: gaps.data.k, n: gaps.data.peers.length, home: gaps.data.home_programmes })}
                {gaps.data.target.length > 0 && ` ${t('support.gaps.onlyTargets', { targets: formatListSafe(gaps.data.target.map((x) => labelOf('target', x)), lang) })}`}
              </p>
            )}
          </div>
          {gapsReq && <DownloadMenu request={gapsReq} filename={`puente-support-gaps-${economy}`} />}
        </div>
        {!ready && <p>{t('support.gaps.pickList')}</p>}
        {gaps.isPending && ready && <Loading />}
        {gaps.isError && <ErrorBox error={gaps.error} onRetry={() => gaps.refetch()} />}
        {gaps.data && gaps.data.rows.length === 0 && <p data-testid="gaps-none">{t('support.gaps.none')}</p>}
        {gaps.data && gaps.data.rows.length > 0 && (
          <ul className="gap-list" data-testid="gaps-list">
            {gaps.data.rows.map((g) => (
              <li key={g.code} data-testid={`gap-${g.code}`}>
                <strong>{labelOf(kind, g.code)}</strong> — {t('support.gaps.peersHave', { n: g.peers_with, total: g.peers_total })}
                <ul>
                  {g.peers.map((peer) => (
                    <li key={peer} data-testid={`gap-${g.code}-peer-${peer}`}>
                      {countryName(peer, lang)}:{' '}
                      {g.programme_ids
                        .map((id, i) => ({ id, name: g.programme_names[i] ?? id }))
                        .filter(({ id }) => id.startsWith(`sp-${peer.toLowerCase()}-`))
                        .map(({ id, name }, i) => (
                          <span key={id}>
                            {i > 0 && '; '}
                            <LangLink to={`/support/programmes/${id}`} data-testid={`gap-programme-${id}`}>
                              {name}
                            </LangLink>
                          </span>
                        ))}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        <p className="muted small">{t('support.gaps.absentNote')}</p>
      </section>

      <section className="card" aria-labelledby="gaps-sim-h" aria-busy={sim.isFetching}>
        <div className="card__head">
          <h2 id="gaps-sim-h">{t('support.gaps.simTitle')}</h2>
          {simReq && <DownloadMenu request={simReq} filename={`puente-support-similarity-${economy}`} />}
        </div>
        <p className="muted small">{t('support.gaps.simNote')}</p>
        {sim.isError && <ErrorBox error={sim.error} onRetry={() => sim.refetch()} />}
        {sim.data && <DataTable data={sim.data.rows} columns={simColumns} caption={t('support.gaps.simTitle')} captionHidden getRowId={(r) => r.peer} pageSize={0} testid="gaps-similarity" />}
      </section>

      <section className="card" aria-labelledby="gaps-matrix-h" aria-busy={matrix.isFetching} data-testid="gaps-matrix-section">
        <div className="card__head">
          <h2 id="gaps-matrix-h">{t('support.gaps.matrixTitle')}</h2>
          {matReq && <DownloadMenu request={matReq} filename={`puente-support-matrix-${economy}`} />}
        </div>
        <p className="muted small">{t('support.gaps.matrixNote')}</p>
        {matrix.isError && <ErrorBox error={matrix.error} onRetry={() => matrix.refetch()} />}
        {matrix.data && (
          <DataTable data={matrix.data.rows} columns={matrixColumns} caption={t('support.gaps.matrixTitle')} captionHidden getRowId={(r) => String(r.iso3)} pageSize={0} testid="gaps-matrix" />
        )}
        <SourceLine sources={matrix.data?.sources} note={vocab.data ? t('support.vocabVersion', { version: vocab.data.version }) : undefined} />
      </section>
    </div>
  );
}

/** The peer group's name in the reader's language (the API names it in English). */
function groupName(label: string, groups: readonly { code: string; name_en: string }[], t: (k: string, o?: Record<string, unknown>) => string): string {
  const known: Record<string, string> = { FEALAC: 'support.gaps.peerFealac', 'East Asia': 'regions.eastAsia', 'Latin America': 'regions.latinAmerica', 'chosen list': 'support.gaps.peerList' };
  if (known[label]) return t(known[label]);
  const g = groups.find((x) => x.name_en === label);
  return g ? t(`groups.${g.code}`, { defaultValue: label }) : label;
}
