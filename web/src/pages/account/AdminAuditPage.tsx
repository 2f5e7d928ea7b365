import { useTranslation } from 'react-i18next';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlState } from '../../lib/url-state';
import { useAudit } from './account-api';
import { SignInGate } from './SignInGate';
import './account.css';

const FILTERS = ['actor', 'action', 'entity', 'since', 'until'] as const;

export default function AdminAuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.auditTitle'));
  return (
    <div className="page account-page" data-testid="page-admin-audit">
      <h1>{t('account.auditTitle')}</h1>
      <SignInGate role="admin" testid="admin-audit">
        {() => <Audit />}
      </SignInGate>
    </div>
  );
}

function Audit() {
  const { t, i18n } = useTranslation();
  const url = useUrlState();
  const params = new URLSearchParams();
  for (const f of FILTERS) {
    const v = url.get(f);
    if (v) params.set(f, v);
  }
  const query = params.size ? `?${params}` : '';
  const audit = useAudit(query, true);
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });

  return (
    <>
      <form className="account-form account-form--row" onSubmit={(e) => e.preventDefault()} aria-label={t('account.auditFilters')}>
        {FILTERS.map((f) => (
          <label key={f} className="field">
            <span className="field-label">{t(`account.filter.${f}`)}</span>
            <input
              type={f === 'since' || f === 'until' ? 'date' : 'search'}
              defaultValue={url.get(f) ?? ''}
              onChange={(e) => url.set({ [f]: e.currentTarget.value || null })}
              data-testid={`audit-${f}`}
            />
          </label>
        ))}
      </form>
      <p>
        <a href={`/api/-/admin/audit.csv${query}`} download data-testid="audit-csv">
          {t('account.auditCsv')}
        </a>
      </p>
      {audit.isPending ? (
        <Loading />
      ) : audit.error ? (
        <ErrorBox error={audit.error} />
      ) : (
        <div className="table-wrap">
          <p data-testid="audit-count">{t('account.auditCount', { count: audit.data.rows.length })}</p>
          <table className="account-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('account.when')}</th>
                <th scope="col">{t('account.filter.actor')}</th>
                <th scope="col">{t('account.filter.action')}</th>
                <th scope="col">{t('account.filter.entity')}</th>
                <th scope="col">{t('account.change')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.rows.slice(0, 500).map((r) => (
                <tr key={r.id} data-testid="audit-row">
                  <td>{dates.format(new Date(r.at))}</td>
                  <td>{r.actor}</td>
                  <td>{r.action}</td>
                  <td>
                    {r.entity} <code>{r.entity_id}</code>
                  </td>
                  <td className="account-change">
                    {r.before && <span>{t('account.before')}: <code>{r.before}</code></span>}
                    {r.after && <span>{t('account.after')}: <code>{r.after}</code></span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
