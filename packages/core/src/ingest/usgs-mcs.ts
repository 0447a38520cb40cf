import type { Observation } from '../model/observation.ts';
import { err, type Result } from '../result.ts';
import { cellText, type CsvTable } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import type { UsgsImportContext } from './usgs-mcs-context.ts';
import { isMcs2025Header, parseUsgsMcs2025 } from './usgs-mcs2025.ts';
import { isMcs2026Header, type Mcs2026SeriesRule, parseUsgsMcs2026 } from './usgs-mcs2026.ts';

/** The series catalogs of both layouts, and whether chapters with no rule at all may be skipped. */
export interface UsgsReleaseContext extends UsgsImportContext {
  readonly longRules: readonly Mcs2026SeriesRule[];
  /** Skip (and name) commodities the long-layout catalog does not map at all, instead of failing. */
  readonly skipUnmappedCommodities: boolean;
}

export interface UsgsReleaseRead {
  readonly layout: 'mcs2025-wide' | 'mcs2026-long';
  readonly observations: Observation[];
  /** Commodities of the release left out because the catalog maps none of their measures. */
  readonly skippedCommodities: readonly string[];
}

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Reads a USGS MCS world table in whichever layout its header shows. */
export function parseUsgsRelease(table: CsvTable, ctx: UsgsReleaseContext): Result<UsgsReleaseRead, ImportIssue[]> {
  if (isMcs2025Header(table.header)) {
    const read = parseUsgsMcs2025(table, ctx);
    return read.ok
      ? { ok: true, value: { layout: 'mcs2025-wide', observations: read.value, skippedCommodities: [] } }
      : read;
  }
  if (isMcs2026Header(table.header)) {
    const mapped = new Set(ctx.longRules.map((r) => fold(r.usgsCommodity)));
    const skipped = new Set<string>();
    const rows = ctx.skipUnmappedCommodities
      ? table.rows.filter((row) => {
          const commodity = cellText(row, 'Commodity');
          const keep = mapped.has(fold(commodity));
          if (!keep) skipped.add(commodity);
          return keep;
        })
      : table.rows;
    const read = parseUsgsMcs2026(
      { ...table, rows },
      { file: ctx.file, source: ctx.source, gazetteer: ctx.gazetteer, rules: ctx.longRules },
    );
    return read.ok
      ? {
          ok: true,
          value: { layout: 'mcs2026-long', observations: read.value, skippedCommodities: [...skipped].sort() },
        }
      : read;
  }
  return err([
    {
      code: 'unknown-layout',
      file: table.file,
      row: 1,
      message: `header matches no known USGS MCS layout (2025 wide, 2026 long): ${table.header.slice(0, 8).join(', ')}`,
    },
  ]);
}
