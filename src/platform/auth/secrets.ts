import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';

// Passwords: argon2id with the OWASP Password Storage Cheat Sheet's first configuration
// (m = 19 MiB, t = 2, p = 1). The PHC string keeps its own parameters, so raising them later
// still verifies the old hashes.
const ARGON2 = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 256;

export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  // No hash (invited, not yet set): verify against a dummy so timing does not tell accounts apart.
  try {
    return await argon2Verify(hash ?? DUMMY, password) && hash != null;
  } catch {
    return false;
  }
}
const DUMMY = '$argon2id$v=19$m=19456,t=2,p=1$kNWWEK3KQ16xOx/EYl55gw$wLq3M6jHwv71bRTok8vMd1HqfrVvznoQ/crMpXoJjgM';

/**
 * Session ids, personal tokens and invitation links: 32 random bytes, stored only as their
 * SHA-256 (a database leak gives no usable secret; the secret's entropy makes a slow hash useless).
 */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
