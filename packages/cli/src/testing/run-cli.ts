import type { Effects } from '../effects.ts';
import { main } from '../main.ts';

/** Runs one command line in-process with recording effects; `cwd` decides whether an imported dataset is found. */
export async function runCli(
  argv: readonly string[],
  cwd = '/nonexistent',
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const effects: Effects = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd };
  const code = await main(argv, effects);
  return { code, stdout, stderr };
}
