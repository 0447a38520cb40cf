import type { LinearProgram } from './linear-program.ts';

const num = (v: number): string => {
  if (!Number.isFinite(v)) throw new Error(`cannot write ${v} as an MPS number`);
  return String(v);
};

/**
 * Writes a programme as free-format MPS (integer columns between MARKER lines, every integer column with
 * explicit bounds), for other solvers such as CBC to read. Names must contain no spaces.
 */
export function toMps(lp: LinearProgram, name = 'lodestone'): string {
  const rowName = (i: number) => lp.rowNames[i] ?? `r${i}`;
  const colName = (j: number) => lp.colNames[j] ?? `c${j}`;
  for (const n of [...lp.rowNames, ...lp.colNames, name])
    if (/\s/.test(n) || n === '') throw new Error(`MPS names cannot be empty or hold spaces: "${n}"`);
  const lines: string[] = [`NAME ${name}`, 'ROWS', ' N obj'];
  const rhs: string[] = [];
  const ranges: string[] = [];
  for (let i = 0; i < lp.rowLower.length; i++) {
    const lo = lp.rowLower[i] ?? -Infinity;
    const up = lp.rowUpper[i] ?? Infinity;
    const r = rowName(i);
    if (lo === up) {
      lines.push(` E ${r}`);
      if (lo !== 0) rhs.push(`    rhs ${r} ${num(lo)}`);
    } else if (Number.isFinite(up)) {
      lines.push(` L ${r}`);
      if (up !== 0) rhs.push(`    rhs ${r} ${num(up)}`);
      if (Number.isFinite(lo)) ranges.push(`    rng ${r} ${num(up - lo)}`);
    } else if (Number.isFinite(lo)) {
      lines.push(` G ${r}`);
      if (lo !== 0) rhs.push(`    rhs ${r} ${num(lo)}`);
    } else lines.push(` N ${r}`);
  }
  // The matrix is stored by rows; MPS wants it by columns.
  const byCol: [number, number][][] = lp.colCost.map(() => []);
  for (let i = 0; i < lp.rowLower.length; i++)
    for (let k = lp.starts[i] ?? 0; k < (lp.starts[i + 1] ?? 0); k++)
      byCol[lp.indices[k] as number]?.push([i, lp.values[k] as number]);
  lines.push('COLUMNS');
  let inInteger = false;
  let marker = 0;
  for (let j = 0; j < lp.colCost.length; j++) {
    const isInteger = lp.integer?.[j] ?? false;
    if (isInteger !== inInteger) {
      lines.push(`    M${marker++} 'MARKER' '${isInteger ? 'INTORG' : 'INTEND'}'`);
      inInteger = isInteger;
    }
    const c = colName(j);
    const cost = lp.colCost[j] ?? 0;
    const entries = byCol[j] ?? [];
    if (cost !== 0 || entries.length === 0) lines.push(`    ${c} obj ${num(cost)}`);
    for (const [i, v] of entries) lines.push(`    ${c} ${rowName(i)} ${num(v)}`);
  }
  if (inInteger) lines.push(`    M${marker} 'MARKER' 'INTEND'`);
  lines.push('RHS', ...rhs);
  if (ranges.length > 0) lines.push('RANGES', ...ranges);
  lines.push('BOUNDS');
  for (let j = 0; j < lp.colCost.length; j++) {
    const lo = lp.colLower[j] ?? 0;
    const up = lp.colUpper[j] ?? Infinity;
    const c = colName(j);
    const isInteger = lp.integer?.[j] ?? false;
    if (lo === up) {
      lines.push(` FX bnd ${c} ${num(lo)}`);
      continue;
    }
    if (!Number.isFinite(lo) && !Number.isFinite(up)) {
      lines.push(` FR bnd ${c}`);
      continue;
    }
    if (!Number.isFinite(lo)) lines.push(` MI bnd ${c}`);
    else if (lo !== 0 || isInteger) lines.push(` LO bnd ${c} ${num(lo)}`);
    if (Number.isFinite(up)) lines.push(` UP bnd ${c} ${num(up)}`);
    else if (isInteger) lines.push(` PL bnd ${c}`);
  }
  lines.push('ENDATA', '');
  return lines.join('\n');
}
