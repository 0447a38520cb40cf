/**
 * Builds data/derived/dataset.json from data/catalog and data/sources.
 * `--verify` rebuilds in memory and fails when the committed file is stale or the data check fails.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildDataset, checkDataset, DatasetSchema, failingIssues, formatImportIssue } from '@lodestone/core';
import { z } from 'zod';
import { BUNDLED_DATASET, readBundleInput } from '../packages/cli/src/data/bundle-files.ts';
import { stringifyDataset } from '../packages/cli/src/data/dataset-json.ts';

const verify = process.argv.includes('--verify');
const built = buildDataset(readBundleInput());
if (!built.ok) {
  for (const issue of built.error) console.error(formatImportIssue(issue));
  console.error(`${built.error.length} problem(s); nothing written.`);
  process.exit(1);
}
const checked = checkDataset(built.value);
const problems = failingIssues(checked);
for (const a of checked.filter((i) => i.accepted !== undefined))
  console.log(`accepted: ${a.where}: ${a.message}; ${a.accepted}`);
if (problems.length > 0) {
  for (const p of problems) console.error(`${p.where}: ${p.message} (${p.code})`);
  console.error(`data check: ${problems.length} problem(s); nothing written.`);
  process.exit(1);
}
const text = stringifyDataset(built.value);
// The dataset's JSON Schema, generated from the zod schema, for users who read the file with other tools.
const schemaPath = BUNDLED_DATASET.replace(/\.json$/, '.schema.json');
const schemaText = `${JSON.stringify(z.toJSONSchema(DatasetSchema, { io: 'output', unrepresentable: 'any' }), null, 2)}\n`;
const summary = `${built.value.observations.length} observations, ${built.value.usSalient.length} US salient figures, ${built.value.sources.length} sources`;
if (verify) {
  const current = existsSync(BUNDLED_DATASET) ? readFileSync(BUNDLED_DATASET, 'utf8') : '';
  const currentSchema = existsSync(schemaPath) ? readFileSync(schemaPath, 'utf8') : '';
  if (current !== text || currentSchema !== schemaText) {
    console.error('data/derived/dataset.json or its schema is stale: run `npm run data:build` and commit the result.');
    process.exit(1);
  }
  console.log(`data/derived/dataset.json is up to date (${summary}).`);
} else {
  mkdirSync(dirname(BUNDLED_DATASET), { recursive: true });
  writeFileSync(BUNDLED_DATASET, text);
  writeFileSync(schemaPath, schemaText);
  console.log(`wrote data/derived/dataset.json: ${summary}.`);
}
