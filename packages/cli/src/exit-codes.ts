/** Exit codes, in one place: 1 for a failed check or import, 2 for a usage error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error in how the command was called; the message is one line for the user. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
