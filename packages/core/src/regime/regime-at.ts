/**
 * The export-control regime on a date: which clause of which measure is in force, suspended, announced
 * or of unknown state, and what that means for an item sent to a destination.
 * See docs/methods/regime.md.
 */
import type { ExportControlMeasure } from '../model/export-control.ts';
import type { ClauseEffect, RegimeClause, RegimeEvent } from '../model/regime.ts';

/** What to assume once a suspension's window has ended and the data do not say what followed. */
export type AfterSuspension = 'unknown' | 'lapsed' | 'extended';

export type ClauseState = 'announced' | 'in_force' | 'suspended' | 'unknown' | 'lifted' | 'expired' | 'superseded';

export interface ClauseStatus {
  readonly measureId: string;
  readonly clause: string;
  readonly effect: ClauseEffect;
  readonly items: readonly string[];
  readonly destinationScope: RegimeClause['destinationScope'];
  readonly destination: string | null;
  readonly state: ClauseState;
  /** The date the current state began. */
  readonly since: string;
  /** Where the state has a known end (a suspension window). */
  readonly until: string | null;
  /** The instrument behind the state (the suspending announcement), if not the measure itself. */
  readonly instrument: string | null;
  /** For `unknown`: the date after which the data stop. */
  readonly unknownAfter: string | null;
}

/** Elements a clause naming `rare_earths` covers. */
const RARE_EARTH_ELEMENTS: ReadonlySet<string> = new Set([
  'rare_earths',
  'cerium',
  'dysprosium',
  'erbium',
  'europium',
  'gadolinium',
  'holmium',
  'lanthanum',
  'lutetium',
  'neodymium',
  'ndpr',
  'praseodymium',
  'samarium',
  'scandium',
  'terbium',
  'thulium',
  'ytterbium',
  'yttrium',
]);

/** The state of one clause on a date, or `undefined` before its measure was announced. */
export function clauseStatusAt(
  measure: Pick<ExportControlMeasure, 'id' | 'announceDate' | 'effectiveDate'>,
  clause: RegimeClause,
  events: readonly RegimeEvent[],
  date: string,
  after: AfterSuspension = 'unknown',
): ClauseStatus | undefined {
  const base = {
    measureId: clause.measureId,
    clause: clause.clause,
    effect: clause.effect,
    items: clause.items,
    destinationScope: clause.destinationScope,
    destination: clause.destination,
  };
  const announced = measure.announceDate ?? measure.effectiveDate;
  if (announced === null || date < announced) return undefined;
  const effective = measure.effectiveDate;
  if (effective === null || date < effective)
    return { ...base, state: 'announced', since: announced, until: effective, instrument: null, unknownAfter: null };
  const mine = events
    .filter(
      (e) => e.measureId === clause.measureId && (e.clause === '*' || e.clause === clause.clause) && e.from <= date,
    )
    .sort((a, b) => b.from.localeCompare(a.from));
  const latest = mine[0];
  if (latest === undefined)
    return { ...base, state: 'in_force', since: effective, until: null, instrument: null, unknownAfter: null };
  if (latest.event !== 'suspended')
    return {
      ...base,
      state: latest.event,
      since: latest.from,
      until: null,
      instrument: latest.instrument,
      unknownAfter: null,
    };
  if (latest.until === null || date <= latest.until)
    return {
      ...base,
      state: 'suspended',
      since: latest.from,
      until: latest.until,
      instrument: latest.instrument,
      unknownAfter: null,
    };
  // The window has closed and the data say nothing more: the user's assumption decides.
  if (after === 'lapsed')
    return {
      ...base,
      state: 'in_force',
      since: nextDay(latest.until),
      until: null,
      instrument: null,
      unknownAfter: null,
    };
  if (after === 'extended')
    return {
      ...base,
      state: 'suspended',
      since: latest.from,
      until: null,
      instrument: latest.instrument,
      unknownAfter: null,
    };
  return {
    ...base,
    state: 'unknown',
    since: nextDay(latest.until),
    until: null,
    instrument: latest.instrument,
    unknownAfter: latest.until,
  };
}

/** The ISO date `days` after (or before) `date`. */
function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const nextDay = (date: string): string => shiftDay(date, 1);

/** How binding an effect is, so the strongest clause in force decides an item's state. */
const SEVERITY: Readonly<Record<ClauseEffect, number>> = {
  banned: 7,
  denied: 6,
  technology_banned: 5,
  licence_required: 4,
  de_minimis_licence_required: 3,
  technology_restricted: 2,
  framework: 1,
  domestic_quota: 0,
};

export type RegimeState = ClauseEffect | 'suspended' | 'unknown' | 'announced' | 'none';

export interface RegimeVerdict {
  readonly state: RegimeState;
  /** The clauses behind the state: the binding ones, or the suspended/unknown/announced ones when none binds. */
  readonly measures: readonly ClauseStatus[];
  /** Stronger clauses whose state is unknown (a suspension ended and the data stop there). */
  readonly unresolved: readonly ClauseStatus[];
}

export interface RegimeData {
  readonly exportControls: readonly Pick<ExportControlMeasure, 'id' | 'announceDate' | 'effectiveDate' | 'issuers'>[];
  readonly regimeClauses: readonly RegimeClause[];
  readonly regimeEvents: readonly RegimeEvent[];
}

