import type { Observation } from '../model/observation.ts';
import { err, type Result } from '../result.ts';
import type { CsvTable } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import type { UsgsImportContext } from './usgs-mcs-context.ts';
import { isMcs2025Header, parseUsgsMcs2025 } from './usgs-mcs2025.ts';

/** Reads a USGS MCS world table in whichever layout its header shows. */
export function parseUsgsRelease(table: CsvTable, ctx: UsgsImportContext): Result<Observation[], ImportIssue[]> {
  if (isMcs2025Header(table.header)) return parseUsgsMcs2025(table, ctx);
  return err([
    {
      code: 'unknown-layout',
      file: table.file,
      row: 1,
      message: `header matches no known USGS MCS layout: ${table.header.slice(0, 8).join(', ')}`,
    },
  ]);
}
