/** What a command may do to the world; tests pass fakes that record output. */
export interface Effects {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Whether progress can be redrawn in place (stderr is a terminal). */
  readonly isTTY?: boolean;
}

export const processEffects = (): Effects => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stderr.isTTY === true,
});
