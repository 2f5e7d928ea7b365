import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../api';
import { LangLink } from '../../components/LangLink';
import { useMe } from '../../lib/session';
import { Comments, DiffTable, StatusBadge } from './DiffTable';
import { historyPath } from './history-api';
import { mayPropose, mayVerify, proposeDraft, useDrafts, useRefresh, useVerifications, verifyEntry, type Verification } from './workflow-api';
import './workflow.css';

export interface FieldSpec {
  name: string;
  /** The label's i18n key. */
  label: string;
  /** `list`: an array of words or URLs, typed separated by spaces; `json`: a nested value (a BPA case's procedures). */
  kind: 'text' | 'textarea' | 'number' | 'url' | 'choice' | 'list' | 'json';
  choices?: readonly (string | number)[];
}

const UNREADABLE = Symbol('unreadable JSON');

/** A published value as the form's text. */
function shown(f: FieldSpec, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (f.kind === 'json') return JSON.stringify(v, null, 2);
  if (f.kind === 'list') return Array.isArray(v) ? v.join(' ') : String(v);
  return String(v);
}

/** The form's text as the value the schema checks (empty = null; numbers and choices of numbers as numbers). */
function parsed(f: FieldSpec, raw: string): unknown {
  const v = raw.trim();
  if (f.kind === 'list') return v ? v.split(/\s+/) : [];
  if (!v) return null;
  if (f.kind === 'json') {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return UNREADABLE;
    }
  }
  if (f.kind === 'number' || (f.kind === 'choice' && typeof f.choices?.[0] === 'number')) return Number(v);
  return v;
}

const errorText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** The public verification status of an entry: the focal point's latest mark, or "not verified". */
export function VerificationStatus({ entity, entityId, justMarked }: { entity: string; entityId: string; justMarked?: Verification | null }) {
  const { t } = useTranslation();
  const q = useVerifications({ entity, entity_id: entityId });
  // The mark this page just saved is the newest, whatever answer the list still has.
  const v = justMarked ?? q.data?.rows[0];
  return (
    <p className="wf-verification" data-testid="verification-status">
      <strong>{t('workflow.verify.status')}:</strong>{' '}
      {q.isPending && !v ? (
        <span className="muted">{t('common.loading')}</span>
      ) : q.isError && !v ? (
        <span className="muted">{t('workflow.verify.unavailable')}</span>
      ) : !v ? (
        <span className="muted">{t('workflow.verify.none')}</span>
      ) : (
        <>
          <span className={v.feedback === 'Correct' ? 'wf-mark wf-mark--ok' : 'wf-mark wf-mark--bad'}>{v.feedback === 'Correct' ? t('workflow.verify.correct') : t('workflow.verify.notCorrect')}</span>{' '}
          {t('workflow.verify.by', { who: v.verifier, date: v.action_date ?? v.at.slice(0, 10) })}
          {v.requested_action && <> — {t('workflow.verify.requested')}: “{v.requested_action}”</>}
        </>
      )}
    </p>
  );
}

/**
 * Editing an entry in the workflow: a form validated with the module's zod schema (the one the
 * server checks with), the drafts of the entry with their diff and state, and the verification
 * marks of its economy's focal point. Only those who may propose for the entry's economy see the
 * edit button.
 */
