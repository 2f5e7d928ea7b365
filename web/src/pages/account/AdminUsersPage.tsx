import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBox, Loading } from '../../components/QueryStatus';
import { useDocumentTitle } from '../../lib/use-document-title';
import { sendJson, useRefresh, useUsers, type User } from './account-api';
import { SignInGate } from './SignInGate';
import './account.css';

const ROLES = ['contributor', 'focal_point', 'reviewer', 'admin'] as const;
const economiesOf = (text: string) => text.split(/[\s,;]+/).map((e) => e.trim().toUpperCase()).filter(Boolean);

export default function AdminUsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.usersTitle'));
  return (
    <div className="page account-page" data-testid="page-admin-users">
      <h1>{t('account.usersTitle')}</h1>
      <SignInGate role="admin" testid="admin-users">
        {() => <Users />}
      </SignInGate>
    </div>
  );
}

function Users() {
  const { t } = useTranslation();
  const users = useUsers(true);
  const refresh = useRefresh();
  const [link, setLink] = useState<{ login: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setError(null);
      await refresh('users');
    } catch (err) {
      setError((err as Error).message);
    }
  };

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const el = e.currentTarget;
    const form = new FormData(el);
    await act(async () => {
      const r = await sendJson<{ user: User; invitation: string }>('/api/-/admin/users', {
        login: String(form.get('login') ?? ''),
        name: String(form.get('name') ?? ''),
        roles: form.getAll('roles').map(String),
        economies: economiesOf(String(form.get('economies') ?? '')),
      });
      setLink({ login: r.user.login, url: r.invitation });
      el.reset();
    });
  }

  return (
    <>
      <section aria-labelledby="users-add">
        <h2 id="users-add">{t('account.userAdd')}</h2>
        <form className="account-form" onSubmit={add}>
          <label className="field">
            <span className="field-label">{t('account.login')}</span>
            <input name="login" required data-testid="user-login" />
          </label>
          <label className="field">
            <span className="field-label">{t('account.name')}</span>
            <input name="name" required data-testid="user-name" />
          </label>
          <fieldset className="field">
            <legend className="field-label">{t('account.rolesLabel')}</legend>
            <div className="account-roles">
              {ROLES.map((r) => (
                <label key={r} className="field--inline">
                  <input type="checkbox" name="roles" value={r} data-testid={`user-role-${r}`} /> {t(`account.roles.${r}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="field">
            <span className="field-label">{t('account.economies')}</span>
            <input name="economies" placeholder="PER, CHL" data-testid="user-economies" />
          </label>
          <button type="submit" data-testid="user-add">
            {t('account.userAddButton')}
          </button>
        </form>
        {link && (
          <div className="account-secret" role="status" data-testid="invitation-shown">
            <p>{t('account.invitationShown', { login: link.login })}</p>
            <code data-testid="invitation-link">{link.url}</code>
          </div>
        )}
        {error && (
          <p role="alert" className="account-error" data-testid="users-error">
            {error}
          </p>
        )}
      </section>
      <section aria-labelledby="users-list">
        <h2 id="users-list">{t('account.usersList')}</h2>
        {users.isPending ? (
          <Loading />
        ) : users.error ? (
          <ErrorBox error={users.error} />
        ) : (
          <div className="table-wrap">
            <table className="account-table" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">{t('account.login')}</th>
                  <th scope="col">{t('account.name')}</th>
                  <th scope="col">{t('account.rolesLabel')}</th>
                  <th scope="col">{t('account.status')}</th>
                  <th scope="col">{t('account.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.rows.map((u) => (
                  <tr key={u.id} data-testid="user-row">
                    <td>{u.login}</td>
                    <td>{u.name}</td>
                    <td>
                      {u.roles.map((r) => t(`account.roles.${r}`)).join(', ')}
                      {u.economies.length > 0 && ` (${u.economies.join(', ')})`}
                    </td>
                    <td>{u.disabled ? t('account.disabled') : u.has_password ? t('account.active') : t('account.invited')}</td>
                    <td className="account-actions">
                      <button type="button" onClick={() => act(async () => setLink({ login: u.login, url: (await sendJson<{ invitation: string }>(`/api/-/admin/users/${u.id}/invitation`, {})).invitation }))}>
                        {t('account.newLink')}
                      </button>
                      <button type="button" onClick={() => act(() => sendJson(`/api/-/admin/users/${u.id}/disable`, { disabled: !u.disabled }))}>
                        {u.disabled ? t('account.enable') : t('account.disable')}
                      </button>
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
