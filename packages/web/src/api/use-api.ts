import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { getJson } from './client.ts';

export type Loaded<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'error'; data?: undefined; error: Error }
  | { state: 'ready'; data: T; error?: undefined };

/** Fetches and parses `path` (none while it is null), again whenever it changes; aborts stale requests. */
export function useApi<S extends z.ZodType>(
  path: string | null,
  schema: S,
): Loaded<z.infer<S>> & { reload: () => void } {
  const [result, setResult] = useState<Loaded<z.infer<S>>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setResult({ state: 'loading' });
    getJson(path, schema, controller.signal).then(
      (data) => setResult({ state: 'ready', data }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setResult({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [path, schema, attempt]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...result, reload };
}
