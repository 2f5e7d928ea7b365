import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LangLink } from '../../components/LangLink';
import { useDocumentTitle } from '../../lib/use-document-title';
import { sendJson } from './account-api';
import './account.css';

/** The one-time link an admin gives: /account/invitation#<secret> (the secret never reaches a server log). */
export default function InvitationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.invitationTitle'));
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const secret = typeof window === 'undefined' ? '' : window.location.hash.slice(1);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('again') ?? '')) return setError(t('account.passwordsDiffer'));
    setError(null);
    try {
      const r = await sendJson<{ login: string }>('/api/-/auth/invitation', { invitation: secret, password });
      setDone(r.login);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div className="page account-page" data-testid="page-invitation">
      <h1>{t('account.invitationTitle')}</h1>
      {done ? (
        <p data-testid="invitation-done">
          {t('account.passwordSet', { login: done })} <LangLink to="/signin">{t('account.signIn')}</LangLink>
        </p>
      ) : !secret ? (
        <p data-testid="invitation-missing">{t('account.invitationMissing')}</p>
      ) : (
        <form className="account-form" onSubmit={submit}>
          <p>{t('account.invitationBody')}</p>
          <label className="field">
            <span className="field-label">{t('account.newPassword')}</span>
            <input name="password" type="password" autoComplete="new-password" minLength={12} required data-testid="invitation-password" />
          </label>
          <label className="field">
            <span className="field-label">{t('account.passwordAgain')}</span>
            <input name="again" type="password" autoComplete="new-password" minLength={12} required data-testid="invitation-again" />
          </label>
          <button type="submit" data-testid="invitation-submit">
            {t('account.setPassword')}
          </button>
          {error && (
            <p role="alert" className="account-error">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
