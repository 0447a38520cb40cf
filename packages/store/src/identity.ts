import { z } from 'zod';

export const RoleSchema = z.enum(['viewer', 'analyst', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** Who is asking: an API key (its id), the local single user, or the public. */
export interface Identity {
  readonly id: string;
  readonly role: Role;
  /** The partner countries (ISO3) the key speaks for; restricted records are visible to these only. */
  readonly partners: readonly string[];
}

const RANK: Readonly<Record<Role, number>> = { viewer: 0, analyst: 1, admin: 2 };

/** Whether `who` holds at least `role`. */
export const hasRole = (who: Identity, role: Role): boolean => RANK[who.role] >= RANK[role];

/** The public: reads public data only. */
export const PUBLIC: Identity = { id: 'public', role: 'viewer', partners: [] };

/** The one user of a local, keyless installation. */
export const LOCAL_ANALYST: Identity = { id: 'local', role: 'analyst', partners: [] };

/** SQL condition (with `$n` for the key's partners and `$m` for its id) for records `who` may see. */
export const visibleTo = (partnersParam: string, idParam: string): string =>
  `(partners IS NULL OR partners && ${partnersParam}::text[] OR owner = ${idParam})`;

/** Whether a record with this restriction and owner is visible to `who` (the same rule as `visibleTo`). */
export const canSee = (who: Identity, record: { partners: readonly string[] | null; owner: string }): boolean =>
  record.partners === null || record.partners.some((p) => who.partners.includes(p)) || record.owner === who.id;
