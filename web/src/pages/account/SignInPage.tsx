import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../lib/session';
import { sendJson, useSignedIn } from './account-api';
import { OIDC_REFUSALS, useOidcConfig, type OidcRefusal } from './oidc-api';
import './account.css';

export default function SignInPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('account.signInTitle'));
  const me = useMe();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const oidc = useOidcConfig();
  const [params] = useSearchParams();
  const refusal = params.get('oidc_error');
  const refused = refusal && (OIDC_REFUSALS as readonly string[]).includes(refusal) ? (refusal as OidcRefusal) : null;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await sendJson('/api/-/auth/login', { login: String(form.get('login') ?? ''), password: String(form.get('password') ?? '') });
      await signedIn();
      navigate(`/account?lang=${i18n.language}`);
    } catch (err) {
      const status = (err as { status?: number }).status;
      setError(status === 401 ? t('account.wrongLogin') : status === 429 ? t('account.tooMany') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page account-page" data-testid="page-signin">
      <h1>{t('account.signInTitle')}</h1>
      {me.data && <p data-testid="signin-already">{t('account.signedInAs', { name: me.data.name })}</p>}
      <form className="account-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">{t('account.login')}</span>
          <input name="login" autoComplete="username" required data-testid="signin-login" />
        </label>
        <label className="field">
          <span className="field-label">{t('account.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required data-testid="signin-password" />
        </label>
        <button type="submit" disabled={busy} data-testid="signin-submit">
          {t('account.signIn')}
        </button>
        {error && (
          <p role="alert" className="account-error" data-testid="signin-error">
            {error}
          </p>
        )}
      </form>
      <p className="account-note">{t('account.noAccount')}</p>
      {refused && (
        <p role="alert" className="account-error" data-testid="signin-oidc-error">
          {t(`account.oidc.error.${refused}`, { provider: oidc.data?.provider ?? t('account.oidc.theProvider') })}
        </p>
      )}
      {oidc.data?.enabled && oidc.data.start && (
        <section className="account-sso" aria-labelledby="signin-sso-title">
          <h2 id="signin-sso-title">{t('account.oidc.title')}</h2>
          <p className="account-note">{t('account.oidc.body', { provider: oidc.data.provider })}</p>
          <a className="account-sso-button" href={`${oidc.data.start}?lang=${i18n.language}`} data-testid="signin-oidc">
            {t('account.oidc.signInWith', { provider: oidc.data.provider })}
          </a>
        </section>
      )}
    </div>
  );
}
