import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LangLink } from '../../components/LangLink';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { useDocumentTitle } from '../../lib/use-document-title';
import type { Me } from '../../lib/session';
import { sendJson, useRefresh, useSignedIn, useTokens, type Token } from './account-api';
import { SignInGate } from './SignInGate';
import './account.css';

export default function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  return (
    <div className="page account-page" data-testid="page-account">
      <h1>{t('account.title')}</h1>
      <SignInGate testid="account">{(me) => <Account me={me} />}</SignInGate>
    </div>
  );
}

function Account({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const tokens = useTokens(me.via === 'session');
  const refresh = useRefresh();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const [shown, setShown] = useState<{ token: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const el = e.currentTarget;
    const name = String(new FormData(el).get('name') ?? '');
    try {
      const r = await sendJson<{ token: string; row: Token }>('/api/-/account/tokens', { name });
      setShown({ token: r.token, name: r.row.name });
      el.reset();
      setError(null);
      await refresh('tokens');
    } catch (err) {
      setError((err as Error).message);
    }
  }
  async function revoke(id: string) {
    try {
      await sendJson(`/api/-/account/tokens/${id}/revoke`, {});
      await refresh('tokens');
    } catch (err) {
      setError((err as Error).message);
    }
  }
  async function signOut() {
    await sendJson('/api/-/auth/logout', {});
    await signedIn();
    navigate(`/signin?lang=${i18n.language}`);
  }

  return (
    <>
      <section className="account-card" aria-labelledby="account-who">
        <h2 id="account-who" data-testid="account-name">
          {me.name}
        </h2>
        <p>
          {t('account.rolesLabel')}: {me.roles.map((r) => t(`account.roles.${r}`)).join(', ')}
          {me.economies.length > 0 && ` (${me.economies.join(', ')})`}
        </p>
        <div className="account-actions">
          {me.roles.includes('admin') && (
            <>
              <LangLink to="/admin/users">{t('account.usersTitle')}</LangLink>
              <LangLink to="/admin/audit">{t('account.auditTitle')}</LangLink>
            </>
          )}
          <button type="button" onClick={signOut} data-testid="account-signout">
            {t('account.signOut')}
          </button>
        </div>
      </section>

      <section aria-labelledby="account-tokens">
        <h2 id="account-tokens">{t('account.tokensTitle')}</h2>
        <p className="account-note">{t('account.tokensBody')}</p>
        <form className="account-form account-form--row" onSubmit={create}>
          <label className="field">
            <span className="field-label">{t('account.tokenName')}</span>
            <input name="name" required maxLength={100} data-testid="token-name" />
          </label>
          <button type="submit" data-testid="token-create">
            {t('account.tokenCreate')}
          </button>
        </form>
        {shown && (
          <div className="account-secret" role="status" data-testid="token-shown">
            <p>{t('account.tokenShownOnce', { name: shown.name })}</p>
            <code data-testid="token-secret">{shown.token}</code>
          </div>
        )}
        {error && (
          <p role="alert" className="account-error">
            {error}
          </p>
        )}
        {tokens.isPending ? (
          <Loading />
        ) : tokens.error ? (
          <ErrorBox error={tokens.error} />
        ) : tokens.data.rows.length === 0 ? (
          <p data-testid="tokens-none">{t('account.tokensNone')}</p>
        ) : (
          <div className="table-wrap">
            <table className="account-table" data-testid="tokens-table">
              <thead>
                <tr>
                  <th scope="col">{t('account.tokenName')}</th>
                  <th scope="col">{t('account.tokenPrefix')}</th>
                  <th scope="col">{t('account.created')}</th>
                  <th scope="col">{t('account.lastUsed')}</th>
                  <th scope="col">{t('account.status')}</th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.rows.map((tok) => (
                  <tr key={tok.id} data-testid="token-row">
                    <td>{tok.name}</td>
                    <td>
                      <code>{tok.prefix}…</code>
                    </td>
                    <td>{dates.format(new Date(tok.created_at))}</td>
                    <td>{tok.last_used_at ? dates.format(new Date(tok.last_used_at)) : t('account.never')}</td>
                    <td>
                      {tok.revoked_at ? (
                        <span data-testid="token-revoked">{t('account.revokedAt', { date: dates.format(new Date(tok.revoked_at)) })}</span>
                      ) : (
                        <button type="button" onClick={() => revoke(tok.id)} data-testid="token-revoke">
                          {t('account.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
