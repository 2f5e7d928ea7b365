import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { countryName } from '../../lib/country-names';
import { useMe } from '../../lib/session';
import { useDocumentTitle } from '../../lib/use-document-title';
import { Comments, DiffTable, StatusBadge } from './DiffTable';
import { isReviewer, stepDraft, useRefresh, useReviewQueue, type DraftView } from './workflow-api';
import './workflow.css';

/** The review queue: submitted and approved drafts, each with its diff; approve, send back, reject, publish. */
export default function ReviewQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('workflow.queue.title'));
  const me = useMe();
  const reviewer = isReviewer(me.data);
  const q = useReviewQueue(reviewer);
  return (
    <div className="page" data-testid="page-review">
      <h1>{t('workflow.queue.title')}</h1>
      <p className="lead">{t('workflow.queue.lead')}</p>
      {me.isPending && <Loading inline />}
      {!me.isPending && !reviewer && (
        <p className="wf-refused" role="note" data-testid="queue-refused">
          {me.data ? t('workflow.queue.notReviewer', { who: me.data.name }) : t('workflow.queue.signIn')}
        </p>
      )}
      {reviewer && q.isPending && <Loading />}
      {q.isError && <ErrorBox error={q.error} onRetry={() => q.refetch()} />}
      {q.data && q.data.length === 0 && <p data-testid="queue-empty">{t('workflow.queue.empty')}</p>}
      {q.data?.map((d) => <QueueItem key={d.id} draft={d} />)}
    </div>
  );
}

function QueueItem({ draft }: { draft: DraftView }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (step: 'approve' | 'reject' | 'request-changes' | 'publish') => {
    setError(null);
    if ((step === 'reject' || step === 'request-changes') && !comment.trim()) return setError(t('workflow.queue.needComment'));
    try {
      await stepDraft(draft.id, step, comment.trim() || undefined);
      setComment('');
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const labelId = `draft-${draft.id}-h`;
  return (
    <article className="card wf-draft" aria-labelledby={labelId} data-testid="queue-item">
      <h2 id={labelId}>
        {draft.page ? <LangLink to={draft.page}>{draft.title}</LangLink> : draft.title}
      </h2>
      <p>
        <StatusBadge status={draft.status} /> {t(`workflow.entity.${draft.entity}`, { defaultValue: draft.entity_label })}
        {draft.economy && <> · {countryName(draft.economy, i18n.language)}</>} · {t('workflow.entry.by', { who: draft.author, date: draft.updated_at.slice(0, 10) })}
      </p>
      {draft.stale && <p className="wf-refused">{t('workflow.queue.stale')}</p>}
      <DiffTable draft={draft} />
      <Comments draft={draft} />
      <div className="wf-review-actions">
        <label className="wf-field">
          <span>{t('workflow.queue.comment')}</span>
          <input type="text" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="review-comment" />
        </label>
        {draft.status === 'submitted' && (
          <button type="button" className="button" onClick={() => act('approve')} data-testid="approve">
            {t('workflow.queue.approve')}
          </button>
        )}
        {draft.status === 'approved' && (
          <button type="button" className="button" onClick={() => act('publish')} data-testid="publish">
            {t('workflow.queue.publish')}
          </button>
        )}
        <button type="button" className="button--link" onClick={() => act('request-changes')} data-testid="request-changes">
          {t('workflow.queue.requestChanges')}
        </button>
        <button type="button" className="button--link" onClick={() => act('reject')} data-testid="reject">
          {t('workflow.queue.reject')}
        </button>
      </div>
      {error && (
        <p className="wf-errors" role="alert" data-testid="review-error">
          {error}
        </p>
      )}
    </article>
  );
}
