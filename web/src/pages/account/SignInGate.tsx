import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LangLink } from '../../components/LangLink';
import { Loading } from '../../components/QueryStatus';
import { useMe, type Me } from '../../lib/session';

/** Shows `children` to a signed-in account holding `role` (any account when none); a prompt otherwise. */
export function SignInGate({ role, testid, children }: { role?: Me['roles'][number]; testid: string; children: (me: Me) => ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data) {
    return (
      <p className="account-prompt" data-testid={`${testid}-signin`}>
        {t('account.needSignIn')} <LangLink to="/signin">{t('account.signIn')}</LangLink>
      </p>
    );
  }
  if (role && !me.data.roles.includes('admin') && !me.data.roles.includes(role)) {
    return (
      <p className="account-prompt" data-testid={`${testid}-forbidden`}>
        {t('account.needRole', { role: t(`account.roles.${role}`) })}
      </p>
    );
  }
  return <>{children(me.data)}</>;
}
