import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { useMe } from '../../lib/session';
import { useDocumentTitle } from '../../lib/use-document-title';
import { describeChange, entryPage, revertChange, useHistory, type HistoryRow } from './history-api';
import { ChangeTable } from './DiffTable';
import { isReviewer, useRefresh } from './workflow-api';
import './workflow.css';


/**
 * The full history of one entry (every import, edit, workflow step, revert and verification,
 * newest first), each change with its before / after; a reviewer reverts a change with a comment.
 */
export default function HistoryPage() {
  const { entity = '', id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const kind = t(`workflow.entity.${entity}`, { defaultValue: entity });
  useDocumentTitle(t('workflow.history.title', { kind, id }));
  const me = useMe();
  const reviewer = isReviewer(me.data);
  const q = useHistory(entity, id);
  const [notice, setNotice] = useState<string | null>(null);
  const page = entryPage(entity, id);
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return (
    <div className="page" data-testid="page-history">
      <h1>{t('workflow.history.heading')}</h1>
      <p className="lead">
        {kind}: <code className="wf-id">{id}</code>
        {page && (
          <>
            {' · '}
            <LangLink to={page} data-testid="history-entry-link">
              {t('workflow.history.entry')}
            </LangLink>
          </>
        )}
      </p>
      <p className="muted small">{t('workflow.history.lead')}</p>
      {notice && (
        <p className="wf-notice" role="status" data-testid="revert-notice">
          {notice}
        </p>
      )}
      {q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {q.data && (
        <div data-testid="history-answer">
          {q.data.length === 0 ? (
            <p data-testid="history-empty">{t('workflow.history.empty')}</p>
          ) : (
            <ol className="wf-history" data-testid="history-list">
              {q.data.map((row) => (
                <HistoryItem key={row.id} row={row} when={fmt.format(new Date(row.at))} reviewer={reviewer} entity={entity} id={id} onReverted={setNotice} />
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}

function HistoryItem({ row, when, reviewer, entity, id, onReverted }: { row: HistoryRow; when: string; reviewer: boolean; entity: string; id: string; onReverted: (text: string) => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const change = describeChange(row);
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const revert = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const { diff } = await revertChange(entity, id, row.id, comment.trim() || undefined);
      setOpen(false);
      onReverted(t('workflow.history.reverted', { fields: diff.map((d) => d.field).join(', ') }));
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const headId = `h-${row.id}`;
  return (
    <li className="wf-history__item" data-testid="history-item" data-action={row.action} aria-labelledby={headId}>
      <p id={headId} className="wf-history__head">
        <strong>{t(`workflow.history.action.${row.action}`, { defaultValue: row.action })}</strong> · {row.actor} · <time dateTime={row.at}>{when}</time>
        {change.status && <> · {t(`workflow.status.${change.status}`, { defaultValue: change.status })}</>}
      </p>
      {change.feedback && (
        <p className="small">
          {change.feedback === 'Correct' ? t('workflow.verify.correct') : t('workflow.verify.notCorrect')}
          {change.requestedAction && <> — {t('workflow.verify.requested')}: “{change.requestedAction}”</>}
        </p>
      )}
      {change.comment && <p className="small">“{change.comment}”</p>}
      {change.diff.length > 0 && (
        <ChangeTable diff={change.diff} caption={t('workflow.history.diffCaption')} before={t('workflow.history.before')} after={t('workflow.history.after')} testid="history-diff" />
      )}
      {reviewer && change.revertible && !open && (
        <button type="button" className="button--link" onClick={() => setOpen(true)} data-testid="revert-open">
          {t('workflow.history.revert')}
        </button>
      )}
      {open && (
        <form className="wf-form" onSubmit={revert} data-testid="revert-form">
          <label className="wf-field wf-field--wide">
            <span>{t('workflow.history.revertComment')}</span>
            <input type="text" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="revert-comment" />
          </label>
          {error && (
            <p className="wf-errors" role="alert" data-testid="revert-error">
              {error}
            </p>
          )}
          <div className="wf-actions">
            <button type="submit" className="button" disabled={busy} data-testid="revert-confirm">
              {t('workflow.history.revertConfirm')}
            </button>
            <button type="button" className="button--link" onClick={() => setOpen(false)}>
              {t('workflow.edit.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
