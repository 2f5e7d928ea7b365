import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Untranslated } from '../../components/ContentText';
import { DownloadMenu } from '../../components/DownloadMenu';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { SourceLine } from '../../components/SourceLine';
import { countryName } from '../../lib/country-names';
import { useDocumentTitle } from '../../lib/use-document-title';
import { programmeRequest, useProgramme } from './support-api';
import { CheckedLink, SupportSubnav, Trust, useVocabLabel } from './SupportParts';
import { EntryWorkflow } from '../workflow/EntryWorkflow';
import { PROGRAMME_FORM, PROGRAMME_SCHEMA } from './programme-fields';
import './support.css';

/** One programme: names, agency, start year, description, links, the text as read beside its codes, source and trust. */
export default function ProgrammePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labelOf = useVocabLabel();
  const req = programmeRequest(id);
  const q = useProgramme(req);
  const p = q.data?.programme;
  useDocumentTitle(p ? (p.programme_en ?? p.programme) : t('support.programme.title'));
  const missing = <MissingValue />;
  return (
    <div className="page" data-testid="page-support-programme">
      <SupportSubnav current="inventory" />
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {p && (
        <>
          <h1 data-testid="programme-title">{p.programme}</h1>
          {p.programme_en && p.programme_en !== p.programme && <p className="lead">{p.programme_en}</p>}
          <p>
            <LangLink to={`/countries/${p.iso3}`}>{countryName(p.iso3, lang)}</LangLink> · <LangLink to={`/support/gaps?economy=${p.iso3}`}>{t('support.programme.gapsOf', { country: countryName(p.iso3, lang) })}</LangLink>
          </p>
          <section className="card" aria-labelledby="programme-facts-h">
            <div className="card__head">
              <h2 id="programme-facts-h">{t('support.programme.facts')}</h2>
              <DownloadMenu request={req} filename={`puente-support-${p.id}`} />
            </div>
            <dl className="facts" data-testid="programme-facts">
              <dt>{t('support.col.agency')}</dt>
              <dd>{p.agency ?? missing}</dd>
              <dt>{t('support.col.year')}</dt>
              <dd>{p.year_started ?? missing}</dd>
              <dt>{t('support.programme.description')}</dt>
              <dd>{p.description ? <Untranslated text={p.description} lang="en" /> : missing}</dd>
              <dt>{t('support.col.types')}</dt>
              <dd data-testid="programme-types">
                {p.types.map((c) => labelOf('type', c)).join(', ') || missing}
                <div className="muted small">
                  {t('support.programme.asRead')}: “{p.type_text ?? ''}”
                  {p.unplaced_types.length > 0 && ` — ${t('support.programme.unplaced')}: ${p.unplaced_types.join('; ')}`}
                </div>
              </dd>
              <dt>{t('support.col.targets')}</dt>
              <dd data-testid="programme-targets">
                {p.targets.map((c) => labelOf('target', c)).join(', ') || missing}
                <div className="muted small">
                  {t('support.programme.asRead')}: “{p.target_text ?? ''}”
                  {p.unplaced_targets.length > 0 && ` — ${t('support.programme.unplaced')}: ${p.unplaced_targets.join('; ')}`}
                </div>
              </dd>
              <dt>{t('support.area')}</dt>
              <dd>{p.areas.map((c) => labelOf('area', c)).join(', ') || missing}</dd>
              <dt>{t('support.col.border')}</dt>
              <dd>{p.border_scope ? labelOf('border', p.border_scope) : missing}</dd>
              <dt>{t('support.col.ecommerce')}</dt>
              <dd>{p.ecommerce_focus && p.ecommerce_focus !== 'unknown' ? t(`support.yesPartialNo.${p.ecommerce_focus}`) : missing}</dd>
              <dt>{t('support.programme.goods')}</dt>
              <dd>{p.goods_scope ? labelOf('goods', p.goods_scope) : missing}</dd>
              <dt>{t('support.programme.stage')}</dt>
              <dd>{p.stage ? labelOf('stage', p.stage) : missing}</dd>
              <dt>{t('support.programme.page')}</dt>
              <dd>
                <CheckedLink url={p.url} ok={p.url_ok} status={p.url_status} checkedAt={p.url_checked_at} testid="programme-url" />
              </dd>
              <dt>{t('support.programme.source')}</dt>
              <dd>
                {p.source_url ? (
                  <a href={p.source_url} rel="noopener noreferrer external" target="_blank">
                    {p.source_type ?? p.source_url}
                  </a>
                ) : (
                  missing
                )}
                {p.as_of && <span className="muted small"> ({t('support.programme.asOf', { date: p.as_of })})</span>}
              </dd>
              <dt>{t('support.col.trust')}</dt>
              <dd>
                <Trust grade={p.trust} /> {p.trust ? t(`support.trust.${p.trust}`) : t('support.trust.none')}
              </dd>
            </dl>
          </section>
          <SourceLine sources={q.data?.sources} />
          <EntryWorkflow entity="support_programmes" entityId={p.id} economy={p.iso3} doc={p as unknown as Record<string, unknown>} fields={PROGRAMME_FORM} schema={PROGRAMME_SCHEMA} />
        </>
      )}
    </div>
  );
}
