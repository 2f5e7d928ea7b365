import { useTranslation } from 'react-i18next';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { countryName } from '../../lib/country-names';
import { EntryName } from '../directory/DirectoryPage';
import { entriesRequest, programmesRequest, useEntries, usePrograms } from '../support/support-api';
import { CheckedLink, Trust, useVocabLabel } from '../support/SupportParts';
import '../support/support.css';

/** The country profile's "Support and contacts": its programmes and whom to call, from both modules. */
export function SupportContactsSection({ iso3 }: { iso3: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labelOf = useVocabLabel();
  const programmes = usePrograms(programmesRequest({ economy: iso3 }));
  const contacts = useEntries(entriesRequest({ economy: iso3 }));
  return (
    <section className="card" data-testid="profile-support" aria-labelledby="profile-support-h">
      <h2 id="profile-support-h" className="card__title">
        {t('support.profile.title', { country: countryName(iso3, lang) })}
      </h2>
      <div className="support-stack">
        <div>
          <h3>{t('support.profile.programmes')}</h3>
          {programmes.isPending && <Loading />}
          {programmes.isError && <ErrorBox error={programmes.error} onRetry={() => programmes.refetch()} />}
          {programmes.data && programmes.data.rows.length === 0 && <p>{t('support.none')}</p>}
          <ul className="contact-list" data-testid="profile-support-programmes">
            {programmes.data?.rows.map((p) => (
              <li key={p.id}>
                <LangLink to={`/support/programmes/${p.id}`}>{p.programme_en ?? p.programme}</LangLink> <Trust grade={p.trust} />
                <div className="muted small">
                  {[p.agency, p.year_started, p.types.map((c) => labelOf('type', c)).join(', ')].filter(Boolean).join(' · ')}
                </div>
              </li>
            ))}
          </ul>
          <p>
            <LangLink to={`/support/gaps?economy=${iso3}`} data-testid="profile-support-gaps">
              {t('support.profile.gaps')}
            </LangLink>
          </p>
        </div>
        <div>
          <h3>{t('support.profile.contacts')}</h3>
          {contacts.isPending && <Loading />}
          {contacts.isError && <ErrorBox error={contacts.error} onRetry={() => contacts.refetch()} />}
          <ul className="contact-list" data-testid="profile-support-contacts">
            {contacts.data?.rows.map((e) => (
              <li key={e.id}>
                <strong>{t(`directory.role.${e.role}`, { defaultValue: e.role })}</strong>: <EntryName e={e} />
                <div>
                  <CheckedLink url={e.official_url} ok={e.url_ok} status={e.url_status} checkedAt={e.url_checked_at} /> <Trust grade={e.trust} />
                </div>
              </li>
            ))}
          </ul>
          <p>
            <LangLink to={`/directory?economy=${iso3}`}>{t('support.profile.directory')}</LangLink>
          </p>
        </div>
      </div>
    </section>
  );
}