/** Every clause announced by `date`, with its state. */
export function clausesAt(data: RegimeData, date: string, after: AfterSuspension = 'unknown'): ClauseStatus[] {
  return data.regimeClauses.flatMap((c) => {
    const measure = data.exportControls.find((m) => m.id === c.measureId);
    const status = measure ? clauseStatusAt(measure, c, data.regimeEvents, date, after) : undefined;
    return status ? [status] : [];
  });
}

/** Whether a clause names the item (or all dual-use items, or rare earths as a whole for an element). */
export function clauseCoversItem(items: readonly string[], item: string): boolean {
  return (
    items.includes(item) ||
    items.includes('all_dual_use') ||
    (items.includes('rare_earths') && RARE_EARTH_ELEMENTS.has(item))
  );
}

/** The state for an item sent to a destination, for civil or military end users. */
export function verdictFor(
  clauses: readonly ClauseStatus[],
  item: string,
  destination: string,
  endUser: 'civil' | 'military',
): RegimeVerdict {
  // A framework regulation or a domestic quota sets context; it decides nothing about a shipment on its own.
  const applicable = clauses.filter(
    (c) =>
      c.effect !== 'framework' &&
      c.effect !== 'domestic_quota' &&
      clauseCoversItem(c.items, item) &&
      (c.destinationScope === 'all' ||
        (c.destinationScope === 'country' && c.destination === destination) ||
        (c.destinationScope === 'military_end_users' && endUser === 'military' && c.destination === destination)),
  );
  const inForce = applicable
    .filter((c) => c.state === 'in_force')
    .sort((a, b) => SEVERITY[b.effect] - SEVERITY[a.effect]);
  const strongest = inForce[0];
  if (strongest)
    return {
      state: strongest.effect,
      measures: inForce.filter((c) => SEVERITY[c.effect] === SEVERITY[strongest.effect]),
      unresolved: applicable.filter((c) => c.state === 'unknown' && SEVERITY[c.effect] > SEVERITY[strongest.effect]),
    };
  for (const state of ['unknown', 'suspended', 'announced'] as const) {
    const matching = applicable.filter((c) => c.state === state);
    if (matching.length > 0) return { state, measures: matching, unresolved: [] };
  }
  return { state: 'none', measures: [], unresolved: [] };
}

export interface RegimeEntry {
  readonly item: string;
  readonly destination: string;
  readonly endUser: 'civil' | 'military';
  readonly verdict: RegimeVerdict;
}

/** The regime on a date for every item and destination the measures name (destination "all" for everyone else). */
export function regimeAt(data: RegimeData, date: string, after: AfterSuspension = 'unknown'): RegimeEntry[] {
  const clauses = clausesAt(data, date, after);
  const items = [...new Set(clauses.flatMap((c) => c.items))].sort();
  const destinations = ['all', ...new Set(clauses.flatMap((c) => (c.destination === null ? [] : [c.destination])))];
  const entries: RegimeEntry[] = [];
  for (const item of items)
    for (const destination of destinations)
      for (const endUser of ['civil', 'military'] as const) {
        if (destination === 'all' && endUser === 'military') continue;
        const verdict = verdictFor(clauses, item, destination, endUser);
        if (verdict.state !== 'none') entries.push({ item, destination, endUser, verdict });
      }
  return entries;
}

export interface TimelineSegment {
  readonly from: string;
  /** The last day of the segment; `null` while it lasts. */
  readonly to: string | null;
  readonly verdict: RegimeVerdict;
}

/** The dates on which any clause can change state. */
function changeDates(data: RegimeData): string[] {
  const dates = new Set<string>();
  for (const m of data.exportControls) {
    if (m.announceDate) dates.add(m.announceDate);
    if (m.effectiveDate) dates.add(m.effectiveDate);
  }
  for (const e of data.regimeEvents) {
    dates.add(e.from);
    if (e.until) dates.add(nextDay(e.until));
  }
  return [...dates].sort();
}

/** An item's states over time for one destination and end user, as contiguous segments. */
export function timeline(
  data: RegimeData,
  item: string,
  destination: string,
  endUser: 'civil' | 'military',
  after: AfterSuspension = 'unknown',
): TimelineSegment[] {
  const segments: { from: string; verdict: RegimeVerdict }[] = [];
  for (const date of changeDates(data)) {
    const verdict = verdictFor(clausesAt(data, date, after), item, destination, endUser);
    const key = (v: RegimeVerdict) =>
      `${v.state}|${[...v.measures, ...v.unresolved].map((m) => `${m.measureId}:${m.clause}:${m.state}`).join(',')}`;
    const last = segments[segments.length - 1];
    if (last && key(last.verdict) === key(verdict)) continue;
    segments.push({ from: date, verdict });
  }
  return segments
    .map((s, i) => {
      const next = segments[i + 1];
      return { from: s.from, to: next ? shiftDay(next.from, -1) : null, verdict: s.verdict };
    })
    .filter((s, i, all) => s.verdict.state !== 'none' || all.slice(0, i).some((p) => p.verdict.state !== 'none'));
}
