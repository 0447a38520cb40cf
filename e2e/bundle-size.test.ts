import { describe, expect, it } from 'vitest';
import { bundleSizes, FIRST_LOAD_BUDGET_BYTES, formatBundleSizes } from '../packages/web/scripts/bundle-size.ts';
import { DIST_DIR, ensureWebBuild } from './support/web-build.ts';

describe('dashboard bundle', () => {
  it('keeps the first load within the gzip budget, pages and charts loaded on demand', { timeout: 120_000 }, () => {
    ensureWebBuild();
    const sizes = bundleSizes(DIST_DIR);
    console.log(formatBundleSizes(sizes));
    expect(sizes.firstLoadGzipBytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
    // ECharts and the world shapes must not be part of the first load.
    expect(sizes.firstLoad.some((f) => /echarts|world/.test(f.file))).toBe(false);
    expect(sizes.lazy.some((f) => /echarts-setup/.test(f.file))).toBe(true);
  });
});
