import { createHash } from 'node:crypto';
import type { Dataset } from '@lodestone/core';

/**
 * Serialises a dataset with one record per line, so a data change shows as a readable diff,
 * and stamps the version with a hash of the content.
 */
export function stringifyDataset(dataset: Omit<Dataset, 'version'> & { version: string }): string {
  const base = dataset.version.split('+')[0] ?? dataset.version;
  const body = (d: object): string =>
    `{\n${Object.entries(d)
      .map(([k, v]) =>
        Array.isArray(v)
          ? `  ${JSON.stringify(k)}: [${v.length === 0 ? '' : `\n${v.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  `}]`
          : `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
      )
      .join(',\n')}\n}\n`;
  const hash = createHash('sha256')
    .update(body({ ...dataset, version: base }))
    .digest('hex')
    .slice(0, 12);
  return body({ ...dataset, version: `${base}+${hash}` });
}
