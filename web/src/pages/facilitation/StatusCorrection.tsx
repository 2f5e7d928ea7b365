import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUSES, statusKey, statusWorkflowEdit } from '../../../../src/modules/facilitation/schema';
import { useUrlState } from '../../lib/url-state';
import { EntryWorkflow, type FieldSpec } from '../workflow/EntryWorkflow';
import type { StatusRow } from './tf-api';

// A per-measure status in the editorial workflow: choose a status of the economy (the URL keeps
// it, `?measure=ISO3/round/measure`), then the workflow box proposes its correction (0..3, where
// it can be checked, a note), checked with the module's own schema, and links to its history.

const STATUS_FORM: FieldSpec[] = [
  { name: 'status', label: 'workflow.forms.status', kind: 'choice', choices: STATUSES },
  { name: 'source_url', label: 'workflow.forms.source_url', kind: 'url' },
  { name: 'note', label: 'workflow.forms.note', kind: 'textarea' },
];

export function StatusCorrection({ iso3, rows, sourceUrl, measureName }: { iso3: string; rows: StatusRow[]; sourceUrl: (sourceId: string) => string | null; measureName: (id: string, name?: string) => string }) {
  const { t } = useTranslation();
  const url = useUrlState();
  const selectId = useId();
  const chosen = url.get('measure');
  const row = rows.find((r) => statusKey(r.iso3, r.round, r.measure) === chosen);
  const sorted = [...rows].sort((a, b) => b.round - a.round || a.measure_name.localeCompare(b.measure_name));
  return (
    <div className="wf-pick" data-testid="tf-status-correction">
      <h3>{t('workflow.forms.pick')}</h3>
      <label className="wf-field" htmlFor={selectId}>
        <span>{t('workflow.forms.pickLabel')}</span>
        <select id={selectId} value={row ? chosen! : ''} onChange={(e) => url.set({ measure: e.target.value || null })} data-testid="tf-status-pick">
          <option value="">{t('workflow.forms.pickNone')}</option>
          {sorted.map((r) => (
            <option key={statusKey(r.iso3, r.round, r.measure)} value={statusKey(r.iso3, r.round, r.measure)}>
              {r.round} · {measureName(r.measure, r.measure_name)} ({r.status})
            </option>
          ))}
        </select>
      </label>
      {row && (
        <EntryWorkflow
          key={chosen}
          entity="tf_statuses"
          entityId={chosen!}
          economy={iso3}
          doc={{ status: row.status, source_url: sourceUrl(row.source_id), note: null }}
          fields={STATUS_FORM}
          schema={statusWorkflowEdit}
        />
      )}
    </div>
  );
}
