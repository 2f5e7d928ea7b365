import { writeAudit } from '../audit.js';
import type { AppContext } from '../module.js';
import { hashPassword } from './secrets.js';
import { countUsers, createInvitation, findUser, insertUser } from './store.js';

/**
 * On a start with no accounts: the first admin (login `admin`). With PUENTE_FIRST_ADMIN_PASSWORD
 * it is made with that password; otherwise a one-time link to set its password is returned, for
 * the server to print (no e-mail is needed). Null when accounts exist.
 */
export async function ensureFirstAdmin(ctx: AppContext, origin: string): Promise<string | null> {
  const db = ctx.db.kysely;
  if ((await countUsers(db)) > 0) return null;
  const now = ctx.clock();
  const at = now.toISOString();
  const password = ctx.config.PUENTE_FIRST_ADMIN_PASSWORD;
  const passwordHash = password ? await hashPassword(password) : null;
  return db.transaction().execute(async (tx) => {
    // Another server over the same PostgreSQL may have made it meanwhile.
    let user = await findUser(tx, 'admin');
    if (user) return null;
    user = await insertUser(tx, { login: 'admin', name: 'Administrator', roles: ['admin'], economies: [], passwordHash }, at);
    await writeAudit(tx, { actor: 'puente serve', at }, { action: 'user.create', entity: 'auth_users', entityId: user.id, before: null, after: { login: 'admin', roles: ['admin'], first: true } });
    if (password) return 'The first admin account ("admin") was created with the password of PUENTE_FIRST_ADMIN_PASSWORD.';
    const secret = await createInvitation(tx, user.id, 'puente serve', now, ctx.config.PUENTE_INVITATION_HOURS);
    return `No accounts yet. Open this one-time link to set the password of the first admin ("admin"), within ${ctx.config.PUENTE_INVITATION_HOURS} h:\n  ${origin}/account/invitation#${secret}`;
  });
}
