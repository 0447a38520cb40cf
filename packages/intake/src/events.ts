/**
 * The event stage: reads cues and entities sentence by sentence, proposes typed events, and merges the
 * proposals of one document by type (and, for export controls, by action), each with its evidence.
 */
import type { NormalisedDocument, Sentence } from './document.ts';
import { type Cue, ACTION_OF, type CueHit } from './lexicon.ts';
import type { Entity, EventFields, EventType, Evidence, ExportControlAction, IntakeEvent, Money } from './model.ts';
import type { PhraseIndex } from './phrase-index.ts';
import { sentenceAt } from './entities.ts';

interface SentenceProposal {
  readonly type: EventType;
  readonly action: ExportControlAction | null;
  readonly sentence: Sentence;
  /** Where the deciding cue sits, to pick the date nearest to it. */
  readonly cueAt: number;
  readonly score: number;
}

// "Since China's October restrictions, prices have risen": the measure is the cause of the news, not the news.
const SINCE = /(^|[^a-z])since |(^|[^\u0621-\u064A])منذ |以来/;

/** Days before publication beyond which an event is background to the news rather than the news. */
const BACKGROUND_DAYS = 45;
/** The most sentences kept as evidence of one event. */
const MAX_EVIDENCE = 12;
/** Confidence is halved for background events. */
const BACKGROUND_FACTOR = 0.5;

type CueMap = Map<Cue, number>;

function cuesBySentence(index: PhraseIndex<CueHit>, doc: NormalisedDocument, sentences: readonly Sentence[]) {
  const out = new Map<number, CueMap>();
  for (const m of index.find(doc.key)) {
    const s = sentenceAt(sentences, m.start);
    const map = out.get(s) ?? new Map<Cue, number>();
    if (!map.has(m.payload.cue)) map.set(m.payload.cue, m.start);
    out.set(s, map);
  }
  return out;
}

function groupBySentence(entities: readonly Entity[]): Map<number, Entity[]> {
  const out = new Map<number, Entity[]>();
  for (const e of entities) {
    const list = out.get(e.sentence);
    if (list) list.push(e);
    else out.set(e.sentence, [e]);
  }
  return out;
}

const countriesOf = (ents: readonly Entity[]) => [...new Set(ents.flatMap((e) => (e.kind === 'country' ? e.ids : [])))];
const has = (ents: readonly Entity[], kind: Entity['kind']) => ents.some((e) => e.kind === kind);

/** The proposals of one sentence; a rule per event type. */
function proposeForSentence(
  s: Sentence,
  cues: CueMap,
  ents: readonly Entity[],
  docHasControl: boolean,
  previous: readonly Entity[],
): SentenceProposal[] {
  const out: SentenceProposal[] = [];
  const at = (c: Cue) => cues.get(c);
  const countries = countriesOf(ents);
  const orgs = ents.filter((e) => e.kind === 'organisation');
  // Leaders and ministries stand for their countries when counting the sides of an agreement.
  const sides = new Set([...countries, ...orgs.flatMap((o) => (o.role !== 'company' && o.country ? [o.country] : []))]);
  const materials = has(ents, 'commodity') || has(ents, 'product');
  const add = (type: EventType, action: ExportControlAction | null, cueAt: number | undefined, score: number) => {
    if (cueAt !== undefined) out.push({ type, action, sentence: s, cueAt, score });
  };

  // Agreements between countries; an agreement's price floors and stockpiles are its scope, not events.
  const agreementCue = at('agreement');
  const isAgreement = agreementCue !== undefined && sides.size >= 2 && at('offtake') === undefined;
  if (isAgreement) add('agreement', null, at('sign') ?? agreementCue, at('sign') !== undefined ? 0.85 : 0.65);

  // Export controls: a control cue with something controlled, or a suspension or lifting of one.
  const actionCue = (['action:suspended', 'action:lifted', 'action:tightened', 'action:new'] as const).find(
    (c) => at(c) !== undefined,
  );
  const control = at('control') ?? (at('ban') !== undefined && at('export') !== undefined ? at('ban') : undefined);
  const controlled = materials || has(ents, 'instrument') || orgs.some((o) => o.role === 'agency');
  // A suspension or lifting changes a control: one the text names, or a numbered instrument of an agency.
  const changesControl =
    (actionCue === 'action:suspended' || actionCue === 'action:lifted') &&
    ((docHasControl && (materials || has(ents, 'instrument'))) ||
      (has(ents, 'instrument') && orgs.some((o) => o.role === 'agency')));
  if (!isAgreement && ((control !== undefined && controlled) || changesControl)) {
    const action = actionCue ? (ACTION_OF[actionCue] ?? 'new') : at('ban') !== undefined ? 'new' : 'new';
    const score = actionCue || at('ban') !== undefined ? 0.8 : 0.55;
    add('export_control', action, (actionCue ? at(actionCue) : undefined) ?? control, score);
  }

  // A financing named with its financier and amount is an event even beside the agreement it serves.
  const financed = has(ents, 'money') && orgs.some((o) => o.role === 'financier');
  if (isAgreement && financed && at('finance') !== undefined) add('project', null, at('finance'), 0.75);
  if (!isAgreement) {
    const floor = at('price_floor') ?? at('offtake');
    if (floor !== undefined) add('price_floor_offtake', null, floor, 0.8);
    if (at('stockpile') !== undefined) add('stockpile', null, at('stockpile'), materials ? 0.8 : 0.55);
    const projectCue = at('project');
    const financeCue = at('finance');
    const quantified = has(ents, 'money') || has(ents, 'capacity');
    if (projectCue !== undefined && (financeCue !== undefined || at('build') !== undefined || quantified))
      add('project', null, financeCue ?? projectCue, quantified ? 0.8 : 0.65);
    else if (
      financeCue !== undefined &&
      has(ents, 'money') &&
      (orgs.length > 0 || previous.some((e) => e.kind === 'organisation'))
    )
      add('project', null, financeCue, 0.6);
  }
  if (at('screening') !== undefined) add('investment_screening', null, at('screening'), 0.75);
  return out;
}

