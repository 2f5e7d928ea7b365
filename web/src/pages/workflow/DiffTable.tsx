import { useTranslation } from 'react-i18next';
import type { DraftView } from './workflow-api';

const show = (v: unknown) => (v === null || v === undefined || v === '' ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** Field by field, a value before and after: a draft against the published entry, or one change of the history. */
export function ChangeTable({ diff, caption, before, after, testid }: { diff: readonly { field: string; before: unknown; after: unknown }[]; caption: string; before: string; after: string; testid: string }) {
  const { t } = useTranslation();
  return (
    <table className="wf-diff" data-testid={testid}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('workflow.diff.field')}</th>
          <th scope="col">{before}</th>
          <th scope="col">{after}</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((d) => (
          <tr key={d.field}>
            <th scope="row">{d.field}</th>
            <td className="wf-diff__before">{show(d.before) ?? <em className="muted">{t('workflow.diff.empty')}</em>}</td>
            <td className="wf-diff__after">{show(d.after) ?? <em className="muted">{t('workflow.diff.empty')}</em>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A draft's changes: field, published value, proposed value. */
export function DiffTable({ draft }: { draft: DraftView }) {
  const { t } = useTranslation();
  return <ChangeTable diff={draft.diff} caption={t('workflow.diff.caption')} before={t('workflow.diff.published')} after={t('workflow.diff.proposed')} testid="draft-diff" />;
}

/** Draft, pending or published, as a badge with words (not colour alone). */
export function StatusBadge({ status }: { status: DraftView['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`wf-status wf-status--${status}`} data-testid="draft-status">
      {t(`workflow.status.${status}`)}
    </span>
  );
}

export function Comments({ draft }: { draft: DraftView }) {
  const { t } = useTranslation();
  const said = draft.comments.filter((c) => c.text);
  if (!said.length) return null;
  return (
    <ul className="wf-comments" data-testid="draft-comments">
      {said.map((c, i) => (
        <li key={i}>
          <strong>{c.author}</strong> ({t(`workflow.step.${c.action}`, { defaultValue: c.action })}, {c.at.slice(0, 10)}): {c.text}
        </li>
      ))}
    </ul>
  );
}