export function EntryWorkflow({ entity, entityId, economy, doc, fields, schema }: { entity: string; entityId: string; economy: string; doc: Record<string, unknown>; fields: FieldSpec[]; schema: z.ZodTypeAny }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const refresh = useRefresh();
  const drafts = useDrafts(me, { entity, entity_id: entityId });
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [justMarked, setJustMarked] = useState<Verification | null>(null);
  const canPropose = mayPropose(me, economy);
  const canVerify = mayVerify(me, economy);

  const startEditing = () => {
    setValues(Object.fromEntries(fields.map((f) => [f.name, shown(f, doc[f.name])])));
    setErrors([]);
    setNotice(null);
    setEditing(true);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const unreadable = fields.filter((f) => f.kind === 'json' && parsed(f, values[f.name] ?? '') === UNREADABLE);
    if (unreadable.length) return setErrors(unreadable.map((f) => `${f.name}: ${t('workflow.forms.proceduresJson').replace(/^[^:]*: /, '')}`));
    const proposed = Object.fromEntries(fields.map((f) => [f.name, parsed(f, values[f.name] ?? '')]));
    const changes = Object.fromEntries(Object.entries(proposed).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(doc[k] ?? null)));
    if (!Object.keys(changes).length) return setErrors([t('workflow.edit.nothing')]);
    const check = schema.safeParse({ ...Object.fromEntries(fields.map((f) => [f.name, doc[f.name] ?? null])), ...changes });
    if (!check.success) return setErrors(check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    try {
      await proposeDraft(entity, entityId, changes, comment || undefined);
      setEditing(false);
      setNotice(t('workflow.edit.submitted'));
      await refresh();
    } catch (err) {
      setErrors([errorText(err)]);
    }
  };

  const open = (drafts.data ?? []).filter((d) => d.status !== 'withdrawn');
  return (
    <section className="card wf" aria-labelledby="wf-h" data-testid="entry-workflow">
      <h2 id="wf-h">{t('workflow.entry.title')}</h2>
      <VerificationStatus entity={entity} entityId={entityId} justMarked={justMarked} />
      {!me && <p className="muted small">{t('workflow.entry.signIn')}</p>}
      {me && !canPropose && (
        <p className="wf-refused" role="note" data-testid="not-your-economy">
          {t('workflow.entry.notYours', { economy, mine: me.economies.join(', ') || '—' })}
        </p>
      )}
      {notice && (
        <p className="wf-notice" role="status" data-testid="workflow-notice">
          {notice}
        </p>
      )}
      {canPropose && !editing && (
        <button type="button" className="button" onClick={startEditing} data-testid="edit-entry">
          {t('workflow.edit.button')}
        </button>
      )}
      {editing && (
        <form className="wf-form" onSubmit={submit} noValidate data-testid="edit-form">
          {fields.map((f) => (
            <label key={f.name} className={f.kind === 'textarea' || f.kind === 'json' || f.kind === 'list' ? 'wf-field wf-field--wide' : 'wf-field'}>
              <span>{t(f.label)}</span>
              {f.kind === 'textarea' || f.kind === 'json' ? (
                <textarea name={f.name} rows={f.kind === 'json' ? 12 : 4} spellCheck={f.kind !== 'json'} className={f.kind === 'json' ? 'wf-json' : undefined} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
              ) : f.kind === 'choice' ? (
                <select name={f.name} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
                  <option value="">{t('workflow.edit.notStated')}</option>
                  {f.choices!.map((c) => (
                    <option key={String(c)} value={String(c)}>
                      {c}
                    </option>
                  ))}
                </select>
              ) : (
                <input name={f.name} type={f.kind === 'number' ? 'number' : f.kind === 'url' ? 'url' : 'text'} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
              )}
            </label>
          ))}
          <label className="wf-field wf-field--wide">
            <span>{t('workflow.edit.comment')}</span>
            <input name="comment" type="text" value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          {errors.length > 0 && (
            // The alert wraps the list: role="alert" on the list itself would unmake it a list.
            <div role="alert" className="wf-field--wide">
              <ul className="wf-errors" data-testid="edit-errors">
                {errors.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="wf-actions">
            <button type="submit" className="button" data-testid="submit-draft">
              {t('workflow.edit.submit')}
            </button>
            <button type="button" className="button--link" onClick={() => setEditing(false)}>
              {t('workflow.edit.cancel')}
            </button>
          </div>
        </form>
      )}
      {open.length > 0 && (
        <div data-testid="entry-drafts">
          <h3>{t('workflow.entry.drafts')}</h3>
          {open.map((d) => (
            <article key={d.id} className="wf-draft">
              <p>
                <StatusBadge status={d.status} /> {t('workflow.entry.by', { who: d.author, date: d.updated_at.slice(0, 10) })}
              </p>
              <DiffTable draft={d} />
              <Comments draft={d} />
            </article>
          ))}
        </div>
      )}
      {canVerify && (
        <VerifyForm
          entity={entity}
          entityId={entityId}
          onDone={async (v) => {
            setJustMarked(v);
            await refresh();
          }}
        />
      )}
      <p className="small wf-links">
        <LangLink to={historyPath(entity, entityId)} data-testid="history-link">
          {t('workflow.history.link')}
        </LangLink>
        <LangLink to="/my-economies">{t('workflow.entry.dashboard')}</LangLink>
      </p>
    </section>
  );
}

function VerifyForm({ entity, entityId, onDone }: { entity: string; entityId: string; onDone: (v: Verification) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [feedback, setFeedback] = useState<'Correct' | 'Not correct'>('Correct');
  const [action, setAction] = useState('');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (feedback === 'Not correct' && !action.trim()) return setError(t('workflow.verify.needAction'));
    try {
      const { verification } = await verifyEntry({ entity, entity_id: entityId, feedback, requested_action: action.trim() || null, action_date: date });
      setDone(true);
      await onDone(verification);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="wf-form" onSubmit={submit} data-testid="verify-form">
      <fieldset className="wf-field wf-field--wide">
        <legend>{t('workflow.verify.title')}</legend>
        <label>
          <input type="radio" name="feedback" checked={feedback === 'Correct'} onChange={() => setFeedback('Correct')} /> {t('workflow.verify.correct')}
        </label>{' '}
        <label>
          <input type="radio" name="feedback" checked={feedback === 'Not correct'} onChange={() => setFeedback('Not correct')} /> {t('workflow.verify.notCorrect')}
        </label>
      </fieldset>
      <label className="wf-field wf-field--wide">
        <span>{t('workflow.verify.requested')}</span>
        <input type="text" value={action} onChange={(e) => setAction(e.target.value)} />
      </label>
      <label className="wf-field">
        <span>{t('workflow.verify.date')}</span>
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      {error && (
        <p className="wf-errors" role="alert">
          {error}
        </p>
      )}
      {done && <p role="status">{t('workflow.verify.saved')}</p>}
      <div className="wf-actions">
        <button type="submit" className="button" data-testid="verify-submit">
          {t('workflow.verify.submit')}
        </button>
      </div>
    </form>
  );
}
