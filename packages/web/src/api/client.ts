import type { z } from 'zod';

/** An API answer that was not what the contract promises, or an HTTP error with the server's message. */
class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

async function parseResponse<S extends z.ZodType>(path: string, response: Response, schema: S): Promise<z.infer<S>> {
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body as { error?: string; message?: string; issues?: { path: string; message: string }[] } | null;
    const issues = Array.isArray(error?.issues) ? error.issues : [];
    const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new ApiError(
      `${path}: HTTP ${response.status}${error?.message ? ` — ${error.message}` : error?.error ? ` — ${error.error}` : ''}${detail ? ` (${detail})` : ''}`,
      response.status,
      issues,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ApiError(
      `${path}: unexpected answer at ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}`,
      response.status,
    );
  }
  return parsed.data;
}

/** GET a path under the API and parse the answer with the contract's schema. */
export async function getJson<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });
  return parseResponse(path, response, schema);
}

/** POST, PUT or PATCH a JSON body and parse the answer. */
export async function sendJson<S extends z.ZodType>(
  method: 'POST' | 'PUT' | 'PATCH',
  path: string,
  body: unknown,
  schema: S,
): Promise<z.infer<S>> {
  const response = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return parseResponse(path, response, schema);
}

/** A query string from defined values only. */
export function query(params: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}
