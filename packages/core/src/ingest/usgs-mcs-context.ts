import type { CommodityKey } from '../model/commodity.ts';
import type { SourceId } from '../model/source.ts';
import type { Metric, Stage } from '../model/stage.ts';
import type { Unit } from '../model/unit.ts';
import type { Gazetteer } from './country-names.ts';

/** How one published USGS measure maps onto a Lodestone series (a row of a series catalog). */
export interface UsgsSeriesRule {
  readonly usgsCommodity: string;
  readonly usgsType: string;
  /** When set, the rule applies to this row label only and wins over the general rule. */
  readonly rowLabel: string | null;
  /** `null` for rows deliberately left out (a subtotal, a duplicate); `note` says why. */
  readonly commodity: CommodityKey | null;
  readonly stage: Stage;
  /** The unit stored: the published one, or its correction where the release mislabels it. */
  readonly unit: Unit;
  /** The unit the release prints in UNIT_MEAS for this measure. */
  readonly publishedUnit: Unit;
  /** The unit of the reserves column, which for some measures differs from production's. */
  readonly reservesUnit: Unit;
  /** False where the release's reserves column holds something else for this measure. */
  readonly hasReserves: boolean;
  /** What the production columns hold for this measure (USGS puts some capacities there). */
  readonly valuesAre: Extract<Metric, 'production' | 'capacity'>;
  readonly basis: string;
  readonly note: string | null;
}

/** What an importer of a USGS release needs besides the file's text. */
export interface UsgsImportContext {
  readonly file: string;
  readonly source: SourceId;
  readonly gazetteer: Gazetteer;
  readonly series: readonly UsgsSeriesRule[];
}
