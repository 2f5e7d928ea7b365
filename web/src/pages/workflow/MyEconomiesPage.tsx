import { useTranslation } from 'react-i18next';
import { request, useApi, type Envelope } from '../../api';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { countryName } from '../../lib/country-names';
import { useMe } from '../../lib/session';
import { useDocumentTitle } from '../../lib/use-document-title';
import type { Programme } from '../support/support-api';
import { Comments, DiffTable, StatusBadge } from './DiffTable';
import { useDrafts, useVerifications } from './workflow-api';
import './workflow.css';

/** A focal point's dashboard: per economy, the entries still to verify; their drafts with states and comments. */
export default function MyEconomiesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('workflow.mine.title'));
  const me = useMe();
  const drafts = useDrafts(me.data);
  const economies = me.data?.economies ?? [];
  return (
    <div className="page" data-testid="page-my-economies">
      <h1>{t('workflow.mine.title')}</h1>
      <p className="lead">{t('workflow.mine.lead')}</p>
      {me.isPending && <Loading inline />}
      {!me.isPending && !me.data && (
        <p className="wf-refused" role="note">
          {t('workflow.mine.signIn')}
        </p>
      )}
      {me.data && economies.length === 0 && <p>{t('workflow.mine.noEconomies', { who: me.data.name })}</p>}
      {economies.map((e) => (
        <ToVerify key={e} economy={e} />
      ))}
      {me.data && (
        <section className="card" aria-labelledby="my-drafts-h" data-testid="my-drafts">
          <h2 id="my-drafts-h">{t('workflow.mine.drafts')}</h2>
          {drafts.isPending && <Loading inline />}
          {drafts.data?.length === 0 && <p>{t('workflow.mine.noDrafts')}</p>}
          {drafts.data?.map((d) => (
            <article key={d.id} className="wf-draft">
              <h3>{d.page ? <LangLink to={d.page}>{d.title}</LangLink> : d.title}</h3>
              <p>
                <StatusBadge status={d.status} /> {t('workflow.entry.by', { who: d.author, date: d.updated_at.slice(0, 10) })}
              </p>
              <DiffTable draft={d} />
              <Comments draft={d} />
            </article>
          ))}
        </section>
      )}
    </div>
  );
}

function ToVerify({ economy }: { economy: string }) {
  const { t, i18n } = useTranslation();
  const programmes = useApi<Envelope<Programme>>(request('/support/programmes', { economy }));
  const marks = useVerifications({ entity: 'support_programmes', economy });
  const marked = new Map((marks.data?.rows ?? []).map((v) => [v.entity_id, v]));
  const rows = programmes.data?.rows ?? [];
  const open = rows.filter((p) => !marked.has(p.id) || marked.get(p.id)!.feedback === 'Not correct');
  const h = `verify-${economy}-h`;
  return (
    <section className="card" aria-labelledby={h} data-testid="to-verify">
      <h2 id={h}>{t('workflow.mine.toVerify', { country: countryName(economy, i18n.language) })}</h2>
      {(programmes.isPending || marks.isPending) && <Loading inline />}
      {(programmes.isError || marks.isError) && <ErrorBox error={programmes.error ?? marks.error} />}
      {programmes.data && (
        <>
          <p>{t('workflow.mine.counts', { total: rows.length, open: open.length })}</p>
          <ul>
            {open.map((p) => (
              <li key={p.id}>
                <LangLink to={`/support/programmes/${encodeURIComponent(p.id)}`}>{p.programme_en ?? p.programme}</LangLink>{' '}
                <span className="muted small">{marked.has(p.id) ? t('workflow.verify.notCorrect') : t('workflow.verify.none')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