/** The event stage: proposals per sentence, merged per document by type and action. */
export function proposeEvents(
  doc: NormalisedDocument,
  sentences: readonly Sentence[],
  entities: readonly Entity[],
  cueIndex: PhraseIndex<CueHit>,
  published: string | null,
  documentId: string,
): IntakeEvent[] {
  const cues = cuesBySentence(cueIndex, doc, sentences);
  const ents = groupBySentence(entities);
  const docHasControl = [...cues.values()].some((c) => c.has('control') || c.has('ban'));
  const all = sentences.flatMap((s) =>
    proposeForSentence(
      s,
      cues.get(s.index) ?? new Map(),
      ents.get(s.index) ?? [],
      docHasControl,
      // The sentence before, in the same segment, may name who acts ("X buys…. It pays $400 million").
      sentences[s.index - 1]?.segment === s.segment ? (ents.get(s.index - 1) ?? []) : [],
    ),
  );
  // In a text about an agreement, projects, price floors and stockpiles without figures or names of
  // their own are the agreement's scope, not events of their own.
  const hasAgreement = all.some((p) => p.type === 'agreement');
  const specific = (p: SentenceProposal) =>
    (ents.get(p.sentence.index) ?? []).some(
      (e) =>
        e.kind === 'money' ||
        e.kind === 'capacity' ||
        (e.kind === 'organisation' && (e.role === 'company' || e.role === 'financier')),
    );
  const proposals = all.filter(
    (p) =>
      !hasAgreement ||
      !(p.type === 'project' || p.type === 'price_floor_offtake' || p.type === 'stockpile') ||
      specific(p),
  );
  const groups = new Map<string, SentenceProposal[]>();
  for (const p of proposals) {
    const k = `${p.type}:${p.action ?? ''}`;
    const list = groups.get(k);
    if (list) list.push(p);
    else groups.set(k, [p]);
  }
  const events = [...groups.values()].map((group, i) =>
    mergeProposals(doc, group, ents, sentences, published, `${documentId}#${i + 1}`),
  );
  return markBackground(events, published, doc);
}

