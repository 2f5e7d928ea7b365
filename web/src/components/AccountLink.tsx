import { useTranslation } from 'react-i18next';
import { useMe } from '../lib/session';
import { LangLink } from './LangLink';

/** "Sign in", or the signed-in account's name (to its page); its place is kept while it loads (no layout shift). */
export function AccountLink() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <span className="account-nav">
      {me.isPending ? null : me.data ? (
        <LangLink to="/account" className="account-link" data-testid="nav-account">
          {me.data.name}
        </LangLink>
      ) : (
        <LangLink to="/signin" className="account-link" data-testid="nav-signin">
          {t('account.signIn')}
        </LangLink>
      )}
    </span>
  );
}
