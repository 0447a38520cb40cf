import { formatImportIssue } from '@lodestone/core';
import { IntakeResultSchema, MIN_CONFIDENCE, runIntake } from '@lodestone/intake';
import { loadGazetteer, readFrameworkRefs } from '@lodestone/intake/read-input';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpProblem } from '../http-errors.ts';

/** The largest text read in one request (characters); the body limit of the server also applies. */
const MAX_TEXT = 1_000_000;

const IntakeBody = z.object({
  text: z.string().min(1, 'no text').max(MAX_TEXT, `at most ${MAX_TEXT} characters`).describe('plain text or HTML'),
  document: z.string().min(1).max(200).default('request').describe('a name for the document, used in event ids'),
  published: z.iso.date().optional().describe('publication date (YYYY-MM-DD) that relative dates are resolved against'),
  lang: z.enum(['auto', 'en', 'ja', 'zh', 'ar']).default('auto'),
  minConfidence: z.number().min(0).max(1).default(MIN_CONFIDENCE),
});

/** POST /api/intake: a news item or notice in English, Japanese, Chinese or Arabic → proposed events with evidence. */
export function intakeRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const gazetteer = loadGazetteer();
  if (!gazetteer.ok) throw new Error(gazetteer.error.map(formatImportIssue).join('\n'));
  const regime = { ...ctx.dataset, frameworks: readFrameworkRefs() };
  return async (app) => {
    app.post(
      '/api/intake',
      {
        schema: {
          tags: ['intake'],
          summary:
            'Propose events (export controls, agreements, projects, price floors, stockpiles, screening) from a text',
          body: IntakeBody,
          response: { 200: IntakeResultSchema },
        },
      },
      async (req) => {
        const b = req.body;
        if (b.text.includes('\u0000')) throw new HttpProblem('bad_request', 'binary data, not text');
        return runIntake(b.text, {
          document: b.document,
          gazetteer: gazetteer.value,
          regime,
          published: b.published ?? null,
          lang: b.lang === 'auto' ? null : b.lang,
          minConfidence: b.minConfidence,
        });
      },
    );
  };
}
