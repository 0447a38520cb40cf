import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DATASET } from '../../cli/src/data/bundle-files.ts';
import { loadDataset } from '../../cli/src/data/load-dataset.ts';
import type { IntakeEvent } from './model.ts';
import { IntakeResultSchema } from './model.ts';
import { type IntakeOptions, runIntake } from './pipeline.ts';
import { loadGazetteer } from './read-input.ts';

const g = loadGazetteer();
if (!g.ok) throw new Error('gazetteer');
const options: IntakeOptions = { document: 'doc', gazetteer: g.value, regime: loadDataset(BUNDLED_DATASET) };

describe('runIntake', () => {
  it('returns a result that parses with its schema and whose evidence reproduces the text', () => {
    const r = runIntake(
      'China on Friday added seven rare earths, including dysprosium, to its export control list. 商务部4日宣布，对镝实施出口管制。',
      { ...options, published: '2025-04-04' },
    );
    expect(IntakeResultSchema.safeParse(r).success).toBe(true);
    for (const e of r.events) for (const v of e.evidence) expect(r.text.slice(v.start, v.end)).toBe(v.text);
    for (const e of r.entities) expect(r.text.slice(e.span.start, e.span.end)).toBe(e.span.text);
    expect(r.events.map((e) => [e.type, e.fields.action, e.fields.date, e.links.measures])).toEqual([
      ['export_control', 'new', '2025-04-04', ['CN-EC-2025-18']],
    ]);
  });

  it('turns an export control the regime does not know into a draft measure', () => {
    const r = runIntake('On 2 March 2027 China imposed export controls on cobalt to Japan.', {
      ...options,
      published: '2027-03-02',
    });
    expect(r.events[0]?.links).toEqual({
      measures: [],
      scenarios: [],
      frameworks: [],
      draft: {
        issuer: 'CHN',
        agencies: [],
        action: 'new',
        announceDate: '2027-03-02',
        items: ['cobalt'],
        destinations: ['JPN'],
        instrument: null,
      },
    });
  });

  it('weighs an event seen only in an embedded post at half', () => {
    const html =
      '<html><body><p>Markets were calm.</p><blockquote class="twitter-tweet">China suspended its export controls on gallium today.</blockquote></body></html>';
    const r = runIntake(html, { ...options, published: '2025-11-09', minConfidence: 0 });
    const e = r.events[0] as IntakeEvent;
    expect(e.evidence.map((v) => v.kind)).toEqual(['embed']);
    expect(e.confidence).toBe(0.4);
    expect(runIntake(html, { ...options, published: '2025-11-09' }).events).toEqual([]);
  });

  it('keeps a measure told as the cause of the news ("since …") as background only', () => {
    const text = "Since China's October 9 restrictions on rare earths, magnet prices have risen, traders said.";
    expect(runIntake(text, { ...options, published: '2025-11-20' }).events).toEqual([]);
    const all = runIntake(text, { ...options, published: '2025-11-20', minConfidence: 0 }).events;
    expect(all.map((e) => [e.type, e.background, e.confidence])).toEqual([['export_control', true, 0.28]]);
  });

  it('links a dated measure to a regulation that covers every controlled item', () => {
    const r = runIntake('The State Council published export control regulations for dual-use items on Saturday.', {
      ...options,
      published: '2024-10-20',
    });
    expect(r.events.map((e) => [e.fields.date, e.links.measures])).toEqual([['2024-10-19', ['CN-REG-2024-DUAL']]]);
  });

  it('links a reported signing to the framework of the tracker', () => {
    const frameworks = [{ id: 'us-jp-2025', parties: ['USA', 'JPN'], signedOn: '2025-10-28' }];
    const text = '日米両政府は28日、東京で重要鉱物の枠組みに署名した。';
    const linked = (published: string) =>
      runIntake(text, { ...options, regime: { ...options.regime, frameworks }, published }).events.map(
        (e) => e.links.frameworks,
      );
    expect(linked('2025-10-28')).toEqual([['us-jp-2025']]);
    expect(
      runIntake(text.replace('日米', '日豪'), {
        ...options,
        regime: { ...options.regime, frameworks },
        published: '2025-10-28',
      }).events.map((e) => e.links.frameworks),
    ).toEqual([[]]);
  });

  it('lets a stage be replaced', () => {
    const r = runIntake('anything', { ...options, stages: { events: () => [] } });
    expect(r.events).toEqual([]);
  });

  it('reads 10 MB of text in bounded time with a correct result', () => {
    const para =
      'Analysts said markets were calm on Tuesday. China on Friday imposed export controls on gallium, the ministry said. ';
    const text = para.repeat(Math.ceil((10 * 1024 * 1024) / para.length));
    const t0 = performance.now();
    const r = runIntake(text, { ...options, published: '2025-04-04' });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(60_000);
    expect(r.events.map((e) => e.type)).toEqual(['export_control']);
    expect(r.events[0]?.evidence.length).toBe(12);
  }, 90_000);

  it.each([
    ['a megabyte of one letter', 'a'.repeat(1_000_000)],
    ['a megabyte of digits', '1'.repeat(1_000_000)],
    ['a megabyte of Arabic without spaces', 'ال'.repeat(500_000)],
    ['a megabyte of Han without punctuation', '中国稀土出口管制'.repeat(125_000)],
    ['nested tags', '<div>'.repeat(200_000)],
    ['repeated number lists', 'No. 1, 2, 3, 4, 5, 6, 7, 8, '.repeat(40_000)],
  ])(
    'does not hang on %s',
    (_name, text) => {
      const t0 = performance.now();
      runIntake(text, { ...options, published: '2025-01-01' });
      expect(performance.now() - t0).toBeLessThan(20_000);
    },
    30_000,
  );

  it('never throws on arbitrary text, and every span points into the normalised text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
        const r = runIntake(s, { ...options, published: '2025-10-30', minConfidence: 0 });
        for (const e of r.entities) expect(r.text.slice(e.span.start, e.span.end)).toBe(e.span.text);
        for (const e of r.events) for (const v of e.evidence) expect(r.text.slice(v.start, v.end)).toBe(v.text);
      }),
      { numRuns: 100 },
    );
  });
});
