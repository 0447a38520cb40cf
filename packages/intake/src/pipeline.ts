/**
 * The intake pipeline: detect → normalise → segment → entities → events → link, each stage a plain
 * function behind a small interface, so a better extractor can replace one stage and keep the rest.
 */
import { type NormalisedDocument, normaliseDocument, type Sentence, splitSentences } from './document.ts';
import { findEntities } from './entities.ts';
import { proposeEvents } from './events.ts';
import type { Gazetteer } from './gazetteer.ts';
import { htmlToText, looksLikeHtml, type RawSegment } from './html.ts';
import { cuePhrases, type CueHit } from './lexicon.ts';
import { linkEvent, type RegimeReference } from './link.ts';
import type { Entity, IntakeEvent, IntakeResult, Language } from './model.ts';
import { PhraseIndex } from './phrase-index.ts';

/** The stages; pass replacements in `IntakeOptions.stages`. */
export interface IntakeStages {
  readonly detect: (raw: string) => { segments: RawSegment[]; published: string | null };
  readonly normalise: (segments: readonly RawSegment[], lang: Language | null) => NormalisedDocument;
  readonly segment: (doc: NormalisedDocument) => Sentence[];
  readonly entities: (
    doc: NormalisedDocument,
    sentences: readonly Sentence[],
    gazetteer: Gazetteer,
    published: string | null,
  ) => Entity[];
  readonly events: (
    doc: NormalisedDocument,
    sentences: readonly Sentence[],
    entities: readonly Entity[],
    published: string | null,
    documentId: string,
  ) => IntakeEvent[];
  readonly link: (event: IntakeEvent, regime: RegimeReference, published: string | null) => IntakeEvent;
}

let cueIndex: PhraseIndex<CueHit> | undefined;
const cues = () => (cueIndex ??= new PhraseIndex(cuePhrases()));

/** HTML is stripped to body and embeds; anything else is one body segment. */
function detectInput(raw: string): { segments: RawSegment[]; published: string | null } {
  if (looksLikeHtml(raw)) return htmlToText(raw);
  return { segments: [{ text: raw, kind: 'body' }], published: null };
}

export const defaultStages: IntakeStages = {
  detect: detectInput,
  normalise: normaliseDocument,
  segment: splitSentences,
  entities: findEntities,
  events: (doc, sentences, entities, published, id) => proposeEvents(doc, sentences, entities, cues(), published, id),
  link: linkEvent,
};

export interface IntakeOptions {
  readonly document: string;
  readonly gazetteer: Gazetteer;
  readonly regime: RegimeReference;
  /** yyyy-mm-dd; relative dates need it. Falls back to the page's own publication date, if it has one. */
  readonly published?: string | null;
  /** Force a language instead of detecting it. */
  readonly lang?: Language | null;
  /** Events below this confidence are left out (background events are halved). */
  readonly minConfidence?: number;
  readonly stages?: Partial<IntakeStages>;
}

/** Default minimum confidence of a proposed event. */
export const MIN_CONFIDENCE = 0.5;

/** Reads one document and proposes its events. */
export function runIntake(raw: string, options: IntakeOptions): IntakeResult {
  const stages = { ...defaultStages, ...options.stages };
  const warnings: string[] = [];
  const detected = stages.detect(raw);
  const published = options.published ?? detected.published;
  const doc = stages.normalise(detected.segments, options.lang ?? null);
  const sentences = stages.segment(doc);
  const entities = stages.entities(doc, sentences, options.gazetteer, published);
  if (published === null && entities.some((e) => e.kind === 'date' && e.value === null))
    warnings.push('no publication date: relative dates ("yesterday", 昨日, أمس) are left unresolved; pass --published');
  const min = options.minConfidence ?? MIN_CONFIDENCE;
  const events = stages
    .events(doc, sentences, entities, published, options.document)
    .map((e) => stages.link(e, options.regime, published))
    .filter((e) => e.confidence >= min);
  return {
    document: options.document,
    lang: doc.lang,
    published,
    text: doc.text,
    segments: [...doc.segments],
    entities,
    events,
    warnings,
  };
}
