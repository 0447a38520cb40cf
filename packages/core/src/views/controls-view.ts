// China's export-control regime as `lodestone controls --json` and `controls timeline --json` print it.
import { resolveCommodityName } from '../model/commodity.ts';
import type { Dataset } from '../model/dataset.ts';
import { type AfterSuspension, clausesAt, regimeAt, timeline, verdictFor } from '../regime/regime-at.ts';

type RegimeDataset = Pick<
  Dataset,
  'exportControls' | 'regimeClauses' | 'regimeEvents' | 'controlItems' | 'commodities' | 'commodityAliases'
>;

/** The date the regime data describe, used when none is asked for. */
export function regimeStatusDate(dataset: Pick<Dataset, 'exportControls'>): string {
  const asOf = dataset.exportControls[0]?.statusAsOf;
  return asOf ? `${asOf}-28` : '2026-11-28';
}

/** Every control item named in the regime's clauses. */
export const controlItemNames = (dataset: Pick<Dataset, 'regimeClauses'>): string[] => [
  ...new Set(dataset.regimeClauses.flatMap((c) => c.items)),
];

/** The item meant by `input`: a control item or a commodity key, name or alias; undefined when unknown. */
export function resolveControlItem(dataset: RegimeDataset, input: string): string | undefined {
  const direct = controlItemNames(dataset).find((i) => i === input.toLowerCase());
  return direct ?? resolveCommodityName(dataset, input);
}

export interface ControlsQuery {
  readonly date: string;
  readonly afterSuspension: AfterSuspension;
  readonly item?: string | undefined;
  readonly destination?: string | undefined;
  readonly endUser?: 'civil' | 'military' | undefined;
}

/** The verdicts for one item and destination (by end user), or every entry in force on the date. */
export function controlsView(dataset: RegimeDataset, q: ControlsQuery) {
  const { date, afterSuspension: after, item, destination } = q;
  if (item !== undefined && destination !== undefined) {
    const clauses = clausesAt(dataset, date, after);
    const verdicts = (q.endUser ? [q.endUser] : (['civil', 'military'] as const)).map((endUser) => ({
      endUser,
      ...verdictFor(clauses, item, destination, endUser),
    }));
    const first = verdicts[0];
    return {
      date,
      item,
      destination,
      afterSuspension: after,
      state: first?.state,
      measures: first?.measures,
      byEndUser: verdicts,
    };
  }
  const entries = regimeAt(dataset, date, after).filter(
    (e) =>
      (item === undefined || e.item === item) &&
      (destination === undefined || e.destination === 'all' || e.destination === destination),
  );
  return { date, afterSuspension: after, entries };
}

/** Each item's states over time for one destination and kind of end user. */
export function controlsTimelineView(
  dataset: RegimeDataset,
  q: {
    item?: string | undefined;
    destination?: string | undefined;
    endUser?: 'civil' | 'military' | undefined;
    afterSuspension: AfterSuspension;
  },
) {
  const items =
    q.item === undefined
      ? controlItemNames(dataset)
          .filter((i) => i !== 'all_dual_use')
          .sort()
      : [q.item];
  const destination = q.destination ?? 'all';
  const endUser = q.endUser ?? 'civil';
  return {
    destination,
    endUser,
    afterSuspension: q.afterSuspension,
    items: items.map((item) => ({
      item,
      segments: timeline(dataset, item, destination, endUser, q.afterSuspension),
    })),
  };
}
