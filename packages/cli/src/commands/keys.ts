import { createApiKey, listApiKeys, migrate, revokeApiKey, RoleSchema } from '@lodestone/store';
import { z } from 'zod';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { textTable } from '../format/text-table.ts';
import { withDb } from './db.ts';

const KeyCreateFlagsSchema = z.object({
  role: RoleSchema,
  partner: z
    .array(
      z
        .string()
        .transform((s) => s.toUpperCase())
        .pipe(z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code')),
    )
    .default([]),
  label: z.string().optional(),
  dataDir: z.string().optional(),
  json: z.boolean().default(false),
});

/** `lodestone keys create --role analyst --partner JPN`: prints the new key once; only its hash is stored. */
export function keysCreateCommand(rawFlags: unknown, effects: Effects): Promise<ExitCode> {
  const parsed = KeyCreateFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const flags = parsed.data;
  return withDb({ dataDir: flags.dataDir }, effects, async (db) => {
    await migrate(db);
    const key = await createApiKey(db, {
      role: flags.role,
      partners: flags.partner,
      ...(flags.label === undefined ? {} : { label: flags.label }),
    });
    if (flags.json)
      effects.stdout(`${JSON.stringify({ id: key.id, key: key.key, role: key.role, partners: key.partners })}\n`);
    else {
      effects.stdout(`${key.key}\n`);
      effects.stderr(
        `key ${key.id} (${key.role}${key.partners.length > 0 ? `, partners ${key.partners.join(', ')}` : ''}) created; it is shown only now\n`,
      );
    }
    return EXIT.ok;
  });
}

/** `lodestone keys list`: every key, without its secret. */
export function keysListCommand(rawFlags: unknown, effects: Effects): Promise<ExitCode> {
  return withDb(rawFlags, effects, async (db) => {
    await migrate(db);
    const keys = await listApiKeys(db);
    if ((rawFlags as { json?: boolean }).json) effects.stdout(`${JSON.stringify(keys, null, 2)}\n`);
    else
      effects.stdout(
        textTable(
          ['id', 'role', 'partners', 'label', 'created', 'revoked'],
          keys.map((k) => [k.id, k.role, k.partners.join(' '), k.label ?? '', k.createdAt, k.revokedAt ?? '']),
        ),
      );
    return EXIT.ok;
  });
}

/** `lodestone keys revoke <id>`. */
export function keysRevokeCommand(id: string, rawFlags: unknown, effects: Effects): Promise<ExitCode> {
  return withDb(rawFlags, effects, async (db) => {
    await migrate(db);
    if (!(await revokeApiKey(db, id))) throw new UsageError(`no active key ${id} (lodestone keys list)`);
    effects.stdout(`key ${id} revoked\n`);
    return EXIT.ok;
  });
}
