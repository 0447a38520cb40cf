// Prints every chunk of the dashboard's build with its gzip size and fails when the first load (the
// scripts and styles index.html loads before any page is chosen) is above the budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** First-load budget in bytes (gzip): 300 kB. */
export const FIRST_LOAD_BUDGET_BYTES = 300_000;

export interface BundleSizes {
  firstLoad: { file: string; gzipBytes: number }[];
  lazy: { file: string; gzipBytes: number }[];
  firstLoadGzipBytes: number;
}

const gzipBytes = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** The gzip size of each file of a build, split into what index.html loads and what pages load later. */
export function bundleSizes(distDir: string): BundleSizes {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const referenced = new Set(
    [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '').filter(Boolean),
  );
  const files = readdirSync(join(distDir, 'assets'))
    .filter((f) => /\.(js|css|json|wasm)$/.test(f))
    .map((f) => `assets/${f}`);
  const sized = files.map((file) => ({ file, gzipBytes: gzipBytes(join(distDir, file)) }));
  const firstLoad = [{ file: 'index.html', gzipBytes: gzipBytes(join(distDir, 'index.html')) }].concat(
    sized.filter((s) => referenced.has(s.file)),
  );
  return {
    firstLoad,
    lazy: sized.filter((s) => !referenced.has(s.file)).sort((a, b) => b.gzipBytes - a.gzipBytes),
    firstLoadGzipBytes: firstLoad.reduce((s, f) => s + f.gzipBytes, 0),
  };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1).padStart(7)} kB`;

/** The report the script prints. */
export function formatBundleSizes(sizes: BundleSizes): string {
  return [
    'first load (gzip):',
    ...sizes.firstLoad.map((f) => `  ${kB(f.gzipBytes)}  ${f.file}`),
    `  ${kB(sizes.firstLoadGzipBytes)}  total (budget ${kB(FIRST_LOAD_BUDGET_BYTES).trim()})`,
    'loaded on demand (gzip):',
    ...sizes.lazy.map((f) => `  ${kB(f.gzipBytes)}  ${f.file}`),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = bundleSizes(fileURLToPath(new URL('../dist', import.meta.url)));
  console.log(formatBundleSizes(sizes));
  if (sizes.firstLoadGzipBytes > FIRST_LOAD_BUDGET_BYTES) {
    console.error(`first load ${kB(sizes.firstLoadGzipBytes).trim()} is above the budget`);
    process.exitCode = 1;
  }
}
