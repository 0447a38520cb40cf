import type { Dataset } from '../model/dataset.ts';
import type { Observation } from '../model/observation.ts';
import type { Source } from '../model/source.ts';
import type { UsSalientStatistic } from '../model/us-salient.ts';

/** A newly read data release: its figures and the source record they cite. */
export interface Release {
  readonly sources: readonly Source[];
  readonly observations: readonly Observation[];
  readonly usSalient: readonly UsSalientStatistic[];
}

export interface MergeSummary {
  readonly added: number;
  readonly replaced: number;
  readonly years: readonly number[];
}

const cellKey = (o: Observation): string => `${o.commodity}|${o.stage}|${o.metric}|${o.year}`;

/**
 * Lays a release over a dataset: for every commodity, stage, metric and year the release covers, its
 * figures replace the older ones whole (a later edition revises a year as a set); the rest is kept.
 */
export function mergeRelease(dataset: Dataset, release: Release): { dataset: Dataset; summary: MergeSummary } {
  const covered = new Set(release.observations.map(cellKey));
  const kept = dataset.observations.filter((o) => !covered.has(cellKey(o)));
  const salientKey = (s: UsSalientStatistic): string => `${s.usgsCommodity}|${s.statistic}|${s.year}`;
  const salientCovered = new Set(release.usSalient.map(salientKey));
  const sourceIds = new Set(release.sources.map((s) => s.id));
  return {
    dataset: {
      ...dataset,
      sources: [...dataset.sources.filter((s) => !sourceIds.has(s.id)), ...release.sources].sort((a, b) =>
        a.id.localeCompare(b.id),
      ),
      observations: [...kept, ...release.observations],
      usSalient: [...dataset.usSalient.filter((s) => !salientCovered.has(salientKey(s))), ...release.usSalient],
    },
    summary: {
      added: release.observations.length,
      replaced: dataset.observations.length - kept.length,
      years: [...new Set(release.observations.map((o) => o.year))].sort(),
    },
  };
}
