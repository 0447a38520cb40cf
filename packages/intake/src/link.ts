/**
 * The link stage: an export-control event is tied to the regime's measures by the instrument numbers it
 * quotes, else by its date and items; the scenarios built on those measures follow. An event the regime
 * does not know becomes a draft measure for review.
 */
import type { DraftMeasure, IntakeEvent } from './model.ts';

/** The parts of the bundled dataset the link stage reads (a `Dataset` fits). */
export interface RegimeReference {
  readonly exportControls: readonly {
    readonly id: string;
    readonly announceDate: string;
    readonly instrument: string;
    readonly commodities: readonly string[];
    readonly measureType: string;
  }[];
  readonly regimeEvents: readonly { readonly measureId: string; readonly instrument: string | null }[];
  /** The frameworks of the tracker, where the caller has them. */
  readonly frameworks?: readonly {
    readonly id: string;
    readonly parties: readonly string[];
    readonly signedOn: string;
  }[];
  readonly scenarios: readonly {
    readonly id: string;
    readonly measures: readonly (
      { readonly kind: 'regime'; readonly measureId: string } | { readonly kind: 'ad_hoc' }
    )[];
  }[];
}

const RARE_EARTH_ELEMENTS = new Set([
  'dysprosium',
  'terbium',
  'samarium',
  'gadolinium',
  'lutetium',
  'scandium',
  'yttrium',
  'holmium',
  'erbium',
  'thulium',
  'europium',
  'ytterbium',
  'neodymium',
  'praseodymium',
  'lanthanum',
  'cerium',
  'ndpr',
]);

/** The measure tokens an extracted commodity may be written as in the regime table. */
function tokensOf(commodity: string): string[] {
  if (RARE_EARTH_ELEMENTS.has(commodity)) return [commodity, 'rare_earths'];
  if (commodity.startsWith('graphite')) return [commodity, 'graphite'];
  if (commodity === 'all_dual_use') return [commodity, 'all_dual_use_items'];
  return [commodity];
}

function instrumentKey(instrument: string): string | null {
  const m = /No\. (\d+) of (\d{4})/.exec(instrument);
  return m ? `${Number(m[1])}/${m[2]}` : null;
}

/** Item tokens of measures that cover every item (the dual-use list, all dual-use items to one country). */
const CATCH_ALL = new Set(['all_controlled_items', 'all_dual_use_items']);

/** How far back a measure may be announced to match an undated report of it. */
const RECENT_DAYS = 14;

const dayDiff = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

/** An agreement between the same parties signed within a few days of the event (or, undated, of publication). */
function linkAgreement(event: IntakeEvent, regime: RegimeReference, published: string | null): IntakeEvent {
  const parties = new Set(event.fields.parties);
  const day = event.fields.date?.length === 10 ? event.fields.date : published;
  const frameworks = (regime.frameworks ?? [])
    .filter(
      (f) =>
        f.parties.length === parties.size &&
        f.parties.every((p) => parties.has(p)) &&
        day !== null &&
        Date.parse(day) >= Date.parse(f.signedOn) - 86_400_000 &&
        dayDiff(f.signedOn, day) <= (day === event.fields.date ? 3 : FRAMEWORK_NEWS_DAYS),
    )
    .map((f) => f.id);
  return { ...event, links: { ...event.links, frameworks } };
}

/** How long after a signing an undated report is still taken to be news of it. */
const FRAMEWORK_NEWS_DAYS = 14;

/** Links one event to the regime (export controls) or the framework tracker (agreements). */
export function linkEvent(event: IntakeEvent, regime: RegimeReference, published: string | null): IntakeEvent {
  if (event.type === 'agreement') return linkAgreement(event, regime, published);
  if (event.type !== 'export_control') return event;
  const f = event.fields;
  const year = (f.date ?? published ?? '').slice(0, 4);
  const wanted = new Set(f.instruments.map((i) => (i.endsWith('/?') ? `${i.slice(0, -2)}/${year}` : i)));
  const byInstrument = regime.exportControls.filter((m) => {
    const k = instrumentKey(m.instrument);
    return k !== null && wanted.has(k);
  });
  const isChange = f.action === 'suspended' || f.action === 'lifted';
  const items = new Set(f.commodities.flatMap(tokensOf));
  const byDate =
    f.date !== null && f.date.length === 10
      ? regime.exportControls.filter(
          (m) =>
            dayDiff(m.announceDate, f.date as string) <= 1 &&
            (m.measureType === 'suspension') === isChange &&
            (items.size === 0 || isChange || m.commodities.some((c) => items.has(c) || CATCH_ALL.has(c))),
        )
      : [];
  // Without a date or a number, a measure announced in the fortnight before publication with the same items.
  const recent =
    byInstrument.length === 0 && f.date === null && published !== null && items.size > 0
      ? regime.exportControls.filter(
          (m) =>
            m.announceDate <= published &&
            dayDiff(m.announceDate, published) <= RECENT_DAYS &&
            (m.measureType === 'suspension') === isChange &&
            m.commodities.some((c) => items.has(c)),
        )
      : [];
  let measures = unique([...byInstrument, ...byDate, ...recent].map((m) => m.id));
  // A suspension links the measures it suspends as well.
  if (isChange) {
    const suspended = regime.regimeEvents
      .filter((e) => e.instrument !== null && measures.includes(e.instrument))
      .map((e) => e.measureId);
    measures = unique([...measures, ...suspended]);
  }
  const scenarios = regime.scenarios
    .filter((s) => s.measures.some((m) => m.kind === 'regime' && measures.includes(m.measureId)))
    .map((s) => s.id);
  const draft: DraftMeasure | null =
    measures.length > 0
      ? null
      : {
          issuer: f.issuerOrHost,
          agencies: f.organisations,
          action: f.action ?? 'new',
          announceDate: f.date !== null && f.date.length === 10 ? f.date : null,
          items: f.commodities,
          destinations: f.parties,
          instrument: f.instruments[0] ?? null,
        };
  return { ...event, links: { measures, scenarios, frameworks: [], draft } };
}

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];
