import { useTranslation } from 'react-i18next';
import { request, useApi, type Envelope } from '../../api';
import { LangLink } from '../../components/LangLink';
import { MissingValue } from '../../components/MissingValue';
import { useUrlState } from '../../lib/url-state';
import { COVERAGES, MEASURE_STATUSES, measureEdit, type Measure } from '../../../../src/modules/regulation/schema';
import { EntryWorkflow, type FieldSpec } from '../workflow/EntryWorkflow';

// The economy's measure records (laws and acts recorded against framework indicators through the
// editing API), each correctable through the editorial workflow: `?measure=<id>` opens its
// workflow box (checked with the module's own schema) with the link to its history. Nothing is
// shown when the economy has no record (the ESCAP measures above are another dataset).

const MEASURE_FORM: FieldSpec[] = [
  { name: 'title', label: 'workflow.forms.title', kind: 'text' },
  { name: 'coverage', label: 'workflow.forms.coverage', kind: 'choice', choices: COVERAGES },
  { name: 'status', label: 'workflow.forms.status', kind: 'choice', choices: MEASURE_STATUSES },
  { name: 'description', label: 'workflow.forms.description', kind: 'textarea' },
  { name: 'articles', label: 'workflow.forms.articles', kind: 'text' },
  { name: 'in_force_since', label: 'workflow.forms.in_force_since', kind: 'text' },
  { name: 'amended', label: 'workflow.forms.amended', kind: 'text' },
  { name: 'urls', label: 'workflow.forms.urls', kind: 'list' },
  { name: 'source_type', label: 'workflow.forms.source_type', kind: 'text' },
];

export function MeasureRecords({ iso3 }: { iso3: string }) {
  const { t } = useTranslation();
  const url = useUrlState();
  const q = useApi<Envelope<Measure>>(request('/regulation/measures', { economy: iso3 }), true);
  const rows = q.data?.rows ?? [];
  if (!rows.length) return null;
  const chosen = url.get('measure');
  return (
    <section className="card" aria-labelledby="reg-records-h" data-testid="reg-measure-records">
      <h2 id="reg-records-h">{t('workflow.forms.measuresTitle')}</h2>
      <ul className="plain-list">
        {rows.map((m) => (
          <li key={m.id} id={`measure-${m.id}`} data-testid="reg-measure-record">
            <strong>{m.title}</strong> · {m.indicator_id} · {m.status} · {m.in_force_since ?? <MissingValue />}{' '}
            <LangLink to={`/regulation/${iso3}?measure=${encodeURIComponent(m.id)}`} className="small">
              {t('workflow.forms.edit')}
            </LangLink>
            {chosen === m.id && <EntryWorkflow entity="reg_measures" entityId={m.id} economy={m.iso3} doc={m as unknown as Record<string, unknown>} fields={MEASURE_FORM} schema={measureEdit} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