function mergeProposals(
  doc: NormalisedDocument,
  group: readonly SentenceProposal[],
  ents: ReadonlyMap<number, Entity[]>,
  sentences: readonly Sentence[],
  published: string | null,
  id: string,
): IntakeEvent {
  const weightOf = (s: Sentence) => doc.segments[s.segment]?.weight ?? 1;
  const first = group[0] as SentenceProposal;
  // Evidence is the strongest sentences, in text order, at most MAX_EVIDENCE of them.
  const kept = [...group]
    .sort(
      (a, b) => b.score * weightOf(b.sentence) - a.score * weightOf(a.sentence) || a.sentence.index - b.sentence.index,
    )
    .slice(0, MAX_EVIDENCE)
    .sort((a, b) => a.sentence.index - b.sentence.index);
  const evidence: Evidence[] = kept.map((p) => ({
    start: p.sentence.start,
    end: p.sentence.end,
    text: doc.text.slice(p.sentence.start, p.sentence.end),
    sentence: p.sentence.index,
    kind: doc.segments[p.sentence.segment]?.kind ?? 'body',
    weight: weightOf(p.sentence),
  }));
  const inEvidence = kept.flatMap((p) => ents.get(p.sentence.index) ?? []);
  const best = group.reduce((m, p) => Math.max(m, p.score * weightOf(p.sentence)), 0);
  const confidence = Math.min(0.97, best + 0.05 * (group.length - 1));
  const fields = fieldsOf(first.type, first.action, inEvidence, ents);
  const date = eventDate(doc, kept, ents, sentences, published);
  return {
    id,
    type: first.type,
    confidence: round(confidence),
    background: false,
    fields: { ...fields, date },
    evidence,
    links: { measures: [], scenarios: [], frameworks: [], draft: null },
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

function fieldsOf(
  type: EventType,
  action: ExportControlAction | null,
  inEvidence: readonly Entity[],
  ents: ReadonlyMap<number, Entity[]>,
): EventFields {
  const countries = countriesOf(inEvidence);
  const orgs = inEvidence.flatMap((e) => (e.kind === 'organisation' ? [e] : []));
  const agencyCountry = orgs.find((o) => (o.role === 'agency' || o.role === 'office') && o.country)?.country ?? null;
  const financiers = unique(orgs.filter((o) => o.role === 'financier').map((o) => o.id));
  const financierCountries = new Set(orgs.filter((o) => o.role === 'financier').map((o) => o.country));
  let issuerOrHost: string | null = null;
  let parties: string[] = [];
  if (type === 'agreement') {
    parties = unique([...countries, ...orgs.flatMap((o) => (o.role !== 'company' && o.country ? [o.country] : []))]);
    if (parties.length < 2) parties = unique([...parties, ...countriesOf(ents.get(0) ?? [])]);
  } else if (type === 'project') {
    issuerOrHost = countries.find((c) => !financierCountries.has(c)) ?? countries[0] ?? null;
  } else {
    issuerOrHost = agencyCountry ?? countries[0] ?? null;
    if (type === 'export_control') parties = countries.filter((c) => c !== issuerOrHost);
  }
  const amounts: Money[] = inEvidence.flatMap((e) => (e.kind === 'money' ? [e.value] : []));
  const capacity = inEvidence.find((e) => e.kind === 'capacity');
  return {
    action: type === 'export_control' ? action : null,
    date: null,
    countries,
    issuerOrHost,
    parties,
    organisations: unique(orgs.map((o) => o.id)),
    financiers,
    commodities: unique(inEvidence.flatMap((e) => (e.kind === 'commodity' ? [e.id] : []))),
    products: unique(inEvidence.flatMap((e) => (e.kind === 'product' ? [e.id] : []))),
    amounts: amounts.filter(
      (a, i) => amounts.findIndex((b) => b.amount === a.amount && b.currency === a.currency) === i,
    ),
    capacity: capacity?.kind === 'capacity' ? capacity.value : null,
    instruments: unique(inEvidence.flatMap((e) => (e.kind === 'instrument' ? [`${e.number}/${e.year ?? '?'}`] : []))),
  };
}

// A date that ends a period ("until 10 November 2026", 2026年11月10日まで, 至2026年…, حتى …) is not when the event happened.
const END_BEFORE = /(until|through|till|to|至|到|حتي|لغايه)\s?$/;
const END_AFTER = /^\s?(まで|为止|止)/;
// A date from which something applies ("from August 1", 12月1日から, 自…起, اعتبارا من) is when it takes effect.
const EFFECTIVE_BEFORE = /(from|effective|effect on|starting|as of|beginning|اعتبارا من|ابتداء من)( on)? $/;
const EFFECTIVE_AFTER = /^\s?(から|起|以降)/;
// A date describing an earlier act ("the controls announced on 9 October", 10月9日に発表した, 10月9日发布的).
const EARLIER_BEFORE = /(announced|issued|imposed|introduced|unveiled|published|dated)( on| in)? $/;
const EARLIER_AFTER = /^\s?(に発表|に公表|に導入|に公布|发布的|公布的|出台的|宣布的|实施的)/;

/**
 * The event's date: in the first evidence sentence that has one, the nearest date before the deciding
 * cue (else after it), leaving out the ends of periods; failing that, the sentence before or after;
 * failing that, the latest date of the body on or before publication (a notice's signature date).
 */
function eventDate(
  doc: NormalisedDocument,
  group: readonly SentenceProposal[],
  ents: ReadonlyMap<number, Entity[]>,
  sentences: readonly Sentence[],
  published: string | null,
): string | null {
  const datesIn = (sentence: number) =>
    (ents.get(sentence) ?? []).flatMap((e) =>
      e.kind === 'date' &&
      e.value !== null &&
      !END_BEFORE.test(doc.key.slice(Math.max(0, e.span.start - 8), e.span.start)) &&
      !END_AFTER.test(doc.key.slice(e.span.end, e.span.end + 3))
        ? [
            {
              at: e.span.start,
              iso: e.value.iso,
              effective:
                EFFECTIVE_BEFORE.test(doc.key.slice(Math.max(0, e.span.start - 14), e.span.start)) ||
                EFFECTIVE_AFTER.test(doc.key.slice(e.span.end, e.span.end + 4)),
              earlier:
                EARLIER_BEFORE.test(doc.key.slice(Math.max(0, e.span.start - 14), e.span.start)) ||
                EARLIER_AFTER.test(doc.key.slice(e.span.end, e.span.end + 4)) ||
                EFFECTIVE_BEFORE.test(doc.key.slice(Math.max(0, e.span.start - 14), e.span.start)) ||
                EFFECTIVE_AFTER.test(doc.key.slice(e.span.end, e.span.end + 4)),
            },
          ]
        : [],
    );
  const nearest = (sentence: number, cueAt: number, earlier: boolean): string | null => {
    const dates = datesIn(sentence).filter((d) => d.earlier === earlier);
    const before = dates.filter((d) => d.at <= cueAt).sort((a, b) => b.at - a.at);
    const after = dates.filter((d) => d.at > cueAt).sort((a, b) => a.at - b.at);
    return before[0]?.iso ?? after[0]?.iso ?? null;
  };
  for (const p of group) {
    const found = nearest(p.sentence.index, p.cueAt, false);
    if (found) return found;
  }
  for (const p of group)
    for (const n of [p.sentence.index - 1, p.sentence.index + 1]) {
      const other = sentences[n];
      if (other && other.segment === p.sentence.segment) {
        const found = nearest(n, p.cueAt, false);
        if (found) return found;
      }
    }
  if (published !== null) {
    const body = sentences.filter((s) => doc.segments[s.segment]?.kind === 'body');
    const onOrBefore = body
      .flatMap((s) => datesIn(s.index))
      .filter((d) => !d.earlier && d.iso.length === 10 && d.iso <= published)
      .sort((a, b) => (a.iso < b.iso ? 1 : -1));
    if (onOrBefore[0]) return onOrBefore[0].iso;
  }
  // Last resort: the day a measure took effect, if not after publication ("from 3 December", posted the day
  // after); else the publication date (a report giving only a date still to come, or only the date of the act
  // it changes, is dated by its publication); without one, that other date.
  for (const p of group) {
    const effective = datesIn(p.sentence.index).find(
      (d) => d.effective && d.iso.length === 10 && (published === null || d.iso <= published),
    );
    if (effective) return effective.iso;
  }
  if (published !== null) return published;
  for (const p of group) {
    const found = nearest(p.sentence.index, p.cueAt, true);
    if (found) return found;
  }
  return null;
}

function daysBetween(a: string, b: string): number {
  const day = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, s.length > 7 ? +s.slice(8, 10) : 28);
  return (day(b) - day(a)) / 86_400_000;
}

/** A new control told as the past of a suspension, any event well before publication, or one told only as what
 * has happened "since" it, is background. */
function markBackground(events: IntakeEvent[], published: string | null, doc: NormalisedDocument): IntakeEvent[] {
  const changed = events.some(
    (e) => e.type === 'export_control' && (e.fields.action === 'suspended' || e.fields.action === 'lifted'),
  );
  return events.map((e) => {
    const old = published !== null && e.fields.date !== null && daysBetween(e.fields.date, published) > BACKGROUND_DAYS;
    const superseded = changed && e.type === 'export_control' && e.fields.action === 'new';
    const since = e.evidence.every((v) => SINCE.test(doc.key.slice(v.start, v.end)));
    return old || superseded || since
      ? { ...e, background: true, confidence: round(e.confidence * BACKGROUND_FACTOR) }
      : e;
  });
}
