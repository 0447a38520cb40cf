import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  label: string;
  numeric?: boolean;
  cell: (row: T) => ReactNode;
}

/** A plain, scrollable table; numeric columns right-aligned. */
export function DataTable<T>({
  columns,
  rows,
  caption,
  rowKey,
  name,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  caption?: string;
  rowKey: (row: T, index: number) => string;
  name?: string;
}) {
  return (
    <div className="table-scroll">
      <table data-table={name}>
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined} data-col={c.key}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
