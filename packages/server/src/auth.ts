import type { FastifyRequest } from 'fastify';
import {
  activeKeyCount,
  authenticate,
  type Db,
  hasRole,
  type Identity,
  LOCAL_ANALYST,
  PUBLIC,
  type Role,
} from '@lodestone/store';
import { HttpProblem } from './http-errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity;
  }
  interface FastifyContextConfig {
    /** The least role a route needs; checked before the body is validated, so 401/403 come before 400. */
    role?: Role;
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export interface AuthOptions {
  /** Never grant the local identity: every write needs a key, even on loopback. */
  readonly requireKeys: boolean;
}

/**
 * Who a request speaks for. A valid `Authorization: Bearer <key>` gives that key's role and partners; an
 * invalid one is refused. Without a key: the local analyst on loopback while no key exists (one user on
 * their own machine), else the public (read-only, public records only).
 */
export function identityResolver(db: Db, o: AuthOptions) {
  let keyCount: { n: number; at: number } | undefined;
  const keysExist = async (): Promise<boolean> => {
    const now = performance.now();
    if (!keyCount || now - keyCount.at > 2000) keyCount = { n: await activeKeyCount(db), at: now };
    return keyCount.n > 0;
  };
  return {
    async resolve(request: FastifyRequest): Promise<Identity> {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const m = /^Bearer\s+(\S+)$/i.exec(header);
        const identity = m?.[1] === undefined ? undefined : await authenticate(db, m[1]);
        if (!identity) throw new HttpProblem('unauthorized', 'unknown or revoked API key');
        return identity;
      }
      if (!o.requireKeys && LOOPBACK.has(request.ip) && !(await keysExist())) return LOCAL_ANALYST;
      return PUBLIC;
    },
    /** Forget the cached key count (after a key is created or revoked). */
    keysChanged() {
      keyCount = undefined;
    },
  };
}

/** Throws 401 without a key, 403 with too small a role. */
export function requireRole(request: FastifyRequest, role: Role): Identity {
  const who = request.identity;
  if (who.id === PUBLIC.id)
    throw new HttpProblem('unauthorized', 'this needs an API key (Authorization: Bearer <key>)');
  if (!hasRole(who, role)) throw new HttpProblem('forbidden', `this needs the ${role} role; the key has ${who.role}`);
  return who;
}
