/** One field that changed between two versions of a record; `null` before means added, after means removed. */
export interface FieldChange {
  /** JSON path of the field, e.g. `$.financing[1].amount.amount`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function diffAt(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      diffAt(i < before.length ? before[i] : undefined, i < after.length ? after[i] : undefined, `${path}[${i}]`, out);
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) diffAt(before[k], after[k], `${path}.${k}`, out);
    return;
  }
  if (before === after || (Number.isNaN(before) && Number.isNaN(after))) return;
  out.push({ path, before: before ?? null, after: after ?? null });
}

/** The leaf fields that differ between two records, in a stable order (objects by key, arrays by index). */
export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  diffAt(before, after, '$', out);
  return out;
}
