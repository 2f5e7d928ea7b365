import type { Command } from 'commander';
import { ROLES } from './principal.js';

// `puente users ...` and `puente tokens ...`: every command is a call of the accounts API, made
// through the running server's admin API when it owns the database, or in-process otherwise
// (cli.ts gives `call`), so the CLI and the web app check and audit the same way.

export type AdminCall = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<Record<string, any> | null>;

interface Out {
  out(s: string): void;
  err(s: string): void;
}

const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((x) => x.trim()).filter(Boolean)];

function rolesOf(values: string[], io: Out): string[] | null {
  const bad = values.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length || !values.length) {
    io.err(`--role must be one or more of ${ROLES.join(', ')}${bad.length ? ` (not ${bad.join(', ')})` : ''}`);
    return null;
  }
  return values;
}

function showUser(u: Record<string, any>): string {
  const economies = u.economies?.length ? ` [${u.economies.join(', ')}]` : '';
  return `${u.login.padEnd(20)} ${u.name.padEnd(24)} ${u.roles.join(',')}${economies}${u.disabled ? ' (disabled)' : ''}${u.has_password ? '' : ' (invited)'}`;
}

export function registerAccountCommands(program: Command, io: Out, run: (fn: (call: AdminCall) => Promise<number>) => Promise<void>): void {
  const users = program.command('users').description('accounts: add, list, change roles, disable (admins; see docs/accounts.md)');
  users
    .command('add')
    .description('create an account and print its one-time invitation link (to set a password)')
    .argument('<login>', 'the sign-in name')
    .requiredOption('--name <name>', 'the name shown in the audit log and histories')
    .requiredOption('--role <roles>', `${ROLES.join(', ')} (comma-separated or repeated)`, list)
    .option('--economy <iso3>', 'an economy a focal point answers for (comma-separated or repeated)', list, [])
    .action((login: string, opts) =>
      run(async (call) => {
        const roles = rolesOf(opts.role, io);
        if (!roles) return 2;
        const body = await call('POST', '/api/-/admin/users', { login, name: opts.name, roles, economies: opts.economy.map((e: string) => e.toUpperCase()) });
        if (!body) return 1;
        io.out(`Created ${body.user.login} (${body.user.roles.join(', ')}). Give them this one-time link to set a password (valid until ${body.expires_at}):`);
        io.out(`  ${body.invitation}`);
        return 0;
      }),
    );
  users
    .command('list')
    .description('list the accounts with their roles')
    .action(() =>
      run(async (call) => {
        const body = await call('GET', '/api/-/admin/users');
        if (!body) return 1;
        for (const u of body.rows) io.out(showUser(u));
        if (!body.rows.length) io.out('No accounts yet.');
        return 0;
      }),
    );
  users
    .command('role')
    .description("set an account's roles (and a focal point's economies)")
    .argument('<login>', 'the account')
    .requiredOption('--role <roles>', `${ROLES.join(', ')} (comma-separated or repeated)`, list)
    .option('--economy <iso3>', 'an economy a focal point answers for', list, [])
    .action((login: string, opts) =>
      run(async (call) => {
        const roles = rolesOf(opts.role, io);
        if (!roles) return 2;
        const body = await call('POST', `/api/-/admin/users/${encodeURIComponent(login)}/roles`, { roles, economies: opts.economy.map((e: string) => e.toUpperCase()) });
        if (!body) return 1;
        io.out(showUser(body.user));
        return 0;
      }),
    );
  users
    .command('disable')
    .description('disable an account: its sessions end and its tokens stop working (--enable to undo)')
    .argument('<login>', 'the account')
    .option('--enable', 'enable it again')
    .action((login: string, opts) =>
      run(async (call) => {
        const body = await call('POST', `/api/-/admin/users/${encodeURIComponent(login)}/disable`, { disabled: !opts.enable });
        if (!body) return 1;
        io.out(showUser(body.user));
        return 0;
      }),
    );
  users
    .command('invite')
    .description('a new one-time link to set the password of an account (e.g. a forgotten one)')
    .argument('<login>', 'the account')
    .action((login: string) =>
      run(async (call) => {
        const body = await call('POST', `/api/-/admin/users/${encodeURIComponent(login)}/invitation`, {});
        if (!body) return 1;
        io.out(`One-time link for ${login} (valid until ${body.expires_at}):\n  ${body.invitation}`);
        return 0;
      }),
    );

  const tokens = program.command('tokens').description('personal API tokens (for scripts; send as Authorization: Bearer <token>)');
  tokens
    .command('create')
    .description("create a personal API token for an account; it is printed once, never again")
    .requiredOption('--user <login>', 'the account the token acts as')
    .requiredOption('--name <name>', 'what the token is for, e.g. "nightly import"')
    .action((opts) =>
      run(async (call) => {
        const body = await call('POST', `/api/-/admin/users/${encodeURIComponent(opts.user)}/tokens`, { name: opts.name });
        if (!body) return 1;
        io.err(`Token ${body.row.id} for ${opts.user} ("${body.row.name}"). Keep it secret: it is not shown again.`);
        io.out(body.token);
        return 0;
      }),
    );
  tokens
    .command('list')
    .description('list the personal API tokens (prefix, owner, last use; never the secrets)')
    .action(() =>
      run(async (call) => {
        const body = await call('GET', '/api/-/admin/tokens');
        if (!body) return 1;
        for (const t of body.rows) io.out(`${t.id}  ${t.prefix}…  ${t.user_id}  "${t.name}"  last used ${t.last_used_at ?? 'never'}${t.revoked_at ? `  REVOKED ${t.revoked_at}` : ''}`);
        return 0;
      }),
    );
  tokens
    .command('revoke')
    .description('revoke a personal API token (its id, from `puente tokens list`)')
    .argument('<id>', 'the token id (tok-...)')
    .action((id: string) =>
      run(async (call) => {
        const body = await call('POST', `/api/-/account/tokens/${encodeURIComponent(id)}/revoke`, {});
        if (!body) return 1;
        io.out(`Revoked ${body.row.id} ("${body.row.name}") at ${body.row.revoked_at}.`);
        return 0;
      }),
    );
}
