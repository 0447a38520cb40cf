import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** The error codes the API answers with, mapped to HTTP statuses in this one place. */
const STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof STATUS;

export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** An expected failure of a request, answered as `{error, message, issues?}`. */
export class HttpProblem extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new HttpProblem('not_found', `no ${what}`);

const CONTEXT: Readonly<Record<string, string>> = { querystring: 'query', body: 'body', params: 'params' };

/** Validation errors as `{error: 'bad_request', issues: [{path: 'body.horizonMonths', message}]}`; others by code. */
export function errorHandler(error: FastifyError | HttpProblem, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpProblem)
    return reply.status(error.status).send({
      error: error.code,
      message: error.message,
      ...(error.issues.length > 0 ? { issues: error.issues } : {}),
    });
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = CONTEXT[error.validationContext ?? 'body'] ?? 'body';
    return reply.status(400).send({
      error: 'bad_request',
      message: 'the request does not match the schema',
      issues: error.validation.map((v) => ({
        path: [context, ...v.instancePath.split('/').filter((p) => p !== '')].join('.'),
        message: v.message ?? 'invalid',
      })),
    });
  }
  if (error.statusCode === 429) return reply.status(429).send({ error: 'too_many_requests', message: error.message });
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    return reply.status(error.statusCode).send({ error: 'bad_request', message: error.message });
  request.log.error({ err: error }, 'request failed');
  return reply.status(500).send({ error: 'internal', message: 'internal error' });
}
