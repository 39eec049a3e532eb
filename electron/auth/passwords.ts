// Password hashing with Argon2id from @node-rs/argon2 (maintained, N-API prebuilds, no compile).
import { hash, verify } from '@node-rs/argon2';

/** Argon2id parameters: OWASP's minimum (19 MiB, 2 passes) keeps a login under ~50 ms here. */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
